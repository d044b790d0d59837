// The one file that knows streamlit-folium's frontend (pinned 0.27.4): its page state `window.__GLOBAL_DATA__`
// (`returned_objects`, `last_active_drawing`, `previous_data`), its `window.Streamlit` and the feature groups it keeps
// in `window.feature_group`. tests/test_frontend.py fails when the pinned build stops naming them.
window.wbHost = function () {
  // streamlit-folium's page state and its Streamlit object, where it runs with clicks as its one report (app.py asks
  // for that); null elsewhere, where its own, later reports are left alone.
  var state = window.__GLOBAL_DATA__, streamlit = window.Streamlit;
  if (!state || !streamlit || String(state.returned_objects) !== "last_active_drawing") { return null; }
  return {state: state, streamlit: streamlit};
};
window.wbSend = function (host, extra) {
  // Every report the map sends itself: streamlit-folium's shape (the last click), plus `extra` and a year report
  // Python has not taken yet; remembered in its plain shape, so streamlit-folium's own next report of the same click
  // finds nothing new to send.
  var shape = {last_active_drawing: host.state.last_active_drawing || null};
  host.streamlit.setComponentValue(Object.assign({}, extra, window.wbYearReport(), shape));
  host.state.previous_data = shape;
};
window.wbReportFeature = function (host, feature) {
  // A click on `feature` (GeoJSON) reported now: streamlit-folium reports clicks after a 250 ms debounce meant for
  // pans, in this same shape (it reads the same feature), so its own late report then finds nothing new to send.
  // A copy: toGeoJSON shares the layer's properties object, which the next click's stamp would change under it.
  host.state.last_active_drawing = JSON.parse(JSON.stringify(feature));
  if (JSON.stringify(host.state.previous_data) !== JSON.stringify({last_active_drawing: host.state.last_active_drawing})) {
    window.wbSend(host, {});
  }
};
window.wbReleaseGroups = function (keep) {
  // streamlit-folium keeps every feature group it was given (removed from the map, still referenced): let the old
  // ones go.
  (window.feature_group || []).forEach(function (old) { if (old !== keep && old.clearLayers) { old.clearLayers(); } });
  if (window.feature_group) { window.feature_group.length = 0; }
};
