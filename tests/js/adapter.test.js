// static/map/adapter.js, the one file that knows streamlit-folium's frontend: it reports only where the app asked for
// clicks alone, and sends a click only when it is new.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {load} = require("./load.js");

function page(returned) {
  const sent = [];
  const window = load("map/adapter.js", {window: {
    __GLOBAL_DATA__: {returned_objects: returned, previous_data: null},
    Streamlit: {setComponentValue: (value) => sent.push(value)},
    wbYearReport: () => ({}),
  }});
  return {window, sent};
}

test("the map reports itself only where streamlit-folium returns the last click alone", () => {
  assert.equal(page(["last_object_clicked", "zoom"]).window.wbHost(), null);
  assert.notEqual(page(["last_active_drawing"]).window.wbHost(), null);
});

test("a click is sent at once, in streamlit-folium's own shape, and not again", () => {
  const {window, sent} = page(["last_active_drawing"]);
  const host = window.wbHost();
  const feature = {type: "Feature", properties: {kind: "record", id: "INF01", clicked_at: 1}};
  window.wbReportFeature(host, feature);
  window.wbReportFeature(host, feature);  // streamlit-folium's own late report of the same click: nothing new
  assert.equal(sent.length, 1);
  assert.deepEqual(JSON.parse(JSON.stringify(sent[0])), {last_active_drawing: feature});
  feature.properties.clicked_at = 2;  // a new click on the same mark: a new stamp
  window.wbReportFeature(host, feature);
  assert.equal(sent.length, 2);
});

test("feature groups streamlit-folium keeps are let go, but for the one drawn now", () => {
  const cleared = [];
  const group = (name) => ({clearLayers: () => cleared.push(name)});
  const keep = group("now");
  const window = load("map/adapter.js", {window: {feature_group: [group("old"), keep]}});
  window.wbReleaseGroups(keep);
  assert.deepEqual(cleared, ["old"]);
  assert.equal(window.feature_group.length, 0);
});
