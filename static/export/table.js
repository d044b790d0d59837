// The records' table of the static export: the app's columns (layers/_table.py), sortable by each heading (a button,
// with aria-sort on its column), a record's name a button that opens it. Cells are set as text only.
(function (root) {
  "use strict";
  const NUMBERS = ["since", "eur", "usd"];

  // `columns`: [[name, title]]; `rows`: [[id, cells...]] in the columns' order; `opts`: {lang, number(value) -> text,
  // sort: {column, up} kept between calls, so a new year keeps the reader's order}
  function drawTable(box, columns, rows, opts) {
    const doc = box.ownerDocument, sort = opts.sort;
    const at = (name) => columns.findIndex((c) => c[0] === name) + 1;  // (cells follow the id)
    const collator = new Intl.Collator(opts.lang, {numeric: true, sensitivity: "base"});
    const sorted = rows.slice();
    if (sort.column) {
      const i = at(sort.column), numeric = NUMBERS.includes(sort.column);
      sorted.sort((a, b) => {
        const x = a[i], y = b[i];
        if (x === null || x === "" || y === null || y === "") return (x === null || x === "") - (y === null || y === "");  // blanks last
        return (numeric ? x - y : collator.compare(String(x), String(y))) * (sort.up ? 1 : -1);
      });
    }
    const table = doc.createElement("table"), head = table.createTHead().insertRow(), body = table.createTBody();
    table.className = "wb-records";
    columns.forEach(([name, title]) => {
      const th = doc.createElement("th"), button = doc.createElement("button");
      th.scope = "col";
      if (sort.column === name) th.setAttribute("aria-sort", sort.up ? "ascending" : "descending");
      button.type = "button";
      button.textContent = title;
      button.addEventListener("click", () => {
        sort.up = sort.column === name ? !sort.up : true;
        sort.column = name;
        drawTable(box, columns, rows, opts);
        box.querySelector(`th[aria-sort] button`).focus();  // the reader stays on the heading they pressed
      });
      th.appendChild(button);
      head.appendChild(th);
    });
    sorted.forEach((row) => {
      const tr = body.insertRow();
      columns.forEach(([name], j) => {
        const td = tr.insertCell(), value = row[j + 1];
        if (name === "name") {
          const open = doc.createElement("button");
          open.type = "button";
          open.className = "wb-link";
          open.dataset.record = row[0];
          open.textContent = value;
          td.appendChild(open);
        } else {
          td.textContent = value === null || value === undefined ? "" : NUMBERS.includes(name) && name !== "since" ? opts.number(value) : String(value);
          if (NUMBERS.includes(name)) td.className = "wb-number";
        }
      });
    });
    box.replaceChildren(table);
  }

  root.wbDrawTable = drawTable;
  if (typeof module === "object" && module.exports) module.exports = drawTable;
})(typeof window === "undefined" ? globalThis : window);
