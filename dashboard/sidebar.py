"""The sidebar: search, year, layers and country colours, then the key of what the map shows (also under the map on
a narrow screen, where the sidebar is folded away)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from layers import LAYERS, YEARS
from layers._dataset import Dataset
from layers._details import legend_css, legend_html
from layers._frontend import style, style_block
from layers._i18n import LANGUAGES, language
from layers._messages import t
from layers._style import cluster_swatches, confidence_swatches, precision_swatches
from layers._filters import MAX_TEXT, PARAMS as FILTER_PARAMS, kind_label
from layers._view import ViewPlan, country_name, layer_title, word

from .cached import PANEL_CSS, filter_choices, folder, noted, offered, searchable
from .state import FILL_LAYERS, POINT_LAYERS, View, clear_filters, filter_key, on_find, widget_key

NARROW_LEGEND_CSS = style("app/narrow_legend.css")  # the key under the map, on a narrow screen only


def controls(data: Dataset, view: View) -> None:
    """The sidebar widgets; they hold the values `current_view` read (its colouring's choices are reused here)."""
    options = searchable(folder(), language())
    with st.sidebar:
        st.selectbox(t("control.language"), list(LANGUAGES), key="lang", format_func=lambda tag: LANGUAGES[tag][1],
                     help=t("control.language_help"))
        st.selectbox(t("control.find"), list(options), index=None, key="find", format_func=options.get,
                     placeholder=t("control.find_placeholder"), help=t("control.find_help"), on_change=on_find,
                     filter_mode="contains",  # part of a name, as the help says: fuzzy matching listed loose kin too
                     args=(data,))
        st.slider(t("control.year"), *YEARS, key="year", help=t("control.year_help"))
        if st.toggle(t("control.compare"), key="compare_on", help=t("control.compare_help")):
            st.session_state.setdefault("since", max(YEARS[0], view.year - 10))  # (dropped while the slider was away)
            st.slider(t("control.since"), *YEARS, key="since")
        st.markdown(f"**{t('control.layers')}**")
        for lid in POINT_LAYERS:
            st.checkbox(layer_title(LAYERS[lid]), key=f"layer_{lid}", disabled=not data.layers[lid].ok)
        fill = st.radio(t("control.fill"), [None, *FILL_LAYERS], key="fill",
                        format_func=lambda lid: t("control.fill_none") if lid is None else layer_title(LAYERS[lid]))
        colouring = LAYERS[fill].colouring if fill in FILL_LAYERS else None
        if colouring is not None and colouring.param:
            titles = dict(view.options) if fill == view.fill else dict(offered(fill, view.year))
            if titles:
                st.selectbox(t(colouring.control), list(titles), key=widget_key(fill, view.year), format_func=titles.get)
            note = noted(folder(), language(), fill, view.year, view.choice if titles else None) if colouring.note else ""
            if note:
                st.caption(note)
        st.toggle(t("control.tiles"), value=False, key="tiles", help=t("control.tiles_help"))
        filters(view)


def filters(view: View) -> None:
    """The filters on the records: multiple choice where the records' words are few, a part of a name for companies
    and financiers (their names are written many ways: "CRBC", "China Road and Bridge Corporation")."""
    offered = filter_choices(folder(), language())
    kinds = dict(offered.kinds)
    on = sum(bool(getattr(view.filters, name)) for name in FILTER_PARAMS)
    with st.expander(t("filter.title_on", count=on) if on else t("filter.title"), expanded=bool(on)):
        st.caption(t("filter.help"))
        pick = partial(st.multiselect, placeholder=t("filter.any"))
        pick(t("filter.countries"), offered.countries, key=filter_key("countries"), format_func=country_name)
        pick(t("filter.kinds"), list(kinds), key=filter_key("kinds"),
             format_func=lambda value: t("filter.kind_option", kind=kind_label(value, kinds[value]),
                                         layer=", ".join(layer_title(LAYERS[lid]) for lid in kinds[value])))
        st.text_input(t("filter.company"), key=filter_key("company"), max_chars=MAX_TEXT, help=t("filter.name_help"))
        st.text_input(t("filter.financier"), key=filter_key("financier"), max_chars=MAX_TEXT, help=t("filter.name_help"))
        pick(t("filter.statuses"), offered.statuses, key=filter_key("statuses"), format_func=partial(word, "status"),
             help=t("filter.statuses_help"))
        pick(t("filter.confidence"), offered.confidence, key=filter_key("confidence"),
             format_func=lambda level: t(f"term.confidence.{level}"))
        st.button(t("filter.clear"), key="clear_filters", on_click=clear_filters, disabled=not on)


def legend_body(plan: ViewPlan, view: View) -> None:
    """The key of what the map shows: a colouring names what it colours by (a choice the same for all years, such as
    a diplomatic status); the marks' fill and outline only with marks."""
    def title(lid: str) -> str:
        name, colouring = layer_title(LAYERS[lid]), LAYERS[lid].colouring
        named = lid == view.fill and colouring.param and not colouring.per_year and view.choice
        return f"{name}: {dict(view.options).get(view.choice)}" if named else name
    entries = [(title(lid), swatches) for lid, swatches in plan.legend.items()]
    if any(LAYERS[lid].marks for lid in plan.legend):
        entries += [(t("legend.confidence"), confidence_swatches()),
                    (t("legend.precision"), precision_swatches() + cluster_swatches())]
    samples = legend_css([s for _, swatches in entries for s in swatches])
    st.html(PANEL_CSS + style_block(samples) + "".join(legend_html(*entry) for entry in entries))
    country_level = sum(plan.country_level.values())
    if country_level:
        st.caption(t("legend.country_level", count=country_level))


def legend(plan: ViewPlan, view: View) -> None:
    with st.sidebar:
        st.markdown(f"**{t('legend.title')}**")
        legend_body(plan, view)


def narrow_legend(plan: ViewPlan, view: View) -> None:
    """Open: a reader who arrives on a phone sees the marks' key without looking for it."""
    with st.container(key="narrow_legend"):
        st.html(NARROW_LEGEND_CSS)
        st.caption(t("control.where_on_narrow"))  # Streamlit's » to open the sidebar has no words of its own
        with st.expander(t("legend.title"), expanded=True):
            legend_body(plan, view)
