// The reader's filters in the static export: the rule of layers/_filters.py (`Filters.mask`), applied to the rows
// Python prepared (`browser_rows`: names already folded). tests/test_frontend.py runs both on every record.
(function (root) {
  "use strict";
  // layers._filters.folded: lower case, accents dropped, đ as d
  const fold = (text) => String(text).toLowerCase().replace(/đ/g, "d").normalize("NFKD").replace(/\p{M}/gu, "");

  function statusIn(row, year) {  // layers._filters.statuses_in for one row (layers._view.status_at)
    if (row.change && year !== null && year < row.change[0]) return row.change[1];
    return row.status;
  }

  function keeps(row, filters, year) {
    if (filters.countries.length && !row.countries.some((c) => filters.countries.includes(c))) return false;
    if (filters.kinds.length && !filters.kinds.includes(row.kind)) return false;
    for (const name of ["company", "financier"]) {
      const wanted = fold(filters[name] || "");
      if (wanted && !row[name].includes(wanted)) return false;
    }
    if (filters.statuses.length && (row.status === null || !filters.statuses.includes(statusIn(row, year)))) return false;
    if (filters.confidence.length && !filters.confidence.includes(row.confidence)) return false;
    return true;
  }

  const active = (filters) => Object.keys(filters).some((name) => filters[name].length > 0);

  root.wbFilters = {fold: fold, keeps: keeps, statusIn: statusIn, active: active};
  if (typeof module === "object" && module.exports) module.exports = root.wbFilters;
})(typeof window === "undefined" ? globalThis : window);
