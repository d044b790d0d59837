"""The map's timeline: every year's view, put together from per-layer parts as the map script does (`wbCompose`),
is the view Python plans for that year and choice."""

from __future__ import annotations

import json
from functools import cache

import pytest

from layers import LAYERS
from layers._dataset import Dataset, load_dataset
from layers._records import DATA_DIR, read_boundaries
from layers._timeline import choice_keys, fill_options, timeline
from layers._view import plan_view, view_data

YEARS = (2012, 2026)
POINT_LAYERS = [lid for lid, layer in LAYERS.items() if layer.style != "country_fill"]
FILL_LAYERS = [lid for lid, layer in LAYERS.items() if layer.style == "country_fill"]


@cache
def dataset() -> Dataset:
    return load_dataset(LAYERS)


@cache
def countries() -> dict:
    return read_boundaries(DATA_DIR)[0]


@cache
def parts() -> dict:
    return json.loads(json.dumps(timeline(dataset(), countries(), YEARS)))  # as the browser reads it


def compose(tl: dict, choice: dict, year: int) -> dict:
    """`wbCompose` in layers/_map.py, line for line."""
    y = str(year)
    fill = tl["fills"].get(choice["fills"][y], {})
    refs = fill.get(y) or fill.get("*")
    view: dict = {"fills": [], "ids": [], "early": [], "dots": []}
    if refs:
        view["fills"].append([{code: tl["table"][i] for code, i in part.items()} for part in refs])
    for lid in choice["layers"]:
        marks, dots = tl["marks"].get(lid, {}).get(y), tl["dots"].get(lid, {}).get(y)
        if marks:
            view["ids"] += marks[0]
            view["early"] += marks[1]
        if dots:
            view["dots"] += dots
    return view


CHOICES = [  # (point layers, fill layer, tiles)
    (POINT_LAYERS, "diplomacy", False),
    (POINT_LAYERS, None, False),
    (["infrastructure"], None, True),
    (["events", "vaccines"], "sentiment", False),
    ([], "diplomacy", True),
    (["surveillance"], "sentiment", True),
]


@pytest.mark.parametrize("points, fill, tiles", CHOICES)
def test_every_year_composed_from_the_timeline_is_the_planned_view(points, fill, tiles) -> None:
    layers = points + ([fill] if fill else [])
    checked = 0
    for year in range(YEARS[0], YEARS[1] + 1):
        options = fill_options(dataset(), fill, year) if fill else [None]
        for option in options:
            dimension = option if fill == "diplomacy" else "nato"
            series = option if fill == "sentiment" else None
            keys = choice_keys(layers, FILL_LAYERS, {y: option for y in range(YEARS[0], YEARS[1] + 1)}, tiles, YEARS)
            planned = json.loads(json.dumps(view_data(plan_view(dataset(), countries(), year, layers, dimension, series, tiles))))
            assert compose(parts(), keys, year) == planned, (year, layers, option, tiles)
            checked += 1
    assert checked >= 15


def test_each_year_of_the_timeline_differs_where_the_data_does() -> None:
    """Not one year copied to all: Montenegro joins NATO in 2017, Bar-Boljare opens in 2022, vaccines come in 2021."""
    tl = parts()
    nato = tl["fills"]["diplomacy:nato"]
    montenegro = {year: tl["table"][nato[year][0]["ME"]]["fillColor"] for year in ("2016", "2017")}
    assert montenegro["2016"] != montenegro["2017"]
    assert "INF02" in tl["marks"]["infrastructure"]["2020"][1] and "INF02" not in tl["marks"]["infrastructure"]["2023"][1]
    assert not tl["dots"]["vaccines"]["2015"] and tl["dots"]["vaccines"]["2021"]
    assert set(tl["labels"]) == {"label", "slider", "previous", "next", "play", "pause"}
