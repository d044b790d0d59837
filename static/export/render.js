// Renders the view models Python builds (layers/_panel.py) into DOM nodes, as the app's templates render them into
// HTML (layers/templates/record.html): text goes in as text, links only to http(s) addresses, in a new tab told
// nothing. `make(tag, text, cls)` creates an element (document.createElement in the page; a stand-in in the tests).
(function (root) {
  "use strict";
  const SAFE = /^https?:\/\/[^\s"'<>]+$/;

  function renderer(make, words) {
    function link(text, url) {
      if (!url || !SAFE.test(url)) return make("span", text);
      const a = make("a", text);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer nofollow";
      return a;
    }
    function rich(runs) {  // plain strings and [text, url] links, in order
      const box = make("span");
      (runs || []).forEach((r) => box.appendChild(typeof r === "string" ? make("span", r) : link(r[0], r[1])));
      return box;
    }
    function source(s) {
      const box = make("span");
      box.appendChild(link(s.publisher, s.url));
      if (s.host) { box.appendChild(make("span", " ")); box.appendChild(make("small", "(" + s.host + ")", "wb-host")); }
      return box;
    }
    function facts(rows) {
      const table = make("table", undefined, "wb-facts");
      rows.forEach((f) => {
        const tr = table.appendChild(make("tr"));
        tr.appendChild(make("th", f.label));
        const td = tr.appendChild(make("td"));
        td.appendChild(rich(f.value));
        if (f.basis) {
          td.appendChild(make("br"));
          const small = td.appendChild(make("small", words.basis + ": "));
          small.appendChild(rich(f.basis));
        }
      });
      return table;
    }
    function labelled(word, text) {
      const p = make("p");
      p.appendChild(make("b", word + ":"));
      p.appendChild(make("span", " " + text));
      return p;
    }
    function record(v) {
      const box = make("div");
      box.appendChild(make("h3", v.title, "wb-title"));
      if (v.note) box.appendChild(make("p", v.note, "wb-note"));
      box.appendChild(facts(v.facts));
      if (v.figures.length) {
        box.appendChild(make("h4", words.figures));
        const list = box.appendChild(make("ul", undefined, "wb-figures"));
        v.figures.forEach((f) => {
          const li = list.appendChild(make("li"));
          li.appendChild(make("b", f.amount));
          li.appendChild(make("span", ": " + f.label + (f.as_of ? " (" + f.as_of + ")" : "") + ". "));
          li.appendChild(source(f.source));
          li.appendChild(make("span", ", " + f.published + "; " + f.confidence));
          if (f.notes) { li.appendChild(make("br")); li.appendChild(make("small", f.notes)); }
        });
      }
      box.appendChild(labelled(words.confidence, v.confidence.word + " – " + v.confidence.meaning));
      if (v.location) {
        const p = box.appendChild(labelled(words.location, v.location.word + " – " + v.location.meaning));
        if (v.location.coord_source) {
          p.appendChild(make("br"));
          const small = p.appendChild(make("small", words.coord_source + ": ", "wb-coords"));
          small.appendChild(rich(v.location.coord_source));
        }
      }
      if (v.notes) box.appendChild(labelled(words.notes, v.notes));
      box.appendChild(make("h4", words.sources));
      const list = box.appendChild(make("ol", undefined, "wb-sources"));
      v.sources.forEach((s) => {
        const li = list.appendChild(make("li"));
        li.appendChild(source(s));
        li.appendChild(make("span", ", " + s.published + (s.primary ? " (" + words.primary + ")" : s.note ? ": " + s.note : "")));
      });
      return box;
    }
    function table(v) {  // the six countries side by side (layers/_compare.py builds `v`; templates/compare.html)
      const box = make("div", undefined, "wb-compare-box"), t = box.appendChild(make("table", undefined, "wb-compare"));
      const head = t.appendChild(make("thead")).appendChild(make("tr"));
      v.head.forEach((h) => { const th = head.appendChild(make("th", h)); th.scope = "col"; });
      const body = t.appendChild(make("tbody"));
      v.rows.forEach((row) => {
        const tr = body.appendChild(make("tr")), th = tr.appendChild(make("th", row.country));
        th.scope = "row";
        row.status.concat(row.counts).forEach((c, i) => {
          const td = tr.appendChild(make("td", c.text, i < row.status.length ? undefined : "wb-count"));
          if (c.note) { td.appendChild(make("span", " ")); td.appendChild(make("small", "(" + c.note + ")")); }
        });
      });
      return box;
    }
    return {rich: rich, facts: facts, record: record, table: table};
  }
  root.wbRenderer = renderer;
  if (typeof module === "object" && module.exports) module.exports = renderer;
})(typeof window === "object" ? window : globalThis);
