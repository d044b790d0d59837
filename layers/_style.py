"""Shared map styling: how confidence and location precision look on every layer, and colour helpers."""

from __future__ import annotations

from dataclasses import dataclass

# Confidence is drawn the same way everywhere, so a reader learns it once: the surer, the more solid.
CONFIDENCE_FILL = {"confirmed": 0.9, "reported": 0.5, "claimed": 0.1}
# Location precision is the outline: solid = the site itself, dashed = near it or a drawn route, dotted = town centre.
PRECISION_DASH = {"exact": None, "approximate": "4 3", "town_centre": "1 3", "country": "1 3"}

OUTLINE = "#1f1f1f"
NO_DATA = "#e4e4e4"
FOCUS_LAND = "#fbfaf6"
NEIGHBOUR_LAND = "#e9e8e4"
SEA = "#d7e3ec"
ACCENT = "#9b2226"  # the app theme's primaryColor (.streamlit/config.toml): the map's year control matches the sidebar's

# The shapes a layer's point marks take (`Layer.shape`), so that colour is never the only cue between layers: corners
# of a polygon around its centre, for a radius of 1, each with the area of a circle of that radius (π), so no shape
# looks weightier than another. y points down, as on the screen. Drawn by static/map/shapes.js (the key draws the same
# shapes with CSS: layers/templates/legend.html).
MARK_SHAPES: dict[str, tuple[tuple[float, float], ...]] = {
    "circle": (),
    "square": ((-0.8862, -0.8862), (0.8862, -0.8862), (0.8862, 0.8862), (-0.8862, 0.8862)),
    "diamond": ((0.0, -1.2533), (1.2533, 0.0), (0.0, 1.2533), (-1.2533, 0.0)),
    "triangle": ((0.0, -1.5551), (1.3467, 0.7776), (-1.3467, 0.7776)),  # equilateral, about its centroid
}


@dataclass(frozen=True)
class Swatch:
    """One legend entry: a colour (or a style sample) and what it means."""

    label: str
    colour: str
    shape: str = "dot"  # dot | line | fill | count (a group of marks) | note (a line of text, no sample)
    fill_opacity: float = 0.9
    dash: str | None = None
    mark: str = "circle"  # a dot's outline: one of MARK_SHAPES, as its layer draws its points


def point_style(colour: str, confidence: str, precision: str, shape: str = "circle") -> dict:
    return {
        "shape": shape,
        "radius": 7 if precision == "exact" else 6,
        "color": OUTLINE,
        "weight": 1.6,
        "dashArray": PRECISION_DASH.get(precision),
        "fill": True,
        "fillColor": colour,
        "fillOpacity": CONFIDENCE_FILL.get(confidence, 0.5),
    }


def line_style(colour: str, confidence: str, precision: str) -> dict:
    return {
        "color": colour,
        "weight": 5,
        "opacity": 0.35 + 0.6 * CONFIDENCE_FILL.get(confidence, 0.5),
        "dashArray": "8 6" if precision != "exact" else None,
        "lineCap": "round",
    }


def ramp(value: float, low: float = 0.0, high: float = 100.0) -> str:
    """A sequential colour for a percentage: pale green to deep blue, its lightness falling evenly from end to end, so
    that steps stay apart in every colour vision (its pale end is darker than the 'no data' grey)."""
    stops = [(0.0, (214, 226, 179)), (0.5, (59, 144, 145)), (1.0, (6, 43, 91))]
    t = min(max((value - low) / (high - low), 0.0), 1.0)
    for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
        if t <= t1:
            f = (t - t0) / (t1 - t0)
            return "#" + "".join(f"{round(a + (b - a) * f):02x}" for a, b in zip(c0, c1))
    return "#062b5b"


def confidence_swatches() -> list[Swatch]:
    from ._messages import t  # (the catalogue imports nothing from here)

    return [Swatch(t(f"legend.marks.{level}"), "#6b6b6b", fill_opacity=CONFIDENCE_FILL[level])
            for level in ("confirmed", "reported", "claimed")]


def precision_swatches() -> list[Swatch]:
    from ._messages import t

    return [Swatch(t(f"legend.marks.{level}"), "#ffffff", dash=PRECISION_DASH[level])
            for level in ("exact", "approximate", "town_centre")]


def cluster_swatches() -> list[Swatch]:
    """The key's entry for marks grouped where they would overlap (static/map/cluster.js)."""
    from ._messages import t  # (the catalogue imports nothing from here)
    return [Swatch(t("legend.cluster"), "", shape="count")]
