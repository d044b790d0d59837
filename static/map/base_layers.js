// The map's constant base, drawn from `window.wbBase`: neighbours, the six countries (clickable, kept as
// `window.wbCountries` so fills can restyle them), town dots and text labels; every group added to the map later gets
// the click reporter. Label text goes in through textContent, never as HTML. Called by the map's BaseLayers element
// (layers/_map.py) with the country and neighbour styles.
window.wbBaseLayers = function (map, base, style, neighbour) {
  window.wbMap = map;
  map.on("layeradd", function (e) { window.wbReportClicks(e.layer); });
  L.geoJson(base.neighbours, {style: function () { return neighbour; }, interactive: false}).addTo(map);
  var countries = L.geoJson(base.countries, {
    style: function (f) { return window.wbCountryStyle(f, style); },
    onEachFeature: function (feature, layer) {
      layer.bindTooltip(function (l) { return l.feature.properties.tip; }, {sticky: true});
      layer.on("mouseover", function (e) { e.target.setStyle({weight: 2.6, color: "#222"}); });
      layer.on("mouseout", function (e) { countries.resetStyle(e.target); });
    }
  }).addTo(map);
  window.wbCountries = countries;
  window.wbReportReady();
  var towns = window.wbPane("wbTowns");
  base.labels.forEach(function (d) {
    if (d.dot) { L.circleMarker([d.lat, d.lng], {radius: d.dot, color: "#555", weight: 1, fillColor: "#555",
                                                 fillOpacity: 1, interactive: false, pane: towns}).addTo(map); }
  });
  window.wbTownLabels(map, base, function (d, text, at) {
    var el = document.createElement("div");
    el.className = "wb-label " + at.css;
    el.textContent = text;
    if (d.own) el.setAttribute("translate", "no");  // a town's own name, as GeoNames writes it, not the page's language
    var icon = L.divIcon({html: el, className: "wb-label-icon", iconSize: [d.w, 16], iconAnchor: at.anchor});
    return L.marker([d.lat, d.lng], {icon: icon, interactive: false, keyboard: false}).addTo(map);
  });
};
