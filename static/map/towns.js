// Town names placed again as the reader zooms out (layers._map.map_labels gives each name's side at each of
// `labelZooms`): those of the nearest step not closer in. `draw(label, text, at)` adds one name to the map and returns
// it; labels without `sides` stay as first drawn.
window.wbTownLabels = function (map, base, draw) {
  var moving = [];
  base.labels.forEach(function (d) {
    if (d.sides) { moving.push({d: d, side: null, marker: null}); }
    else if (d.text) { draw(d, d.text, d); }
  });
  function place() {
    var zooms = base.labelZooms, i = 0;
    while (i < zooms.length - 1 && zooms[i] > map.getZoom()) { i++; }
    moving.forEach(function (t) {
      var side = t.d.sides[i];
      if (side === t.side) { return; }
      if (t.marker) { map.removeLayer(t.marker); }
      t.side = side;
      t.marker = side ? draw(t.d, t.d.name, base.townAt[side]) : null;
    });
  }
  place();
  map.on("zoomend", place);
};
