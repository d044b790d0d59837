"""A still picture of the base map (no streamlit): the borders, land, names and towns exactly where the map's first
frame draws them, in screen pixels around the map's centre. The app shows it in the page while the interactive map
is on its way (Streamlit's component frame, streamlit-folium and Leaflet take a few hundred milliseconds more), and
the map's script takes it away in the frame in which it draws the same borders."""

from __future__ import annotations

import html
from urllib.parse import quote

import numpy as np
import shapely
from shapely.geometry import box, shape

from layers._style import FOCUS_LAND, NEIGHBOUR_LAND, SEA
from layers._towns import shown_towns

PREVIEW_CLASS = "wb-preview"
HALF_WIDTH = 1200  # px either side of the centre: wider than the map on screens up to ~3,600 px wide
TOLERANCE_PX = 0.5  # simplification in screen pixels: below what the eye can tell at this zoom


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


def _path_data(geometry, frame) -> str:
    """SVG path data for a (multi)polygon already in pixels around the centre, clipped to the frame."""
    shapes = geometry.simplify(TOLERANCE_PX).intersection(frame)
    polygons = getattr(shapes, "geoms", [shapes])
    parts = []
    for polygon in polygons:
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            points = [(round(x), round(y)) for x, y in ring.coords[:-1]]
            steps = [f"{x - x0} {y - y0}" for (x0, y0), (x, y) in zip(points, points[1:]) if (x, y) != (x0, y0)]
            parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


def preview_svg(countries: dict, towns: dict, center: tuple[float, float], zoom: float, height: int,
                styles: dict[str, dict]) -> str:
    """The base map as the map's first frame draws it, as an inline SVG whose point (0, 0) is `center`.

    `styles` holds the focus countries' and the neighbours' border styles (`BASE_COUNTRY_STYLE` and the neighbours'
    one in layers/_map.py), so the picture and the map cannot drift apart in colour. Names are escaped here."""
    middle = np.array(project(center[1], center[0], zoom))

    def to_screen(lon: float, lat: float) -> tuple[float, float]:
        x, y = project(lon, lat, zoom)
        return x - middle[0], y - middle[1]

    frame = box(-HALF_WIDTH, -height / 2, HALF_WIDTH, height / 2)
    focus = [f for f in countries["features"] if f["properties"]["focus"]]
    neighbours = [f for f in countries["features"] if not f["properties"]["focus"]]
    paths = []
    for features, style in ((neighbours, styles["neighbour"]), (focus, styles["focus"])):
        data = "".join(_path_data(shapely.transform(shape(f["geometry"]), lambda c: project_array(c, zoom) - middle), frame)
                       for f in features)
        paths.append(f'<path d="{data}" fill="{style["fillColor"]}" stroke="{style["color"]}" '
                     f'stroke-width="{style["weight"]}" stroke-linejoin="round"/>')
    labels = []
    focus_codes = {f["properties"]["iso_a2"] for f in focus}
    for p, lon, lat, side in shown_towns(towns, focus_codes, zoom):
        x, y = to_screen(lon, lat)
        labels.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{2.5 if p["capital"] else 1.8}" fill="#555" stroke="#555"/>')
        if side:  # the town labels' icon anchors in layers/_map.py: 4 px from the dot, the text's top 14 px above it
            at = f'x="{x - 4:.1f}" text-anchor="end"' if side == "left" else f'x="{x + 4:.1f}"'
            labels.append(f'<text class="town" {at} y="{y - 3:.1f}">{html.escape(p["name"])}</text>')
    for f in countries["features"]:
        p = f["properties"]
        x, y = to_screen(p["label_lon"], p["label_lat"])
        css = "country" if p["focus"] else "neighbour"
        labels.append(f'<text class="{css}" x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">'
                      f'{html.escape(p["name"].upper())}</text>')
    view_box = f"{-HALF_WIDTH} {-height / 2:g} {2 * HALF_WIDTH} {height}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" width="{2 * HALF_WIDTH}" height="{height}">'
            f'<style>{SVG_CSS}</style>{"".join(paths)}{"".join(labels)}</svg>')


def preview_html(svg: str, height: int) -> str:
    """The picture as an image (the page's HTML sanitiser keeps no inline SVG), over the place of the map's frame."""
    source = "data:image/svg+xml," + quote(svg, safe=" =:/;,'()-.")
    return (f'<div class="{PREVIEW_CLASS}" aria-hidden="true" style="height:{height}px">'
            f'<img alt="" src="{source}" width="{2 * HALF_WIDTH}" height="{height}"></div>')


# The map's label styles (MAP_CSS in layers/_map.py) in SVG terms; an image cannot use the page's fonts, nor can the map's
# frame, so both fall back to the same system font.
SVG_CSS = ("text { font-family: 'Source Sans Pro', 'Helvetica Neue', Arial, sans-serif; font-size: 11px; paint-order: stroke;"
           " stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }"
           " .town { fill: #555; stroke-width: 2px; }"
           " .country { fill: #5a5a5a; font-weight: 600; letter-spacing: .05em; }"
           " .neighbour { fill: #9a9a9a; stroke: none; letter-spacing: .08em; }")


def preview_css(height: int) -> str:
    """The picture lies over the place of the map's frame (the next element) until the map's script removes it; the
    frame's own element keeps that place while the frame is still empty, so nothing below it moves."""
    return (f"<style>.{PREVIEW_CLASS} {{ position: relative; overflow: hidden; background: {SEA}; pointer-events: none; }}"
            f" .{PREVIEW_CLASS} img {{ position: absolute; left: 50%; top: 0; margin-left: {-HALF_WIDTH}px; max-width: none; }}"
            f" [data-testid='stLayoutWrapper']:has(> .st-key-map_preview) {{ height: {height}px;"
            f" margin-bottom: calc(-{height}px - 1rem); position: relative; z-index: 2; }}</style>")
