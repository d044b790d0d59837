"""Permalinks and downloads in a real browser: a link restores the view, a download holds the view's records."""

from __future__ import annotations

import csv
import io

from helpers import address, drawn_ids, open_app, open_expander, panel_text, wait_for

from layers import LAYERS, filter_records
from layers._dataset import load_dataset


def test_permalink_restores_year_layers_and_country(page, app_url, blocked) -> None:
    open_app(page, f"{app_url}/?year=2020&layers=infrastructure,diplomacy&country=XK")
    assert page.locator('[data-testid="stSlider"] input[type="range"]').first.input_value() == "2020"
    ids = drawn_ids(page)
    assert "INF02" in ids and "SUR01" not in ids and "DIP063" not in ids
    assert wait_for(lambda: "Kosovo in 2020" in panel_text(page))
    assert "year=2020" in address(page) and "country=XK" in address(page)
    assert blocked == []


def test_permalink_opens_a_record_panel_whose_citation_links_back_to_it_on_the_same_map(page, app_url) -> None:
    open_app(page, f"{app_url}/?record=INF01&year=2019&layers=infrastructure,sentiment")
    assert wait_for(lambda: "300 MW" in panel_text(page))
    assert "record=INF01" in address(page)
    cite = page.locator(".wb-cite a")
    # the address the reader's browser used, with the layers and colouring of the map around the panel
    wanted = f"{app_url}/?year=2019&layers=infrastructure,sentiment&record=INF01"  # commas kept, as a reader types
    assert wait_for(lambda: cite.get_attribute("href") == wanted), cite.get_attribute("href")
    page.goto(wanted)
    assert wait_for(lambda: "300 MW" in panel_text(page))
    assert drawn_ids(page) and not any(rid.startswith(("SUR", "DIP")) for rid in drawn_ids(page))
    open_app(page, f"{app_url}/?record=INF01&year=2019")  # the first view's layers: a short link, without them
    assert wait_for(lambda: cite.get_attribute("href") == f"{app_url}/?year=2019&record=INF01"), cite.get_attribute("href")
    assert "layers=" not in address(page)


def test_broken_permalink_is_ignored_with_a_notice(page, app_url) -> None:
    open_app(page, f"{app_url}/?year=3000&layers=nope&record=%3Cscript%3E")
    assert wait_for(lambda: "Parts of the link were ignored" in panel_text(page))
    assert page.locator('[data-testid="stSlider"] input[type="range"]').first.input_value() == "2025"


def test_download_holds_exactly_the_records_of_the_view(page, app_url, blocked) -> None:
    open_app(page, f"{app_url}/?year=2020&layers=infrastructure")
    open_expander(page, "Share and download")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Records shown (CSV)").click()
    text = open(download_info.value.path(), encoding="utf-8").read()
    ids = {row["id"] for row in csv.DictReader(io.StringIO(text))}
    expected = set(filter_records(load_dataset(LAYERS).layers["infrastructure"].frame, 2020)["id"])
    assert ids == expected
    assert ids == drawn_ids(page)  # every infrastructure record has a place, so download = marks on the map
    assert blocked == []


def test_a_citations_link_has_a_button_that_copies_it(browser, app_url) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_app(page, f"{app_url}/?year=2016&record=INF01")
    box = page.locator('[data-testid="stCode"]').filter(has_text="record=INF01")
    assert wait_for(lambda: box.count() == 1)
    box.hover()
    box.get_by_role("button").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert copied.endswith("/?year=2016&record=INF01") and copied.startswith(app_url)
