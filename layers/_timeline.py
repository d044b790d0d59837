"""Every year's view, layer by layer, for the map's own year control (the timeline): moving through the years on the
map redraws it in the browser at once, and Python hears of the year afterwards.

Built from `plan_view` one layer and one choice at a time, so the year rule stays in Python; the browser only puts a
view together (`wbCompose` in `layers._map`) from the parts the reader's choice names (`choice_keys`)."""

from __future__ import annotations

import json
from typing import Any

from ._dataset import Dataset
from ._map import script_json
from ._messages import t
from ._view import ViewPlan, plan_view

BASE = "base"  # the fill key when no fill layer is on: the plain country style (year-independent)
ANY_YEAR = "*"
TIMELINE_MESSAGES = ("timeline.label", "timeline.slider", "timeline.previous", "timeline.next", "timeline.play", "timeline.pause")


def fill_key(layer_id: str, option: str | None) -> str:
    """The name of one fill in the timeline: the layer and its dimension (diplomacy) or survey series (sentiment)."""
    return f"{layer_id}:{option or ''}"


def fill_options(dataset: Dataset, layer_id: str, year: int) -> list[str | None]:
    """What a reader can choose for a fill layer in `year` (its colouring's choices: a diplomatic status, or one of
    the year's survey series); a colouring whose choices change by year also has None, a year without one, drawn as
    'no data'."""
    loaded = dataset.layers[layer_id]
    colouring = loaded.layer.colouring
    choices = [c for c, _ in colouring.choices(loaded.layer, loaded.frame, year)] if colouring.choices else [None]
    return choices + [None] if colouring.per_year else choices


def _plan(dataset: Dataset, countries: dict, year: int, layer_ids: list[str], option: str | None = None,
          tiles: bool = False) -> ViewPlan:
    colourings = [dataset.layers[lid].layer.colouring for lid in layer_ids if dataset.layers[lid].layer.colouring]
    choices = {c.param: option for c in colourings if c.param}
    return plan_view(dataset, countries, year, layer_ids, None, None, tiles, choices=choices)


def timeline(dataset: Dataset, countries: dict, years: tuple[int, int]) -> dict[str, Any]:
    """Per layer and year: the marks' ids and those drawn as still being built (point layers), the country fill of
    each option (fill layers) and the country dots (vaccines); plus the plain base fill, with and without tiles."""
    marks: dict[str, dict[str, list]] = {}
    fills: dict[str, dict[str, list]] = {
        BASE: {ANY_YEAR: _fill(_plan(dataset, countries, years[0], []))},
        BASE + ":tiles": {ANY_YEAR: _fill(_plan(dataset, countries, years[0], [], tiles=True))}}
    dots: dict[str, dict[str, list]] = {}
    for year in range(years[0], years[1] + 1):
        for layer_id, loaded in dataset.layers.items():
            if not loaded.ok:
                continue
            style = loaded.layer.style
            if style == "features":
                ids, early = _plan(dataset, countries, year, [layer_id]).marks
                marks.setdefault(layer_id, {})[str(year)] = [list(ids), list(early)]
            elif style == "country_fill":
                for option in fill_options(dataset, layer_id, year):
                    plan = _plan(dataset, countries, year, [layer_id], option)
                    fills.setdefault(fill_key(layer_id, option), {})[str(year)] = _fill(plan)
            else:
                dots.setdefault(layer_id, {})[str(year)] = [f for _, features in
                                                            _plan(dataset, countries, year, [layer_id]).dots
                                                            for f in features]
    table = Interned()
    fills = {key: {year: [table.refs(styles), table.refs(tips)] for year, (styles, tips) in by_year.items()}
             for key, by_year in fills.items()}
    return {"years": list(years), "marks": marks, "fills": fills, "dots": dots, "table": table.values,
            "labels": {key.split(".", 1)[1]: t(key) for key in TIMELINE_MESSAGES}}


def timeline_script(dataset: Dataset, countries: dict, years: tuple[int, int]) -> str:
    """`timeline` as the static script the map loads (`window.wbTimeline`)."""
    return f"window.wbTimeline = {script_json(timeline(dataset, countries, years))};\n"


def _fill(plan: ViewPlan) -> list:
    """A plan's one fill as [styles by country, tooltips by country]."""
    (_, styles, tips), = plan.fills
    return [styles, tips]


class Interned:
    """One copy of each style and tooltip: the fills of 15 years repeat a handful of styles and the default tooltips
    (154 kB of JSON without this, for 5 kB gzipped)."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._index: dict[str, int] = {}

    def refs(self, by_country: dict[str, Any]) -> dict[str, int]:
        out = {}
        for code, value in by_country.items():
            key = json.dumps(value, sort_keys=True)
            if key not in self._index:
                self._index[key] = len(self.values)
                self.values.append(value)
            out[code] = self._index[key]
        return out


def choice_keys(choice_layers: list[str], fill_layers: list[str], year_fill: dict[int, str | None], tiles: bool,
                years: tuple[int, int]) -> dict[str, Any]:
    """Which timeline parts make the reader's view, for the browser to compose any year from: the point layers in
    draw order, and the fill of each year (`year_fill`: the option chosen for it; sentiment's series differ by
    year)."""
    fill = next((lid for lid in choice_layers if lid in fill_layers), None)
    keys = {str(year): (fill_key(fill, year_fill.get(year)) if fill else BASE + (":tiles" if tiles else ""))
            for year in range(years[0], years[1] + 1)}
    return {"layers": [lid for lid in choice_layers if lid not in fill_layers], "fills": keys}
