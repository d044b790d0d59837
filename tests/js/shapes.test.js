// static/map/shapes.js: a layer's shape as an SVG path, and the mark that draws it.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {load} = require("./load.js");

const SQUARE = [[-1, -1], [1, -1], [1, 1], [-1, 1]];

function fakeLeaflet() {
  const CircleMarker = function (at, options) { this.at = at; this.options = options; };
  CircleMarker.prototype._updatePath = function () { this.drewCircle = true; };
  CircleMarker.extend = (methods) => {
    const Shape = function (at, options) { CircleMarker.call(this, at, options); };
    Shape.prototype = Object.assign(Object.create(CircleMarker.prototype), methods);
    return Shape;
  };
  return {CircleMarker, circleMarker: (at, options) => Object.assign(new CircleMarker(at, options), {circle: true})};
}

test("a shape's corners, scaled to the radius, around the point", () => {
  const window = load("map/shapes.js", {L: fakeLeaflet()});
  assert.equal(window.wbShapePath(SQUARE, 10, 20, 3), "M7.00,17.00L13.00,17.00L13.00,23.00L7.00,23.00Z");
  assert.equal(window.wbShapePath([[0, -1.5], [1.3, 0.75], [-1.3, 0.75]], 0, 0, 2), "M0.00,-3.00L2.60,1.50L-2.60,1.50Z");
});

test("a mark takes the shape its style names, and a circle for a shape the map does not know", () => {
  const L = fakeLeaflet();
  const window = load("map/shapes.js", {L, window: {wbBase: {shapes: {square: SQUARE, circle: []}}}});
  const square = window.wbMarker([44, 20], {shape: "square", radius: 7});
  assert.ok(square instanceof L.WbShape && square instanceof L.CircleMarker);  // tooltips, clusters, rings: a circle marker's
  assert.deepEqual(square.options.corners, SQUARE);
  assert.ok(window.wbMarker([44, 20], {shape: "circle"}).circle);
  assert.ok(window.wbMarker([44, 20], {shape: "hexagon"}).circle);
  assert.ok(window.wbMarker([44, 20], {}).circle);
});

test("a shape draws its own path on the SVG renderer, and nothing when it is off the screen", () => {
  const L = fakeLeaflet();
  const window = load("map/shapes.js", {L, window: {wbBase: {shapes: {square: SQUARE}}}});
  const paths = [];
  const mark = window.wbMarker([44, 20], {shape: "square"});
  Object.assign(mark, {_renderer: {_setPath: (layer, d) => paths.push(d)}, _point: {x: 5, y: 5}, _radius: 2, _empty: () => false});
  mark._updatePath();
  mark._empty = () => true;
  mark._updatePath();
  assert.deepEqual(paths, ["M3.00,3.00L7.00,3.00L7.00,7.00L3.00,7.00Z", "M0 0"]);
  const onCanvas = Object.assign(window.wbMarker([44, 20], {shape: "square"}), {_renderer: {}});
  onCanvas._updatePath();
  assert.ok(onCanvas.drewCircle);  // a renderer without SVG paths draws it as the circle it is
});
