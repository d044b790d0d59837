"""The map by keyboard alone, in Debian's Chromium: Tab reaches the map's one stop for its countries and marks, the
arrow keys go through them, Enter opens a project, a country and a poll's country (the app's panel, the export's),
a group of marks opens with Enter, each has a spoken name and a visible focus ring (static/map/keys.js)."""

from __future__ import annotations

import pytest

from helpers import map_frame, open_app, panel_text, wait_for, wait_idle

INFRASTRUCTURE = " (Infrastructure and investment)"
# What has the focus, in the map's frame (the app's) or the page (the export's): its tag, spoken name and classes.
FOCUS_JS = """() => { const e = document.activeElement; if (!document.hasFocus() || !e) return null;
  const s = getComputedStyle(e);
  return {tag: e.tagName, name: e.getAttribute('aria-label'), role: e.getAttribute('role'), key: e.classList.contains('wb-key'),
          stroke: s.strokeWidth, outline: s.outlineStyle, visible: e.matches(':focus-visible')}; }"""


@pytest.fixture(scope="module")
def index_url(built_export) -> str:
    return (built_export.folder / "index.html").as_uri()


def tab_to_the_map(page, where, presses: int) -> int:
    """Tab from the top of the page until the map's stop has the focus; how many presses it took."""
    for n in range(1, presses + 1):
        page.keyboard.press("Tab")
        found = where()
        if found and found["key"]:
            return n
    raise AssertionError(f"the map's marks and countries were not reached in {presses} presses of Tab")


def walk_to(page, where, wanted, presses: int = 120) -> dict:
    """Press → until `wanted(focus)`; the focus then."""
    for _ in range(presses):
        found = where()
        if wanted(found):
            return found
        page.keyboard.press("ArrowRight")
    raise AssertionError(f"not reached by the arrow keys: the last was {where()}")


def assert_ringed(found: dict) -> None:
    """A visible focus: a path's dark outline (map/map.css), a group's outline ring (map/cluster.css)."""
    assert found["visible"], found
    assert found["stroke"] == "4px" if found["tag"] == "path" else found["outline"] == "solid", found


def test_a_keyboard_opens_a_project_a_country_and_a_group_in_the_app(page, app_url) -> None:
    open_app(page, app_url + "/?year=2020")
    frame = map_frame(page)
    where = lambda: frame.evaluate(FOCUS_JS)  # noqa: E731
    tab_to_the_map(page, where, 40)
    first = where()
    assert first == {**first, "tag": "path", "name": "Albania", "role": "button"}, first
    assert_ringed(first)
    # a project: the arrows go past the six countries to the marks, named with their layer
    project = walk_to(page, where, lambda f: f["tag"] == "path" and f["name"].endswith(INFRASTRUCTURE))
    name = project["name"].removesuffix(INFRASTRUCTURE)
    page.keyboard.press("Enter")
    assert wait_for(lambda: name in panel_text(page) and "Sources" in panel_text(page)), panel_text(page)[:400]
    wait_idle(page)
    assert wait_for(lambda: (where() or {}).get("name") == project["name"])  # the focus stays on the mark
    # a country: Home goes back to the first country; Space opens it as Enter does
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    assert where()["name"] == "Bosnia and Herzegovina"
    page.keyboard.press(" ")
    assert wait_for(lambda: "Bosnia and Herzegovina in 2020" in panel_text(page))
    wait_idle(page)
    # a group: Enter zooms in (or spreads out its marks), and the focus goes to what it held
    group = walk_to(page, where, lambda f: f["tag"] == "DIV")
    assert group["name"].endswith("marks close together: zoom in to separate them") and group["role"] == "button"
    assert_ringed(group)
    zoom = frame.evaluate("() => window.map.getZoom()")
    page.keyboard.press("Enter")
    assert wait_for(lambda: frame.evaluate("() => window.map.getZoom()") > zoom or frame.evaluate(
        "() => !!document.querySelector('.leaflet-marker-icon.wb-cluster') && !!window.wbCluster._spiderfied"))
    page.wait_for_timeout(800)  # the zoom and the groups drawn again
    assert wait_for(lambda: (where() or {}).get("key")), where()
    assert where()["name"] != group["name"] or frame.evaluate("() => window.map.getZoom()") > zoom
    # Escape gives the keys back to the map, whose arrows pan it
    page.keyboard.press("Escape")
    assert where()["tag"] == "DIV" and not where()["key"]  # the map's own container
    before = frame.evaluate("() => window.map.getCenter().lng")
    page.keyboard.press("ArrowRight")
    assert wait_for(lambda: frame.evaluate("() => window.map.getCenter().lng") > before, timeout=5)


def test_a_keyboard_opens_a_countrys_poll(page, app_url) -> None:
    """The map coloured by a survey wave: a country opened by keyboard shows its latest poll figure."""
    open_app(page, app_url + "/?year=2020&layers=sentiment")
    frame = map_frame(page)
    where = lambda: frame.evaluate(FOCUS_JS)  # noqa: E731
    tab_to_the_map(page, where, 40)
    walk_to(page, where, lambda f: f["name"] == "Serbia")
    page.keyboard.press("Enter")
    assert wait_for(lambda: "Serbia in 2020" in panel_text(page))
    assert wait_for(lambda: "Latest public-opinion figure" in panel_text(page) and "Question (as reported)" in panel_text(page))


def test_the_map_is_one_stop_in_the_tab_order(page, app_url) -> None:
    """From the map's own focus, one Tab reaches its marks and countries, which the arrows then go through (dozens),
    and the next Tab its controls: not one stop each."""
    open_app(page, app_url + "/?year=2025")
    frame = map_frame(page)
    tabbable = "() => document.querySelectorAll('.leaflet-map-pane [tabindex=\"0\"]').length"
    assert frame.evaluate(tabbable) == 1
    frame.evaluate("() => window.map.getContainer().focus()")
    page.keyboard.press("Tab")
    where = lambda: frame.evaluate(FOCUS_JS)  # noqa: E731
    moved = "() => { const same = window.wbLastStop === document.activeElement; window.wbLastStop = document.activeElement; return !same; }"
    frame.evaluate(moved)
    stops = 1
    while stops < 200:
        page.keyboard.press("ArrowRight")
        if not frame.evaluate(moved):  # the last one: → stays there
            break
        stops += 1
    assert 40 < stops < 200, stops
    assert where()["key"]
    assert frame.evaluate(tabbable) == 1
    page.keyboard.press("Tab")
    assert where()["name"] == "Zoom in"


def test_a_keyboard_opens_a_mark_and_a_country_in_the_export(page, index_url) -> None:
    page.goto(index_url + "#year=2020")
    page.locator("path.leaflet-interactive").first.wait_for(timeout=20_000)
    where = lambda: page.evaluate(FOCUS_JS)  # noqa: E731
    presses = tab_to_the_map(page, where, 30)
    assert presses < 15, presses  # the controls (language, year, compare, layers, colours, filters, about), the map, its stop
    assert where()["name"] == "Albania"
    project = walk_to(page, where, lambda f: f["tag"] == "path" and f["name"].endswith(INFRASTRUCTURE))
    assert_ringed(project)
    page.keyboard.press("Enter")
    name = project["name"].removesuffix(INFRASTRUCTURE)
    assert wait_for(lambda: name in page.locator("#wb-panel").inner_text())
    assert where()["name"] == project["name"]
    page.keyboard.press("Home")
    page.keyboard.press("Enter")
    assert wait_for(lambda: "Albania in 2020" in page.locator("#wb-panel").inner_text())
    assert where()["name"] == "Albania"
