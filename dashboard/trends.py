"""The Trends section below the map: the charts of layers/_charts.py for the reader's filters. A point or bar that
stands for a record opens it (marked on the map, in a year that shows it); one that stands for a year moves the map
there."""

from __future__ import annotations

from functools import partial

import streamlit as st

from layers import LAYERS
from layers._charts import CHARTS, count_caption, debt_caption, money_caption, poll_caption
from layers._dataset import Dataset
from layers._filters import Filters
from layers._frontend import style
from layers._i18n import language
from layers._messages import t
from layers._trends import CURRENCIES, PROJECTS, TrendTables, count_layers, poll_series
from layers._templates import Markup
from layers._view import layer_title

from .cached import folder, trend_spec, trend_tables
from .state import View, choose, show_on_map

CAPTION_CSS = style("app/trends.css")


def section(data: Dataset, view: View) -> None:
    """The section, folded at first: its charts are worked out and sent only while it is open (opening it reruns the
    app), so a reader who never opens it pays nothing for them on each run."""
    expander = st.expander(t("trends.title"), key="trends_open", on_change="rerun")
    if not expander.open:
        return
    tables = trend_tables(folder(), language(), view.filters)
    with expander:
        st.html(CAPTION_CSS)
        st.caption(t("trends.help"))
        polls(data, view.filters, tables)
        by = counts(view.filters, tables)
        money(data, view.filters, tables, by)
        debts(data, view.filters, tables)


def polls(data: Dataset, filters: Filters, tables: TrendTables) -> None:
    """One survey series at a time, chosen from those the filters keep (the most results first)."""
    heading(t("trends.polls_heading"))
    if tables.polls.empty:
        st.caption(t("trends.no_polls"))
        return
    titles = dict(poll_series(tables.polls))
    series = st.selectbox(t("trends.series_control"), list(titles), format_func=titles.get, key="trend_series")
    chart(filters, tables, ("poll", series), "trend_poll", "poll", partial(open_record, data, "trend_poll", "poll"))
    caption(poll_caption(tables.polls, series))


def counts(filters: Filters, tables: TrendTables) -> str:
    """A layer's records by the year they began, stacked by sector or kind, or by country (the reader's choice, which
    the money charts follow too, returned)."""
    heading(t("trends.counts_heading"))
    left, right = st.columns(2)
    layer_id = left.selectbox(t("trends.count_control"), count_layers(), key="trend_layer",
                              format_func=lambda lid: layer_title(LAYERS[lid]))
    by = right.radio(t("trends.by"), ("kind", "country"), horizontal=True, key="trend_by",
                     format_func=lambda value: t(f"trends.by_{value}"))
    chart(filters, tables, ("per_year", layer_id, by), "trend_years", "year", open_year)
    caption(count_caption(layer_id, tables.earlier[layer_id]))
    return by


def money(data: Dataset, filters: Filters, tables: TrendTables, by: str) -> None:
    """The projects' money by the year they began, by sector or by country: a chart per currency, never converted."""
    heading(t("trends.money_heading"))
    for unit in CURRENCIES:
        if (tables.money["unit"] == unit).any():
            key = f"trend_money_{unit}"
            pick = partial(open_record, data, key, "record")
            chart(filters, tables, ("money", unit, PROJECTS, by), key, "record", pick)
        else:
            st.caption(t("trends.no_money", currency=unit))
    caption(money_caption(tables.other_currencies))


def debts(data: Dataset, filters: Filters, tables: TrendTables) -> None:
    """Each project's loan and debt at the dates its sources give: a chart per currency."""
    heading(t("trends.debt_heading"))
    table = tables.debts
    if table.empty:
        st.caption(t("trends.no_debt"))
    for record_id, unit in dict.fromkeys(zip(table["id"], table["unit"])):
        key = f"trend_debt_{record_id}_{unit}"
        chart(filters, tables, ("debt", record_id, unit), key, "record", partial(open_record, data, key, "record"))
    for record_id in dict.fromkeys(table["id"]):
        caption(debt_caption(table, record_id))


def caption(html: Markup) -> None:
    """Where a chart's numbers come from, under it: HTML, as in the export (the records' own words marked English)."""
    st.html(Markup('<p class="wb-trend-caption">{}</p>').format(html))


def heading(text: str) -> None:
    """A group of charts' heading: a second level one (under the page's title), in a size that fits the section."""
    st.html(Markup('<h2 class="wb-trend-heading">{}</h2>').format(text))


def chart(filters: Filters, tables: TrendTables, name: tuple, key: str, param: str, on_pick) -> None:
    """A chart (`layers._charts.CHARTS`: its name and arguments) under its title, whose points can be picked (its
    selection `param`): one at a time, handled once by `on_pick`, a callback, so a pick still held on later runs is
    not taken again (the app reruns after it). Its Altair spec is made once (cached), so Streamlit's Vega-Lite element
    draws it."""
    st.html(Markup('<h3 class="wb-trend-chart">{}</h3>').format(CHARTS[name[0]][1](tables, *name[1:])))
    spec = trend_spec(folder(), language(), filters, *name)
    # a copy of its top level, which Streamlit changes (as it does itself): the spec is shared
    st.vega_lite_chart(spec=dict(spec), key=key, on_select=on_pick, selection_mode=param, width="stretch")


def picked(key: str, param: str) -> dict | None:
    """The point a chart's selection holds, or None (a click beside the points clears it)."""
    points = st.session_state[key].selection.get(param) or []
    return points[0] if points else None


def open_record(data: Dataset, key: str, param: str) -> None:
    """A poll's point, a project's bar or a debt figure: the record's details, marked on the map in a year that shows
    it."""
    point = picked(key, param)
    if point and point.get("id"):
        show_on_map(data, point["id"])
        choose(("record", point["id"]))


def open_year(key: str = "trend_years") -> None:
    """A year's bar: the map and everything else move to that year."""
    point = picked(key, "year")
    if point and point.get("year") is not None:
        st.session_state["year"] = int(point["year"])
