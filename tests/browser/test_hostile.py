"""Hostile data in a real browser: HTML, JavaScript and Markdown in data fields never run and show literally."""

from __future__ import annotations


import pytest
from conftest import ROOT, start_streamlit, stop_streamlit
from helpers import MAP_IFRAME, click_at, map_frame, open_app, open_expander, panel_text, wait_for, wait_idle

import csv
import io
from pathlib import Path

from layers import LAYERS
from layers._i18n import LANGUAGES, speaking
from layers._messages import t
from layers._view import country_name
from tests.fixtures.hostile import EVENT_NAME, FIGURE_LABEL, FORMULA, NAME, NOTES, PUBLISHER, make_hostile_copy

STANARI = (44.759289, 17.823207)
KOSOVO_INSIDE = (42.55, 20.85)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    data = make_hostile_copy(tmp_path_factory.mktemp("hostile") / "geodata")
    process, url = start_streamlit("app.py", ROOT, env={"WB_DATA_DIR": str(data)})
    yield url
    stop_streamlit(process)


def pwned(page) -> list:
    """`window.__pwned` in the page and in every frame (the map iframe included): must stay undefined."""
    values = []
    for frame in page.frames:
        try:
            values.append(frame.evaluate("() => window.__pwned === undefined ? null : window.__pwned"))
        except Exception:  # a detached frame
            continue
    return [v for v in values if v is not None]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_payloads_show_literally_and_never_run(page, hostile_url, blocked, lang) -> None:
    """In every language: a record's text with markup stays text in the tooltip, the panel and a profile's list."""
    with speaking(lang):
        legend, profile = t("legend.title"), t("profile.title", country=country_name("XK"), year=2025)
        events = t(LAYERS["events"].profile, default=LAYERS["events"].title) + " ("
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, f"{hostile_url}/?lang={lang}", legend=legend)
    frame = map_frame(page)
    point = frame.evaluate("([a, b]) => { const p = window.map.latLngToContainerPoint([a, b]); return [p.x, p.y]; }", list(STANARI))
    box = page.locator(MAP_IFRAME).bounding_box()
    page.mouse.move(box["x"] + point[0], box["y"] + point[1])
    tooltip = page.frame_locator(MAP_IFRAME).locator(".leaflet-tooltip").first
    tooltip.wait_for(timeout=10_000)
    assert NAME in tooltip.inner_text()

    click_at(page, *STANARI)
    assert wait_for(lambda: NAME in panel_text(page)), panel_text(page)[-2000:]
    text = panel_text(page)
    assert NOTES in text and PUBLISHER in text and FIGURE_LABEL in text
    assert page.locator('a[href^="javascript"]').count() == 0
    assert page.frame_locator(MAP_IFRAME).locator('a[href^="javascript"]').count() == 0

    click_at(page, *KOSOVO_INSIDE)
    assert wait_for(lambda: profile in panel_text(page))
    open_expander(page, events)  # the events list starts folded
    button = page.get_by_role("button", name=EVENT_NAME)
    assert button.count() == 1  # the label is the literal text, not a rendered link
    button.click()
    wait_idle(page)
    assert wait_for(lambda: EVENT_NAME in panel_text(page))

    assert pwned(page) == [] and dialogs == []
    assert blocked == []


def test_hostile_download_cells_cannot_run_as_formulas(page, hostile_url) -> None:
    open_app(page, f"{hostile_url}/?year=2020&layers=infrastructure")
    open_expander(page, "Share and download")
    with page.expect_download() as info:
        page.get_by_role("button", name="Records shown (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    road = next(r for r in rows if r["id"] == "INF02")
    assert road["place"] == "'" + FORMULA  # a leading apostrophe keeps it text in spreadsheets
    assert not any(value.startswith(("=", "+", "@")) for row in rows for value in row.values() if value)


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory) -> Path:
    from layers._export import export

    folder = tmp_path_factory.mktemp("hostile-export")
    data = make_hostile_copy(folder / "geodata")
    export(folder / "out", data)
    return folder / "out"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_payloads_stay_text_in_the_static_export(page, hostile_export, blocked, lang) -> None:
    from layers._export import page_name

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((hostile_export / page_name(lang)).as_uri())
    page.locator("path.leaflet-interactive").first.wait_for(timeout=20_000)
    assert page.evaluate("document.documentElement.lang") == lang
    x, y = page.evaluate("([lat, lng]) => window.wbExport.point(lat, lng)", list(STANARI))
    box = page.locator("#wb-map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    assert wait_for(lambda: NAME in page.locator("body").inner_text())
    text = page.locator("body").inner_text()
    assert NOTES in text and PUBLISHER in text and FIGURE_LABEL in text
    assert page.locator('a[href^="javascript"]').count() == 0
    assert pwned(page) == [] and dialogs == [] and blocked == []
