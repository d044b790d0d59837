"""The view the reader has chosen, as one typed value read from the widgets' session state, and the moves that change
it: a link on arrival, a pick in the search, a button in the panel. The address bar follows it.

Session keys beside the widgets' own (`year`, `fill`, `layer_<id>`, a colouring's `dimension` or `series_<year>`,
`tiles`, `find`, `map`, the filters' `filter_<name>`, `compare_on` and `since`, the trends' `trends_open`,
`trend_series`, `trend_layer`, `trend_by` and their charts' keys, dashboard/trends.py): `selected` and `selected_token`
(what the panel shows, and a token new with each selection the app makes, which the map brings into view), `link_applied` and `link_notices` (a session's first run reads the
link once and shows what it could not use), and the map's reports (`map_ready`, `map_late`, `controls_wait_since`,
`last_click`, `map_year_at`, `full_run_done`: see app.py)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import streamlit as st

from layers import DEFAULT_YEAR, FOCUS_COUNTRIES, LAYERS, YEARS
from layers._dataset import Dataset
from layers._filters import MAX_TEXT, NO_FILTERS, PARAMS as FILTER_PARAMS, TEXT_FILTERS, Filters
from layers._find import year_showing
from layers._i18n import LANGUAGES, SOURCE, from_browser, from_link, set_language
from layers._messages import t
from layers._permalink import encode, link_choices, parse
from layers._timeline import choice_keys

from .cached import filter_choices, folder, kept_marks, offered
POINT_LAYERS = [lid for lid, layer in LAYERS.items() if not layer.fills]  # each switched on or off
FILL_LAYERS = [lid for lid, layer in LAYERS.items() if layer.fills]  # one at a time colours the countries
# a session's first view (`apply_link`), and a link without `layers`: the point layers first, then the colouring
DEFAULT_LAYERS = [*(lid for lid in POINT_LAYERS if LAYERS[lid].first_view),
                  *(lid for lid in FILL_LAYERS if LAYERS[lid].first_view)][:len(POINT_LAYERS) + 1]


@dataclass(frozen=True)
class View:
    """What the map, the panel and the sections below show."""

    year: int
    points: tuple[str, ...]  # the point layers switched on
    fill: str | None  # the layer colouring the countries, if any
    choice: str | None  # its choice (a diplomatic status, the year's survey series)
    options: tuple[tuple[str, str], ...]  # what it offers this year: (value, title)
    tiles: bool  # street-map tiles under the countries
    filters: Filters = NO_FILTERS  # the reader's filters on the records
    since: int | None = None  # the year compared with (`year` is the other): the view shows what changed

    @property
    def layers(self) -> list[str]:
        return [*self.points, *([self.fill] if self.fill else [])]

    @property
    def param(self) -> str | None:
        """The link parameter of the colouring's choice (`dimension`, `series`), if it has one."""
        return LAYERS[self.fill].colouring.param if self.fill else None

    @property
    def choices(self) -> tuple[tuple[str, str | None], ...]:
        return ((self.param, self.choice),) if self.param else ()


def use_language() -> str:
    """The session's language, for everything this run makes: the sidebar's choice (`lang`); on a session's first run,
    the link's `lang`, else the browser's language where the dashboard speaks it, else English."""
    state = st.session_state
    chosen = state.get("lang") if state.get("lang") in LANGUAGES else state.get("language")
    if chosen not in LANGUAGES:
        chosen = from_link(st.query_params.get("lang")) or from_browser(st.context.locale)
    state["language"] = chosen  # kept beside the widget's key, which a run without the sidebar would drop
    if state.get("lang") not in LANGUAGES:
        state["lang"] = chosen
    set_language(chosen)
    return chosen


def widget_key(layer_id: str, year: int) -> str:
    """The session key of a colouring's choice: one for all years (`dimension`), or one a year (`series_2024`)."""
    colouring = LAYERS[layer_id].colouring
    return f"{colouring.param}_{year}" if colouring.per_year else colouring.param


def chosen(layer_id: str, year: int, options: list[tuple[str, str]]) -> str | None:
    """The reader's choice for a colouring in `year` among its `options` (the first until they choose)."""
    picked = st.session_state.get(widget_key(layer_id, year)) if LAYERS[layer_id].colouring.param else None
    return picked if picked in dict(options) else (options[0][0] if options else None)


def current_view() -> View:
    """The view the sidebar widgets hold, read from their session state before they are drawn: the map can then be
    sent first, so the browser starts loading it while the sidebar is still being built."""
    state = st.session_state
    year = state["year"]
    fill = state.get("fill") if state.get("fill") in FILL_LAYERS else None
    options = tuple(offered(fill, year)) if fill else ()
    return View(year, tuple(lid for lid in POINT_LAYERS if state.get(f"layer_{lid}")), fill,
                chosen(fill, year, list(options)) if fill else None, options, bool(state.get("tiles", False)),
                current_filters(), state.get("since") if state.get("compare_on") and state.get("since") != year else None)


def filter_key(name: str) -> str:
    """The session key of a filter's widget (`filter_company`)."""
    return f"filter_{name}"


def current_filters() -> Filters:
    """The filters the sidebar's widgets hold (text stripped, cut to what a name can be)."""
    state = st.session_state
    values = {}
    for name in FILTER_PARAMS:
        value = state.get(filter_key(name))
        if name in TEXT_FILTERS:
            values[name] = str(value or "").strip()[:MAX_TEXT]
        else:
            values[name] = tuple(value or ())
    return Filters(**values)


def clear_filters() -> None:
    """The sidebar's button that sets every filter back to nothing."""
    for name in FILTER_PARAMS:
        st.session_state[filter_key(name)] = "" if name in TEXT_FILTERS else []


def timeline_choice(view: View) -> dict | None:
    """The reader's choice as the timeline's keys, so the map can draw any year the way this run draws its own."""
    years = range(YEARS[0], YEARS[1] + 1)
    option = {year: chosen(view.fill, year, offered(view.fill, year)) for year in years} if view.fill else {}
    if view.since is not None:  # two years compared: the map's own year control rests
        return None
    keys = choice_keys(view.layers, FILL_LAYERS, option, view.tiles, YEARS)
    if view.filters.active:  # the marks the filters keep, in every year the map may draw
        keys["keep"] = kept_marks(folder(), view.filters)
    return keys


def choose(selection: tuple[str, str]) -> None:
    """Set what the panel shows from the app (a link, a button in the panel); a new token tells the map to mark it
    and bring it into view (a click on the map needs neither: see `layers._map.selection_args`). Unique across
    sessions, as the map outlives a session that reconnects."""
    st.session_state["selected"] = selection
    st.session_state["selected_token"] = secrets.token_hex(8)


def select(selection: tuple[str, str]) -> None:
    """A button in the panel: the whole app reruns (not the panel alone), so the map marks the new selection."""
    choose(selection)
    st.rerun()


def apply_link(data: Dataset) -> None:
    """On a session's first run, restore the view from the URL; bad values are dropped with a notice."""
    if st.session_state.get("link_applied"):
        return
    st.session_state["link_applied"] = True
    st.session_state["year"] = DEFAULT_YEAR
    st.session_state["fill"] = next(lid for lid in DEFAULT_LAYERS if lid in FILL_LAYERS)
    for lid in POINT_LAYERS:
        st.session_state[f"layer_{lid}"] = lid in DEFAULT_LAYERS
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    state = parse(params, years=YEARS, layer_ids=list(LAYERS), fill_ids=FILL_LAYERS, countries=set(FOCUS_COUNTRIES),
                  record_exists=lambda rid: data.record(rid) is not None, choices=link_choices(data, YEARS[1]))
    if state.year is not None:
        st.session_state["year"] = state.year
    st.session_state["compare_on"] = state.since is not None
    # the year compared with: the link's, else ten years before (2015 against 2025)
    st.session_state["since"] = state.since if state.since is not None else max(YEARS[0], st.session_state["year"] - 10)
    held = filter_choices(folder(), SOURCE)  # a word the vocabulary has and no record holds is not offered
    for name, param in FILTER_PARAMS.items():
        value = getattr(state.filters, name)
        if name not in TEXT_FILTERS:
            offered_values = [v for v, _ in held.kinds] if name == "kinds" else list(getattr(held, name))
            unheld = [v for v in value if v not in offered_values]
            if unheld:
                state.notices.append(t("permalink.bad_filter", param=param, value=", ".join(unheld), count=len(unheld)))
            value = [v for v in value if v in offered_values]
        st.session_state[filter_key(name)] = value
    if state.layers is not None:
        for lid in POINT_LAYERS:
            st.session_state[f"layer_{lid}"] = lid in state.layers
        st.session_state["fill"] = next((lid for lid in state.layers if lid in FILL_LAYERS), None)
    year = st.session_state["year"]
    for lid in FILL_LAYERS:  # a colouring's choice; one the link's year does not offer is named, and left out
        param = LAYERS[lid].colouring.param
        value = state.choices.get(param) if param else None
        if value is None:
            continue
        if value in dict(offered(lid, year)):
            st.session_state[widget_key(lid, year)] = value
        else:
            state.notices.append(t(f"permalink.{param}_not_in_year", value=value, year=year))
    if state.record:
        choose(("record", state.record))
    elif state.country:
        choose(("country", state.country))
    st.session_state["link_notices"] = state.notices


def update_link(view: View) -> None:
    """Keep the address bar in step with the view, so copying it shares this view: a colouring's choice only where it
    is not the year's first, and the layers only where they are not the first view's, which keeps links short."""
    first = view.options[0][0] if view.options else None
    choices = {view.param: view.choice} if view.param and view.choice not in (None, first) else {}
    layers = None if view.layers == DEFAULT_LAYERS else view.layers  # the first view's: a short link
    params = encode(view.year, layers, st.session_state.get("selected"), choices=choices,
                    lang=None if st.session_state.get("language", SOURCE) == SOURCE else st.session_state["language"],
                    filters=view.filters, since=view.since)
    if {key: st.query_params.get(key) for key in st.query_params} != params:
        st.query_params.from_dict(params)


def show_on_map(data: Dataset, record_id: str) -> None:
    """Bring a record onto the map: a year that shows it, its layer on (a poll: the countries coloured by its
    series)."""
    found = data.record(record_id)
    if found is None:
        return
    layer_id, row = found
    st.session_state["year"] = year_showing(row, st.session_state["year"], YEARS)
    if layer_id in POINT_LAYERS:
        st.session_state[f"layer_{layer_id}"] = True
    if layer_id in FILL_LAYERS:  # a poll: the countries coloured by its series
        st.session_state["fill"] = layer_id
        colouring = LAYERS[layer_id].colouring
        if colouring.rows_field:
            st.session_state[widget_key(layer_id, st.session_state["year"])] = row[colouring.rows_field]


def show_in_its_year(data: Dataset, record_id: str) -> None:
    """A button in the panel of a record the chosen year does not show: the whole app moves to a year that does."""
    show_on_map(data, record_id)
    choose(("record", record_id))
    st.rerun()


def on_find(data: Dataset) -> None:
    """A pick in the search: its details, its layer on and a year that shows it; the box is cleared for the next."""
    picked = st.session_state.get("find")
    st.session_state["find"] = None
    if not picked:
        return
    kind, key = picked
    if kind == "record":
        show_on_map(data, key)
    choose(picked)
