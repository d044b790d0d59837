"""The details panel beside the map: a record's details or a country's profile in the year, with how to cite it;
rerun alone after a click (a Streamlit fragment)."""

from __future__ import annotations

import html
from datetime import date

import streamlit as st

from layers import FOCUS_COUNTRIES, LAYERS, YEARS
from layers._dataset import Dataset
from layers._details import cite_address, citation_html, country_profile, md_escape, section_heading
from layers._downloads import country_records, to_csv, to_geojson
from layers._filters import PARAMS as FILTER_PARAMS
from layers._find import shown_in, year_showing
from layers._i18n import SOURCE, language
from layers._messages import t
from layers._permalink import selection_params
from layers._templates import Markup, part
from layers._view import country_name

from .cached import LOG, PANEL_CSS, folder, record_panel, records_here
from .state import FILL_LAYERS, View, select, show_in_its_year, update_link, use_language

# what the address bar says of the map around the panel: its layers, a colouring's choice and the filters
VIEW_PARAMS = ("layers", *(LAYERS[lid].colouring.param for lid in FILL_LAYERS if LAYERS[lid].colouring.param),
               *FILTER_PARAMS.values())


def citation(name: str, what: str, selection: tuple[str, str], year: int) -> None:
    """The panel's 'Cite or share' block: its link opens this record or profile in this year, on the map the reader
    sees (its layers and colouring, as the address bar gives them), with a button that copies it (Streamlit's code
    box has one)."""
    view = {key: st.query_params[key] for key in VIEW_PARAMS if key in st.query_params}
    lang = {"lang": language()} if language() != SOURCE else {}  # the link opens in the language it was copied in
    params = {**lang, "year": str(year), **view, **selection_params(selection)}
    st.html(PANEL_CSS + part("panel", Markup(citation_html(name, what, st.context.url, params, date.today().isoformat()))))
    address = cite_address(st.context.url, params)
    if address:
        st.caption(t("cite.copy"))
        st.code(address, language=None, wrap_lines=True)


def record_buttons(items: list[tuple[str, str]], prefix: str) -> None:
    for record_id, name in items:
        st.button(md_escape(name), key=f"{prefix}_{record_id}", on_click=select, args=(("record", record_id),),
                  type="tertiary", use_container_width=True)


def profile(data: Dataset, code: str, year: int, selection: tuple[str, str]) -> None:
    """A country in a year: its blocks (its status, its latest polls; the colouring on the map first, under the
    click), then its records layer by layer."""
    found = country_profile(data, code, year)
    st.html(PANEL_CSS + part("heading", t("profile.title", country=country_name(code), year=year)))
    for lid in sorted(found.blocks, key=lambda lid: lid != st.session_state.get("fill")):
        heading, none, block = found.blocks[lid]
        st.markdown(f"**{heading}**")
        st.html(PANEL_CSS + (block or html.escape(none)))
    for layer_id, items in found.sections.items():
        layer = LAYERS[layer_id]
        with st.expander(section_heading(layer, items, found.apart.get(layer_id)), expanded=bool(items) and layer.profile_open):
            if not items:
                st.caption(t("profile.none", year=year))
            record_buttons(items, "open")
    citation(country_name(code), t("cite.profile", year=year), selection, year)
    downloads(data, code)


def downloads(data: Dataset, code: str) -> None:
    """The country's records, of every layer and year, as CSV and GeoJSON (made only when a button is clicked)."""
    records = lambda: country_records(data, code)  # noqa: E731
    st.markdown(f"**{t('profile.download_title')}**")
    st.caption(t("profile.download_help", country=country_name(code)))
    left, right = st.columns(2)
    stem = f"wb-china-{code.lower()}"
    left.download_button(t("profile.download_csv"), lambda: to_csv(records(), data), f"{stem}.csv", "text/csv",
                         key="profile_csv", on_click="ignore")
    right.download_button(t("profile.download_geojson"), lambda: to_geojson(records(), data), f"{stem}.geojson",
                          "application/geo+json", key="profile_geojson", on_click="ignore")


def record(data: Dataset, key: str, year: int, selection: tuple[str, str]) -> None:
    """A record's details, the offer of a year that shows it, the records drawn on its point, how to cite it."""
    found = data.record(key)
    if found is None:
        st.warning(t("panel.not_found", id=key))
        return
    _, row = found
    st.html(record_panel(folder(), language(), key, year))
    shows = year_showing(row, year, YEARS)
    if shows != year and shown_in(row, shows):  # opened in a year the map does not show it (nor ever, if before 2012)
        st.button(t("panel.show_in_year", year=shows), key="show_in_year", on_click=show_in_its_year, args=(data, key))
    others = records_here(folder(), language(), key, year)
    if others:  # marks on one point lie under each other: only the top one takes a click
        st.caption(t("panel.same_place", year=year))
        record_buttons(others, "here")
    citation(row["name"], t("cite.record", id=key), selection, year)
    if row["country"] in FOCUS_COUNTRIES:
        st.button(f"← {country_name(row['country'])}", key="back_to_country", on_click=select,
                  args=(("country", row["country"]),))


def title_of(data: Dataset, selection: tuple[str, str] | None, year: int) -> str:
    """The heading the panel gives what it shows (a record's name, a country's profile), "" for anything else."""
    kind, key = selection or (None, None)
    if kind == "country" and key in FOCUS_COUNTRIES:
        return t("profile.title", country=country_name(key), year=year)
    found = data.record(key) if kind == "record" else None
    return found[1]["name"] if found is not None else ""


@st.fragment(key="panel")
def details(data: Dataset, view: View) -> None:
    """The details panel, rerun alone after a click on the map or on a button in it (with the arguments of the last
    full run, which neither can change); the address bar follows the selection."""
    use_language()  # a run of this fragment alone starts without the full run's language
    selection = st.session_state.get("selected")
    try:
        if not selection:
            st.info(t("panel.empty"))
        elif selection[0] == "country" and selection[1] in FOCUS_COUNTRIES:
            profile(data, selection[1], view.year, selection)
        elif selection[0] == "record":
            record(data, selection[1], view.year, selection)
        else:
            st.warning(t("panel.not_found", id=selection[1]))
    except Exception:  # noqa: BLE001 - a failing panel must not take the controls, drawn after it, down too
        LOG.exception("panel for %s failed", selection)
        st.error(t("panel.failed", what=md_escape(" ".join(selection or ()))))
    # what the app itself opened (a new token with each: see state.choose) takes the reader to its title
    opened = st.session_state.get("selected_token") if selection else ""
    st.html(part("opened", opened or "", title_of(data, selection, view.year)))  # (static/app/opened.js reads it)
    update_link(view)
