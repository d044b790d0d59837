"""One year's view: which records each visible layer shows, as feature groups and legend entries (no streamlit)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import folium
import numpy as np
import pandas as pd
import shapely

from . import _map
from ._dataset import Dataset
from ._filters import Filters
from ._layer import Layer, in_year
from ._messages import t
from ._schema import FINISHED_STATUSES, FOCUS_COUNTRIES, VOCABULARIES, vocab_name
from ._style import Swatch


@dataclass
class View:
    groups: list[folium.FeatureGroup] = field(default_factory=list)
    legend: Mapping[str, Sequence[Swatch]] = field(default_factory=dict)
    country_level: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ViewPlan:
    """One view as plain data, no folium: cheap to keep and share between sessions (read-only), and turned into the
    map's feature groups by `view_of` on every run."""
    fills: tuple[tuple[str, dict, dict], ...]  # (name, style by country, tooltip by country)
    marks: tuple[tuple[str, ...], tuple[str, ...]]  # ids to draw, and those drawn with their earlier status
    dots: tuple[tuple[str, list[dict]], ...]  # (name, country point features)
    legend: Mapping[str, tuple[Swatch, ...]]  # read-only: one plan serves many sessions
    country_level: Mapping[str, int]


# Vocabularies shown as their short word; the others (diplomacy, confidence, precision) read better as their meaning.
SHORT_WORDS = {"sector", "status", "surveillance_kind", "event_category", "vaccine_mode", "vendor_origin"}


def word_fallback(vocab: str, value: str) -> str:
    """A vocabulary word's English where the catalogue has none: the word itself or its dictionary meaning."""
    if vocab in SHORT_WORDS:
        return value.replace("_", " ")
    return VOCABULARIES.get(vocab, {}).get(value, value.replace("_", " "))


def word(vocab: str, value: str) -> str:
    """Display label of a vocabulary word, in the reader's language."""
    return t(f"word.{vocab}.{value}", default=word_fallback(vocab, value))


def field_word(kind: str, value: str) -> str:
    """A value of a field of this kind as the reader reads it: a vocabulary's word in their language, else as it is."""
    name = vocab_name(kind)
    return word(name, value) if name is not None else value


def country_name(code: str) -> str:
    return t(f"country.{code}", default=FOCUS_COUNTRIES.get(code, code))


def layer_title(layer: Layer) -> str:
    return t(f"layer.{layer.id}.title", default=layer.title)


def layer_description(layer: Layer) -> str:
    return t(f"layer.{layer.id}.description", default=layer.description)


def status_change(row: pd.Series) -> tuple[int, str] | None:
    """(year, status before it) when the status as of the latest source began after the record did, so that no year
    shows a status the project only reached later: a finished project was under construction before its completion
    year; one later stalled, cancelled or sold had its `earlier_status` before `status_since`."""
    done = row.get("completion_year")
    if row["status"] in FINISHED_STATUSES and done is not None and not pd.isna(done):
        return int(done), "under_construction"
    since, earlier = row.get("status_since"), row.get("earlier_status")
    if since is not None and not pd.isna(since) and isinstance(earlier, str) and earlier:
        return int(since), earlier
    return None


def status_at(row: pd.Series, year: int) -> str:
    """The record's status in `year`: its earlier status before the current one began."""
    change = status_change(row)
    return change[1] if change is not None and year < change[0] else row["status"]


def has_place(frame: pd.DataFrame) -> np.ndarray:
    """Records with a geometry of their own (an empty geometry counts as none: it would draw nothing)."""
    geometry = frame.geometry.to_numpy()
    return ~(shapely.is_missing(geometry) | shapely.is_empty(geometry))


def earlier(frame: pd.DataFrame, year: int) -> np.ndarray:
    """`status_at(row, year) != row['status']` for a whole frame at once: the rows drawn with their earlier status."""
    out = np.zeros(len(frame), dtype=bool)
    completed = np.zeros(len(frame), dtype=bool)  # rows whose change is their completion (status_change's first case)
    if "completion_year" in frame:
        done = frame["completion_year"].to_numpy(dtype=float, na_value=np.nan)
        completed = frame["status"].isin(FINISHED_STATUSES).to_numpy() & ~np.isnan(done)
        out |= completed & (year < done)
    if "status_since" in frame and "earlier_status" in frame:
        since = frame["status_since"].to_numpy(dtype=float, na_value=np.nan)
        has_earlier = frame["earlier_status"].fillna("").astype(str).str.len().to_numpy() > 0
        out |= ~completed & has_earlier & (year < since)
    return out


def shown(frame: pd.DataFrame, year: int, keep: np.ndarray | None = None) -> tuple[list[str], list[str], int]:
    """For one layer and year: ids of the marks to draw, those drawn with their earlier status, and how many records
    of that year have no place of their own (country-level); only the rows `keep` holds (the reader's filters).
    Column arrays only: runs on every rerun."""
    current = in_year(frame, year) if keep is None else in_year(frame, year) & keep
    placed = has_place(frame)
    ids = frame["id"].to_numpy()
    drawn = current & placed
    return list(ids[drawn]), list(ids[drawn & earlier(frame, year)]), int((current & ~placed).sum())


def palette_swatches(layer: Layer, field_name: str, shape: str = "dot") -> list[Swatch]:
    seen: dict[str, Swatch] = {}
    for value, (colour, label) in layer.palettes[field_name].items():
        text = t(f"legend.{layer.id}.{field_name}.{value}", default=label)
        seen.setdefault(text, Swatch(text, colour, shape=shape, mark=layer.shape))
    return list(seen.values())


def years_text(years: list[int]) -> str:
    """'2018, 2020–2025': runs of consecutive years joined by a dash."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def plan_view(dataset: Dataset, countries: dict, year: int, visible: list[str], dimension: str, series: str | None,
              tiles: bool = False, choices: Mapping[str, str | None] | None = None,
              filters: Filters | None = None) -> ViewPlan:
    """What the map shows for the visible layers in `year`: country fills, the marks (only their ids: the browser
    has every mark from the static map script) and the country dots, with the legend. A colouring's choice is named
    by its link parameter in `choices` (`dimension` and `series` are those of the diplomatic status and the polls).
    The reader's `filters` choose the marks; the countries' colours and dots show each country whole."""
    chosen = {"dimension": dimension, "series": series, **(choices or {})}
    fills: list[tuple[str, dict, dict]] = []
    if not any(dataset.layers[lid].layer.fills for lid in visible):
        fills.append(("countries", *_map.fill_styles(countries, None, {}, tiles=tiles)))  # back to the base style
    order = sorted(visible, key=lambda lid: 0 if dataset.layers[lid].layer.fills else 1)
    ids: list[str] = []
    early: list[str] = []
    dots: list[tuple[str, list[dict]]] = []
    legend: dict[str, list[Swatch]] = {}
    country_level: dict[str, int] = {}
    for layer_id in order:
        loaded = dataset.layers[layer_id]
        layer, frame = loaded.layer, loaded.frame
        if not loaded.ok:
            continue
        if layer.marks:
            keep = filters.mask(layer, frame, year) if filters is not None and filters.active else None
            drawn, drawn_early, country_level[layer_id] = shown(frame, year, keep)
            ids += drawn
            early += drawn_early
            legend[layer_id] = palette_swatches(layer, next(iter(layer.palettes)))
            continue
        colouring = layer.colouring
        choice = chosen.get(colouring.param) if colouring.param else None
        colours, tips, legend[layer_id] = colouring.draw(layer, frame, year, choice)
        if layer.fills:
            fills.append((layer_title(layer), *_map.fill_styles(countries, colours, tips)))
        else:
            dots.append((layer_title(layer), _map.country_points(countries, colours, tips, layer_id)))
    return ViewPlan(tuple(fills), (tuple(ids), tuple(early)), tuple(dots),
                    MappingProxyType({lid: tuple(swatches) for lid, swatches in legend.items()}), MappingProxyType(country_level))


def view_data(plan: ViewPlan) -> dict:
    """The plan's map part as the map script takes it (`wbShow`): fills in order, the marks, the vaccine dots."""
    return {"fills": [[styles, tips] for _, styles, tips in plan.fills], "ids": list(plan.marks[0]),
            "early": list(plan.marks[1]), "dots": [f for _, features in plan.dots for f in features]}


def view_of(plan: ViewPlan, year: int | None = None, choice: dict | None = None, timeline_url: str | None = None,
            taken: float | None = None, selected: dict | None = None) -> View:
    """The plan as the map's one feature group, new on every run (st_folium attaches it to the run's map); with the
    reader's choice (`layers._timeline.choice_keys`) and the timeline's URL, the map can draw other years itself;
    `selected` (`_map.selection_args`) is marked on the map."""
    group = _map.view_group(view_data(plan), year, choice, timeline_url, taken, selected)
    return View([group], plan.legend, plan.country_level)


def build_view(dataset: Dataset, countries: dict, year: int, visible: list[str], dimension: str, series: str | None,
               tiles: bool = False) -> View:
    return view_of(plan_view(dataset, countries, year, visible, dimension, series, tiles), year)
