"""The dashboard: the view the controls hold -> map -> details panel -> controls and legend. The only module that
draws with streamlit (serve.py only hosts it)."""

from __future__ import annotations

import html
import logging
import secrets
import time
from datetime import date

import streamlit as st
from streamlit_folium import st_folium

from layers import LAYERS
from layers._about import about_markdown
from layers._compare import comparison_html
from layers._frontend import style
from layers._assets import ensure_leaflet, ensure_script
from layers._dataset import Dataset, load_dataset
from layers._details import (citation_html, country_profile, legend_html, md_escape, record_html, same_place,
                            section_heading)
from layers._downloads import count_view_records, dataset_zip, to_csv, to_geojson, view_records
from layers._find import find_options, shown_in, year_showing
from layers._map import (MAP_HEIGHT, base_map, basemap_script, clicked, clicked_at, map_preview, reported_year,
                         rerun_after_report, selection_args)
from layers._marks import all_marks
from layers._messages import t
from layers._permalink import encode, link_choices, parse, selection_params
from layers._records import BoundaryError, data_dir, read_boundaries
from pathlib import Path
from layers._schema import FOCUS_COUNTRIES
from layers._style import cluster_swatches, confidence_swatches, precision_swatches
from layers._timeline import choice_keys, timeline_script
from layers._view import ViewPlan, country_name, layer_title, plan_view, view_of

LOG = logging.getLogger("wb_china_map")
YEARS = (2012, 2026)
DEFAULT_YEAR = 2025
MAP_READY_WAIT_S = 2.0  # the longest the controls wait for the map before they are drawn anyway
POINT_LAYERS = [lid for lid, layer in LAYERS.items() if not layer.fills]  # each switched on or off
FILL_LAYERS = [lid for lid, layer in LAYERS.items() if layer.fills]  # one at a time colours the countries
# a session's first view (`apply_link`), and a link without `layers`: the point layers first, then the colouring
DEFAULT_LAYERS = [*(lid for lid in POINT_LAYERS if LAYERS[lid].first_view),
                  *(lid for lid in FILL_LAYERS if LAYERS[lid].first_view)][:len(POINT_LAYERS) + 1]
PANEL_CSS = style("app/panel.css", "app/compare.css", "map/cluster.css")


@st.cache_resource(show_spinner=False)
def load(folder: str) -> Dataset:
    """Loaded and validated once per process and data folder; shared read-only by every session."""
    return load_dataset(LAYERS, Path(folder))


@st.cache_resource(show_spinner=False)
def leaflet_ready() -> None:
    """Copy Leaflet into static/ once per process, not on every rerun."""
    ensure_leaflet()


def dataset() -> Dataset:
    return load(str(data_dir()))


@st.cache_resource(show_spinner=False)
def boundaries_in(folder: str) -> tuple[dict, dict]:
    return read_boundaries(Path(folder))


def boundaries() -> tuple[dict, dict]:
    return boundaries_in(str(data_dir()))


@st.cache_resource(show_spinner=False)
def basemap_url(folder: str) -> str:
    """Borders, labels and every record's mark as a static script, written once per data folder; reruns then send
    only which marks a year shows."""
    return ensure_script(basemap_script(*boundaries_in(folder), all_marks(load(folder)), year_widget="year"), "base")


@st.cache_resource(show_spinner=False)
def preview_in(folder: str) -> str:
    """The still picture, once per data folder; "" (also kept) when it cannot be made: the map comes all the same."""
    try:
        return map_preview(*boundaries_in(folder))
    except Exception:  # noqa: BLE001 - a picture that cannot be drawn must not hold up the map itself
        LOG.exception("the still picture of the map failed")
        return ""


@st.cache_resource(show_spinner=False)
def timeline_url(folder: str) -> str:
    """Every year's view, layer by layer, for the map's own year control; written once per data folder and loaded
    by the map after its first frame."""
    return ensure_script(timeline_script(load(folder), boundaries_in(folder)[0], YEARS), "timeline")


@st.cache_resource(show_spinner=False)
def noted(folder: str, layer_id: str, year: int, value: str | None) -> str:
    """A colouring's note under its control (the years a survey series was polled in), or ""."""
    loaded = load(folder).layers[layer_id]
    return loaded.layer.colouring.note(loaded.layer, loaded.frame, year, value) or ""


@st.cache_resource(show_spinner=False)
def options_in(folder: str, layer_id: str, year: int) -> list[tuple[str, str]]:
    """What a colouring offers to choose from in `year` (a diplomatic status, the year's survey series)."""
    loaded = load(folder).layers[layer_id]
    colouring = loaded.layer.colouring
    return colouring.choices(loaded.layer, loaded.frame, year) if colouring and colouring.choices else []


def widget_key(layer_id: str, year: int) -> str:
    """The session key of a colouring's choice: one for all years (`dimension`), or one a year (`series_2024`)."""
    colouring = LAYERS[layer_id].colouring
    return f"{colouring.param}_{year}" if colouring.per_year else colouring.param


def chosen(layer_id: str, year: int) -> tuple[str | None, list[tuple[str, str]]]:
    """The choice the reader made for a colouring in `year` (its first until they choose), and what it offers."""
    options = options_in(str(data_dir()), layer_id, year)
    picked = st.session_state.get(widget_key(layer_id, year)) if LAYERS[layer_id].colouring.param else None
    return (picked if picked in dict(options) else (options[0][0] if options else None)), options


def timeline_choice(choice: dict) -> dict:
    """The reader's choice as the timeline's keys, so the map can draw any year the way this run draws its own."""
    fill = choice["fill"]
    years = range(YEARS[0], YEARS[1] + 1)
    option = {year: chosen(fill, year)[0] for year in years} if fill else {}
    return choice_keys(choice["layers"], FILL_LAYERS, option, choice["tiles"], YEARS)


@st.cache_resource(show_spinner=False, max_entries=256)
def planned(folder: str, year: int, layers: tuple[str, ...], choices: tuple[tuple[str, str | None], ...],
            tiles: bool) -> ViewPlan:
    """A view's plan (plain data) is the same for every session that asks for it, so it is worked out once."""
    return plan_view(load(folder), boundaries_in(folder)[0], year, list(layers), None, None, tiles, choices=dict(choices))


@st.cache_resource(show_spinner=False, max_entries=256)
def view_count(folder: str, year: int, layers: tuple[str, ...], rows_choice: str | None) -> int:
    return count_view_records(load(folder), year, list(layers), rows_choice)


@st.cache_resource(show_spinner=False, max_entries=512)
def record_panel(folder: str, record_id: str, year: int) -> str:
    """A record's panel is the same for every session that opens it in a year: made once (5 ms saved on a click)."""
    data = load(folder)
    layer_id, row = data.record(record_id)
    return PANEL_CSS + f"<div class='wb-panel'>{record_html(data, layer_id, row, year)}</div>"


@st.cache_resource(show_spinner=False)
def records_here(folder: str, record_id: str, year: int) -> list[tuple[str, str]]:
    """The records drawn on a point of this one's in a year, worked out once per data folder (as its panel is)."""
    return same_place(load(folder), record_id, year)


def fresh_base_map(tiles: bool):
    """A new base map every run: folium elements are not idempotent when rendered twice, and st_folium attaches the
    feature groups to the map it is given. Built the same way each time, it keeps the component key, hence the view."""
    return base_map(basemap_url(str(data_dir())), tiles=tiles)


def show_problems(data: Dataset) -> None:
    for layer_id, loaded in data.layers.items():
        if loaded.problems:
            lines = [str(p) for p in loaded.problems[:5]]
            more = len(loaded.problems) - len(lines)
            text = "\n".join(f"- {md_escape(line)}" for line in lines) + (f"\n- {t('problem.more', count=more)}" if more > 0 else "")
            st.warning(f"{t('problem.layer_disabled', layer=layer_title(loaded.layer))}\n\n{text}")
    other = [p for p in data.problems if p.file.endswith(("sources.csv", "figures.csv"))]
    for problem in other[:5]:
        st.warning(md_escape(problem))


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
        if value in dict(options_in(str(data_dir()), lid, year)):
            st.session_state[widget_key(lid, year)] = value
        else:
            state.notices.append(t(f"permalink.{param}_not_in_year", value=value, year=year))
    if state.record:
        choose(("record", state.record))
    elif state.country:
        choose(("country", state.country))
    st.session_state["link_notices"] = state.notices


def update_link(choice: dict) -> None:
    """Keep the address bar in step with the view, so copying it shares this view: a colouring's choice only where it
    is not the year's first, and the layers only where they are not the first view's, which keeps links short."""
    first = choice["options"][0][0] if choice["options"] else None
    param = LAYERS[choice["fill"]].colouring.param if choice["fill"] else None
    choices = {param: choice["choice"]} if param and choice["choice"] not in (None, first) else {}
    layers = None if choice["layers"] == DEFAULT_LAYERS else choice["layers"]  # the first view's: a short link
    params = encode(choice["year"], layers, st.session_state.get("selected"), choices=choices)
    if {key: st.query_params.get(key) for key in st.query_params} != params:
        st.query_params.from_dict(params)


@st.cache_resource(show_spinner=False)
def zipped(folder: str) -> bytes:
    root = Path(__file__).resolve().parent
    return dataset_zip(Path(folder), extra=(root / "LICENSE-DATA.md", root / "CITATION.cff"))


def share_and_download(data: Dataset, choice: dict) -> None:
    """Files are made only when a button is clicked (callables), so reruns do not pay for them."""
    year, layers, series = choice["year"], choice["layers"], choice["choice"]
    records = lambda: view_records(data, year, layers, series)  # noqa: E731
    folder = str(data_dir())
    with st.expander(t("share.title")):
        st.caption(t("download.help", count=view_count(folder, year, tuple(layers), series)))
        stem = f"wb-china-{year}"
        left, middle, right = st.columns(3)
        left.download_button(t("download.view_csv"), lambda: to_csv(records(), data), f"{stem}.csv", "text/csv",
                             key="download_csv", on_click="ignore")
        middle.download_button(t("download.view_geojson"), lambda: to_geojson(records(), data), f"{stem}.geojson",
                               "application/geo+json", key="download_geojson", on_click="ignore")
        right.download_button(t("download.all"), lambda: zipped(folder), "wb-china-dataset.zip", "application/zip",
                              key="download_zip", on_click="ignore")
        st.caption(t("download.licence"))


@st.cache_resource(show_spinner=False, max_entries=32)
def compared(folder: str, year: int) -> str:
    return comparison_html(load(folder), year)


def compare(year: int) -> None:
    with st.expander(t("compare.title", year=year)):
        st.html(PANEL_CSS + compared(str(data_dir()), year))


@st.cache_resource(show_spinner=False)
def about_text(folder: str) -> str:
    return about_markdown(load(folder))


def about() -> None:
    with st.expander(t("about.title")):
        st.markdown(about_text(str(data_dir())))


def current_choice(data: Dataset) -> dict:
    """The view the sidebar widgets hold, read from their session state before they are drawn: the map can then be
    sent first, so the browser starts loading it while the sidebar is still being built."""
    state = st.session_state
    year = state["year"]
    visible = [lid for lid in POINT_LAYERS if state.get(f"layer_{lid}")]
    fill = state.get("fill") if state.get("fill") in FILL_LAYERS else None
    value, options = chosen(fill, year) if fill else (None, [])
    return {"year": year, "layers": visible + ([fill] if fill else []), "fill": fill, "choice": value,
            "options": options, "tiles": bool(state.get("tiles", False))}


@st.cache_resource(show_spinner=False)
def searchable(folder: str) -> dict[tuple[str, str], str]:
    return dict(find_options(load(folder)))


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


def controls(data: Dataset, choice: dict) -> None:
    """The sidebar widgets; they hold the values `current_choice` read (its survey waves are reused here)."""
    year = choice["year"]
    options = searchable(str(data_dir()))
    with st.sidebar:
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
            titles = dict(choice["options"]) if fill == choice["fill"] else dict(options_in(str(data_dir()), fill, year))
            if titles:
                st.selectbox(t(colouring.control), list(titles), key=widget_key(fill, year), format_func=titles.get)
            if colouring.note is not None:
                loaded = data.layers[fill]
                note = noted(str(data_dir()), fill, year, choice["choice"] if titles else None)
                if note:
                    st.caption(note)
        st.toggle(t("control.tiles"), value=False, key="tiles", help=t("control.tiles_help"))


def legend_body(plan: ViewPlan, choice: dict) -> None:
    """The key of what the map shows: a colouring names what it colours by (a choice the same for all years, such as
    a diplomatic status); the marks' fill and outline only with marks."""
    def title(lid: str) -> str:
        name = layer_title(LAYERS[lid])
        colouring = LAYERS[lid].colouring
        named = lid == choice["fill"] and colouring.param and not colouring.per_year and choice["choice"]
        return f"{name}: {dict(choice['options']).get(choice['choice'])}" if named else name
    blocks = [legend_html(title(lid), swatches) for lid, swatches in plan.legend.items()]
    if any(LAYERS[lid].marks for lid in plan.legend):
        blocks.append(legend_html(t("legend.confidence"), confidence_swatches()))
        blocks.append(legend_html(t("legend.precision"), precision_swatches() + cluster_swatches()))
    st.html(PANEL_CSS + "".join(blocks))
    country_level = sum(plan.country_level.values())
    if country_level:
        st.caption(t("legend.country_level", count=country_level))


def legend(plan: ViewPlan, choice: dict) -> None:
    with st.sidebar:
        st.markdown(f"**{t('legend.title')}**")
        legend_body(plan, choice)


NARROW_LEGEND_CSS = style("app/narrow_legend.css")  # the key under the map, on a narrow screen only


def narrow_legend(plan: ViewPlan, choice: dict) -> None:
    """Open: a reader who arrives on a phone sees the marks' key without looking for it."""
    with st.container(key="narrow_legend"):
        st.html(NARROW_LEGEND_CSS)
        st.caption(t("control.where_on_narrow"))  # Streamlit's » to open the sidebar has no words of its own
        with st.expander(t("legend.title"), expanded=True):
            legend_body(plan, choice)


def choose(selection: tuple[str, str]) -> None:
    """Set what the panel shows from the app (a link, a button in the panel); a new token tells the map to mark it
    and bring it into view (a click on the map needs neither: see `selection_args`). Unique across sessions, as the
    map outlives a session that reconnects."""
    st.session_state["selected"] = selection
    st.session_state["selected_token"] = secrets.token_hex(8)


def select(selection: tuple[str, str]) -> None:
    """A button in the panel: the whole app reruns (not the panel alone), so the map marks the new selection."""
    choose(selection)
    st.rerun()


# what the address bar says of the map around the panel: its layers, and a colouring's choice
VIEW_PARAMS = ("layers", *(LAYERS[lid].colouring.param for lid in FILL_LAYERS if LAYERS[lid].colouring.param))


def citation(name: str, what: str, selection: tuple[str, str], year: int) -> str:
    """The panel's 'Cite or share' block: its link opens this record or profile in this year, on the map the reader
    sees (its layers and colouring, as the address bar gives them)."""
    view = {key: st.query_params[key] for key in VIEW_PARAMS if key in st.query_params}
    params = {"year": str(year), **view, **selection_params(selection)}
    return f"<div class='wb-panel'>{citation_html(name, what, st.context.url, params, date.today().isoformat())}</div>"


def panel(data: Dataset, year: int) -> None:
    selection = st.session_state.get("selected")
    if not selection:
        st.info(t("panel.empty"))
        return
    kind, key = selection
    if kind == "country" and key in FOCUS_COUNTRIES:
        profile = country_profile(data, key, year)
        st.markdown(f"#### {t('profile.title', country=country_name(key), year=year)}")
        # a country's blocks (its status, its latest polls); the colouring on the map first, under the click
        order = sorted(profile.blocks, key=lambda lid: lid != st.session_state.get("fill"))
        for lid in order:
            heading, none, block = profile.blocks[lid]
            st.markdown(f"**{heading}**")
            st.html(PANEL_CSS + (block or html.escape(none)))
        for layer_id, items in profile.sections.items():
            layer = LAYERS[layer_id]
            with st.expander(section_heading(layer, items, profile.apart.get(layer_id)),
                             expanded=bool(items) and layer.profile_open):
                if not items:
                    st.caption(t("profile.none", year=year))
                for record_id, name in items:
                    st.button(md_escape(name), key=f"open_{record_id}", on_click=select, args=(("record", record_id),),
                              type="tertiary", use_container_width=True)
        st.html(PANEL_CSS + citation(country_name(key), t("cite.profile", year=year), selection, year))
        return
    found = data.record(key) if kind == "record" else None
    if found is None:
        st.warning(t("panel.not_found", id=key))
        return
    _, row = found
    st.html(record_panel(str(data_dir()), key, year))
    shows = year_showing(row, year, YEARS)
    if shows != year and shown_in(row, shows):  # opened in a year the map does not show it (nor ever, if before 2012)
        st.button(t("panel.show_in_year", year=shows), key="show_in_year", on_click=show_in_its_year, args=(data, key))
    others = records_here(str(data_dir()), key, year)
    if others:  # marks on one point lie under each other: only the top one takes a click
        st.caption(t("panel.same_place", year=year))
        for record_id, name in others:
            st.button(md_escape(name), key=f"here_{record_id}", on_click=select, args=(("record", record_id),),
                      type="tertiary", use_container_width=True)
    st.html(PANEL_CSS + citation(row["name"], t("cite.record", id=key), selection, year))
    if row["country"] in FOCUS_COUNTRIES:
        st.button(f"← {country_name(row['country'])}", key="back_to_country", on_click=select, args=(("country", row["country"]),))


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


@st.fragment(key="panel")
def details(data: Dataset, choice: dict) -> None:
    """The details panel, rerun alone after a click on the map or on a button in it (with the arguments of the last
    full run, which neither can change); the address bar follows the selection."""
    try:
        panel(data, choice["year"])
    except Exception:  # noqa: BLE001 - a failing panel must not take the controls, drawn after it, down too
        LOG.exception("panel for %s failed", st.session_state.get("selected"))
        st.error(t("panel.failed", what=md_escape(" ".join(st.session_state.get("selected") or ()))))
    update_link(choice)


def main() -> None:
    st.set_page_config(page_title=t("app.title"), page_icon="🗺️", layout="wide")
    st.session_state["full_run_done"] = False  # until this run's end: a map report that cuts it short reruns it all
    st.html(style("app/page.css"))
    leaflet_ready()
    data = dataset()
    apply_link(data)
    take_year(st.session_state.get("map"))  # one that reached this run without the callback (which takes it first)
    choice = current_choice(data)
    # HTML, as the still map below it is: the page then loads one renderer for both and shows them in one frame.
    st.html(f"<h1 class='wb-app-title'>{html.escape(t('app.title'))}</h1>")
    st.caption(t("app.subtitle"))
    show_problems(data)
    if st.session_state.get("map_ready"):
        notices = st.session_state.pop("link_notices", [])
    else:  # kept for the run that brings the controls, at once after this one, so they are shown with them
        notices = st.session_state.get("link_notices", [])
    if notices:
        st.info(t("permalink.notice", details=md_escape("; ".join(notices))))
    try:
        boundaries()
    except (BoundaryError, KeyError) as error:
        st.session_state.pop("link_notices", None)  # shown above; no map will report, so drop them here
        controls(data, choice)
        st.error(t("problem.boundaries", folder=md_escape(data_dir()), error=md_escape(error)))
        st.stop()
    folder = str(data_dir())
    if choice["tiles"]:
        st.caption(t("control.tiles_notice"))
    map_column, panel_column = st.columns([2, 1], gap="medium")
    with map_column:
        # A session's first run: a still picture of the base map, sent before the map is worked out and shown until the
        # map draws it (the map's frame takes a few hundred milliseconds more). Later runs leave the container empty,
        # unless the controls came without the map's report (`controls_if_the_map_is_late`): no map may ever come.
        still = st.container(key="map_preview")
        waiting = not st.session_state.get("map_ready") or st.session_state.get("map_late")
        picture = preview_in(folder) if waiting and not choice["tiles"] else ""
        if picture:  # (with street-map tiles the map's land is see-through, unlike the picture's)
            still.html(picture)
    param = LAYERS[choice["fill"]].colouring.param if choice["fill"] else None
    plan = planned(folder, choice["year"], tuple(choice["layers"]), ((param, choice["choice"]),) if param else (),
                   choice["tiles"])
    # The map's year control comes with the run after the map is drawn: a process's first session then does not wait
    # for the timeline to be built (0.2 s) before its map is sent.
    timeline = timeline_url(folder) if st.session_state.get("map_ready") else None
    view = view_of(plan, choice["year"], timeline_choice(choice), timeline, st.session_state.get("map_year_at"),
                   selection_args(st.session_state.get("selected"), st.session_state.get("selected_token"),
                                  (st.session_state.get("last_click") or (None, None))[1]))
    with map_column:
        # render=False: st_folium renders the map once itself; rendering the figure first would do it twice
        result = st_folium(fresh_base_map(choice["tiles"]), key="map", height=MAP_HEIGHT, use_container_width=True,
                           feature_group_to_add=view.groups, returned_objects=["last_active_drawing"], render=False,
                           on_change=on_map_report)
        st.caption(t("map.attribution"))
    take_click(result)  # a click that reached this run without the callback (which takes it first) still counts
    with panel_column:  # before the sidebar (a click reruns the panel alone: see `on_map_report`)
        details(data, choice)
    if not st.session_state.get("map_ready"):
        # A session's first run draws the map before any widget: the widgets' first render holds up the map's
        # iframe, which shares the page's thread. They follow as soon as the map reports it is drawn. The sidebar is
        # there from the start, so the map does not move (and a click does not miss) when they come.
        st.sidebar.caption(t("control.loading"))
        controls_if_the_map_is_late()
        timeline_url(folder)  # built now, while the browser starts the map, for the run that brings the controls
        st.session_state["full_run_done"] = True
        return
    controls(data, choice)
    legend(plan, choice)
    with map_column:
        narrow_legend(plan, choice)
        compare(choice["year"])
        share_and_download(data, choice)
        about()
    st.session_state["full_run_done"] = True


main()
