"""The sections below the map: the six countries side by side, share and download, and what the map holds."""

from __future__ import annotations

import streamlit as st

from layers._dataset import Dataset
from layers._downloads import to_csv, to_geojson, view_records
from layers._i18n import language
from layers._messages import t

from .cached import PANEL_CSS, about_text, compared, folder, view_count, zipped
from .state import View


def compare(year: int) -> None:
    with st.expander(t("compare.title", year=year)):
        st.html(PANEL_CSS + compared(folder(), language(), year))


def share_and_download(data: Dataset, view: View) -> None:
    """Files are made only when a button is clicked (callables), so reruns do not pay for them."""
    year, layers, series = view.year, view.layers, view.choice
    records = lambda: view_records(data, year, layers, series)  # noqa: E731
    with st.expander(t("share.title")):
        st.caption(t("download.help", count=view_count(folder(), year, tuple(layers), series)))
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
