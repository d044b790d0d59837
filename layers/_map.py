"""Build the folium map: a constant base (land, neighbours, towns) and one feature group per visible layer."""

from __future__ import annotations

import html
import json
import math
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from . import _frontend
from ._messages import t
from ._places import country_label, localized
from ._preview import preview_css, preview_html, preview_svg
from ._style import FOCUS_LAND, MARK_SHAPES, NEIGHBOUR_LAND, NO_DATA
from ._templates import part
from ._towns import GAP_PX, shown_towns

CENTER = (43.0, 19.45)  # frames the six countries in a ~600 px wide map
ZOOM = 6.5
MIN_ZOOM = 5
MAX_ZOOM = 13
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

MAP_CSS = _frontend.style("map/map.css", "map/cluster.css")


def esc(value: Any) -> str:
    """Text from data, safe to put into HTML."""
    return html.escape("" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value))


def leaflet_assets(prefix: str = LEAFLET_PREFIX) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Leaflet and its marker-cluster plugin (layers._assets), as the map's page loads them."""
    return ([("leaflet", f"{prefix}/leaflet.js"), ("markercluster", f"{prefix}/markercluster/leaflet.markercluster.js")],
            [("leaflet_css", f"{prefix}/leaflet.css"), ("markercluster_css", f"{prefix}/markercluster/MarkerCluster.css")])


def script_json(value: Any) -> str:
    """JSON safe to place inside a <script>: no '<', '>' or '&' that could end the script or open a tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def map_labels(countries: dict, towns: dict) -> list[dict[str, Any]]:
    """The towns' dots and names and the countries' names, placed for the opening zoom: what the app's map and the
    static export draw (`lat`, `lng`, `text`, box width `w`, `anchor` in the box, `css`, dot radius, 0 for none).
    A town whose name is placed otherwise further out also has its `name` and its side at each of `LABEL_ZOOMS`
    (`sides`: "right", "left" or None), which the maps follow as the reader zooms."""
    labels = []
    countries, towns = localized(countries, towns)  # names in the reader's language, placed for their own lengths
    focus_codes = {f["properties"]["iso_a2"] for f in countries["features"] if f["properties"]["focus"]}
    names = [(f["properties"]["label_lon"], f["properties"]["label_lat"], f["properties"]["name"])
             for f in countries["features"]]
    placings = [shown_towns(towns, focus_codes, zoom, names) for zoom in LABEL_ZOOMS]
    for (p, lon, lat, side), *further in zip(*placings):
        labels.append({"lat": lat, "lng": lon, "text": p["name"] if side else "", "w": TOWN_LABEL_PX,
                       **TOWN_AT[side or "right"], "dot": 2.5 if p["capital"] else 1.8,
                       **({"own": True} if p["own"] else {})})  # a name in its own country's form, not translated
        sides = [side, *(other for *_, other in further)]
        if len(set(sides)) > 1:
            labels[-1].update(name=p["name"], sides=sides)
    for f in countries["features"]:  # boxes wider than any name: each is centred on its point, as in the still picture
        p = f["properties"]
        labels.append({"lat": p["label_lat"], "lng": p["label_lon"], "text": p["name"], "w": COUNTRY_LABEL_PX,
                       "anchor": [COUNTRY_LABEL_PX // 2, 8], "css": "wb-country" if p["focus"] else "wb-neighbour",
                       "dot": 0})
    return labels


def base_data(countries: dict, towns: dict) -> dict[str, Any]:
    """What the map draws that never changes with the year (`window.wbBase`, drawn by static/map/base_layers.js): the
    six countries (clickable), their neighbours, the labels, the vaccine dot's style and the map's own words."""
    focus = [f for f in countries["features"] if f["properties"]["focus"]]
    neighbours = [{"type": "Feature", "properties": {}, "geometry": f["geometry"]}
                  for f in countries["features"] if not f["properties"]["focus"]]
    return {"countries": {"type": "FeatureCollection", "features": [country_feature(f) for f in focus]},
            "neighbours": {"type": "FeatureCollection", "features": neighbours}, "labels": map_labels(countries, towns),
            "labelZooms": LABEL_ZOOMS, "townAt": TOWN_AT, "dot": DOT_STYLE, "shapes": MARK_SHAPES,
            "names": {f["properties"]["iso_a2"]: country_label(f["properties"]) for f in focus},  # spoken names
            "text": {"details": t("map.details_below"), "details_label": t("map.details_below_label")}}


def basemap_script(countries: dict, towns: dict, marks: list[dict] | None = None,
                   leaflet_prefix: str = LEAFLET_PREFIX, year_widget: str | None = None) -> str:
    """Everything on the map that does not change with the year, as a static script: borders and labels
    (`window.wbBase`), every record's mark (`window.wbMarks`, from `layers._marks.all_marks`) and the functions that
    draw a year's view (`window.wbView`, from a rerun or from the timeline), with the click, ready and year reporters
    and the map's year control. The browser loads it once; a rerun sends only which marks and fills to draw.
    `year_widget`, the key of the page's own year slider: the map follows it as it moves (`wbFollowSidebar`)."""
    data = base_data(countries, towns)
    # Leaflet 1.9.3 guesses its icon folder wrong from the CSS path (a 404); saying it here saves a separate fetch,
    # as streamlit-folium loads scripts one after another.
    return (f"L.Icon.Default.imagePath = {json.dumps(leaflet_prefix + '/images/')};\nwindow.wbBase = {script_json(data)};\n"
            f"window.wbMarks = {script_json(marks or [])};\n"
            f"window.wbYearWidget = {script_json('.st-key-' + year_widget if year_widget else None)};\n"
            f"{_frontend.settings(NARROW_ZOOM_OUT)}{DRAW_JS}")


# The scripts that draw the map (static/map/*.js, put together by layers._frontend): the click, ready and year
# reporters, the view a rerun or the map's own year control draws, the selection, and the hooks both maps share; the
# words they show (`_frontend.settings`) go before them, in the language being made.
DRAW_JS = _frontend.scripts(_frontend.MAP_FILES)


class BaseLayers(MacroElement):
    """Neighbours, the six countries and text labels, drawn from `window.wbBase` by `wbBaseLayers`
    (static/map/base_layers.js) with the country and neighbour styles."""

    _template = Template("""
{% macro script(this, kwargs) %}
window.wbBaseLayers({{ this._parent.get_name() }}, window.wbBase, {{ this.style }}, {{ this.neighbour }});
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
    m = folium.Map(location=CENTER, zoom_start=ZOOM, min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM, tiles=None, control_scale=True, zoom_control=True,
                   zoom_snap=ZOOM_SNAP, wb_narrow_zoom=True,  # (static/map/narrow.js)
                   # the map's own limits (folium gives min_zoom and max_zoom to tile layers only); the marker-cluster
                   # plugin needs a maximum zoom
                   **{"minZoom": MIN_ZOOM, "maxZoom": MAX_ZOOM})
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
        "properties": {"kind": "country", "iso_a2": p["iso_a2"], "tip": tip or part("tip", country_label(p), [t("map.country_tip")])},
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


def country_points(countries: dict, colours: dict[str, str], tips: dict[str, str], layer: str = "") -> list[dict]:
    """One mark per country with a colour, at its label point, offset below the label; `layer` names it, with the
    country's name, to a keyboard (static/map/keys.js)."""
    features = []
    for f in countries["features"]:
        p = f["properties"]
        if p["iso_a2"] in colours:
            features.append({"type": "Feature", "properties": {"kind": "country", "iso_a2": p["iso_a2"], "tip": tips[p["iso_a2"]],
                                                                "colour": colours[p["iso_a2"]], "layer": layer},
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
    """The stamp the map put on the click (static/map/draw.js): a new click on the mark already reported has a new one."""
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
