"""Two years compared, in Chromium: the map draws what changed between them, the section below lists it and each
country's changes, the address keeps both years, and turning the comparison off brings the year's view back."""

from __future__ import annotations

from helpers import address, drawn_ids, open_app, wait_for, wait_idle

from layers import LAYERS
from layers._changes import changes_plan, record_changes
from layers._dataset import load_dataset
from layers._records import DATA_DIR, read_boundaries
from layers._view import plan_view

FIRST_VIEW = [lid for lid, layer in LAYERS.items() if layer.first_view]


def marks(first: int, second: int) -> set[str]:
    data = load_dataset(LAYERS, DATA_DIR)
    plan = plan_view(data, read_boundaries(DATA_DIR)[0], second, FIRST_VIEW, "nato", None)
    return set(changes_plan(data, plan, record_changes(data, first, second, FIRST_VIEW), second).marks[0])


def test_a_link_with_two_years_shows_what_changed_between_them(page, app_url) -> None:
    open_app(page, f"{app_url}/?year=2022&since=2020")
    expected = marks(2020, 2022)
    assert expected and wait_for(lambda: drawn_ids(page) == expected), (drawn_ids(page) ^ expected)
    section = page.locator('[data-testid="stExpander"]').filter(has_text="What changed, 2020 → 2022")
    assert "53% (2020) → 65% (2022) (+12 points)" in section.inner_text()  # North Macedonia's IRI series
    assert page.get_by_text("The map shows what changed between 2020 and 2022").first.is_visible()
    # off: the year's own view, and the address drops the second year
    page.locator('[data-testid="stSidebar"]').get_by_text("Compare with another year").click()
    wait_idle(page)
    assert wait_for(lambda: "since=" not in address(page))
    assert wait_for(lambda: len(drawn_ids(page)) > len(expected))


def test_turned_on_in_the_sidebar_the_address_keeps_both_years(page, app_url) -> None:
    open_app(page, f"{app_url}/?year=2025")
    page.locator('[data-testid="stSidebar"]').get_by_text("Compare with another year").click()
    wait_idle(page)
    assert wait_for(lambda: "since=2015" in address(page) and "year=2025" in address(page)), address(page)
    assert wait_for(lambda: drawn_ids(page) == marks(2015, 2025))
