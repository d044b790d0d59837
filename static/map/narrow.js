// On a narrower map (a phone's) the opening zoom steps down so that all six countries stay in view: below each
// width (px, the map's own), zoom out by this much (`window.wbNarrowSteps`, from layers._map.NARROW_ZOOM_OUT). The
// still picture follows by container queries on the same widths.
L.Map.addInitHook(function () {
  if (!this.options.wbNarrowZoom) { return; }
  // the container's fractional width, as the picture's container queries see it; none yet: leave the view alone
  var width = this.getContainer().getBoundingClientRect().width, out = 0;
  if (!width) { return; }
  (window.wbNarrowSteps || []).forEach(function (step) { if (width < step[0]) { out = step[1]; } });
  if (out) { this.setZoom(this.getZoom() - out, {animate: false}); }
});
