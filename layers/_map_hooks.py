"""Changes to Leaflet's own handlers that the app's map and the static export both make, before either makes a map:
how the map takes the focus on a press, how it answers a touch screen, and where the town names go as it zooms."""

from __future__ import annotations

import json

from ._messages import t

# Leaflet focuses the map on a press, so that its keys work. Where the map is not wholly in view, the browser then
# scrolls the page to it between the press and the release, and the click lands on whatever is then under the pointer
# (on a phone, or a short window, a reader's first click on the map was lost): focus without scrolling. A press on a
# mark or a country then gives the focus to its SVG path, which takes it from the map (Leaflet's keys listen on the
# map only), and a selected country's path, moved to the front, drops it: the map takes it back. Chromium puts an
# interactive SVG path in the tab order, so Tab went from the map to a path, which gave the focus back to the map, and
# a keyboard never left it: paths are taken out of the tab order (tabindex -1; a press still focuses them), so Tab goes
# on to the map's controls and past the map (the search reaches every record by keyboard). Run after Leaflet loads
# and before a map is made, by the app's map and by the static export's page.
MAP_FOCUS_JS = """if (L.SVG) {
  var wbInitPath = L.SVG.prototype._initPath;
  L.SVG.prototype._initPath = function (layer) {
    wbInitPath.call(this, layer);
    if (layer.options.interactive) { layer._path.setAttribute("tabindex", "-1"); }
  };
}
if (L.Map.Keyboard) {
  L.Map.Keyboard.prototype._onMouseDown = function () {
    if (!this._focused) { this._map._container.focus({preventScroll: true}); }
  };
  L.Map.Keyboard.prototype._wbTakeFocusBack = function (e) {
    var container = this._map._container;
    if (e.target !== container && e.target instanceof SVGElement) { container.focus({preventScroll: true}); }
  };
  var wbAddKeyboardHooks = L.Map.Keyboard.prototype.addHooks, wbRemoveKeyboardHooks = L.Map.Keyboard.prototype.removeHooks;
  L.Map.Keyboard.prototype.addHooks = function () {
    wbAddKeyboardHooks.call(this);
    L.DomEvent.on(this._map._container, "focusin", this._wbTakeFocusBack, this);
  };
  L.Map.Keyboard.prototype.removeHooks = function () {
    L.DomEvent.off(this._map._container, "focusin", this._wbTakeFocusBack, this);
    wbRemoveKeyboardHooks.call(this);
  };
}
"""
# On a touch screen the map fills most of the screen, and a reader who drags it with one finger could not scroll on to
# the details below it, or past a map embedded in an article: there one finger scrolls the page and two fingers move and
# zoom the map (Leaflet's pinch also pans), as embedded maps commonly do; a one-finger drag on the map says so (not one
# on the map's own controls, such as its year slider). A mouse or a pen still drags, for the length of its press, also
# on a tablet; a touch laptop, whose main pointer is fine, keeps dragging. The hint is the map's accessible description
# too, and is set with textContent. Run where MAP_FOCUS_JS runs.
MAP_TOUCH_JS = """L.Map.addInitHook(function () {
  if (!this.dragging || !this.options.touchZoom || !window.matchMedia || !window.matchMedia("(pointer: coarse)").matches) { return; }
  var map = this, container = map.getContainer(), page = container.ownerDocument, timer = null, from = null, release = null;
  map.dragging.disable();
  var hint = L.DomUtil.create("div", "wb-touch-hint", container);
  hint.id = "wb-touch-hint-" + L.stamp(map);
  hint.textContent = %s;
  hint.style.cssText = "position:absolute;inset:0;z-index:1000;display:flex;align-items:center;justify-content:center;"
    + "padding:1em;text-align:center;background:rgba(0,0,0,.6);color:#fff;font-size:18px;font-weight:600;"
    + "pointer-events:none;opacity:0;transition:opacity .2s";
  container.setAttribute("aria-describedby", hint.id);
  function show() {
    hint.style.opacity = "1";
    hint.dataset.shown = String(Number(hint.dataset.shown || 0) + 1);
    clearTimeout(timer);
    timer = setTimeout(function () { hint.style.opacity = "0"; }, 1200);
  }
  container.addEventListener("touchstart", function (e) {
    var onControl = e.target.closest && e.target.closest(".leaflet-control");
    from = e.touches.length === 1 && !onControl ? [e.touches[0].clientX, e.touches[0].clientY] : null;
    if (e.touches.length > 1) { clearTimeout(timer); hint.style.opacity = "0"; }
  }, {passive: true});
  container.addEventListener("touchmove", function (e) {
    if (!from || e.touches.length !== 1) { return; }
    var dx = e.touches[0].clientX - from[0], dy = e.touches[0].clientY - from[1];
    if (dx * dx + dy * dy >= 100) { from = null; show(); }
  }, {passive: true});
  container.addEventListener("touchend", function () { from = null; }, {passive: true});
  container.addEventListener("touchcancel", function () { from = null; }, {passive: true});
  // Before Leaflet's own listeners see the press (they are on the map); off again once Leaflet has seen the release.
  page.addEventListener("pointerdown", function (e) {
    if (e.pointerType !== "touch" && container.contains(e.target)) { clearTimeout(release); map.dragging.enable(); }
  }, true);
  page.defaultView.addEventListener("pointerup", function (e) {
    if (e.pointerType !== "touch" && map.dragging.enabled()) {
      release = setTimeout(function () { map.dragging.disable(); }, 0);
    }
  });
});
""" % json.dumps(t("map.two_fingers"))
# Town names placed again as the reader zooms out (layers._map.map_labels gives each name's side at each of
# `labelZooms`): those of the nearest step not closer in. `draw(label, text, at)` adds one name to the map and returns
# it; labels without `sides` stay as first drawn.
TOWN_LABELS_JS = """window.wbTownLabels = function (map, base, draw) {
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
"""
MAP_HOOKS_JS = MAP_FOCUS_JS + MAP_TOUCH_JS + TOWN_LABELS_JS
