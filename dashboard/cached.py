"""What every session shares, worked out once per process and data folder (Streamlit's cache_resource): the dataset,
the boundaries, the map's scripts, view plans, panels and the files to download."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import pandas as pd
import streamlit as st

from layers import LAYERS, YEARS
from layers._about import about_markdown
from layers._charts import CHARTS
from layers._assets import ensure_leaflet, ensure_script
from layers._changes import Change, all_countries, changes_table, record_changes
from layers._compare import comparison_html
from layers._dataset import Dataset, load_dataset
from layers._details import record_html, same_place
from layers._downloads import count_view_records, dataset_zip
from layers._filters import NO_FILTERS, Choices, Filters, choices, marks_kept
from layers._find import find_options
from layers._frontend import read, style
from layers._i18n import language, speaking
from layers._map import basemap_script, map_preview
from layers._marks import all_marks
from layers._records import data_dir, read_boundaries
from layers._table import records_table
from layers._templates import Markup, part
from layers._timeline import timeline_script
from layers._trends import TrendTables, trend_tables_of
from layers._view import ViewPlan, plan_view

LOG = logging.getLogger("wb_china_map")
PANEL_CSS = style("app/panel.css", "app/compare.css", "app/samples.css", "map/cluster.css")
ROOT = Path(__file__).resolve().parents[1]


def in_its_language(make):
    """A cached maker of words: its second argument, the language (part of the cache's key), is the one it speaks."""
    @functools.wraps(make)
    def made(folder: str, lang: str, *args):
        with speaking(lang):
            return make(folder, lang, *args)
    return made


def folder() -> str:
    """The data folder (WB_DATA_DIR or the shipped geodata/), the key of everything cached here."""
    return str(data_dir())


@st.cache_resource(show_spinner=False)
def load(folder: str) -> Dataset:
    """Loaded and validated once per process and data folder; shared read-only by every session."""
    return load_dataset(LAYERS, Path(folder))


def dataset() -> Dataset:
    return load(folder())


@st.cache_resource(show_spinner=False)
def leaflet_ready() -> None:
    """Copy Leaflet into static/ once per process, not on every rerun."""
    ensure_leaflet()


@st.cache_resource(show_spinner=False)
def boundaries_in(folder: str) -> tuple[dict, dict]:
    return read_boundaries(Path(folder))


@st.cache_resource(show_spinner=False)
@in_its_language
def basemap_url(folder: str, lang: str) -> str:
    """Borders, labels and every record's mark as a static script, written once per data folder; reruns then send
    only which marks a year shows."""
    return ensure_script(basemap_script(*boundaries_in(folder), all_marks(load(folder)), year_widget="year"), "base")


@st.cache_resource(show_spinner=False)
def page_script_url(name: str) -> str:
    """One of the page's own scripts (static/app/<name>.js) as a file the page loads, never inline: the balancer's
    Content-Security-Policy runs no script of ours from the page's text (docs/deploy.md)."""
    return ensure_script(read(f"app/{name}.js"), name)


@st.cache_resource(show_spinner=False)
@in_its_language
def preview_in(folder: str, lang: str) -> str:
    """The still picture, once per data folder; "" (also kept) when it cannot be made: the map comes all the same."""
    try:
        return map_preview(*boundaries_in(folder))
    except Exception:  # noqa: BLE001 - a picture that cannot be drawn must not hold up the map itself
        LOG.exception("the still picture of the map failed")
        return ""


@st.cache_resource(show_spinner=False)
@in_its_language
def timeline_url(folder: str, lang: str) -> str:
    """Every year's view, layer by layer, for the map's own year control; written once per data folder and loaded
    by the map after its first frame."""
    return ensure_script(timeline_script(load(folder), boundaries_in(folder)[0], YEARS), "timeline")


@st.cache_resource(show_spinner=False)
@in_its_language
def noted(folder: str, lang: str, layer_id: str, year: int, value: str | None) -> str:
    """A colouring's note under its control (the years a survey series was polled in), or ""."""
    loaded = load(folder).layers[layer_id]
    return loaded.layer.colouring.note(loaded.layer, loaded.frame, year, value) or ""


def offered(layer_id: str, year: int) -> list[tuple[str, str]]:
    """What a colouring offers to choose from in `year` (a diplomatic status, the year's survey series)."""
    return options_in(folder(), language(), layer_id, year)


@st.cache_resource(show_spinner=False)
@in_its_language
def options_in(folder: str, lang: str, layer_id: str, year: int) -> list[tuple[str, str]]:
    """What a colouring offers to choose from in `year` (a diplomatic status, the year's survey series)."""
    loaded = load(folder).layers[layer_id]
    colouring = loaded.layer.colouring
    return colouring.choices(loaded.layer, loaded.frame, year) if colouring and colouring.choices else []


@st.cache_resource(show_spinner=False, max_entries=256)
@in_its_language
def planned(folder: str, lang: str, year: int, layers: tuple[str, ...], choices: tuple[tuple[str, str | None], ...],
            tiles: bool, filters: Filters = NO_FILTERS) -> ViewPlan:
    """A view's plan (plain data) is the same for every session that asks for it, so it is worked out once."""
    return plan_view(load(folder), boundaries_in(folder)[0], year, list(layers), None, None, tiles, choices=dict(choices),
                     filters=filters)


@st.cache_resource(show_spinner=False, max_entries=256)
def view_count(folder: str, year: int, layers: tuple[str, ...], rows_choice: str | None,
               filters: Filters = NO_FILTERS) -> int:
    return count_view_records(load(folder), year, list(layers), rows_choice, filters)


@st.cache_resource(show_spinner=False, max_entries=128)
@in_its_language
def table_of(folder: str, lang: str, year: int, layers: tuple[str, ...], rows_choice: str | None,
             filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """The records' table of a view, in a language (shared read-only: Streamlit's dataframe copies what it sends)."""
    return records_table(load(folder), year, list(layers), rows_choice, filters)


@st.cache_resource(show_spinner=False, max_entries=64)
def kept_marks(folder: str, filters: Filters) -> dict[str, list[str]]:
    """The marks the filters keep, for the map's own year control: by year where a status filter makes it depend on
    the year, else once for all ("*")."""
    return marks_kept(load(folder), filters, YEARS)


@st.cache_resource(show_spinner=False)
@in_its_language
def filter_choices(folder: str, lang: str) -> Choices:
    data = load(folder)
    return choices(LAYERS, {lid: loaded.frame for lid, loaded in data.layers.items() if loaded.ok})


@st.cache_resource(show_spinner=False, max_entries=512)
@in_its_language
def record_panel(folder: str, lang: str, record_id: str, year: int) -> str:
    """A record's panel is the same for every session that opens it in a year: made once (5 ms saved on a click)."""
    data = load(folder)
    layer_id, row = data.record(record_id)
    return PANEL_CSS + part("panel", Markup(record_html(data, layer_id, row, year)))


@st.cache_resource(show_spinner=False)
@in_its_language
def records_here(folder: str, lang: str, record_id: str, year: int) -> list[tuple[str, str]]:
    """The records drawn on a point of this one's in a year, worked out once per data folder (as its panel is)."""
    return same_place(load(folder), record_id, year)


@st.cache_resource(show_spinner=False)
def zipped(folder: str) -> bytes:
    return dataset_zip(Path(folder), extra=(ROOT / "LICENSE-DATA.md", ROOT / "CITATION.cff"))


@st.cache_resource(show_spinner=False, max_entries=32)
@in_its_language
def compared(folder: str, lang: str, year: int) -> str:
    return comparison_html(load(folder), year)


@st.cache_resource(show_spinner=False)
@in_its_language
def about_text(folder: str, lang: str) -> str:
    return about_markdown(load(folder))


@st.cache_resource(show_spinner=False)
@in_its_language
def searchable(folder: str, lang: str) -> dict[tuple[str, str], str]:
    return dict(find_options(load(folder)))


@st.cache_resource(show_spinner=False, max_entries=64)
@in_its_language
def changed(folder: str, lang: str, first: int, second: int, layers: tuple[str, ...], filters: Filters
            ) -> tuple[list[Change], pd.DataFrame, dict[str, dict[str, list[str]]]]:
    """What changed between two years: the records (and their table), and each country's status and polls."""
    data = load(folder)
    changes = record_changes(data, first, second, list(layers), filters)
    return changes, changes_table(data, changes), all_countries(data, first, second)


@st.cache_resource(show_spinner=False, max_entries=64)
@in_its_language
def trend_tables(folder: str, lang: str, filters: Filters = NO_FILTERS) -> TrendTables:
    """The trend charts' data for the reader's filters (shared read-only: a chart copies what it sends)."""
    return trend_tables_of(load(folder), filters)


@st.cache_resource(show_spinner=False, max_entries=256)
@in_its_language
def trend_spec(folder: str, lang: str, filters: Filters, chart: str, *args) -> dict:
    """A trend chart's Vega-Lite spec (`layers._charts.CHARTS`: its name and arguments), made once."""
    return CHARTS[chart][0](trend_tables(folder, lang, filters), *args).to_dict()
