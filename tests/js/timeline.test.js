// static/map/timeline.js: any year's view is put together from the timeline's parts the reader's choice names.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {load} = require("./load.js");

test("a year's view: its fill, and the marks and dots of the layers chosen", () => {
  const window = load("map/compose.js", {window: {
    wbTimeline: {
      table: [{fillColor: "#111"}, "<b>Serbia</b>"],
      fills: {"diplomacy:nato": {"2020": [{RS: 0}, {RS: 1}]}, "base": {"*": [{"": 0}, {}]}},
      marks: {infrastructure: {"2020": [["INF01", "INF02"], ["INF02"]]}, events: {"2020": [["DIP001"], []]}},
      dots: {vaccines: {"2020": [{id: "dot"}]}},
    },
    wbChoice: {fills: {"2020": "diplomacy:nato", "2021": "base"}, layers: ["infrastructure", "vaccines"]},
  }});
  assert.deepEqual(JSON.parse(JSON.stringify(window.wbCompose(2020))), {
    fills: [[{RS: {fillColor: "#111"}}, {RS: "<b>Serbia</b>"}]], ids: ["INF01", "INF02"], early: ["INF02"],
    dots: [{id: "dot"}]});
  const other = window.wbCompose(2021);  // a fill the same in every year ("*"), and no marks that year
  assert.deepEqual(JSON.parse(JSON.stringify(other)), {fills: [[{"": {fillColor: "#111"}}, {}]], ids: [], early: [], dots: []});
});

test("the reader's filters keep only their marks, in every year or year by year", () => {
  const timeline = {table: [], fills: {base: {"*": [{}, {}]}}, dots: {},
                    marks: {infrastructure: {"2020": [["INF01", "INF02", "INF03"], ["INF02", "INF03"]], "2021": [["INF01", "INF02"], []]}}};
  const compose = (keep) => load("map/compose.js", {window: {wbTimeline: timeline,
    wbChoice: {fills: {"2020": "base", "2021": "base"}, layers: ["infrastructure"], keep: keep}}}).wbCompose;
  const all = compose({"*": ["INF02", "INF03"]});
  assert.deepEqual([...all(2020).ids], ["INF02", "INF03"]);
  assert.deepEqual([...all(2020).early], ["INF02", "INF03"]);
  assert.deepEqual([...all(2021).ids], ["INF02"]);
  const byYear = compose({"2020": ["INF01"], "2021": []});  // a status filter: what each year keeps
  assert.deepEqual([...byYear(2020).ids], ["INF01"]);
  assert.deepEqual([...byYear(2020).early], []);
  assert.deepEqual([...byYear(2021).ids], []);
  assert.deepEqual([...compose(undefined)(2020).ids], ["INF01", "INF02", "INF03"]);  // no filters: every mark
});
