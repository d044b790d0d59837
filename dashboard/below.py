"""The sections below the map: the six countries side by side, share and download, and what the map holds."""

from __future__ import annotations

from functools import partial

import streamlit as st

from layers._dataset import Dataset
from layers._downloads import to_csv, to_geojson, view_records
from layers._i18n import language
from layers._messages import t
from layers._changes import ordered
from layers._table import COLUMNS, column_titles
from layers._templates import part
from layers._view import country_name

from .cached import PANEL_CSS, about_text, changed, compared, folder, table_of, view_count, zipped
from .state import View, choose


def compare(year: int) -> None:
    with st.expander(t("compare.title", year=year)):
        st.html(PANEL_CSS + compared(folder(), language(), year))


def records(view: View) -> None:
    """Every record of the view as a table: sortable and searchable (Streamlit's own), a row opens its details. Made
    and sent only while it is open (opening it reruns the app): its data would otherwise go with every run."""
    count = view_count(folder(), view.year, tuple(view.layers), view.choice, view.filters)
    expander = st.expander(t("table.title", count=count), key="records_open", on_change="rerun")
    if not expander.open:
        return
    table = table_of(folder(), language(), view.year, tuple(view.layers), view.choice, view.filters)
    titles = column_titles()
    with expander:
        st.caption(t("table.help"))
        st.dataframe(table, key="records_table", on_select=partial(open_row, tuple(table["id"]), "records_table"),
                     selection_mode="single-row", hide_index=True, column_order=COLUMNS, width="stretch",
                     column_config={name: column(name, titles[name]) for name in COLUMNS})


def changes(view: View) -> None:
    """Two years compared: the records that changed, as a table whose rows open them, and each country's changes."""
    first, second = ordered(view.since, view.year)
    found, table, countries = changed(folder(), language(), first, second, tuple(view.layers), view.filters)
    titles = {"change": t("table.change"), **column_titles()}
    with st.expander(t("changes.title", first=first, second=second), expanded=True):
        st.markdown(f"**{t('changes.records', count=len(table))}**")
        if table.empty:
            st.caption(t("changes.none"))
        else:
            st.dataframe(table, key="changes_table", on_select=partial(open_row, tuple(table["id"]), "changes_table"),
                         selection_mode="single-row", hide_index=True, column_order=("change", *COLUMNS), width="stretch",
                         column_config={name: column(name, titles[name]) for name in ("change", *COLUMNS)})
        st.markdown(f"**{t('changes.countries')}**")
        shown = [code for code in countries if not view.filters.countries or code in view.filters.countries]
        st.html(PANEL_CSS + part("changes", [(country_name(code), countries[code]) for code in shown],
                                 t("changes.country_none"), 2))  # (the page's h1 is the only heading above)
        st.caption(t("changes.poll_note"))


def column(name: str, title: str):
    """A column of the records' table: amounts to one decimal, years as years, the name wide."""
    if name in ("eur", "usd"):
        return st.column_config.NumberColumn(title, format="%.1f")
    if name == "since":
        return st.column_config.NumberColumn(title, format="%d", width="small")
    return st.column_config.TextColumn(title, width="large" if name == "name" else "medium")


def open_row(ids: tuple[str, ...], key: str) -> None:
    """A row chosen in a table: its record's details, marked on the map (the app reruns after this)."""
    rows = st.session_state[key].selection.rows
    if rows and rows[0] < len(ids):
        choose(("record", ids[rows[0]]))


def share_and_download(data: Dataset, view: View) -> None:
    """Files are made only when a button is clicked (callables), so reruns do not pay for them."""
    year, layers, series, filters = view.year, view.layers, view.choice, view.filters
    records = lambda: view_records(data, year, layers, series, filters)  # noqa: E731
    with st.expander(t("share.title")):
        st.caption(t("download.help", count=view_count(folder(), year, tuple(layers), series, filters)))
        stem = f"wb-china-{year}"
        left, middle, right = st.columns(3)
        left.download_button(t("download.view_csv"), lambda: to_csv(records(), data), f"{stem}.csv", "text/csv",
                             key="download_csv", on_click="ignore")
        middle.download_button(t("download.view_geojson"), lambda: to_geojson(records(), data), f"{stem}.geojson",
                               "application/geo+json", key="download_geojson", on_click="ignore")
        right.download_button(t("download.all"), lambda: zipped(folder()), "wb-china-dataset.zip", "application/zip",
                              key="download_zip", on_click="ignore")
        st.caption(t("download.licence"))


def about() -> None:
    with st.expander(t("about.title")):
        st.markdown(about_text(folder(), language()))
