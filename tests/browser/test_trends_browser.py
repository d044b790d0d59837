"""The Trends section in Chromium: below the map, a poll's point opens its record in the panel, a year's bar moves the
map to that year, and Streamlit's own Vega draws the charts without fetching anything from a third party."""

from __future__ import annotations

from helpers import open_app, open_expander, wait_for, wait_idle

from layers import LAYERS
from layers._dataset import load_dataset
from layers._records import DATA_DIR

POLL = "SEN_IRI2024_XI_RS"  # IRI's 2024 wave, Serbia: in the series the section opens with


def open_trends(page, app_url: str, query: str = "") -> object:
    open_app(page, f"{app_url}/{query}")
    open_expander(page, "Trends over the years")
    section = page.locator('[data-testid="stExpander"]').filter(has_text="Trends over the years")
    section.locator('[data-testid="stVegaLiteChart"] svg.marks').first.wait_for(timeout=30_000)
    wait_idle(page)
    return section


def test_a_poll_point_opens_its_record_and_nothing_comes_from_a_third_party(page, app_url, blocked) -> None:
    name = load_dataset(LAYERS, DATA_DIR).record(POLL)[1]["name"]
    section = open_trends(page, app_url)
    chart = section.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    point = chart.locator("g.mark-symbol path[aria-label*='Serbia']")
    assert point.count() == 1
    point.click()
    page.wait_for_function("(id) => location.search.includes('record=' + id)", arg=POLL, timeout=20_000)
    wait_idle(page)
    assert wait_for(lambda: page.locator("h2.wb-title").first.inner_text() == name)
    assert blocked == []


def test_a_years_bar_moves_the_map_to_that_year(page, app_url, blocked) -> None:
    section = open_trends(page, app_url, "?year=2025")
    bars = section.locator('[data-testid="stVegaLiteChart"]').nth(1)
    bars.scroll_into_view_if_needed()
    bar = bars.locator("g.mark-rect path[aria-label*='2019']").first
    bar.click()
    page.wait_for_function("() => location.search.includes('year=2019')", timeout=20_000)
    wait_idle(page)
    slider = page.locator('[data-testid="stSlider"] input[type="range"]').first
    assert wait_for(lambda: slider.input_value() == "2019")
    assert blocked == []
