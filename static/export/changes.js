// What changed between two years in the static export: the rule of layers/_changes.py (`record_changes`), applied to
// the rows Python prepared (layers._filters.browser_rows). tests/test_frontend.py runs both on the same years.
(function (root) {
  "use strict";
  const F = root.wbFilters || require("./filters.js");
  const KINDS = ["started", "ended", "between", "status"];
  const inYear = (r, y) => r.from !== null && r.from <= y && (r.to === null || y <= r.to);

  // `layers`: the layers shown as points (not a country colouring); returns [{id, layer, kind, before, after}]
  function changes(rows, first, second, layers, filters) {
    if (first > second) [first, second] = [second, first];
    const out = [];
    Object.keys(rows).forEach((id) => {
      const r = rows[id];
      if (!layers.includes(r.layer)) return;
      const then = inYear(r, first), now = inYear(r, second), status = r.status !== null && r.lifecycle;
      const between = !then && !now && r.from !== null && r.from > first && r.to !== null && r.to < second;
      const before = status ? F.statusIn(r, first) : "", after = status ? F.statusIn(r, second) : "";
      let kind = null;
      if (now && !then && F.keeps(r, filters, second)) kind = "started";
      else if (then && !now && F.keeps(r, filters, first)) kind = "ended";
      else if (between && F.keeps(r, filters, second)) kind = "between";
      else if (then && now && status && before !== after && F.keeps(r, filters, second)) kind = "status";
      if (kind) out.push({id: id, layer: r.layer, kind: kind, before: before, after: after});
    });
    return out.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));  // (stable: in the rows' order)
  }

  // the status a changed record's mark is drawn with (layers._changes.changes_plan): as in the second year, or as it
  // last was for one that ended or came and went
  function lastStatus(r, change) {
    if (r.status === null) return null;
    return change.kind === "started" || change.kind === "status" ? change.after : F.statusIn(r, r.to);
  }

  root.wbChanges = {changes: changes, lastStatus: lastStatus};
  if (typeof module === "object" && module.exports) module.exports = root.wbChanges;
})(typeof window === "undefined" ? globalThis : window);
