"""The filters in Chromium: chosen in the sidebar, they choose the marks on the map (in any year the map's own year
control draws), the table's rows and the downloads, and the address keeps them; a link with filters restores them."""

from __future__ import annotations

from helpers import address, drawn_ids, map_frame, open_app, open_expander, wait_for, wait_idle

from layers import LAYERS
from layers._dataset import load_dataset
from layers._filters import Filters
from layers._records import DATA_DIR
from layers._table import records_table
from layers._view import shown

PICK_JS = """(year) => {
  const range = document.querySelector('.wb-timeline-range');
  range.value = year;
  range.dispatchEvent(new Event('input', {bubbles: true}));
}"""


def expected_marks(year: int, filters: Filters, layers: tuple[str, ...]) -> set[str]:
    data = load_dataset(LAYERS, DATA_DIR)
    out = set()
    for lid in layers:
        loaded = data.layers[lid]
        out |= set(shown(loaded.frame, year, filters.mask(loaded.layer, loaded.frame, year))[0])
    return out


def marks_layers() -> tuple[str, ...]:
    return tuple(lid for lid, layer in LAYERS.items() if layer.marks and layer.first_view)


def test_filters_chosen_in_the_sidebar_choose_the_marks_the_table_and_the_link(page, app_url) -> None:
    open_app(page, f"{app_url}/?year=2024")
    everything = drawn_ids(page)
    open_expander(page, "Filters")
    sidebar = page.locator('[data-testid="stSidebar"]')
    company = sidebar.get_by_role("textbox", name="Company or vendor")
    company.fill("huawei")
    company.press("Enter")
    wait_idle(page)
    filters = Filters(company="huawei")
    expected = expected_marks(2024, filters, marks_layers())
    assert expected and expected < everything
    assert wait_for(lambda: drawn_ids(page) == expected), (drawn_ids(page), expected)
    page.wait_for_function("() => location.search.includes('company=huawei')", timeout=20_000)
    assert page.get_by_text("Filtered: “huawei”").first.is_visible()
    assert "Filters (1 on)" in sidebar.inner_text()
    # the table holds the records the filters keep (its title counts them), those with no place of their own too
    layers = [lid for lid, layer in LAYERS.items() if layer.first_view]
    table = records_table(load_dataset(LAYERS, DATA_DIR), 2024, layers, None, filters)
    count = len(table)
    assert set(table["id"]) >= expected
    assert page.locator('[data-testid="stExpander"] summary').filter(has_text=f"Table of the records ({count})").count() == 1
    # the map's own year control keeps the filters in another year
    frame = map_frame(page)
    frame.evaluate(PICK_JS, 2016)
    assert wait_for(lambda: drawn_ids(page) == expected_marks(2016, filters, marks_layers()))
    page.wait_for_function("() => location.search.includes('year=2016')", timeout=20_000)  # the app follows the map
    wait_idle(page)
    assert drawn_ids(page) == expected_marks(2016, filters, marks_layers())  # drawn again from the app's own plan
    # cleared, every mark comes back
    sidebar.get_by_role("button", name="Clear the filters").click()
    wait_idle(page)
    assert wait_for(lambda: "company=" not in address(page))
    assert wait_for(lambda: drawn_ids(page) == expected_marks(2016, Filters(), marks_layers())), (address(page), sorted(drawn_ids(page) ^ expected_marks(2016, Filters(), marks_layers())))


def test_a_link_with_filters_opens_them(page, app_url) -> None:
    open_app(page, f"{app_url}/?year=2016&countries=me&status=under_construction")
    filters = Filters(countries=("ME",), statuses=("under_construction",))
    expected = expected_marks(2016, filters, marks_layers())
    assert expected and wait_for(lambda: drawn_ids(page) == expected), (drawn_ids(page), expected)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Filters (2 on)" in sidebar.inner_text()
    assert "Montenegro" in sidebar.locator('[data-testid="stMultiSelect"]').first.inner_text()
    assert "countries=ME" in address(page) and "status=under_construction" in address(page)
