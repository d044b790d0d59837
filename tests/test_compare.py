"""The six countries compared: each cell agrees with the data files, read here without the app's loader."""

from __future__ import annotations

import json
import shutil

import pytest
from data_files import raw_records

from layers import LAYERS
from layers._compare import COUNT_COLUMNS, STATUS_COLUMNS, comparison_html, countries_compared
from layers._dataset import load_dataset
from layers._messages import MESSAGES
from layers._records import DATA_DIR
from layers._schema import FOCUS_COUNTRIES

CONFIDENCE = {r["id"]: r["confidence"] for r in raw_records("events.geojson")}


def applies(record: dict, country: str, year: int) -> bool:
    """The dataset's year rule, as geodata/README.md states it."""
    end = record["year_to"]
    return (country in str(record["country"]).split(";") and int(record["year_from"]) <= year
            and (end in (None, "") or year <= int(end)))


@pytest.mark.parametrize("year", [2012, 2019, 2021, 2025])
def test_each_row_is_the_countrys_status_and_its_records_that_year(year: int) -> None:
    rows = countries_compared(load_dataset(LAYERS, DATA_DIR), year)
    assert [row["country"] for row in rows] == list(FOCUS_COUNTRIES)
    status = {r["country"]: r for r in raw_records("diplomacy.csv") if int(r["year_from"]) == year}
    for row in rows:
        code = row["country"]
        for name in STATUS_COLUMNS:
            assert row[name] == MESSAGES["en"][f"compare.{name}.{status[code][name]}"], (code, name)
        for name, basis in (("nato", "nato_basis"), ("eu", "eu_basis"), ("prc_recognition", "prc_basis")):
            # the surest of the events the cell rests on: Kosovo's status rows are claims only for their visa rule
            levels = [CONFIDENCE[rid] for rid in status[code][basis].split(";") if rid] or [status[code]["confidence"]]
            assert row[f"{name}_confidence"] == min(levels, key=["confirmed", "reported", "claimed"].index), (code, name)
        for lid in COUNT_COLUMNS:
            assert row[lid] == sum(applies(r, code, year) for r in raw_records(LAYERS[lid].file_name)), (code, lid)
        chinese = [r for r in raw_records("surveillance.geojson") if r["vendor_origin"] == "chinese"]
        assert row["surveillance_apart"] == sum(applies(r, code, year) for r in chinese), code


def test_every_status_word_has_a_short_label() -> None:
    for name in STATUS_COLUMNS:
        for word in LAYERS["diplomacy"].palettes[name]:
            assert f"compare.{name}.{word}" in MESSAGES["en"], (name, word)


def test_the_table_shows_kosovo_unrecognised_and_a_dash_for_a_layer_that_did_not_load(tmp_path) -> None:
    data = load_dataset(LAYERS, DATA_DIR)
    html = comparison_html(data, 2025)
    assert html.count("<tr>") == 7
    # the PRC cell rests on events whose sources were read in copies: it says how sure it is
    assert ("<th scope='row'>Kosovo</th><td>not a member</td><td>applied</td><td>does not recognise it <small>(reported)"
            "</small></td><td class='wb-count'>") in html
    broken = tmp_path / "geodata"
    shutil.copytree(DATA_DIR, broken)
    (broken / "events.geojson").write_text("{", encoding="utf-8")
    (broken / "diplomacy.csv").write_text("id,name\n", encoding="utf-8")
    rows = countries_compared(load_dataset(LAYERS, broken), 2025)
    whole = countries_compared(data, 2025)
    assert [row["infrastructure"] for row in rows] == [row["infrastructure"] for row in whole]
    assert [row["surveillance"] for row in rows] == [row["surveillance"] for row in whole]
    assert all(row["events"] is None and row["nato"] == "" and row["nato_confidence"] == "" for row in rows)
    html = comparison_html(load_dataset(LAYERS, broken), 2025)
    assert "<td>–</td><td>–</td><td>–</td><td class='wb-count'>" in html and html.count("<td class='wb-count'>–</td>") == 6


def test_a_status_cell_the_sources_do_not_confirm_says_so(tmp_path) -> None:
    copy = tmp_path / "geodata"
    shutil.copytree(DATA_DIR, copy)
    events = json.loads((copy / "events.geojson").read_text(encoding="utf-8"))
    for feature in events["features"]:
        if feature["properties"]["id"] == "DIP073":  # the event behind Kosovo's "not in NATO"
            feature["properties"]["confidence"] = "claimed"
    (copy / "events.geojson").write_text(json.dumps(events), encoding="utf-8")
    html = comparison_html(load_dataset(LAYERS, copy), 2025)
    assert "<th scope='row'>Kosovo</th><td>not a member <small>(claimed)</small></td><td>applied</td>" in html
