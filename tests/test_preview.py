"""The still picture of the base map (layers/_preview.py): what it holds, where it puts things, that its path data is
well formed, and that names from the data stay text. Where it lands on screen against the live map is checked in a
browser (test_dashboard.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest
from pyproj import Transformer

from layers._map import CENTER, MAP_HEIGHT, ZOOM, map_labels, map_preview
from layers._preview import CUT_MARGIN_PX, HALF_WIDTH, preview_html, preview_svg, project
from layers._records import DATA_DIR, read_boundaries
from layers._towns import shown_towns

SVG = "{http://www.w3.org/2000/svg}"
STYLES = {"focus": {"fillColor": "#fff", "color": "#000", "weight": 1}, "neighbour": {"fillColor": "#eee", "color": "#999", "weight": 1}}
RING = re.compile(r"M(-?\d+) ?(-?\d+)l([-\d ]+)z")
WEB_MERCATOR = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
HALF_WORLD_M = 20037508.342789244


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def svg_of(page_html: str) -> str:
    return unquote(re.search(r'src="data:image/svg\+xml,([^"]*)"', page_html).group(1))


def rings(path_data: str) -> list[list[tuple[int, int]]]:
    """The absolute points of each ring; fails unless the data is nothing but well-formed rings of 2 steps or more."""
    assert RING.sub("", path_data) == "", path_data[:200]
    out = []
    for x, y, steps in RING.findall(path_data):
        numbers = [int(n) for n in re.findall(r"-?\d+", steps)]
        assert len(numbers) >= 4 and len(numbers) % 2 == 0, steps
        points = [(int(x), int(y))]
        for dx, dy in zip(numbers[::2], numbers[1::2]):
            points.append((points[-1][0] + dx, points[-1][1] + dy))
        out.append(points)
    return out


def leaflet_pixels(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web-map pixels by another route: metres in EPSG:3857 (pyproj), scaled to a 256 × 2^zoom px world."""
    x, y = WEB_MERCATOR.transform(lon, lat)
    size = 256 * 2**zoom
    return (x + HALF_WORLD_M) / (2 * HALF_WORLD_M) * size, (HALF_WORLD_M - y) / (2 * HALF_WORLD_M) * size


@pytest.mark.parametrize("lon, lat, zoom", [(19.45, 43.0, 6.5), (20.46513, 44.80401, 6.5), (-120.5, -33.2, 3), (0, 0, 0)])
def test_projection_is_web_mercator_as_leaflet_draws_it(lon, lat, zoom) -> None:
    x, y = project(lon, lat, zoom)
    ex, ey = leaflet_pixels(lon, lat, zoom)
    assert abs(x - ex) < 1e-3 and abs(y - ey) < 1e-3


def test_the_picture_holds_every_country_and_the_towns_the_map_names() -> None:
    countries, towns = read_boundaries(DATA_DIR)
    svg = parse(svg_of(map_preview(countries, towns)))
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    for feature in countries["features"]:
        assert feature["properties"]["name"].upper() in texts
    focus = {f["properties"]["iso_a2"] for f in countries["features"] if f["properties"]["focus"]}
    shown = shown_towns(towns, focus, ZOOM)
    named = [d["text"] for d in map_labels(countries, towns) if d["text"] and "wb-town" in d["css"]]
    assert named and all(name in texts for name in named)
    assert len(list(svg.iter(f"{SVG}circle"))) == len(shown)  # a dot for every town the map shows, named or not
    assert {"Belgrade", "Durrës"} <= set(named)
    tirana = next(t for t in svg.iter(f"{SVG}text") if t.text == "Tirana")  # above its dot, as on the map: centred
    assert tirana.get("text-anchor") == "middle"
    # one path per country in the picture: all six, and the neighbours in view (none lost to a broken ring)
    neighbours, six = [list(g.iter(f"{SVG}path")) for g in svg.iter(f"{SVG}g")]
    assert len(six) == 6 and len(neighbours) >= 6


def test_every_ring_is_well_formed_and_in_the_frame_and_belgrade_is_where_leaflet_puts_it() -> None:
    countries, towns = read_boundaries(DATA_DIR)
    svg = parse(preview_svg(countries, map_labels(countries, towns), CENTER, ZOOM, MAP_HEIGHT, STYLES))
    assert svg.get("viewBox") == f"{-HALF_WIDTH} {-MAP_HEIGHT // 2} {2 * HALF_WIDTH} {MAP_HEIGHT}"
    every = [pt for p in svg.iter(f"{SVG}path") for ring in rings(p.get("d")) for pt in ring]
    assert len(every) > 500
    reach = CUT_MARGIN_PX + 1
    assert all(abs(x) <= HALF_WIDTH + reach and abs(y) <= MAP_HEIGHT / 2 + reach for x, y in every)
    cx, cy = leaflet_pixels(CENTER[1], CENTER[0], ZOOM)
    bx, by = leaflet_pixels(20.46513, 44.80401, ZOOM)  # Belgrade in towns.geojson
    dots = [(float(c.get("cx")), float(c.get("cy"))) for c in svg.iter(f"{SVG}circle")]
    assert any(abs(x - (bx - cx)) < 0.1 and abs(y - (by - cy)) < 0.1 for x, y in dots)


def test_names_from_the_data_stay_text_and_a_broken_country_is_left_out() -> None:
    hostile = '<img src=x onerror="alert(1)">&"\x01'
    square = {"type": "Polygon", "coordinates": [[[19, 42], [20, 42], [20, 43], [19, 43], [19, 42]]]}
    countries = {"features": [
        {"type": "Feature", "geometry": square, "properties": {
            "iso_a2": "ZZ", "name": hostile, "focus": False, "label_lon": 19.5, "label_lat": 42.5}},  # a neighbour: its own name
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": "not rings"}, "properties": {
            "iso_a2": "RS", "name": "Serbia", "focus": True, "label_lon": 20.8, "label_lat": 44.0}}]}
    towns = {"features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [19.4, 42.6]},
                           "properties": {"name": hostile, "capital": True, "country": "XK", "population": 10**6,
                                          "geonameid": 1}}]}
    svg = preview_svg(countries, map_labels(countries, towns), CENTER, ZOOM, MAP_HEIGHT, STYLES)
    tree = parse(svg)
    texts = [t.text for t in tree.iter(f"{SVG}text")]
    assert hostile[:-1].upper() in texts and hostile[:-1] in texts  # the country's name and the town's, as text
    assert not [e for e in tree.iter() if e.tag.endswith("img")]
    assert len(list(tree.iter(f"{SVG}path"))) == 1 and "SERBIA" in texts  # its name stays; its land could not be drawn
    page = preview_html(svg, MAP_HEIGHT)
    assert "<" not in re.search(r'src="([^"]*)"', page).group(1) and svg_of(page) == svg
