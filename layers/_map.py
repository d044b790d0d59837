"""Build the folium map: a constant base (land, neighbours, towns) and one feature group per visible layer."""

from __future__ import annotations

import html
import json
import math
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from ._map_hooks import MAP_HOOKS_JS
from ._messages import t
from ._preview import preview_css, preview_html, preview_svg
from ._towns import GAP_PX, shown_towns
from ._style import (
    ACCENT,
    FOCUS_LAND,
    NEIGHBOUR_LAND,
    NO_DATA,
    SEA,
)

CENTER = (43.0, 19.45)  # frames the six countries in a ~600 px wide map
ZOOM = 6.5
MIN_ZOOM = 5
ZOOM_SNAP = 0.25
# Town names are placed again for each zoom step out from the opening zoom (closer in, they only have more room).
LABEL_ZOOMS = tuple(ZOOM - ZOOM_SNAP * k for k in range(round((ZOOM - MIN_ZOOM) / ZOOM_SNAP) + 1))
# On a narrower map (a phone's) the opening zoom steps down so that all six countries stay in view: below each width
# (px, the map's own), zoom out by this much. The still picture follows by container queries on the same widths.
NARROW_ZOOM_OUT = ((500, 0.25), (420, 0.5), (355, 0.75), (300, 1.0))
LEAFLET_PREFIX = "/app/static/vendor/leaflet"  # served by Streamlit's static file serving, never a CDN
DOT_STYLE = {"radius": 9, "color": "#5c4400", "weight": 2, "fill": True, "fillOpacity": 0.95}  # a country's vaccine dot
MAP_HEIGHT = 660  # px
TOWN_LABEL_PX = 120  # the box a town's name is set in, beside its dot
TOWN_AT = {"right": {"css": "wb-town", "anchor": [-GAP_PX, 14]},
           "left": {"css": "wb-town wb-town-left", "anchor": [TOWN_LABEL_PX + GAP_PX, 14]},
           "above": {"css": "wb-town wb-town-above", "anchor": [TOWN_LABEL_PX / 2, 14 + 13]}}  # a line up, centred
COUNTRY_LABEL_PX = 240  # the box a country's name is centred in: wider than any name (the longest is ~170 px)
BASE_COUNTRY_STYLE = {"fillColor": FOCUS_LAND, "fillOpacity": 1, "color": "#6f6a60", "weight": 1.4, "dashArray": None}
NEIGHBOUR_STYLE = {"fillColor": NEIGHBOUR_LAND, "fillOpacity": 1, "color": "#b9b7b0", "weight": 0.8}

MAP_CSS = f"""<style>
.leaflet-container {{ background: {SEA}; font-family: "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; }}
path.leaflet-interactive:focus:not(:focus-visible) {{ outline: none; }}
.leaflet-control-scale-line {{ font-size: 10px; line-height: 1.5; padding: 0 4px; }}  /* "100 km" within its bar */
.wb-label-icon {{ background: none; border: none; }}
.wb-label {{ pointer-events: none; white-space: nowrap; text-align: center; color: #3d3d3d; }}
.wb-town {{ text-align: left; }}
.wb-town-left {{ text-align: right; }}
.wb-town-above {{ text-align: center; }}
.wb-country {{ font-size: 11px; font-weight: 600; letter-spacing: .05em; text-transform: uppercase; color: #5a5a5a;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; }}
.wb-neighbour {{ font-size: 11px; letter-spacing: .08em; text-transform: uppercase; color: #9a9a9a; }}
.wb-town {{ font-size: 11px; color: #555; text-shadow: 0 0 2px #fff, 0 0 2px #fff; }}
.wb-timeline {{ display: flex; align-items: center; gap: 2px; background: #fff; padding: 3px 8px 3px 4px; font-size: 13px; }}
.wb-timeline-button {{ border: none; background: none; cursor: pointer; font-size: 15px; line-height: 1; width: 26px; height: 26px;
  border-radius: 3px; color: #333; }}
.wb-timeline-button:hover:not([aria-disabled="true"]) {{ background: #f0ede6; }}
.wb-timeline-button[aria-disabled="true"] {{ color: #bbb; cursor: default; }}
.wb-timeline-range {{ width: 170px; accent-color: {ACCENT}; }}
.wb-timeline-year {{ min-width: 2.6em; text-align: center; font-weight: 600; font-variant-numeric: tabular-nums; }}
/* a tooltip opens on the side of its point with more room (Leaflet's "auto"): no wider than that side, so that on
   a phone's narrow map it is not cut off at the edge */
.leaflet-container .leaflet-tooltip {{ font-size: 13px; width: max-content; max-width: min(260px, 44vw); white-space: normal; }}
.wb-details {{ background: #fff; border: 2px solid rgba(0,0,0,.2); border-radius: 4px; padding: 6px 12px; font: inherit;
  font-size: 14px; font-weight: 600; color: {ACCENT}; cursor: pointer; }}
</style>"""


def esc(value: Any) -> str:
    """Text from data, safe to put into HTML."""
    return html.escape("" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value))


def leaflet_assets(prefix: str = LEAFLET_PREFIX) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    return [("leaflet", f"{prefix}/leaflet.js")], [("leaflet_css", f"{prefix}/leaflet.css")]


def script_json(value: Any) -> str:
    """JSON safe to place inside a <script>: no '<', '>' or '&' that could end the script or open a tag."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def map_labels(countries: dict, towns: dict) -> list[dict[str, Any]]:
    """The towns' dots and names and the countries' names, placed for the opening zoom: what the app's map and the
    static export draw (`lat`, `lng`, `text`, box width `w`, `anchor` in the box, `css`, dot radius, 0 for none).
    A town whose name is placed otherwise further out also has its `name` and its side at each of `LABEL_ZOOMS`
    (`sides`: "right", "left" or None), which the maps follow as the reader zooms."""
    labels = []
    focus_codes = {f["properties"]["iso_a2"] for f in countries["features"] if f["properties"]["focus"]}
    names = [(f["properties"]["label_lon"], f["properties"]["label_lat"], f["properties"]["name"])
             for f in countries["features"]]
    placings = [shown_towns(towns, focus_codes, zoom, names) for zoom in LABEL_ZOOMS]
    for (p, lon, lat, side), *further in zip(*placings):
        labels.append({"lat": lat, "lng": lon, "text": p["name"] if side else "", "w": TOWN_LABEL_PX,
                       **TOWN_AT[side or "right"], "dot": 2.5 if p["capital"] else 1.8})
        sides = [side, *(other for *_, other in further)]
        if len(set(sides)) > 1:
            labels[-1].update(name=p["name"], sides=sides)
    for f in countries["features"]:  # boxes wider than any name: each is centred on its point, as in the still picture
        p = f["properties"]
        labels.append({"lat": p["label_lat"], "lng": p["label_lon"], "text": p["name"], "w": COUNTRY_LABEL_PX,
                       "anchor": [COUNTRY_LABEL_PX // 2, 8], "css": "wb-country" if p["focus"] else "wb-neighbour",
                       "dot": 0})
    return labels


def basemap_script(countries: dict, towns: dict, marks: list[dict] | None = None,
                   leaflet_prefix: str = LEAFLET_PREFIX, year_widget: str | None = None) -> str:
    """Everything on the map that does not change with the year, as a static script: borders and labels
    (`window.wbBase`), every record's mark (`window.wbMarks`, from `layers._marks.all_marks`) and the functions that
    draw a year's view (`window.wbView`, from a rerun or from the timeline), with the click, ready and year reporters
    and the map's year control. The browser loads it once; a rerun sends only which marks and fills to draw.
    `year_widget`, the key of the page's own year slider: the map follows it as it moves (`wbFollowSidebar`)."""
    focus = [f for f in countries["features"] if f["properties"]["focus"]]
    neighbours = [{"type": "Feature", "properties": {}, "geometry": f["geometry"]}
                  for f in countries["features"] if not f["properties"]["focus"]]
    data = {"countries": {"type": "FeatureCollection", "features": [country_feature(f) for f in focus]},
            "neighbours": {"type": "FeatureCollection", "features": neighbours}, "labels": map_labels(countries, towns),
            "labelZooms": LABEL_ZOOMS, "townAt": TOWN_AT, "dot": DOT_STYLE,
            "text": {"details": t("map.details_below"), "details_label": t("map.details_below_label")}}
    # Leaflet 1.9.3 guesses its icon folder wrong from the CSS path (a 404); saying it here saves a separate fetch,
    # as streamlit-folium loads scripts one after another.
    return (f"L.Icon.Default.imagePath = {json.dumps(leaflet_prefix + '/images/')};\nwindow.wbBase = {script_json(data)};\n"
            f"window.wbMarks = {script_json(marks or [])};\n"
            f"window.wbYearWidget = {script_json('.st-key-' + year_widget if year_widget else None)};\n{DRAW_JS}")


# `wbReportClicks` sends a click on a record or a country to Python at once (see below); `wbView` draws a rerun's view
# into its feature group (streamlit-folium swaps the whole group on the next rerun), `wbDraw` the marks in it. A year
# picked on the map's own control (`wbTimelineControl`) is drawn from the timeline script (`wbCompose`, see
# layers/_timeline.py) and reported with `wbReportYear`. Each mark carries `feature` (kind, id), which is what a click
# reports; tooltips are built from text nodes, so no data becomes markup.
NARROW_JS = """L.Map.addInitHook(function () {
  if (!this.options.wbNarrowZoom) { return; }
  // the container's fractional width, as the picture's container queries see it; none yet: leave the view alone
  var width = this.getContainer().getBoundingClientRect().width, out = 0;
  if (!width) { return; }
  %s.forEach(function (step) { if (width < step[0]) { out = step[1]; } });
  if (out) { this.setZoom(this.getZoom() - out, {animate: false}); }
});
""" % json.dumps([list(step) for step in NARROW_ZOOM_OUT])
DRAW_JS = MAP_HOOKS_JS + NARROW_JS + """window.wbHost = function () {
  // streamlit-folium's page state and its Streamlit object, where it runs with clicks as its one report (app.py asks
  // for that); null elsewhere, where its own, later reports are left alone.
  var state = window.__GLOBAL_DATA__, streamlit = window.Streamlit;
  if (!state || !streamlit || String(state.returned_objects) !== "last_active_drawing") { return null; }
  return {state: state, streamlit: streamlit};
};
window.wbReportClicks = function (group) {
  // One listener per group (children's clicks reach it; one per mark costs too much with thousands of marks).
  if (!group.getLayers || group.wbReports) { return; }
  group.wbReports = true;
  group.on("click", function (e) {
    var layer = e.sourceTarget, host = window.wbHost();
    var props = layer && layer.feature && layer.feature.properties;
    if (!host || !props || (props.kind !== "record" && props.kind !== "country")) { return; }
    // One stamp per click, shared by the nested groups it reaches (Leaflet copies the event's fields upwards), so
    // Python can tell a new click on the same mark from the value it already has.
    props.clicked_at = e.wbStamp = e.wbStamp || (e.originalEvent && e.originalEvent.timeStamp) || performance.now();
    window.wbClick = {at: props.clicked_at, time: performance.now()};  // until Python says it took it (`wbView`)
    // streamlit-folium reports clicks after a 250 ms debounce meant for pans; report this one now, in the shape its
    // own late report will have (it reads the same feature), so that one finds nothing new and sends nothing.
    // A copy: toGeoJSON shares the layer's properties object, which the next click's stamp would change under it.
    host.state.last_active_drawing = JSON.parse(JSON.stringify(layer.toGeoJSON()));
    if (JSON.stringify(host.state.previous_data) !== JSON.stringify({last_active_drawing: host.state.last_active_drawing})) {
      window.wbSend(host, {});
    }
    window.wbSelect(props.kind, props.kind === "record" ? props.id : props.iso_a2, false);  // after the report: not in its way
  });
};
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
window.wbSend = function (host, extra) {
  // Every report the map sends itself: streamlit-folium's shape (the last click), plus `extra` and a year report
  // Python has not taken yet; remembered in its plain shape, so streamlit-folium's own next report of the same click
  // finds nothing new to send.
  var shape = {last_active_drawing: host.state.last_active_drawing || null};
  host.streamlit.setComponentValue(Object.assign({}, extra, window.wbYearReport(), shape));
  host.state.previous_data = shape;
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
    var host = window.wbHost();
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
      var dot = dress(L.circleMarker(p, Object.assign({pane: pane}, style)), 3);
      mine.push(dot);
      points.push(dot);
    });
  });
  lines.concat(points).forEach(function (layer) { group.addLayer(layer); });  // points on top of lines
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
  // One year's view, from a rerun's plan or put together from the timeline: fills, then marks, dots on top.
  group.clearLayers();
  view.fills.forEach(function (fill) { window.wbFill(fill[0], fill[1]); });
  window.wbDraw(group, view.ids, view.early);
  view.dots.forEach(function (f) {
    var c = f.geometry.coordinates, p = f.properties;
    var dot = L.circleMarker([c[1], c[0]], Object.assign({}, window.wbBase.dot, {fillColor: p.colour, pane: window.wbPane("wbMarks")}));
    dot.feature = {type: "Feature", properties: {kind: "country", iso_a2: p.iso_a2}};
    dot.bindTooltip(p.tip, {sticky: true});  // escaped in Python, like the countries' tooltips
    group.addLayer(dot);
  });
  window.wbMarkSelected(false);
};
window.wbView = function (group, args) {
  // A rerun's view. The year is the app's, unless the reader has since picked another on the map that Python has
  // not taken yet (this run started before that report): then the map stays on the reader's year.
  var state = window.wbYear || (window.wbYear = {shown: null, sent: null, sentYear: null, unsent: false, taken: null, followed: null});
  // streamlit-folium keeps every group it was given (removed from the map, still referenced): let the old ones go.
  (window.feature_group || []).forEach(function (old) { if (old !== group && old.clearLayers) { old.clearLayers(); } });
  if (window.feature_group) { window.feature_group.length = 0; }
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
    if (country) { country.bringToFront(); }  // all of its outline, over its neighbours' borders
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
  // A selected record's marks get a dark halo under each line and a ring around each point (drawn in the view's
  // group, so a redraw clears them and draws them again here); not clickable, so clicks still reach the marks.
  (window.wbHalos || []).forEach(function (pair) { pair[0].removeLayer(pair[1]); });  // a group maybe not on the map yet
  var halos = window.wbHalos = [], chosen = window.wbSelected, group = window.wbGroup, map = window.wbMap;
  var layers = chosen && chosen.kind === "record" && group && window.wbDrawn ? window.wbDrawn[chosen.id] || [] : [];
  var pane = window.wbPane("wbHalos");
  layers.forEach(function (layer) {
    var halo = layer.getRadius
      ? L.circleMarker(layer.getLatLng(), {radius: layer.getRadius() + 5, color: "#111111", weight: 2.5, fill: false})
      : L.polyline(layer.getLatLngs(), {color: "#111111", weight: 13, opacity: 0.3, lineCap: "round"});
    L.setOptions(halo, {pane: pane, interactive: false, className: "wb-selected"});
    group.addLayer(halo);
    halos.push([group, halo]);
  });
  if (!bringIntoView || !map) { return; }
  var country = chosen && chosen.kind === "country" && window.wbCountryLayer(chosen.id);
  var bounds = layers.length ? L.featureGroup(layers).getBounds() : country ? country.getBounds() : null;
  // Only when none of it is in view: a country or a long line larger than the view is left where the reader has it.
  if (bounds && bounds.isValid() && !map.getBounds().intersects(bounds)) { map.panTo(bounds.getCenter()); }
};
window.wbYearReport = function () {
  // The last year reported, sent again with every later report (a click, the ready report) until Python has taken
  // it: Streamlit keeps only the newest value when reports arrive during a run. Python ignores a stamp it has taken.
  var state = window.wbYear;
  return state && state.sent !== null && state.sent !== state.taken ? {wb_year: state.sentYear, wb_year_at: state.sent} : {};
};
window.wbCompose = function (year) {
  // Any year's view from the timeline's parts that the reader's choice names (layers._timeline.choice_keys).
  var tl = window.wbTimeline, choice = window.wbChoice, y = String(year);
  var view = {fills: [], ids: [], early: [], dots: []};
  var deref = function (refs) {
    var out = {};
    Object.keys(refs).forEach(function (code) { out[code] = tl.table[refs[code]]; });
    return out;
  };
  var fill = tl.fills[choice.fills[y]] || {}, refs = fill[y] || fill["*"];
  if (refs) { view.fills.push([deref(refs[0]), deref(refs[1])]); }
  choice.layers.forEach(function (lid) {
    var marks = tl.marks[lid] && tl.marks[lid][y], dots = tl.dots[lid] && tl.dots[lid][y];
    if (marks) { view.ids = view.ids.concat(marks[0]); view.early = view.early.concat(marks[1]); }
    if (dots) { view.dots = view.dots.concat(dots); }
  });
  return view;
};
window.wbTimelineLoad = function (url) {
  // After the map's first frame is painted: the timeline is not needed for it, and its script would hold it up.
  if (window.wbTimelineUrl === url) { return; }
  window.wbTimelineUrl = url;
  requestAnimationFrame(function () { setTimeout(function () {
    var script = document.createElement("script");
    script.src = url;
    script.onload = function () { window.wbTimelineControl(); };
    script.onerror = function () { window.wbTimelineUrl = null; };  // no year control; the next rerun tries again
    document.head.appendChild(script);
  }, 0); });
};
window.wbPickYear = function (year) {
  // A year picked on the map: drawn now from the timeline; Python hears of it once the reader pauses.
  var state = window.wbYear, tl = window.wbTimeline;
  year = Math.max(tl.years[0], Math.min(tl.years[1], year));
  if (!window.wbGroup || !window.wbChoice || year === state.shown) { return; }
  state.shown = year;
  state.unsent = true;
  window.wbShow(window.wbGroup, window.wbCompose(year));
  window.wbTimelineSync();
  clearTimeout(state.timer);
  state.timer = setTimeout(function () { window.wbReportYear(year); }, 250);
};
window.wbReportYear = function (year) {
  // The year with a stamp (a new one on every report, also across page loads), sent by `wbSend` as a report not yet
  // taken.
  var host = window.wbHost(), state = window.wbYear;
  state.unsent = false;
  if (!host) { return; }
  state.sent = performance.timeOrigin + performance.now();
  state.sentYear = year;
  state.sentAt = performance.now();
  window.wbSend(host, {});
};
window.wbTimelineControl = function () {
  // The year control on the map: previous, a slider, next, the year, play. Built once; text set as text only.
  var tl = window.wbTimeline, map = window.wbMap;
  if (!tl || !map || window.wbTimelineSync) { if (window.wbTimelineSync) { window.wbTimelineSync(); } return; }
  var labels = tl.labels, control = L.control({position: "bottomleft"}), playing = null;
  var box = L.DomUtil.create("div", "wb-timeline leaflet-bar");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", labels.label);
  var button = function (text, label, onClick) {
    var b = L.DomUtil.create("button", "wb-timeline-button", box);
    b.type = "button";
    b.textContent = text;
    b.title = label;
    b.setAttribute("aria-label", label);
    L.DomEvent.on(b, "click", onClick);
    return b;
  };
  var stop = function () {
    if (playing) { clearInterval(playing); playing = null; window.wbTimelineSync(); }
  };
  var previous = button("\u2039", labels.previous, function () { stop(); window.wbPickYear(window.wbYear.shown - 1); });
  var range = L.DomUtil.create("input", "wb-timeline-range", box);
  range.type = "range";
  range.min = tl.years[0];
  range.max = tl.years[1];
  range.step = 1;
  range.setAttribute("aria-label", labels.slider);
  L.DomEvent.on(range, "input", function () { var year = Number(range.value); stop(); window.wbPickYear(year); });
  var next = button("\u203a", labels.next, function () { stop(); window.wbPickYear(window.wbYear.shown + 1); });
  var out = L.DomUtil.create("output", "wb-timeline-year", box);
  out.setAttribute("aria-live", "polite");
  var play = button("\u25b6", labels.play, function () {
    if (playing) { stop(); return; }
    if (window.wbYear.shown >= tl.years[1]) { window.wbPickYear(tl.years[0]); }
    playing = setInterval(function () {
      window.wbPickYear(window.wbYear.shown + 1);
      if (window.wbYear.shown >= tl.years[1]) { stop(); }
    }, 1200);
    window.wbTimelineSync();
  });
  window.wbTimelineSync = function () {
    var year = window.wbYear.shown;
    range.value = year;
    if (out.textContent !== String(year)) { out.textContent = String(year); }  // announced only when it changes
    // aria-disabled, not disabled: a disabled button drops the keyboard focus of whoever just pressed it
    previous.setAttribute("aria-disabled", String(year <= tl.years[0]));
    next.setAttribute("aria-disabled", String(year >= tl.years[1]));
    play.textContent = playing ? "\u275a\u275a" : "\u25b6";
    play.title = playing ? labels.pause : labels.play;
    play.setAttribute("aria-label", play.title);
  };
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);
  control.onAdd = function () { return box; };
  control.addTo(map);
  window.wbTimelineSync();
  window.wbFollowSidebar();
};
window.wbFollowSidebar = function () {
  // The sidebar's year slider is in the page around this iframe (same origin). A year the reader sets there is drawn
  // from the timeline at once, as the attribute changes, instead of after the app's run for it (which still comes and
  // moves everything else). Only the reader's own changes count (the render of a key that moves that slider or of a
  // pointer on it, or a drag, which react-aria marks on the thumb): the app sets the slider too, after a year picked
  // on the map, and may be a step behind then.
  var selector = window.wbYearWidget, page = null, top = null;
  try { top = window.parent; page = top !== window && top.document; } catch (e) { page = null; }  // another origin
  if (!selector || !page || window.wbSidebarWatch) { return; }
  var touched = -1e9, keys = /^(Arrow|Home$|End$|Page)/;
  var mine = function (e) { return e.target && e.target.closest && e.target.closest(selector); };
  var listeners = {
    keydown: function (e) { if (mine(e) && keys.test(e.key)) { touched = performance.now(); } },
    pointerdown: function (e) { if (mine(e)) { touched = performance.now(); } }
  };
  Object.keys(listeners).forEach(function (type) { top.addEventListener(type, listeners[type], true); });
  var stop = function () {
    watch.disconnect();
    Object.keys(listeners).forEach(function (type) { top.removeEventListener(type, listeners[type], true); });
  };
  var slider = page.querySelector(selector + " input"), last = slider ? slider.value : null;
  var watch = window.wbSidebarWatch = new MutationObserver(function (changes) {
    if (!window.frameElement || !window.frameElement.isConnected) { stop(); return; }  // this map is gone
    for (var i = changes.length - 1; i >= 0; i--) {
      var input = changes[i].target;
      if (input.tagName !== "INPUT" || !input.closest(selector)) { continue; }
      // A render may write the same value again (while a run goes on): only a new value counts.
      var value = input.value, changed = value !== last;
      last = value;
      var dragging = !!page.querySelector(selector + " [data-dragging]");
      if (changed && (dragging || performance.now() - touched < 250)) { window.wbFollowYear(Number(value)); }
      return;
    }
  });
  watch.observe(page.body, {subtree: true, attributes: true, attributeFilter: ["aria-valuetext"]});
  window.addEventListener("pagehide", stop);  // the iframe replaced (the map drawn anew)
};
window.wbFollowYear = function (year) {
  // A year set on the sidebar's slider: drawn now from the timeline; the slider's own run reports it to Python, and
  // until that run's view arrives, an earlier run's view does not take the map back (`wbView`).
  var state = window.wbYear, tl = window.wbTimeline;
  if (!tl || !window.wbGroup || !window.wbChoice || !(year >= tl.years[0] && year <= tl.years[1])) { return; }
  if (year === state.shown) { return; }
  state.followed = year;
  state.unsent = false;  // the reader moved on from a pick on the map not reported yet: the sidebar's year wins
  clearTimeout(state.timer);
  clearTimeout(state.followTimer);
  state.followTimer = setTimeout(function () {  // no run for it in 5 s: the last run's year holds again
    if (state.followed === year && window.wbLastArgs) { state.followed = null; window.wbView(window.wbGroup, window.wbLastArgs); }
  }, 5000);
  state.shown = year;
  window.wbShow(window.wbGroup, window.wbCompose(year));
  window.wbTimelineSync();
};
"""


class BaseLayers(MacroElement):
    """Neighbours, the six countries (clickable, named `window.wbCountries` so fills can restyle them) and text labels,
    drawn from `window.wbBase`; every group added to the map later gets the click reporter. Label text goes in through
    textContent, never as HTML."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map, base, style, neighbour) {
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
    var icon = L.divIcon({html: el, className: "wb-label-icon", iconSize: [d.w, 16], iconAnchor: at.anchor});
    return L.marker([d.lat, d.lng], {icon: icon, interactive: false, keyboard: false}).addTo(map);
  });
})({{ this._parent.get_name() }}, window.wbBase, {{ this.style }}, {{ this.neighbour }});
{% endmacro %}
""")

    def __init__(self, tiles: bool):
        super().__init__()
        self._name = "BaseLayers"
        opacity = 0.0 if tiles else 1
        self.style = script_json({**BASE_COUNTRY_STYLE, "fillOpacity": opacity})
        self.neighbour = script_json({**NEIGHBOUR_STYLE, "fillOpacity": opacity})


def base_map(basemap_url: str, *, tiles: bool = False, asset_prefix: str = LEAFLET_PREFIX) -> folium.Map:
    """The part of the map that never changes with the year; built the same way every run, so st_folium keeps its
    component (and the reader's view). `basemap_url` serves `basemap_script`."""
    m = folium.Map(location=CENTER, zoom_start=ZOOM, min_zoom=MIN_ZOOM, max_zoom=13, tiles=None, control_scale=True, zoom_control=True,
                   zoom_snap=ZOOM_SNAP, wb_narrow_zoom=True)  # (NARROW_JS)
    js, css = leaflet_assets(asset_prefix)
    m.default_js, m.default_css = [*js, ("wb_base", basemap_url)], css
    m.get_root().header.add_child(folium.Element(MAP_CSS))
    if tiles:
        folium.TileLayer("OpenStreetMap", attr="© OpenStreetMap contributors", opacity=0.55).add_to(m)
    BaseLayers(tiles).add_to(m)
    return m


def map_preview(countries: dict, towns: dict) -> str:
    """The still picture of the base map that the page shows until the map's first frame (see layers/_preview.py)."""
    # tall enough to fill the frame at the narrowest map's scale (2 kB more than the frame's height alone)
    picture_height = math.ceil(MAP_HEIGHT * 2 ** max(out for _, out in NARROW_ZOOM_OUT))
    svg = preview_svg(countries, map_labels(countries, towns), CENTER, ZOOM, picture_height,
                      {"focus": BASE_COUNTRY_STYLE, "neighbour": NEIGHBOUR_STYLE})
    return preview_css(MAP_HEIGHT, NARROW_ZOOM_OUT, picture_height) + preview_html(svg, MAP_HEIGHT, picture_height)


def country_feature(feature: dict, tip: str | None = None) -> dict:
    p = feature["properties"]
    return {
        "type": "Feature",
        "properties": {"kind": "country", "iso_a2": p["iso_a2"], "tip": tip or f"<b>{esc(p['name'])}</b><br>Click for the country profile"},
        "geometry": feature["geometry"],
    }


def fill_styles(countries: dict, colours: dict[str, str] | None, tips: dict[str, str],
                tiles: bool = False) -> tuple[dict[str, dict], dict[str, str]]:
    """Style and tooltip per focus country for one year's fill (countries without data get the 'no data' style);
    `colours=None` restores the plain base style. Tooltips are pre-escaped HTML."""
    styles: dict[str, dict] = {"": {**BASE_COUNTRY_STYLE, "fillOpacity": 0.0 if tiles else 1}}
    all_tips = {}
    for f in countries["features"]:
        code = f["properties"]["iso_a2"]
        if not f["properties"]["focus"]:
            continue
        all_tips[code] = tips.get(code) or country_feature(f)["properties"]["tip"]
        if colours is not None:
            styles[code] = {"fillColor": colours.get(code, NO_DATA), "fillOpacity": 0.8, "color": "#5d574b", "weight": 1.4,
                            "dashArray": None if code in colours else "3 4"}
    return styles, all_tips


def country_points(countries: dict, colours: dict[str, str], tips: dict[str, str]) -> list[dict]:
    """One mark per country with a colour, at its label point, offset below the label."""
    features = []
    for f in countries["features"]:
        p = f["properties"]
        if p["iso_a2"] in colours:
            features.append({"type": "Feature", "properties": {"kind": "country", "iso_a2": p["iso_a2"], "tip": tips[p["iso_a2"]],
                                                                "colour": colours[p["iso_a2"]]},
                             "geometry": {"type": "Point", "coordinates": [p["label_lon"], p["label_lat"] - 0.12]}})
    return features


class YearView(MacroElement):
    """One year's view (`layers._view.view_data`) drawn by `window.wbView`, with what the map's timeline needs to draw
    any other year itself: the reader's choice as timeline keys, the timeline script's URL and the stamp of the last
    year report Python took."""

    _template = Template("""
{% macro script(this, kwargs) %}
window.wbView({{ this._parent.get_name() }}, {{ this.args }});
{% endmacro %}
""")

    def __init__(self, args: dict):
        super().__init__()
        self._name = "YearView"
        self.args = script_json(args)


def view_group(view: dict, year: int, choice: dict | None = None, timeline_url: str | None = None,
               taken: float | None = None, selected: dict | None = None) -> folium.FeatureGroup:
    """`selected`: what the panel shows (`selection_args`), marked on the map."""
    group = folium.FeatureGroup(name="view")
    YearView({"year": year, "view": view, "choice": choice, "timeline": timeline_url, "taken": taken,
              "selected": selected}).add_to(group)
    return group


def selection_args(selection: tuple[str, str] | None, token: str | None, click: float | None) -> dict:
    """The app's selection as the map takes it (`wbTakeSelection`): `token` is new with each selection made in the app
    (a link, a button in the panel), which the map brings into view; `click` is the stamp of the last click on the
    map that Python took, so the map can tell a run that does not know the reader's latest click yet."""
    kind, key = selection if selection else (None, None)
    return {"kind": kind, "id": key, "token": token, "click": click}


def _clicked_properties(result: dict | None) -> dict:
    """The properties of the feature st_folium last reported as clicked ({} when there is none)."""
    feature = (result or {}).get("last_active_drawing")
    props = feature.get("properties") if isinstance(feature, dict) else None
    return props if isinstance(props, dict) else {}


def clicked(result: dict | None) -> tuple[str, str] | None:
    """('record', id) or ('country', iso_a2) from st_folium's return value, or None."""
    props = _clicked_properties(result)
    if props.get("kind") == "record" and isinstance(props.get("id"), str):
        return "record", props["id"]
    if props.get("kind") == "country" and isinstance(props.get("iso_a2"), str):
        return "country", props["iso_a2"]
    return None


def rerun_after_report(value: dict | None, first_report: bool, last_full_run_finished: bool, new_click: bool,
                       new_year: bool = False) -> str:
    """What a report from the map (`on_change` of st_folium) should rerun: "app" or "panel".

    The whole app when the map first says it is drawn (that run brings the controls), when it brings a year picked on
    the map (everything follows the year, even if the same report also holds a click) or when the report cut a full
    run short (a click during a year change: the rest of that run must still come); otherwise the panel alone for a
    new click or a map drawn again, since the map already shows what was clicked and nothing else changed."""
    if first_report or new_year or not last_full_run_finished:
        return "app"
    if new_click or (isinstance(value, dict) and value.get("wb_ready")):
        return "panel"
    return "app"


def clicked_at(result: dict | None) -> float | None:
    """The stamp the map put on the click (see `DRAW_JS`): a new click on the mark already reported has a new one."""
    stamp = _clicked_properties(result).get("clicked_at")
    return float(stamp) if isinstance(stamp, (int, float)) and not isinstance(stamp, bool) else None


def reported_year(result: dict | None) -> tuple[int | None, float | None]:
    """The year the reader picked on the map's timeline and that report's stamp (see `wbReportYear`), else None; a
    report whose year is not a whole number keeps its stamp, so it is still answered (with the app's year)."""
    if not isinstance(result, dict):
        return None, None
    year, stamp = result.get("wb_year"), result.get("wb_year_at")
    if not isinstance(stamp, (int, float)) or isinstance(stamp, bool):
        return None, None
    try:
        stamp = float(stamp)  # an integer too large for a float raises here
    except OverflowError:
        return None, None
    if not math.isfinite(stamp):
        return None, None
    return (year if isinstance(year, int) and not isinstance(year, bool) else None), stamp
