// Leaflet focuses the map on a press, so that its keys work. Where the map is not wholly in view, the browser then
// scrolls the page to it between the press and the release, and the click lands on whatever is then under the pointer
// (on a phone, or a short window, a reader's first click on the map was lost): focus without scrolling. A press on a
// mark or a country then gives the focus to its SVG path, which takes it from the map (Leaflet's keys listen on the
// map only), and a selected country's path, moved to the front, drops it: the map takes it back. Chromium puts an
// interactive SVG path in the tab order, so Tab went from the map to a path, which gave the focus back to the map, and
// a keyboard never left it: paths are taken out of the tab order (tabindex -1; a press still focuses them), so Tab goes
// on to the map's controls and past the map; map/keys.js makes one of them the map's single stop for its marks and
// countries, and a press still gives the map its keys back (not a keyboard's focus: :focus-visible). Run after Leaflet loads
// and before a map is made, by the app's map and by the static export's page.
if (L.SVG) {
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
    // (a path the keyboard reached, map/keys.js, keeps it: its keys are the marks' own)
    if (e.target !== container && e.target instanceof SVGElement && !e.target.matches(":focus-visible")) {
      container.focus({preventScroll: true});
    }
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
