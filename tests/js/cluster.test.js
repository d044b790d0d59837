// static/map/cluster.js: which group a point is drawn in, and the rings round a selection.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {load} = require("./load.js");

function fakeLeaflet() {
  const made = [];
  return {made, L: {
    MarkerCluster: {mergeOptions() {}},
    markerClusterGroup: (options) => ({options}),
    divIcon: (options) => ({options, createIcon() { return {setAttribute(k, v) { this[k] = v; }, getAttribute(k) { return this[k]; }}; }}),
    circleMarker: (at, options) => { const ring = {at, options}; made.push(ring); return ring; },
  }};
}

test("a point is in a group only while the group stands for it on the map", () => {
  const {L} = fakeLeaflet();
  const window = load("map/cluster.js", {L});
  const group = {_icon: {}};
  const point = {getLatLng: () => [44, 20]};
  const cluster = {_map: {}, hasLayer: (l) => l === point || l === apart, getVisibleParent: (l) => (l === point ? group : null)};
  const apart = {getLatLng: () => [45, 20]};
  assert.equal(window.wbClusterOf(cluster, point), group);
  assert.equal(window.wbClusterOf(cluster, apart), null);  // drawn on its own
  assert.equal(window.wbClusterOf(cluster, Object.assign({_spiderLeg: {}}, point)), null);  // spread out of its group
  assert.equal(window.wbClusterOf({_map: null, hasLayer: () => true}, point), null);  // not on the map yet
  assert.equal(window.wbClusterOf(cluster, {getLatLngs: () => []}), null);  // a line is never grouped
});

test("a selection's ring goes round its group, or just outside a point on its own", () => {
  const {L, made} = fakeLeaflet();
  const window = load("map/cluster.js", {L});
  const group = {getLatLng: () => [44.8, 20.4]};
  const inGroup = {getLatLng: () => [44.81, 20.41], getRadius: () => 7};
  const alone = {getLatLng: () => [42, 19], getRadius: () => 6};
  const cluster = {_map: {}, hasLayer: () => true, getVisibleParent: (l) => (l === inGroup ? group : null)};
  window.wbGroupRings(cluster, [inGroup, alone, {getLatLngs: () => []}], {pane: "p"});
  assert.deepEqual(made.map((r) => [r.at, r.options.radius, r.options.pane]), [[[44.8, 20.4], 17, "p"], [[42, 19], 11, "p"]]);
});

test("a group's circle names how many marks it stands for, in its language's plural", () => {
  const {L} = fakeLeaflet();
  const document = {createElement: (tag) => ({tag})};
  const cluster = {one: "{count} oznaka blizu", few: "{count} oznake blizu", other: "{count} oznaka blizu jedna drugoj"};
  const window = load(["map/words.js", "map/cluster.js"], {L, document, window: {wbText: {cluster, lang: "sr-Latn"}}});
  const label = (n) => window.wbClusterGroup().options.iconCreateFunction({getChildCount: () => n}).createIcon()["aria-label"];
  const icon = window.wbClusterGroup().options.iconCreateFunction({getChildCount: () => 5});
  assert.equal(icon.options.html.textContent, "5");
  const el = icon.createIcon();
  assert.equal(el["aria-label"], "5 oznaka blizu jedna drugoj");
  assert.equal(el.title, el["aria-label"]);
  assert.deepEqual([2, 3, 12, 21, 22, 25].map(label), ["2 oznake blizu", "3 oznake blizu", "12 oznaka blizu jedna drugoj",
    "21 oznaka blizu", "22 oznake blizu", "25 oznaka blizu jedna drugoj"]);
});
