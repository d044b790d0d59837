// static/map/keys.js: the order a keyboard meets the map's countries and marks in, where a key moves it, their names.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {load} = require("./load.js");

const keys = () => load(["map/words.js", "map/keys.js"]);

test("the countries come first, in their order; then the marks from west to east", () => {
  const window = keys();
  const items = [{kind: "record", id: "east", x: 300, y: 10}, {kind: "country", id: "RS", x: 400, y: 0},
    {kind: "group", id: "west", x: 20, y: 50}, {kind: "country", id: "AL", x: 100, y: 300},
    {kind: "record", id: "below", x: 300, y: 90}];
  assert.deepEqual(window.wbKeyOrder(items).map((i) => i.id), ["RS", "AL", "west", "east", "below"]);
});

test("arrows go one on and back, Home and End to the ends, and other keys leave the focus", () => {
  const window = keys();
  assert.equal(window.wbKeyStep("ArrowRight", 0, 3), 1);
  assert.equal(window.wbKeyStep("ArrowDown", 1, 3), 2);
  assert.equal(window.wbKeyStep("ArrowRight", 2, 3), 2);  // the last stays the last
  assert.equal(window.wbKeyStep("ArrowLeft", 0, 3), 0);
  assert.equal(window.wbKeyStep("ArrowUp", 2, 3), 1);
  assert.equal(window.wbKeyStep("Home", 2, 3), 0);
  assert.equal(window.wbKeyStep("End", 0, 3), 2);
  assert.equal(window.wbKeyStep("Enter", 1, 3), null);
  assert.equal(window.wbKeyStep("a", 1, 3), null);
});

test("a record is named with its layer, a country by its name, a country's dot with its layer", () => {
  const window = keys();
  window.wbBase = {names: {RS: "Srbija"}};
  const words = {markLabel: "{name} ({layer})", layers: {infrastructure: "Infrastruktura", vaccines: "Vakcine"}};
  assert.equal(window.wbKeyName({kind: "record", id: "INF01"}, {name: "Stanari", layer: "infrastructure"}, words),
               "Stanari (Infrastruktura)");
  assert.equal(window.wbKeyName({kind: "country", iso_a2: "RS"}, undefined, words), "Srbija");
  assert.equal(window.wbKeyName({kind: "country", iso_a2: "RS", layer: "vaccines"}, undefined, words), "Srbija (Vakcine)");
});
