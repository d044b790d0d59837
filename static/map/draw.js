window.wbReportClicks = function (group) {
  // One listener per group (children's clicks reach it; one per mark costs too much with thousands of marks).
  if (!group.getLayers || group.wbReports) { return; }
  group.wbReports = true;
  group.on("click", function (e) {
    var layer = e.sourceTarget, props = layer && layer.feature && layer.feature.properties;
    if (e.wbTaken || !props || (props.kind !== "record" && props.kind !== "country")) { return; }
    e.wbTaken = true;  // once, though nested groups all hear it (Leaflet copies the event's fields upwards)
    if (window.wbPicked) { window.wbPicked(props.kind, props.kind === "record" ? props.id : props.iso_a2); return; }
    var host = window.wbHost();  // the static export has no host: its page takes the click (`wbPicked`) instead
    if (!host) { return; }
    // One stamp per click, shared by the nested groups it reaches (Leaflet copies the event's fields upwards), so
    // Python can tell a new click on the same mark from the value it already has.
    props.clicked_at = e.wbStamp = e.wbStamp || (e.originalEvent && e.originalEvent.timeStamp) || performance.now();
    window.wbClick = {at: props.clicked_at, time: performance.now()};  // until Python says it took it (`wbView`)
    window.wbReportFeature(host, layer.toGeoJSON());
    window.wbSelect(props.kind, props.kind === "record" ? props.id : props.iso_a2, false);  // after the report: not in its way
  });
};
window.wbHideStill = function () {
  // The borders are drawn: the page's still picture of them (layers/_preview.py) goes. Hidden, not removed: it holds
  // the map's place in the page, whose own renderer drops it with its next run. The frame can still be 0 px high
  // here, for a frame or two, until the page takes the map's height: until then the picture stays.
  try {
    var frame = window.frameElement, still = frame && frame.ownerDocument.querySelector(".wb-preview");
    if (!still) { return; }
    if (frame.getBoundingClientRect().height > 0) { still.style.visibility = "hidden"; } else { requestAnimationFrame(window.wbHideStill); }
  } catch (e) { /* a page of another origin: nothing of ours to hide */ }
};
window.wbReportReady = function () {
  window.wbHideStill();
  // After the map's first frame is painted, tell Python the map is drawn (app.py then draws its controls, which
  // would otherwise hold up this frame), with `wb_ready`.
  requestAnimationFrame(function () { setTimeout(function () {
    var host = window.wbHost && window.wbHost();  // none in the static export
    if (host) { window.wbSend(host, {wb_ready: true}); }
  }, 0); });
};
window.wbDraw = function (group, ids, earlier) {
  var index = window.wbMarkIndex;
  if (!index) {
    index = window.wbMarkIndex = Object.create(null);  // no inherited keys: an id may be "constructor"
    window.wbMarks.forEach(function (r) { index[r.id] = r; });
  }
  var early = Object.create(null);
  earlier.forEach(function (id) { early[id] = true; });
  var lines = [], points = [], drawn = window.wbDrawn = Object.create(null), pane = window.wbPane("wbMarks");
  ids.forEach(function (id) {
    var r = index[id];
    if (!r) { return; }
    var style = early[id] ? r.styleBefore : r.style, line = early[id] ? r.tipBefore : r.tip;
    var tip = function () {
      var box = document.createElement("div"), name = document.createElement("b");
      name.textContent = r.name;
      box.appendChild(name);
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(line));
      return box;
    };
    var dress = function (layer, wide) {
      layer.feature = {type: "Feature", properties: {kind: "record", id: r.id, layer: r.layer}};
      layer.bindTooltip(tip, {sticky: true});
      layer.on("mouseover", function () { layer.setStyle({weight: wide}); });
      layer.on("mouseout", function () { layer.setStyle(style); });
      return layer;
    };
    var mine = drawn[id] = [];
    if (r.lines) { mine.push(dress(L.polyline(r.lines, Object.assign({pane: pane}, style)), 8)); lines.push(mine[0]); }
    (r.points || []).forEach(function (p) {
      var dot = dress(window.wbMarker(p, Object.assign({pane: pane}, style)), 3);
      mine.push(dot);
      points.push(dot);
    });
  });
  lines.forEach(function (layer) { group.addLayer(layer); });
  // Points on top of lines, grouped where they would overlap (cluster.js); the group reports its points' clicks.
  var cluster = window.wbCluster = window.wbClusterGroup();
  cluster.addLayers(points);
  group.addLayer(cluster);
};
window.wbPane = function (name) {
  // Town dots, the selection's halos and the marks, in that order, get panes above the countries' own (overlayPane,
  // where a selected country comes to the front). They let clicks through to the countries except on a mark itself
  // (Leaflet's CSS keeps interactive paths clickable).
  var map = window.wbMap;
  if (!map) { return "overlayPane"; }
  if (!map.getPane(name)) {
    var pane = map.createPane(name);
    pane.style.zIndex = String({wbTowns: 405, wbHalos: 410, wbMarks: 420}[name]);
    pane.style.pointerEvents = "none";
  }
  return name;
};
window.wbFill = function (styles, tips) {
  // Restyles the base country layer (no new polygons): a style and a tooltip by country, "" for the rest.
  var countries = window.wbCountries;
  if (!countries) { return; }
  countries.options.style = function (f) { return window.wbCountryStyle(f, styles[f.properties.iso_a2] || styles[""]); };
  countries.eachLayer(function (layer) {
    countries.resetStyle(layer);
    var tip = tips[layer.feature.properties.iso_a2];
    if (tip) { layer.feature.properties.tip = tip; }  // the layer's tooltip reads this property when it opens
  });
};
window.wbShow = function (group, view) {
  // One year's view, from a rerun's plan or put together from the timeline: fills, then marks, dots on top. A mark or
  // country the keyboard is on keeps the focus through the redraw (map/keys.js).
  var held = window.wbKeysHeld();
  group.clearLayers();
  view.fills.forEach(function (fill) { window.wbFill(fill[0], fill[1]); });
  window.wbDraw(group, view.ids, view.early);
  view.dots.forEach(function (f) {
    var c = f.geometry.coordinates, p = f.properties;
    var dot = L.circleMarker([c[1], c[0]], Object.assign({}, window.wbBase.dot, {fillColor: p.colour, pane: window.wbPane("wbMarks")}));
    dot.feature = {type: "Feature", properties: {kind: "country", iso_a2: p.iso_a2, layer: p.layer}};
    dot.bindTooltip(p.tip, {sticky: true});  // escaped in Python, like the countries' tooltips
    group.addLayer(dot);
  });
  window.wbMarkSelected(false);
  window.wbKeysRefresh(held);
};
window.wbView = function (group, args) {
  // A rerun's view. The year is the app's, unless the reader has since picked another on the map that Python has
  // not taken yet (this run started before that report): then the map stays on the reader's year.
  var state = window.wbYear || (window.wbYear = {shown: null, sent: null, sentYear: null, unsent: false, taken: null, followed: null});
  window.wbReleaseGroups(group);
  window.wbGroup = group;
  // A map already drawn that meets a new session (the page reconnected): that session's first run brings the still
  // picture again, over the live map, which has no first frame left to hide it.
  if (window.wbCountries) { window.wbHideStill(); }
  window.wbChoice = args.choice;
  window.wbLastArgs = args;
  // Python took a year picked on the map in this run: that year is the app's now, whatever the sidebar said.
  if (args.taken != null && args.taken !== state.taken) { state.followed = null; }
  state.taken = args.taken;
  // A report that Python has still not taken after 5 s was lost (a reconnect): then the app's year holds again.
  var waiting = state.unsent || (state.sent !== null && state.sent !== args.taken && performance.now() - state.sentAt < 5000);
  // Likewise a year set on the sidebar's slider and drawn already (`wbFollowSidebar`), until its own run comes (or
  // `wbFollowYear`'s 5 s timer gives up on it).
  if (state.followed === args.year) { state.followed = null; }
  if ((waiting || state.followed != null) && window.wbTimeline && args.choice && state.shown !== args.year) {
    window.wbShow(group, window.wbCompose(state.shown));
  } else {
    state.shown = args.year;
    window.wbShow(group, args.view);
  }
  if (args.timeline && args.choice) { window.wbTimelineLoad(args.timeline); }
  if (window.wbTimelineSync) { window.wbTimelineSync(); }
  window.wbTakeSelection(args.selected);
};
