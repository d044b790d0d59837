"""Accessibility, measured with axe-core (the npm package pinned in package.json, installed by `make test`) in
Debian's Chromium: the app and the static export, on a desktop and a phone, with a record's panel, a country's profile
and the sections below the map open. axe runs in every frame (the map's too) and reports for the page as a whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import open_app, open_expander, wait_idle

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {"desktop": (1400, 900), "phone": (390, 844)}
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(" > ")).join(" | "));
}"""


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.exists():
        message = f"{AXE} is missing: `make test` installs it (npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE


def violations(page, axe_script: Path) -> list[str]:
    for frame in page.frames:  # axe asks each frame for its part of the page
        frame.add_script_tag(path=str(axe_script))
    return page.evaluate(RUN_AXE)


def sized_page(browser, size: str):
    """A context and its page at one of SIZES (a phone: touch, mobile)."""
    context = browser.new_context(viewport=dict(zip(("width", "height"), SIZES[size])), is_mobile=size == "phone",
                                  has_touch=size == "phone")
    return context, context.new_page()


@pytest.fixture(scope="module")
def export_url(built_export) -> str:
    return (built_export.folder / "index.html").as_uri()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("link", ["?year=2025", "?record=INF01", "?year=2016&country=XK&layers=sentiment",
                                  "?year=2022&since=2020&countries=RS,ME&status=operating"])
def test_the_app_has_no_violations(browser, app_url, axe_script, size, link) -> None:
    context, page = sized_page(browser, size)
    open_app(page, app_url + "/" + link)
    if link == "?year=2025":  # the sections below the map, open
        for label in ("Table of the records", "Trends over the years", "The six countries in 2025", "About this map"):
            open_expander(page, label)
        wait_idle(page)
        page.locator('[data-testid="stVegaLiteChart"] svg.marks').first.wait_for(timeout=30_000)  # the trends' charts
    if "since=" in link and size == "desktop":  # the filters open, beside what changed (open from the start)
        open_expander(page, "Filters (2 on)")
        wait_idle(page)
    found = violations(page, axe_script)
    if found:  # once more when the page has settled: a rerun under way (a loaded machine) can catch the sidebar
        wait_idle(page)  # between its widgets, scrollable with nothing in it to focus for a moment
        page.wait_for_timeout(1000)
        found = page.evaluate(RUN_AXE)
    where = [page.evaluate("(s) => { const e = document.querySelector(s); return e ? e.outerHTML.slice(0, 400) : s; }",
                           f.rsplit("; ", 1)[-1]) for f in found]  # what the rule found, to say it
    context.close()
    assert found == [], "\n".join(found + where)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("link", ["#year=2025", "#record=INF01", "#year=2016&country=XK&layers=sentiment",
                                  "#year=2022&since=2020&countries=RS", "#year=2022&company=huawei"])
def test_the_export_has_no_violations(browser, export_url, axe_script, size, link) -> None:
    context, page = sized_page(browser, size)
    page.goto(export_url + link)
    page.locator("path.leaflet-interactive").first.wait_for(timeout=20_000)
    page.locator("#wb-about summary").click()  # "About this map", open
    if "since=" in link or "company=" in link:  # the filters and the table (or what changed), open
        page.locator("#wb-filters summary").click()
        page.locator("#wb-table summary").click()
    found = violations(page, axe_script)
    context.close()
    assert found == [], "\n".join(found)


def test_on_a_phone_tab_goes_only_where_the_reader_can_see(browser, app_url) -> None:
    """The folded sidebar lies off the screen: Tab must not walk into its controls (it did: the search, the year)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_app(page, app_url + "/?year=2016")
    stops = []
    for _ in range(8):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return [e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40), Math.round(r.right)]; }"""))
    context.close()
    assert all(right > 0 for _, right in stops), stops  # nothing left of the screen's edge
    page_labels = [label for label, _ in stops]
    assert "Find" not in page_labels and "Year" not in page_labels, stops
