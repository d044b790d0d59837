"""A still picture of the base map (no streamlit), shown by the page until the interactive map draws the same borders.

It holds the borders, land, country names and towns where the map's first frame draws them, in screen pixels around
the map's centre, while Streamlit's component frame, streamlit-folium and Leaflet start (a few hundred milliseconds).
"""

from __future__ import annotations

import html
import logging
import re
from urllib.parse import quote

import numpy as np
import shapely
from shapely.errors import ShapelyError
from shapely.geometry import box, shape

from . import _frontend

LOG = logging.getLogger(__name__)
PREVIEW_CLASS = "wb-preview"
HALF_WIDTH = 1200  # px either side of the centre: wider than the map on screens up to ~3,600 px wide
TOLERANCE_PX = 0.5  # simplification in screen pixels: below what the eye can tell at this zoom
CUT_MARGIN_PX = 10  # land is cut this far outside the picture, so the cut's own edges are never seen
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters no SVG document may hold
def project_array(lonlat: np.ndarray, zoom: float) -> np.ndarray:
    """Leaflet's EPSG:3857 pixel coordinates at `zoom` (the sums of L.Projection.SphericalMercator and L.CRS.EPSG3857)
    of an (n, 2) array of longitude, latitude."""
    scale = 256 * 2**zoom
    lat = np.radians(np.clip(lonlat[:, 1], -85.0511287798, 85.0511287798))
    y = np.log(np.tan(np.pi / 4 + lat / 2))
    return np.column_stack([scale * (0.5 + lonlat[:, 0] / 360), scale * (0.5 - y / (2 * np.pi))])


def project(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    x, y = project_array(np.array([[lon, lat]], dtype=float), zoom)[0]
    return float(x), float(y)


def _text(value: object) -> str:
    return html.escape(NOT_XML.sub("", str(value)))


def _ring_data(coords) -> str:
    """`M x y l dx dy …z` in whole pixels; "" for a ring that rounding has shrunk to a point or a line (an `l` with
    no steps is an error that stops the browser drawing the rest of the path)."""
    points = [(round(x), round(y)) for x, y in coords[:-1]]
    steps = [(x - x0, y - y0) for (x0, y0), (x, y) in zip(points, points[1:]) if (x, y) != (x0, y0)]
    if len(steps) < 2:
        return ""
    return f"M{points[0][0]} {points[0][1]}l" + " ".join(f"{dx} {dy}" for dx, dy in steps).replace(" -", "-") + "z"


def _path_data(geometry: shapely.Geometry, frame: shapely.Geometry) -> str:
    """SVG path data for a (multi)polygon already in pixels around the centre, cut to the frame."""
    shapes = shapely.make_valid(geometry.simplify(TOLERANCE_PX)).intersection(frame)
    rings = [ring.coords for polygon in getattr(shapes, "geoms", [shapes]) if polygon.geom_type == "Polygon"
             for ring in (polygon.exterior, *polygon.interiors)]
    return "".join(_ring_data(coords) for coords in rings)


LABEL_BASELINE_PX = 12  # an 11 px name in the map's 16 px label box sits on this line below the box's top


def _label(d: dict, x: float, y: float) -> str:
    """A name placed as the map places its label box (`w`, `anchor`, `css` of layers._map.map_labels)."""
    left, baseline = x - d["anchor"][0], y - d["anchor"][1] + LABEL_BASELINE_PX
    if "wb-town" in d["css"]:
        at = (f'x="{left + d["w"]:.1f}" text-anchor="end"' if "wb-town-left" in d["css"]
              else f'x="{left + d["w"] / 2:.1f}" text-anchor="middle"' if "wb-town-above" in d["css"] else f'x="{left:.1f}"')
        own = ' translate="no"' if d.get("own") else ""  # a town's own name (layers._places), not translated
        return f'<text class="town" {at} y="{baseline:.1f}"{own}>{_text(d["text"])}</text>'
    css = "country" if d["css"] == "wb-country" else "neighbour"  # both set in capitals by the map's CSS
    return (f'<text class="{css}" x="{left + d["w"] / 2:.1f}" y="{baseline:.1f}" text-anchor="middle">'
            f'{_text(str(d["text"]).upper())}</text>')


def preview_svg(countries: dict, labels: list[dict], center: tuple[float, float], zoom: float, height: int,
                styles: dict[str, dict]) -> str:
    """The base map as the map's first frame draws it, as an SVG document whose point (0, 0) is `center`: one path
    per country (one that cannot be drawn is left out and logged), then the dots and names of `labels` (the map's
    own, from layers._map.map_labels), escaped here.

    `styles` holds the focus countries' and the neighbours' styles (`BASE_COUNTRY_STYLE` and `NEIGHBOUR_STYLE` in
    layers/_map.py), so the picture and the map cannot drift apart in colour."""
    middle = np.array(project(center[1], center[0], zoom))

    def on_screen(lonlat: np.ndarray) -> np.ndarray:
        return project_array(lonlat, zoom) - middle

    frame = box(-HALF_WIDTH - CUT_MARGIN_PX, -height / 2 - CUT_MARGIN_PX, HALF_WIDTH + CUT_MARGIN_PX, height / 2 + CUT_MARGIN_PX)
    focus = [f for f in countries["features"] if f["properties"]["focus"]]
    neighbours = [f for f in countries["features"] if not f["properties"]["focus"]]
    groups = []
    for features, style in ((neighbours, styles["neighbour"]), (focus, styles["focus"])):
        paths = []
        for f in features:
            try:
                data = _path_data(shapely.transform(shape(f["geometry"]), on_screen), frame)
            except (ShapelyError, ValueError, TypeError, KeyError) as error:
                LOG.warning("still picture: %s left out: %s", f.get("properties", {}).get("iso_a2"), error)
                continue
            if data:
                paths.append(f'<path d="{data}"/>')
        groups.append(f'<g fill="{style["fillColor"]}" stroke="{style["color"]}" stroke-width="{style["weight"]}"'
                      f' stroke-linejoin="round">{"".join(paths)}</g>')
    places = on_screen(np.array([[d["lng"], d["lat"]] for d in labels], dtype=float).reshape(-1, 2))
    marks = []
    for d, (x, y) in zip(labels, places):
        if d["dot"]:
            marks.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{d["dot"]}" fill="#555" stroke="#555"/>')
        if d["text"]:
            marks.append(_label(d, float(x), float(y)))
    view_box = f"{-HALF_WIDTH} {-height / 2:g} {2 * HALF_WIDTH} {height}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" width="{2 * HALF_WIDTH}" height="{height}">'
            + _frontend.style_block(_frontend.read("preview/svg.css")) + f'{"".join(groups)}{"".join(marks)}</svg>')


def preview_html(svg: str, height: int, picture_height: int | None = None) -> str:
    """The picture as an image (the page's HTML sanitiser keeps no inline SVG), over the place of the map's frame,
    which is `height` tall; the picture may be taller (`picture_height`), for a narrow map's smaller scale."""
    source = "data:image/svg+xml," + quote(svg, safe=" =:/;,'()-.")
    return (f'<div class="{PREVIEW_CLASS}" aria-hidden="true" style="height:{height}px">'
            f'<img alt="" src="{source}" width="{2 * HALF_WIDTH}" height="{picture_height or height}"></div>')


def preview_css(height: int, narrow_zoom_out: tuple[tuple[int, float], ...] = (),
                picture_height: int | None = None) -> str:
    """The picture's place over the map's frame (static/preview/picture.css), and on a narrow map its scale about the
    map's centre as the map zooms out (`narrow_zoom_out`: below a width, zoom out by so much; static/preview/narrow.css),
    by container queries on the picture's own width, which is the map's; the picture is drawn taller than the frame
    (`picture_height`) so that, scaled down, it still fills it."""
    css = _frontend.filled("preview/picture.css", height=height, half_width=HALF_WIDTH,
                           half_picture=(picture_height or height) / 2)
    narrow = "".join(_frontend.filled("preview/narrow.css", width=width - 0.02, scale=float(f"{2 ** -out:.6g}"))
                     for width, out in narrow_zoom_out)  # in widening order of zoom-out: the narrowest wins
    return _frontend.style_block(css + narrow)