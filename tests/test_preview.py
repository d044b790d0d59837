"""The still picture of the base map (layers/_preview.py): what it holds, where it puts things, and that names from
the data stay text. Where it lands on screen against the live map is checked in a browser (test_dashboard.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

from layers._map import CENTER, MAP_HEIGHT, ZOOM, map_preview
from layers._preview import HALF_WIDTH, preview_html, preview_svg, project
from layers._records import DATA_DIR, read_boundaries
from layers._towns import shown_towns

SVG = "{http://www.w3.org/2000/svg}"
STYLES = {"focus": {"fillColor": "#fff", "color": "#000", "weight": 1}, "neighbour": {"fillColor": "#eee", "color": "#999", "weight": 1}}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def points(path_data: str) -> list[tuple[int, int]]:
    """Absolute points of path data made of `M x y` followed by relative `l dx dy ...` steps and `z`."""
    out = []
    for ring in re.findall(r"M(-?\d+) ?(-?\d+)l([^Mz]*)z", path_data):
        x, y = int(ring[0]), int(ring[1])
        out.append((x, y))
        steps = [int(n) for n in re.findall(r"-?\d+", ring[2])]
        for dx, dy in zip(steps[::2], steps[1::2]):
            x, y = x + dx, y + dy
            out.append((x, y))
    return out


def test_projection_is_leaflets_web_mercator() -> None:
    # L.CRS.EPSG3857 at zoom 0: the world is 256 px square, (0, 0) at its middle, the pole clamped to its top
    assert project(0, 0, 0) == (128, 128)
    assert project(180, 0, 0)[0] == 256 and project(-180, 0, 0)[0] == 0
    assert abs(project(0, 89.9, 0)[1]) < 1e-6 and abs(project(0, 85.0511287798, 0)[1]) < 1e-6
    x, y = project(19.45, 43.0, 6.5)  # each zoom level doubles the pixels
    x1, y1 = project(19.45, 43.0, 7.5)
    assert abs(x1 - 2 * x) < 1e-6 and abs(y1 - 2 * y) < 1e-6


def test_the_picture_holds_every_country_and_the_towns_the_map_names() -> None:
    countries, towns = read_boundaries(DATA_DIR)
    svg = parse(unquote(re.search(r'src="data:image/svg\+xml,([^"]*)"', map_preview(countries, towns)).group(1)))
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    for feature in countries["features"]:
        assert feature["properties"]["name"].upper() in texts
    focus = {f["properties"]["iso_a2"] for f in countries["features"] if f["properties"]["focus"]}
    shown = shown_towns(towns, focus, ZOOM)
    named = [p["name"] for p, _, _, side in shown if side]
    assert named and all(name in texts for name in named)
    assert len(list(svg.iter(f"{SVG}circle"))) == len(shown)  # a dot for every town the map shows, named or not
    assert {"Belgrade", "Durrës"} <= set(named)


def test_every_border_point_lies_in_the_frame_and_the_centre_is_the_maps() -> None:
    countries, towns = read_boundaries(DATA_DIR)
    svg = parse(preview_svg(countries, towns, CENTER, ZOOM, MAP_HEIGHT, STYLES))
    assert svg.get("viewBox") == f"{-HALF_WIDTH} {-MAP_HEIGHT // 2} {2 * HALF_WIDTH} {MAP_HEIGHT}"
    paths = [p.get("d") for p in svg.iter(f"{SVG}path")]
    assert len(paths) == 2 and all(paths)  # neighbours, then the six countries on top
    every = [pt for d in paths for pt in points(d)]
    assert len(every) > 500
    assert all(abs(x) <= HALF_WIDTH + 1 and abs(y) <= MAP_HEIGHT / 2 + 1 for x, y in every)
    # Belgrade's dot sits where Leaflet puts it relative to the map's centre
    belgrade = next(f for f in towns["features"] if f["properties"]["name"] == "Belgrade")
    lon, lat = belgrade["geometry"]["coordinates"]
    cx, cy = project(CENTER[1], CENTER[0], ZOOM)
    bx, by = project(lon, lat, ZOOM)
    dots = [(float(c.get("cx")), float(c.get("cy"))) for c in svg.iter(f"{SVG}circle")]
    assert any(abs(x - (bx - cx)) < 0.1 and abs(y - (by - cy)) < 0.1 for x, y in dots)


def test_names_from_the_data_stay_text() -> None:
    hostile = '<img src=x onerror="alert(1)">&"'
    square = {"type": "Polygon", "coordinates": [[[19, 42], [20, 42], [20, 43], [19, 43], [19, 42]]]}
    countries = {"features": [{"type": "Feature", "geometry": square, "properties": {
        "iso_a2": "XK", "name": hostile, "focus": True, "label_lon": 19.5, "label_lat": 42.5}}]}
    towns = {"features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [19.4, 42.6]},
                           "properties": {"name": hostile, "capital": True, "country": "XK", "population": 10**6,
                                          "geonameid": 1}}]}
    svg = preview_svg(countries, towns, CENTER, ZOOM, MAP_HEIGHT, STYLES)
    tree = parse(svg)
    assert hostile.upper() in [t.text for t in tree.iter(f"{SVG}text")]  # the country's name, as text
    assert hostile in [t.text for t in tree.iter(f"{SVG}text")]  # the town's
    assert not [e for e in tree.iter() if e.tag.endswith("img")]
    page = preview_html(svg, MAP_HEIGHT)
    source = re.search(r'src="([^"]*)"', page).group(1)
    assert "<" not in source and '"' not in source and unquote(source.removeprefix("data:image/svg+xml,")) == svg
