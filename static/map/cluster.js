// Marks that would overlap at the current zoom are grouped: a numbered circle stands for them, and a click zooms in
// until they separate; marks on one point spread out at the closest zoom. Used by
// the app's map (draw.js) and the static export (page.js) alike; Leaflet.markercluster comes from its pinned wheel.
// Out of the Tab order, as the marks are (static/map/focus.js): the search and the records' lists reach every record.
if (L.MarkerCluster) { L.MarkerCluster.mergeOptions({keyboard: false}); }
window.wbClusterGroup = function () {
  var words = window.wbText || {};
  return L.markerClusterGroup({
    maxClusterRadius: 14,  // px: about one mark's width, so only marks that would overlap are grouped
    showCoverageOnHover: false,
    animate: false,  // no motion on zoom (and the plugin's animations expect markers, not the circles drawn here)
    spiderfyOnMaxZoom: true,
    spiderLegPolylineOptions: {weight: 1.5, color: "#222222", opacity: 0.5},
    iconCreateFunction: function (cluster) {
      var count = cluster.getChildCount(), box = document.createElement("span");
      box.className = "wb-cluster-count";
      box.textContent = String(count);
      var icon = L.divIcon({html: box, className: "wb-cluster", iconSize: [24, 24]});
      var make = icon.createIcon;
      icon.createIcon = function (old) {
        var el = make.call(icon, old);
        el.setAttribute("aria-label", window.wbSay(words.cluster || "{count}", {count: count}, words.lang));
        el.title = el.getAttribute("aria-label");
        return el;
      };
      return icon;
    }
  });
};
window.wbClusterOf = function (cluster, layer) {
  // The group a point is drawn in at this zoom, or null when it is drawn on its own (or spread out of its group, or is
  // not a grouped point). The plugin looks for a marker's icon: these circles have none, so a point drawn on its own
  // finds no visible parent, and one spread out (`_spiderLeg`) is drawn on its own too.
  if (!cluster || !layer.getLatLng || !cluster.hasLayer(layer) || !cluster._map || layer._spiderLeg) { return null; }
  var parent = cluster.getVisibleParent(layer);
  return parent && parent !== layer ? parent : null;
};
window.wbGroupRings = function (cluster, layers, options) {
  // Rings round what a selection is drawn as: a point on its own gets a ring just outside it, a point inside a group
  // a ring round the group's circle (the panel lists the records drawn on one point); lines are left to the caller.
  var rings = [];
  layers.forEach(function (layer) {
    if (!layer.getLatLng) { return; }
    var group = window.wbClusterOf(cluster, layer);
    var at = group ? group.getLatLng() : layer.getLatLng(), radius = group ? 17 : layer.getRadius() + 5;
    rings.push(L.circleMarker(at, Object.assign({radius: radius, color: "#111111", weight: 2.5, fill: false,
                                                 interactive: false, className: "wb-selected"}, options)));
  });
  return rings;
};
