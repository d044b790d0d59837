// On a touch screen the map fills most of the screen, and a reader who drags it with one finger could not scroll on to
// the details below it, or past a map embedded in an article: there one finger scrolls the page and two fingers move and
// zoom the map (Leaflet's pinch also pans), as embedded maps commonly do; a one-finger drag on the map says so (not one
// on the map's own controls, such as its year slider). A mouse or a pen still drags, for the length of its press, also
// on a tablet; a touch laptop, whose main pointer is fine, keeps dragging. The hint is the map's accessible description
// too, and is set with textContent. Run where MAP_FOCUS_JS runs.
L.Map.addInitHook(function () {
  if (!this.dragging || !this.options.touchZoom || !window.matchMedia || !window.matchMedia("(pointer: coarse)").matches) { return; }
  var map = this, container = map.getContainer(), page = container.ownerDocument, timer = null, from = null, release = null;
  map.dragging.disable();
  var hint = L.DomUtil.create("div", "wb-touch-hint", container);
  hint.id = "wb-touch-hint-" + L.stamp(map);
  hint.textContent = (window.wbText && window.wbText.twoFingers) || "";
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
