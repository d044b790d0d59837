"""The records' table in Chromium: below the map, a row of it opens the record's details, marks it and names it in
the address."""

from __future__ import annotations

from helpers import open_app, open_expander, wait_for, wait_idle

from layers import LAYERS
from layers._dataset import load_dataset
from layers._records import DATA_DIR
from layers._table import records_table

ROW_PX = 35  # Streamlit's dataframe: the header and each row are 35 px high


def test_a_row_of_the_table_opens_its_record(page, app_url) -> None:
    layers = [lid for lid, layer in LAYERS.items() if layer.first_view]
    expected = records_table(load_dataset(LAYERS, DATA_DIR), 2016, layers).iloc[2]
    open_app(page, f"{app_url}/?year=2016")
    open_expander(page, "Table of the records")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=20_000)
    grid.evaluate("(el) => el.scrollIntoView({block: \"center\"})")
    page.wait_for_timeout(1000)  # the grid draws its rows on a canvas after it appears
    box = grid.locator("canvas").first.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + ROW_PX * 3 + ROW_PX / 2)  # the third row's selection box
    # (page.url is Playwright's copy, refreshed only while it talks to the page: ask the page itself)
    page.wait_for_function("(id) => location.search.includes('record=' + id)", arg=expected["id"], timeout=20_000)
    wait_idle(page)
    assert wait_for(lambda: page.locator("h2.wb-title").first.inner_text() == expected["name"])
