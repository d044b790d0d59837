"""The dashboard, top to bottom: page set-up, the view the reader chose (one typed value, dashboard/state.py), the map,
the details panel, then the controls, the key and the sections below the map. Its parts are in dashboard/; with them,
the only code that draws with streamlit (serve.py only hosts it)."""

from __future__ import annotations

import time

import streamlit as st
from streamlit_folium import st_folium

from dashboard import below, cached, sidebar, trends
from dashboard.panel import details
from dashboard.state import View, apply_link, current_view, timeline_choice, use_language
from layers import YEARS
from layers._dataset import Dataset
from layers._i18n import SOURCE, language
from layers._changes import changes_plan, ordered
from layers._details import md_escape
from layers._filters import describe
from layers._frontend import style
from layers._map import (MAP_HEIGHT, base_map, clicked, clicked_at, reported_year, rerun_after_report,
                         selection_args)
from layers._messages import t
from layers._records import BoundaryError
from layers._templates import part
from layers._view import layer_title, view_of

MAP_READY_WAIT_S = 2.0  # the longest the controls wait for the map before they are drawn anyway


def show_problems(data: Dataset) -> None:
    """A layer whose data has problems is left out, and says so, naming file, record and field."""
    for loaded in data.layers.values():
        if loaded.problems:
            lines = [str(p) for p in loaded.problems[:5]]
            more = len(loaded.problems) - len(lines)
            text = "\n".join(f"- {md_escape(line)}" for line in lines) + (f"\n- {t('problem.more', count=more)}" if more > 0 else "")
            st.warning(f"{t('problem.layer_disabled', layer=layer_title(loaded.layer))}\n\n{text}")
    for problem in [p for p in data.problems if p.file.endswith(("sources.csv", "figures.csv"))][:5]:
        st.warning(md_escape(problem))


def link_notices() -> None:
    """What the link asked for and did not get, shown once, with the controls (a session's first run has none)."""
    if st.session_state.get("map_ready"):
        notices = st.session_state.pop("link_notices", [])
    else:  # kept for the run that brings the controls, at once after this one, so they are shown with them
        notices = st.session_state.get("link_notices", [])
    if notices:
        st.info(t("permalink.notice", details=md_escape("; ".join(notices))))


# The map's reports. A click, a year picked on the map's own year control, and the report that it is drawn come back
# as the component's value; each is taken once (by its stamp), and only a click reruns the panel alone.

def take_click(value: dict | None) -> bool:
    """Select what a map click names, once per click: st_folium keeps returning the last click on later runs, and the
    stamp the map puts on each click tells a new click on the mark already shown (after a detour) from that."""
    click = clicked(value)
    click_key = (click, clicked_at(value))
    if not click or click_key == st.session_state.get("last_click"):
        return False
    st.session_state["last_click"] = click_key
    st.session_state["selected"] = click
    return True


def take_year(value: dict | None) -> bool:
    """Apply a year the reader picked on the map's timeline, once per report; the map is told which report was
    taken (`taken` in its arguments), so it can tell an answer to it from a run that started before it."""
    year, stamp = reported_year(value)
    if stamp is None or stamp == st.session_state.get("map_year_at"):
        return False
    st.session_state["map_year_at"] = stamp
    if year is None or not YEARS[0] <= year <= YEARS[1]:
        return False
    st.session_state["year"] = year
    return True


def on_map_report() -> None:
    """streamlit-folium has just put the map's new value under the component key: a click, or the map's report that it
    is drawn. Any report means the map is drawn; `rerun_after_report` says whether the panel alone reruns."""
    value = st.session_state.get("map") or {}
    first_report = not st.session_state.get("map_ready")
    st.session_state["map_ready"] = True
    st.session_state["map_late"] = False
    new_year = take_year(value)
    new_click = take_click(value)
    if rerun_after_report(value, first_report, st.session_state.get("full_run_done", False), new_click,
                          new_year) == "panel":
        st.rerun(scope="panel")


@st.fragment(run_every=MAP_READY_WAIT_S)
def controls_if_the_map_is_late() -> None:
    """The controls wait for the map's report that it is drawn; if none came (a map that failed or is slow to load),
    this timer's rerun draws them anyway. It stops once a full run no longer calls it."""
    waiting_since = st.session_state.setdefault("controls_wait_since", time.monotonic())
    if time.monotonic() - waiting_since >= MAP_READY_WAIT_S * 0.75:  # the timer's first tick, not the call itself
        st.session_state["map_ready"] = True
        st.session_state["map_late"] = True  # the still picture stays until the map reports: it may never come
        st.rerun()


def still_picture(view: View) -> None:
    """A session's first run: a still picture of the base map, sent before the map is worked out and shown until the
    map draws it (the map's frame takes a few hundred milliseconds more). Later runs leave the container empty, unless
    the controls came without the map's report (`controls_if_the_map_is_late`): no map may ever come."""
    still = st.container(key="map_preview")
    waiting = not st.session_state.get("map_ready") or st.session_state.get("map_late")
    picture = cached.preview_in(cached.folder(), language()) if waiting and not view.tiles else ""
    if picture:  # (with street-map tiles the map's land is see-through, unlike the picture's)
        still.html(picture)


def draw_map(view: View, plan) -> dict | None:
    """The map: a base built the same way every run (so st_folium keeps its component, hence the reader's view) and
    this run's view. Its year control comes with the run after the map is drawn: a process's first session then does
    not wait for the timeline to be built (0.2 s) before its map is sent."""
    folder = cached.folder()
    timeline = cached.timeline_url(folder, language()) if st.session_state.get("map_ready") else None
    args = view_of(plan, view.year, timeline_choice(view), timeline, st.session_state.get("map_year_at"),
                   selection_args(st.session_state.get("selected"), st.session_state.get("selected_token"),
                                  (st.session_state.get("last_click") or (None, None))[1]))
    # a new base map every run (folium elements are not idempotent when rendered twice); render=False: st_folium
    # renders it once itself
    result = st_folium(base_map(cached.basemap_url(folder, language()), tiles=view.tiles), key="map", height=MAP_HEIGHT,
                       use_container_width=True, feature_group_to_add=args.groups,
                       returned_objects=["last_active_drawing"], render=False, on_change=on_map_report)
    st.caption(t("map.attribution") + ("" if language() == SOURCE else " " + t("map.names_credit")))
    return result


def main() -> None:
    # page set-up, in the reader's language
    use_language()
    st.set_page_config(page_title=t("app.title"), page_icon="🗺️", layout="wide")
    st.session_state["full_run_done"] = False  # until this run's end: a map report that cuts it short reruns it all
    st.html(style("app/page.css"))
    cached.leaflet_ready()
    data = cached.dataset()
    # the view: from the link on a session's first run, then from the widgets (a year picked on the map included)
    apply_link(data)
    take_year(st.session_state.get("map"))  # one that reached this run without the callback (which takes it first)
    view = current_view()
    # HTML, as the still map below it is: the page then loads one renderer for both and shows them in one frame.
    # the page's own scripts, files loaded once with the title (each then watches the page: static/app/)
    st.html(part("app_title", t("app.title"), language(), [cached.page_script_url(name) for name in ("lang", "opened")]),
            unsafe_allow_javascript=True)
    st.caption(t("app.subtitle"))
    show_problems(data)
    link_notices()
    try:
        cached.boundaries_in(cached.folder())
    except (BoundaryError, KeyError) as error:
        st.session_state.pop("link_notices", None)  # shown above; no map will report, so drop them here
        sidebar.controls(data, view)
        st.error(t("problem.boundaries", folder=md_escape(cached.folder()), error=md_escape(error)))
        st.stop()
    if view.tiles:
        st.caption(t("control.tiles_notice"))
    if view.filters.active:  # said above the map: its marks, the table and the downloads are a part of the record
        st.caption(t("filter.on", filters=md_escape(describe(view.filters, cached.filter_choices(cached.folder(), language())))))
    # the map
    map_column, panel_column = st.columns([2, 1], gap="medium")
    with map_column:
        still_picture(view)
    plan = cached.planned(cached.folder(), language(), view.year, tuple(view.layers), view.choices, view.tiles,
                          view.filters)
    if view.since is not None:  # two years compared: the marks of what changed between them
        first, second = ordered(view.since, view.year)
        changes = cached.changed(cached.folder(), language(), first, second, tuple(view.layers), view.filters)[0]
        plan = changes_plan(data, plan, changes, second)
        with map_column:
            st.caption(t("changes.map_note", first=first, second=second) + " " + t("changes.timeline_rests"))
    with map_column:
        result = draw_map(view, plan)
    take_click(result)  # a click that reached this run without the callback (which takes it first) still counts
    # the details (before the sidebar: a click reruns the panel alone, see `on_map_report`)
    with panel_column:
        details(data, view)
    if not st.session_state.get("map_ready"):
        # A session's first run draws the map before any widget: the widgets' first render holds up the map's
        # iframe, which shares the page's thread. They follow as soon as the map reports it is drawn. The sidebar is
        # there from the start, so the map does not move (and a click does not miss) when they come.
        st.sidebar.caption(t("control.loading"))
        controls_if_the_map_is_late()
        cached.timeline_url(cached.folder(), language())  # built now, while the browser starts the map, for the next run
        st.session_state["full_run_done"] = True
        return
    # the controls and the key, then the sections below the map
    sidebar.controls(data, view)
    sidebar.legend(plan, view)
    with map_column:
        sidebar.narrow_legend(plan, view)
        if view.since is not None:
            below.changes(view)
        else:
            below.records(view)
        trends.section(data, view)
        below.compare(view.year)
        below.share_and_download(data, view)
        below.about()
    st.session_state["full_run_done"] = True


main()
