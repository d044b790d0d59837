// static/export/unpack.js reverses layers/_pack.py (tests/test_frontend.py also checks it on the real data).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const unpack = require("../../static/export/unpack.js");

test("objects, shared strings and lists come back as they were", () => {
  const packed = {keys: [["title", "facts", "note"], ["label", "value"]], strings: ["Country", "Serbia"],
                  values: [[-1, "A", [[-2, 0, [1, ["Reuters", "https://r.example"]]]], null],
                           [-1, "B", [], true]]};
  assert.deepEqual(unpack(packed), [
    {title: "A", facts: [{label: "Country", value: ["Serbia", ["Reuters", "https://r.example"]]}], note: null},
    {title: "B", facts: [], note: true}]);
});
