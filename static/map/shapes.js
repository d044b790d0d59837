// Point marks in their layer's shape (layers/_style.py MARK_SHAPES, sent as `window.wbBase.shapes`), so that colour
// is never the only cue between layers. A shape is a circle marker that draws another SVG path: it keeps all that a
// circle marker does (tooltips, setStyle, getRadius, the marker-cluster plugin's grouping, the selection's ring).
window.wbShapePath = function (corners, x, y, r) {
  // The path of `corners` (for a radius of 1) around the point (x, y) at radius r, in pixels.
  return corners.map(function (c, i) {
    return (i ? "L" : "M") + (x + c[0] * r).toFixed(2) + "," + (y + c[1] * r).toFixed(2);
  }).join("") + "Z";
};
if (L.CircleMarker) {
  L.WbShape = L.CircleMarker.extend({
    _updatePath: function () {
      var corners = this.options.corners, renderer = this._renderer;
      if (!corners || !corners.length || !renderer._setPath) { return L.CircleMarker.prototype._updatePath.call(this); }
      renderer._setPath(this, this._empty() ? "M0 0" : window.wbShapePath(corners, this._point.x, this._point.y, this._radius));
    }
  });
}
window.wbMarker = function (at, style) {
  // A point mark at `at` drawn with `style` (its `shape` names one of the base's shapes; none, or a circle: a circle).
  var shapes = (window.wbBase && window.wbBase.shapes) || {}, corners = shapes[style.shape];
  return corners && corners.length ? new L.WbShape(at, Object.assign({corners: corners}, style)) : L.circleMarker(at, style);
};
