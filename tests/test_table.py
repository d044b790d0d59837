"""The records' table (layers/_table.py): a row per record the view shows, the shared columns each layer fills, the
amounts as the sources give them, in the reader's language."""

from __future__ import annotations

import pandas as pd
import pytest

from layers import LAYERS
from layers._dataset import load_dataset
from layers._downloads import count_view_records
from layers._i18n import speaking
from layers._messages import t
from layers._records import DATA_DIR
from layers._table import COLUMNS, column_titles, largest_amount, records_table
from layers._view import country_name, word

DATA = load_dataset(LAYERS, DATA_DIR)


def test_every_layers_shared_columns_name_its_own_fields() -> None:
    """A layer's `record_columns` can only name fields it has (the registry, not the table, says which)."""
    for layer in LAYERS.values():
        names = {f.name for f in layer.all_fields}
        assert set(layer.record_columns) <= {"kind", "company", "financier"}
        assert set(layer.record_columns.values()) <= names, layer.id


@pytest.mark.parametrize("year", [2012, 2016, 2024])
def test_the_table_holds_the_records_the_view_shows(year: int) -> None:
    layers = [lid for lid, layer in LAYERS.items() if layer.first_view]
    table = records_table(DATA, year, layers)
    assert list(table.columns) == ["id", *COLUMNS]
    assert len(table) == count_view_records(DATA, year, layers) and table["id"].is_unique


def test_a_projects_row_reads_as_its_details_do() -> None:
    table = records_table(DATA, 2016, ["infrastructure"])
    stanari = table[table["id"] == "INF01"].iloc[0]
    assert stanari["name"] == "Stanari Thermal Power Plant" and stanari["country"] == "Bosnia and Herzegovina"
    assert stanari["kind"] == "energy" and stanari["company"].startswith("Dongfang")
    assert stanari["financier"].startswith("China Development Bank") and stanari["status"] == "operating"
    assert stanari["eur"] == largest_amount(DATA, "INF01", "EUR") and stanari["eur"] >= 350.0
    assert stanari["usd"] == largest_amount(DATA, "INF01", "USD") and stanari["confidence"] == "confirmed"
    no_usd = next(rid for rid in table["id"] if largest_amount(DATA, rid, "USD") is None)  # none given: empty
    assert pd.isna(table[table["id"] == no_usd].iloc[0]["usd"])


def test_the_table_speaks_the_readers_language_and_keeps_the_records_words() -> None:
    with speaking("sq"):
        table = records_table(DATA, 2016, ["infrastructure", "surveillance"])
        titles = column_titles()
        assert titles["country"] == t("table.country") != "Country"
        stanari = table[table["id"] == "INF01"].iloc[0]
        assert stanari["country"] == country_name("BA") != "Bosnia and Herzegovina"
        assert stanari["status"] == word("status", "operating") != "operating"
    assert stanari["name"] == "Stanari Thermal Power Plant"  # the record's own words
