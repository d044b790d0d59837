// static/map/towns.js: a town's name is placed anew as the reader zooms out, on the side its label zoom says.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {load} = require("./load.js");

test("names follow the zoom: each step's side, none where no side fits", () => {
  const window = load("map/towns.js");
  let zoom = 6.5, onZoom = null;
  const map = {getZoom: () => zoom, on: (type, f) => { onZoom = f; }, removeLayer: (m) => { m.removed = true; }};
  const base = {labelZooms: [6.5, 6.25, 6.0], townAt: {right: {css: "r"}, left: {css: "l"}},
                labels: [{text: "Zenica", name: "Zenica", sides: ["right", "left", null]},
                         {text: "Sarajevo"}, {text: ""}]};
  const drawn = [];
  window.wbTownLabels(map, base, (d, text, at) => { const m = {text, at: at.css}; drawn.push(m); return m; });
  assert.deepEqual(drawn.map((m) => [m.text, m.at]), [["Sarajevo", undefined], ["Zenica", "r"]]);
  zoom = 6.25; onZoom();
  assert.deepEqual(drawn.slice(2).map((m) => [m.text, m.at]), [["Zenica", "l"]]);
  assert.ok(drawn[1].removed);
  zoom = 5.5; onZoom();  // further out than the last step: that step's side (none)
  assert.ok(drawn[2].removed && drawn.length === 3);
});
