"""The static export in Debian's Chromium from file://: drawn, the year control applies the app's year rule without
moving the view, clicks open the same panels, data stays text, and no request leaves the machine."""

from __future__ import annotations

import http.server
import json
import re
import shutil
import threading
from functools import cache, partial
from pathlib import Path
from urllib.parse import quote

import pytest

from helpers import TOWN_NAMES_JS, address, tab_stops, touch_move, town_names_at, wait_for
from layers import LAYERS, filter_records
from layers._dataset import load_dataset
from layers._changes import changes_plan, record_changes
from layers._export import export
from layers._filters import Filters
from layers._map import LABEL_ZOOMS, map_labels
from layers._marks import MARK_LAYERS
from layers._records import DATA_DIR, read_boundaries
from layers._table import records_table
from layers._view import plan_view, shown

STANARI = (44.759289, 17.823207)
KOSOVO_INSIDE = (42.55, 20.85)
EVIL = "Stanari </script><script>alert(1)</script>"
REUTERS = "http://uk.reuters.com/article/bosnia-energy-eft-idUKL5E8HK4FX20120620"


@pytest.fixture(scope="module")
def index_url(built_export) -> str:
    return (built_export.folder / "index.html").as_uri()


@cache
def expected_marks(year: int) -> set[str]:
    """Ids the app draws as marks in `year`: its own filter over the layers drawn as points and lines."""
    dataset = load_dataset(LAYERS)
    ids = set()
    for layer_id in MARK_LAYERS:
        shown = filter_records(dataset.layers[layer_id].frame, year)
        ids |= set(shown[shown.geometry.notna()]["id"])
    return ids


def open_export(page, url: str) -> None:
    page.goto(url)
    page.locator("path.leaflet-interactive").first.wait_for(timeout=20_000)


def visible(page) -> set[str]:
    return set(page.evaluate("() => window.wbExport.visibleIds()"))


def view(page) -> list[float]:
    return [round(v, 6) for v in page.evaluate("() => window.wbExport.view()")]


def click_at(page, lat: float, lng: float) -> None:
    x, y = page.evaluate("([lat, lng]) => window.wbExport.point(lat, lng)", [lat, lng])
    box = page.locator("#wb-map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def drag_map(page, dx: float, dy: float) -> None:
    box = page.locator("#wb-map").bounding_box()
    x, y = box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.85  # over the sea, away from marks
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=8)
    page.mouse.up()
    last = None
    while (now := view(page)) != last:  # let Leaflet's inertia come to rest
        last = now
        page.wait_for_timeout(250)


def panel(page) -> str:
    return page.locator("#wb-panel").inner_text()



def test_year_control_shows_bar_boljare_and_keeps_the_view(page, index_url, blocked) -> None:
    open_export(page, index_url)
    view_at_load = view(page)
    year = page.get_by_label("Year", exact=True)
    assert year.get_attribute("type") == "range" and year.input_value() == "2025"
    year.focus()
    year.press("Home")
    assert year.input_value() == "2012" and "INF02" not in visible(page)
    drag_map(page, -120, -80)  # a view of the reader's own, which a year change must not reset
    before = view(page)
    assert before != view_at_load
    for _ in range(8):
        year.press("ArrowRight")
    assert year.input_value() == "2020" and page.locator("#wb-year-out").inner_text() == "2020"
    assert "INF02" in visible(page)  # Bar–Boljare motorway, under construction from 2015
    assert view(page) == before
    assert blocked == []


def test_marks_follow_the_apps_year_rule(page, index_url) -> None:
    open_export(page, index_url)
    assert visible(page) == expected_marks(2025)
    for year in (2012, 2016, 2020, 2022, 2026):
        page.evaluate("(y) => { const s = document.getElementById('wb-year'); s.value = y; s.dispatchEvent(new Event('input')); }", year)
        assert visible(page) == expected_marks(year), year


def test_clicking_stanari_opens_its_panel(page, index_url, blocked) -> None:
    open_export(page, index_url)
    click_at(page, *STANARI)
    assert wait_for(lambda: "300 MW" in panel(page)), panel(page)[:500]
    assert "Stanari Thermal Power Plant" in panel(page) and "EUR 350 million" in panel(page)
    reuters = page.locator(f'#wb-panel a[href="{REUTERS}"]')
    assert reuters.count() >= 1 and "noopener" in reuters.first.get_attribute("rel")
    page.get_by_role("button", name="← Bosnia and Herzegovina").click()
    assert "Bosnia and Herzegovina in 2025" in panel(page)
    assert blocked == []


def test_clicking_kosovo_shows_its_status_for_the_year(page, index_url, blocked) -> None:
    open_export(page, index_url)
    click_at(page, *KOSOVO_INSIDE)
    assert wait_for(lambda: "Kosovo in 2025" in panel(page)), panel(page)[:500]
    assert "not recognised by the PRC as a state" in panel(page)
    assert "Surveillance and digital (1; 1 with a Chinese vendor named)" in panel(page)  # as the app says it
    page.get_by_label("Year", exact=True).focus()
    page.get_by_label("Year", exact=True).press("Home")
    assert "Kosovo in 2012" in panel(page)  # the profile follows the year
    assert blocked == []


def test_after_a_click_on_a_mark_the_arrow_keys_move_the_map(page, index_url) -> None:
    open_export(page, index_url)
    click_at(page, *STANARI)
    assert wait_for(lambda: "Stanari Thermal Power Plant" in panel(page))
    before = view(page)
    page.keyboard.press("ArrowRight")
    assert wait_for(lambda: view(page) != before, timeout=5)


def test_the_tab_key_moves_on_past_the_map(page, index_url) -> None:
    open_export(page, index_url)
    page.evaluate("() => document.getElementById('wb-map').focus()")
    reached = tab_stops(page, lambda: page.evaluate(
        "() => document.activeElement.closest('#wb-map') ? document.activeElement.getAttribute('aria-label') : null"), 7)
    # the map's one stop for its marks and countries (static/map/keys.js), its zoom, then past the map (None)
    assert reached[:4] == ["Albania", "Zoom in", "Zoom out", None], reached


def test_layer_switch_and_country_colours(page, index_url) -> None:
    open_export(page, index_url)
    page.get_by_label("Infrastructure and investment", exact=True).uncheck()
    assert visible(page) and not {i for i in visible(page) if i.startswith("INF")}
    assert "operating or completed" not in page.locator("#wb-legend").inner_text()
    page.select_option("#wb-fill", "diplomacy:prc_recognition")
    assert "not recognised by the PRC" in page.locator("#wb-legend").inner_text()
    page.select_option("#wb-fill", "none")
    assert "NATO member" not in page.locator("#wb-legend").inner_text()


def test_a_script_in_a_name_stays_text(page, blocked, tmp_path: Path) -> None:
    data_dir = tmp_path / "geodata"
    shutil.copytree(DATA_DIR, data_dir)
    path = data_dir / "infrastructure.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    next(f for f in document["features"] if f["properties"]["id"] == "INF01")["properties"]["name"] = EVIL
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    export(tmp_path / "out", data_dir)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_export(page, (tmp_path / "out" / "index.html").as_uri())
    click_at(page, *STANARI)
    assert wait_for(lambda: EVIL in panel(page)), panel(page)[:300]
    assert page.locator(".leaflet-tooltip").inner_text().startswith(EVIL)
    assert page.locator("#wb-panel script").count() == 0 and dialogs == []
    assert blocked == []


def test_usable_at_phone_width(page, index_url) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_export(page, index_url)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    box = page.locator("#wb-map").bounding_box()
    assert box["width"] >= 380 and box["height"] >= 400
    assert box["y"] < 250 and box["y"] + box["height"] <= 844  # the map first, under the title, all on screen
    assert page.locator("#wb-controls").bounding_box()["y"] >= box["y"] + box["height"]  # its controls below it
    page.get_by_label("Year", exact=True).scroll_into_view_if_needed()
    assert page.get_by_label("Year", exact=True).is_visible()


def test_on_a_touch_screen_one_finger_scrolls_past_the_map(browser, index_url) -> None:
    """Embedded in an article, the map must not trap a reader's scrolling: one finger scrolls the page, two move the
    map (the mouse's drag is tested with the year control above)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        open_export(page, index_url)
        assert not page.evaluate("() => document.getElementById('wb-map').classList.contains('leaflet-touch-drag')")  # Leaflet's mark of a draggable map
        box = page.locator("#wb-map").bounding_box()
        before = view(page)
        x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"], 844 - box["y"]) * 0.8
        touch_move(page, [(x, y)], [(x, y - 250)])
        assert wait_for(lambda: page.evaluate("() => window.scrollY") > 100, timeout=5), page.evaluate("() => window.scrollY")
        assert view(page) == before
        hint = page.locator(".wb-touch-hint")
        assert hint.text_content() == "Use two fingers to move the map" and hint.get_attribute("data-shown") == "1"
    finally:
        context.close()


@pytest.fixture(scope="module")
def served_url(index_url) -> str:
    """The export on a web address (a loopback static server), where its citations carry a link."""
    folder = Path(index_url.removeprefix("file://"))
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def test_a_link_opens_a_record_in_a_year_and_follows_the_reader(page, index_url, blocked) -> None:
    open_export(page, index_url + "#year=2016&record=INF01")
    assert page.evaluate("() => window.wbExport.year()") == 2016
    assert page.get_by_label("Year", exact=True).input_value() == "2016"
    text = panel(page)
    assert text.startswith("Stanari Thermal Power Plant") and "Cite or share" in text
    cite = page.locator("#wb-panel .wb-cite")
    assert re.fullmatch(r"“Stanari Thermal Power Plant”, record INF01\. China in the Western Balkans: .*, version \d+\.\d+\.\d+\. "
                        r"Accessed [A-Z][a-z]+ \d{1,2}, \d{4}\.", cite.inner_text()), cite.inner_text()
    assert cite.locator("a").count() == 0  # a file on the reader's disk is no address to share
    click_at(page, *KOSOVO_INSIDE)
    assert wait_for(lambda: panel(page).startswith("Kosovo in 2016")), panel(page)[:200]
    assert wait_for(lambda: address(page).endswith("#year=2016&country=XK")), address(page)
    assert "“Kosovo”, country profile, 2016." in page.locator("#wb-panel .wb-cite").inner_text()
    page.evaluate("() => { location.hash = 'year=2019&record=INF02&year=2020'; }")  # a new link, the last year wins
    assert wait_for(lambda: "\nBar–Boljare motorway: priority section" in panel(page)), panel(page)[:200]
    assert page.evaluate("() => window.wbExport.year()") == 2020
    page.evaluate("() => { location.hash = 'record=inf01'; }")  # ids are upper case; a link in lower case finds it
    assert wait_for(lambda: panel(page).startswith("Stanari Thermal Power Plant")), panel(page)[:200]
    assert address(page).endswith("&record=INF01")
    page.evaluate("() => { location.hash = 'country=%20xk%20&year=02013'; }")  # spaces, lower case, a leading zero
    assert wait_for(lambda: panel(page).startswith("Kosovo in 2013")), panel(page)[:200]
    assert address(page).endswith("#year=2013&country=XK")
    assert blocked == []


def test_a_link_carries_the_layers_as_the_apps_links_do(page, index_url) -> None:
    open_export(page, index_url + "#year=2019&layers=infrastructure,%20sentiment")
    boxes = {box.get_attribute("value"): box.is_checked() for box in page.locator("input[name=layer]").all()}
    assert boxes == {"infrastructure": True, "surveillance": False, "events": False, "vaccines": False}
    assert page.locator("#wb-fill").input_value() == "sentiment"
    assert visible(page) == {rid for rid in expected_marks(2019) if rid.startswith("INF")}
    assert address(page).endswith("#year=2019&layers=infrastructure%2Csentiment"), address(page)
    page.get_by_label("Surveillance and digital", exact=True).check()
    assert wait_for(lambda: address(page).endswith("#year=2019&layers=infrastructure%2Csurveillance%2Csentiment"))
    page.locator("#wb-fill").select_option("diplomacy:eu")
    assert wait_for(lambda: address(page).endswith("&layers=infrastructure%2Csurveillance%2Cdiplomacy&dimension=eu"))
    page.locator("#wb-fill").select_option("sentiment")
    page.get_by_label("Year", exact=True).fill("2021")
    assert wait_for(lambda: address(page).endswith("#year=2021&layers=infrastructure%2Csurveillance%2Csentiment"))
    page.locator("#wb-series").select_option("iea-relations-grade")  # not the year's first series: it is named
    assert wait_for(lambda: address(page).endswith("%2Csentiment&series=iea-relations-grade"))
    page.evaluate("() => { location.hash = 'year=2019&layers=diplomacy&dimension=visa_china'; }")
    assert wait_for(lambda: page.locator("#wb-fill").input_value() == "diplomacy:visa_china") and visible(page) == set()
    page.evaluate("() => { location.hash = 'year=2021&layers=sentiment&series=iea-relations-grade'; }")
    assert wait_for(lambda: page.locator("#wb-series").input_value() == "iea-relations-grade")
    page.evaluate("() => { location.hash = 'year=2020&record=INF02'; }")  # no layers: the page's first set
    assert wait_for(lambda: visible(page) == expected_marks(2020))
    assert page.locator("#wb-fill").input_value() == "diplomacy:nato"
    assert address(page).endswith("#year=2020&record=INF02")  # the first set makes no layers in the address


def test_a_year_before_a_projects_current_status_says_what_it_was_then(page, index_url) -> None:
    open_export(page, index_url + "#year=2018&record=INF28")
    note = page.locator("#wb-panel .wb-note").inner_text()
    assert note.startswith("In 2018 this project was operating (sold by 2020, according to its sources)."), note
    page.evaluate("() => { location.hash = 'year=2014&record=INF01'; }")
    assert wait_for(lambda: panel(page).startswith("In 2014 this project was under construction (operating by 2016, according to its sources)."))
    page.evaluate("() => { location.hash = 'year=2020&record=INF28'; }")  # sold that year: no note
    assert wait_for(lambda: panel(page).startswith("Tirana International Airport")), panel(page)[:200]


def test_a_record_outside_the_year_says_so_and_records_on_its_point_are_offered(page, index_url) -> None:
    open_export(page, index_url + "#year=2012&record=SUR01")  # Belgrade's Safe City, before its cameras
    assert page.locator("#wb-panel .wb-note").inner_text() == "Not on the map in 2012: this record is for 2017 onwards."
    # the city's other records the sources place only at its centre, and the Confucius Institute (2006 onwards)
    assert "Confucius Institute, University of Belgrade" in page.locator("#wb-panel .wb-here button").all_inner_texts()
    page.get_by_role("button", name="Show it on the map in 2017").click()  # as the app's panel offers it
    assert wait_for(lambda: page.evaluate("() => window.wbExport.year()") == 2017)
    assert page.locator("#wb-panel .wb-note").count() == 0 and "SUR01" in page.evaluate("() => window.wbExport.visibleIds()")
    page.evaluate("() => { location.hash = 'year=2021&record=DIP017'; }")
    here = page.locator("#wb-panel .wb-here button")
    assert wait_for(lambda: here.count() >= 2), panel(page)[:300]
    assert page.locator("#wb-panel .wb-note").count() == 0
    assert "Also drawn on the same point in 2021" in panel(page)
    safe_city = here.filter(has_text="Safe City")
    safe_city.click()
    assert wait_for(lambda: panel(page).startswith("Belgrade 'Safe City' cameras (Huawei)")), panel(page)[:200]
    assert page.locator("#wb-panel .wb-here").filter(has_text="Confucius Institute").count() == 1


def test_a_bad_link_is_named_and_left_out(page, index_url) -> None:
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_export(page, index_url + "#year=20x6&country=ZZ&record=" + quote("<img src=x onerror=alert(1)>"))
    note = page.locator("#wb-panel .wb-note").inner_text()
    assert note == ("Parts of the link were ignored: year '20x6' is not a year; unknown country 'ZZ'; "
                    "no record '<img src=x onerror=alert(1)>'"), note
    assert page.locator("#wb-panel img").count() == 0 and dialogs == []
    assert page.evaluate("() => window.wbExport.year()") == 2025 and address(page).endswith("#year=2025")
    click_at(page, *STANARI)
    assert wait_for(lambda: panel(page).startswith("Stanari")) and page.locator("#wb-panel .wb-note").count() == 0
    page.evaluate("() => { location.hash = 'layers=nope,events,sentiment,diplomacy&dimension=x&series=%3Cb%3E'; }")
    assert wait_for(lambda: page.locator("#wb-panel .wb-note").count() == 1)
    assert page.locator("#wb-panel .wb-note").inner_text() == (
        "Parts of the link were ignored: unknown layer nope; only one country colouring at a time (kept sentiment); "
        "unknown diplomatic status 'x'; unknown survey series '<b>'")
    page.evaluate("() => { location.hash = 'year=2024&layers=sentiment&series=iea-relations-grade'; }")
    assert wait_for(lambda: "survey series 'iea-relations-grade' has no poll in 2024" in panel(page)), panel(page)[:300]
    page.evaluate("() => { location.hash = 'layers=nope,events,sentiment,diplomacy&dimension=x&series=%3Cb%3E&year=2025'; }")
    assert wait_for(lambda: "unknown layer nope" in panel(page))
    events = {rid for rid in expected_marks(2025) if rid.startswith("DIP")}
    assert page.locator("#wb-fill").input_value() == "sentiment" and events and visible(page) == events
    page.evaluate("() => { location.hash = 'year=2025&layers=foo'; }")  # nothing known left: the first view, not an empty map
    assert wait_for(lambda: "unknown layer foo: the default layers are shown" in panel(page))
    assert visible(page) == expected_marks(2025) and page.locator("#wb-fill").input_value().startswith("diplomacy")


def test_on_a_web_address_the_citation_links_to_what_it_cites(page, served_url, blocked) -> None:
    open_export(page, served_url + "?utm_source=feed#record=INF01")  # the query is not the view's
    link = page.locator("#wb-panel .wb-cite a")
    assert link.get_attribute("href") == served_url + "#year=2025&record=INF01" == link.inner_text()
    assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")
    assert blocked == []


def compared_row(page, country: str) -> list[str]:
    row = page.locator("#wb-panel table.wb-compare tbody tr").filter(has=page.locator(f"th:text-is('{country}')"))
    return row.locator("th, td").all_inner_texts()


def test_with_nothing_chosen_the_panel_compares_the_six_countries_in_the_year(page, index_url) -> None:
    open_export(page, index_url)
    assert page.locator("#wb-panel h2").inner_text() == "The six countries in 2025"
    assert page.locator("#wb-panel table.wb-compare tbody tr").count() == 6
    assert compared_row(page, "North Macedonia")[1] == "member"
    assert compared_row(page, "Kosovo")[3] == "does not recognise it (reported)"  # its events rest on copies
    page.evaluate("() => { const s = document.getElementById('wb-year'); s.value = 2013; s.dispatchEvent(new Event('input')); }")
    assert page.locator("#wb-panel h2").inner_text() == "The six countries in 2013"
    assert compared_row(page, "North Macedonia")[1] == "Partnership for Peace"
    assert page.locator("#wb-panel .wb-compare-note").inner_text().startswith("Status at the end of 2013; ")
    click_at(page, *STANARI)  # a record's panel takes its place
    assert wait_for(lambda: "Stanari Thermal Power Plant" in panel(page))
    assert page.locator("#wb-panel table.wb-compare").count() == 0


def test_about_this_map_is_in_the_key(page, index_url) -> None:
    open_export(page, index_url)
    about = page.locator("#wb-about")
    assert not about.locator("ul").first.is_visible()  # folded until asked
    about.locator("summary").click()
    assert "distinct sources" in about.inner_text() and "Known gaps and corrections." in about.inner_text()


def test_zoomed_out_the_town_names_are_placed_again_as_in_the_app(page, index_url) -> None:
    labels = map_labels(*read_boundaries(DATA_DIR))
    open_export(page, index_url)
    zoom = view(page)[2]
    assert page.evaluate(TOWN_NAMES_JS) == town_names_at(labels, LABEL_ZOOMS, zoom)
    page.locator(".leaflet-control-zoom-out").click()
    assert wait_for(lambda: view(page)[2] == zoom - 1)
    out = town_names_at(labels, LABEL_ZOOMS, zoom - 1)
    assert out != town_names_at(labels, LABEL_ZOOMS, zoom)
    assert wait_for(lambda: page.evaluate(TOWN_NAMES_JS) == out)


def test_a_browser_that_cannot_unpack_the_data_says_so(page, index_url) -> None:
    page.add_init_script("delete window.DecompressionStream")  # as in a browser from before 2023
    page.goto(index_url)
    assert wait_for(lambda: "a browser from 2023 or later is needed" in panel(page))
    assert page.locator("path.leaflet-interactive").count() == 0


def test_a_link_from_an_embedding_page_opens_its_view(page, index_url) -> None:
    open_export(page, index_url + "#year=2025")
    page.evaluate("() => { location.hash = 'year=2016&record=inf01&layers=infrastructure,nope'; }")
    assert wait_for(lambda: "unknown layer nope" in panel(page) and "Stanari" in panel(page))
    assert page.evaluate("() => window.wbExport.year()") == 2016 and address(page).endswith("#year=2016&layers=infrastructure&record=INF01")


def test_a_served_exports_citation_has_a_button_that_copies_its_link(browser, served_url) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_export(page, served_url + "#year=2016&record=INF01")
    button = page.locator("#wb-panel button.wb-copy")
    assert button.inner_text() == "Copy link"
    button.click()
    assert wait_for(lambda: button.inner_text() == "Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert copied == served_url + "#year=2016&record=INF01"


def test_the_filters_choose_the_marks_and_the_table_and_the_link_keeps_them(page, index_url, blocked) -> None:
    """The app's rule (layers/_filters.py) in the page: the marks and the table's rows are those the app keeps."""
    data = load_dataset(LAYERS)
    open_export(page, index_url + "#year=2016")
    page.locator("#wb-filters summary").click()
    page.locator("input[name=countries][value=ME]").check()
    page.locator("input[name=statuses][value=under_construction]").check()
    filters = Filters(countries=("ME",), statuses=("under_construction",))
    wanted = {rid for lid in MARK_LAYERS for rid in shown(data.layers[lid].frame, 2016,
                                                          filters.mask(LAYERS[lid], data.layers[lid].frame, 2016))[0]}
    assert wanted and wait_for(lambda: visible(page) == wanted), (visible(page), wanted)
    layers = [lid for lid, layer in LAYERS.items() if layer.first_view]
    table = records_table(data, 2016, layers, None, filters)
    page.locator("#wb-table summary").click()
    names = page.locator("#wb-table-box tbody tr td:nth-child(2)").all_inner_texts()
    assert sorted(names) == sorted(table["name"]) and page.locator("#wb-table-title").inner_text() == f"Table of the records ({len(table)})"
    assert wait_for(lambda: "countries=ME" in address(page) and "status=under_construction" in address(page))
    # a heading sorts the rows; a name opens its record
    page.locator("#wb-table-box th button", has_text="From").click()
    years = [int(y) for y in page.locator("#wb-table-box tbody td:nth-child(4)").all_inner_texts()]
    assert years == sorted(years) and page.locator("#wb-table-box th[aria-sort=ascending]").inner_text().startswith("From")
    first = page.locator("#wb-table-box tbody button.wb-link").first
    name = first.inner_text()
    first.click()
    assert wait_for(lambda: name in panel(page))
    # a name typed in the company box; the next year the map draws keeps the filters
    page.locator("#wb-clear").click()
    page.locator("#wb-company").fill("huawei")
    huawei = Filters(company="huawei")
    expected = {rid for lid in MARK_LAYERS for rid in shown(data.layers[lid].frame, 2024,
                                                            huawei.mask(LAYERS[lid], data.layers[lid].frame, 2024))[0]}
    page.locator("#wb-year").fill("2024")
    page.locator("#wb-year").dispatch_event("input")
    assert expected and wait_for(lambda: visible(page) == expected), (visible(page), expected)
    assert blocked == []


def test_a_link_with_filters_sets_the_controls(page, index_url) -> None:
    open_export(page, index_url + "#year=2020&company=CRBC&confidence=confirmed&kind=nope")
    assert page.locator("#wb-company").input_value() == "CRBC"
    assert page.locator("input[name=confidence][value=confirmed]").is_checked()
    assert "kind: unknown value nope" in panel(page)
    assert page.locator("#wb-filters-title").inner_text() == "Filters (2 on)"


def test_two_years_compared_show_what_changed_as_the_app_does(page, index_url, blocked) -> None:
    data = load_dataset(LAYERS)
    points = [lid for lid, layer in LAYERS.items() if layer.first_view and not layer.fills]
    changes = record_changes(data, 2020, 2022, points)
    plan = plan_view(data, read_boundaries(DATA_DIR)[0], 2022, points, "nato", None)
    expected = set(changes_plan(data, plan, changes, 2022).marks[0])
    open_export(page, index_url + "#year=2022&since=2020")
    assert expected and wait_for(lambda: visible(page) == expected), (visible(page) ^ expected)
    assert page.locator("#wb-compare").is_checked() and page.locator("#wb-since").input_value() == "2020"
    page.locator("#wb-table summary").click()
    assert page.locator("#wb-table-title").inner_text() == "What changed, 2020 → 2022"
    rows = page.locator("#wb-table-box tbody tr").count()
    assert rows == len(changes)
    assert "53% (2020) → 65% (2022) (+12 points)" in page.locator("#wb-country-changes").inner_text()
    page.locator("#wb-compare").uncheck()  # off: the year's own view, and the link drops the second year
    assert wait_for(lambda: "since=" not in address(page)) and visible(page) == expected_marks(2022)
    assert blocked == []
