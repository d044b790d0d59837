window.wbPanelColumn = function () {
  // The column beside the map's frame that holds the details panel, in the page around it (same origin); else null.
  try {
    var row = window.frameElement && window.frameElement.closest('[data-testid="stHorizontalBlock"]');
    var columns = row ? row.querySelectorAll(':scope > [data-testid="stColumn"]') : [];
    return columns.length > 1 ? columns[1] : null;
  } catch (e) { return null; }
};
window.wbOfferDetails = function (show) {
  // Where the columns are stacked (a narrow screen), the details of what was just selected (a click, a link, a search)
  // open below the map, out of sight: a button on the map takes the reader there. Side by side, the details are in
  // view and there is no button.
  var column = show ? window.wbPanelColumn() : null, map = window.wbMap;
  var stacked = !!column && column.getBoundingClientRect().top >= window.frameElement.getBoundingClientRect().bottom - 1;
  if (stacked && !window.wbDetailsButton && map) {
    var control = L.control({position: "topright"});
    control.onAdd = function () {
      var b = L.DomUtil.create("button", "wb-details");
      b.type = "button";
      b.textContent = window.wbBase.text.details;
      b.setAttribute("aria-label", window.wbBase.text.details_label);
      L.DomEvent.disableClickPropagation(b);
      L.DomEvent.on(b, "click", function () {
        var target = window.wbPanelColumn();
        if (target) {
          target.style.scrollMarginTop = "4.5rem";  // below Streamlit's header bar
          target.scrollIntoView({behavior: "smooth", block: "start"});
        }
        window.wbOfferDetails(false);
      });
      return b;
    };
    window.wbDetailsButton = control.addTo(map);
  }
  if (window.wbDetailsButton) { window.wbDetailsButton.getContainer().style.display = stacked ? "" : "none"; }
};
window.wbTakeSelection = function (chosen) {
  // The app's selection from a run ({kind, id, token, click}, `_map.selection_args`). A click on the map not taken by
  // Python yet (`click` is the stamp of the last one it took) is newer than anything this run knows: it stays marked,
  // unless 5 s passed (a report lost in a reconnect). A new `token` is a selection made in the app (a link, a button
  // in the panel), which the map also brings into view; clicks never move the map.
  if (!chosen) { return; }
  var state = window.wbChosen || (window.wbChosen = {token: null});
  var fresh = chosen.token !== state.token, click = window.wbClick;
  state.token = chosen.token;
  if (click && click.at !== chosen.click && performance.now() - click.time < 5000) { return; }
  var now = window.wbSelected;
  var same = now ? now.kind === chosen.kind && now.id === chosen.id : !chosen.id;
  if (fresh || !same) { window.wbSelect(chosen.kind, chosen.id, fresh); }
};
window.wbSelect = function (kind, id, fromApp) {
  // The record or country whose details the panel shows, marked on the map: by a click at once, by the app (a link,
  // a button in the panel) with its run, when the map also brings it into view.
  window.wbSelected = kind && id ? {kind: kind, id: id} : null;
  window.wbMarkSelected(fromApp);
  // When the page is idle: measuring the page around the map must not hold up the click's report or the panel's run.
  var offer = !!window.wbSelected, later = window.requestIdleCallback || function (f) { return setTimeout(f, 200); };
  later(function () { window.wbOfferDetails(offer && !!window.wbSelected); }, {timeout: 1000});
  if (window.wbCountries) {  // a country's outline is part of its style (restored on mouseout, restyled by fills)
    window.wbCountries.eachLayer(function (layer) { window.wbCountries.resetStyle(layer); });
    var country = kind === "country" && window.wbCountryLayer(id);
    if (country) {  // all of its outline, over its neighbours' borders; a keyboard on it stays there (map/keys.js)
      var had = country._path && document.activeElement === country._path;
      country.bringToFront();
      if (had) { country._path.focus({preventScroll: true}); }
    }
  }
};
window.wbCountryLayer = function (code) {
  var found = null;
  if (window.wbCountries) {
    window.wbCountries.eachLayer(function (layer) { if (layer.feature.properties.iso_a2 === code) { found = layer; } });
  }
  return found;
};
window.wbCountryStyle = function (feature, style) {
  var chosen = window.wbSelected;
  return chosen && chosen.kind === "country" && chosen.id === feature.properties.iso_a2
    ? Object.assign({}, style, {color: "#111111", weight: 3.2, dashArray: null}) : style;
};
window.wbMarkSelected = function (bringIntoView) {
  // A selected record's marks get a dark halo under each line and a ring around each point, or round the group a
  // point is drawn in (drawn in the view's group, so a redraw clears them and draws them again here); not clickable,
  // so clicks still reach the marks.
  (window.wbHalos || []).forEach(function (pair) { pair[0].removeLayer(pair[1]); });  // a group maybe not on the map yet
  var halos = window.wbHalos = [], chosen = window.wbSelected, group = window.wbGroup, map = window.wbMap;
  var layers = chosen && chosen.kind === "record" && group && window.wbDrawn ? window.wbDrawn[chosen.id] || [] : [];
  var pane = window.wbPane("wbHalos"), cluster = window.wbCluster;
  if (layers.length && cluster && !cluster._map) {  // a run's view not on the map yet: mark it once it is
    cluster.once("add", function () { window.wbMarkSelected(bringIntoView); });
    return;
  }
  var lines = layers.filter(function (layer) { return !layer.getLatLng; }).map(function (layer) {
    return L.polyline(layer.getLatLngs(), {color: "#111111", weight: 13, opacity: 0.3, lineCap: "round",
                                           interactive: false, className: "wb-selected"});
  });
  lines.concat(window.wbGroupRings(cluster, layers, {})).forEach(function (halo) {
    L.setOptions(halo, {pane: pane});
    group.addLayer(halo);
    halos.push([group, halo]);
  });
  if (cluster && map && !window.wbRingsFollowZoom) {  // groups form and part as the reader zooms: the rings follow
    window.wbRingsFollowZoom = true;
    // after the groups are made again for the new zoom (their own zoomend listener may come after this one)
    map.on("zoomend", function () { setTimeout(function () { window.wbMarkSelected(false); }, 0); });
  }
  if (!bringIntoView || !map) { return; }
  var country = chosen && chosen.kind === "country" && window.wbCountryLayer(chosen.id);
  var bounds = layers.length ? L.featureGroup(layers).getBounds() : country ? country.getBounds() : null;
  // Only when none of it is in view: a country or a long line larger than the view is left where the reader has it.
  if (bounds && bounds.isValid() && !map.getBounds().intersects(bounds)) { map.panTo(bounds.getCenter()); }
};
