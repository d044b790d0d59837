"""Every record that has a place, as a drawable mark (geometry, style, tooltip text).

The marks go to the browser once, in the app's static map script (and in the export's page); a year change then
sends only the ids to draw (`layers._view.shown`), so the year rule stays in Python."""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import LAYERS
from ._dataset import Dataset
from ._style import line_style, point_style
from ._view import has_place, status_change

MARK_LAYERS = tuple(lid for lid, layer in LAYERS.items() if layer.marks)  # in the registry's order


def detail(layer_id: str, row: pd.Series, status: str | None = None) -> str:
    """The tooltip's second line (plain text): the layer's own (`Layer.tooltip`), else the record's first year."""
    tooltip = LAYERS[layer_id].tooltip
    return tooltip(row, status) if tooltip is not None else str(row["year_from"])


def geometry_parts(geometry: Any) -> dict[str, list]:
    """Points as [lat, lon] (a MultiPoint split: Leaflet cannot bind a tooltip to its group), lines as lists of them."""
    if geometry is None or geometry.is_empty:
        return {}
    parts = list(getattr(geometry, "geoms", [geometry]))
    points = [[p.y, p.x] for p in parts if p.geom_type == "Point"]
    rings = [p.boundary if p.geom_type == "Polygon" else p for p in parts if p.geom_type != "Point"]
    lines = [[[y, x] for x, y in line.coords] for ring in rings for line in getattr(ring, "geoms", [ring])]
    return {key: value for key, value in (("points", points), ("lines", lines)) if value}


def mark(layer_id: str, row: pd.Series) -> dict[str, Any]:
    """One record's mark: id, layer, name, geometry, tooltip line and style; a record whose current status began
    later (a project completed, or stalled, cancelled or sold) also carries the year it began and the tooltip and style
    it has before that year (`layers._view.status_change`)."""
    field_name, palette = next(iter(LAYERS[layer_id].palettes.items()))
    line = row.geometry is not None and "Line" in row.geometry.geom_type

    def style(value: str) -> dict:
        colour = palette.get(value, ("#777777", ""))[0]
        if line:
            return line_style(colour, row["confidence"], row["precision"])
        return point_style(colour, row["confidence"], row["precision"], LAYERS[layer_id].shape)

    out = {"id": row["id"], "layer": layer_id, "name": row["name"], **geometry_parts(row.geometry),
           "tip": detail(layer_id, row), "style": style(row[field_name])}
    change = status_change(row) if LAYERS[layer_id].lifecycle else None
    if change is not None:
        since, before = change
        out.update(since=since, tipBefore=detail(layer_id, row, before), styleBefore=style(before))
    return out


def all_marks(dataset: Dataset) -> list[dict[str, Any]]:
    """Marks of every placed record in the layers that loaded; records without a place stay country-level."""
    out = []
    for layer_id, loaded in dataset.usable(MARK_LAYERS):
        frame = loaded.frame
        out += [mark(layer_id, row) for _, row in frame[has_place(frame)].iterrows()]
    return out
