"""The sidebar: search, year, layers and country colours, then the key of what the map shows (also under the map on
a narrow screen, where the sidebar is folded away)."""

from __future__ import annotations

import streamlit as st

from layers import LAYERS, YEARS
from layers._dataset import Dataset
from layers._details import legend_html
from layers._frontend import style
from layers._i18n import LANGUAGES, language
from layers._messages import t
from layers._style import cluster_swatches, confidence_swatches, precision_swatches
from layers._view import ViewPlan, layer_title

from .cached import PANEL_CSS, folder, noted, offered, searchable
from .state import FILL_LAYERS, POINT_LAYERS, View, on_find, widget_key

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


def legend_body(plan: ViewPlan, view: View) -> None:
    """The key of what the map shows: a colouring names what it colours by (a choice the same for all years, such as
    a diplomatic status); the marks' fill and outline only with marks."""
    def title(lid: str) -> str:
        name, colouring = layer_title(LAYERS[lid]), LAYERS[lid].colouring
        named = lid == view.fill and colouring.param and not colouring.per_year and view.choice
        return f"{name}: {dict(view.options).get(view.choice)}" if named else name
    blocks = [legend_html(title(lid), swatches) for lid, swatches in plan.legend.items()]
    if any(LAYERS[lid].marks for lid in plan.legend):
        blocks.append(legend_html(t("legend.confidence"), confidence_swatches()))
        blocks.append(legend_html(t("legend.precision"), precision_swatches() + cluster_swatches()))
    st.html(PANEL_CSS + "".join(blocks))
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
