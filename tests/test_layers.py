"""The layer registry, loader, year rule and shipped records; loops over LAYERS so a new layer is tested too."""

from __future__ import annotations

import csv
from functools import cache

import pandas as pd
import pytest

from layers import FOCUS_COUNTRIES, LAYERS, filter_records, load_layer
from layers._dataset import Dataset, load_dataset
from layers._dictionary import render, section_of
from layers._marks import MARK_LAYERS
from layers._records import DATA_DIR
from layers._view import palette_swatches

MINIMUM_RECORDS = {"infrastructure": 31, "surveillance": 19, "diplomacy": 78, "sentiment": 26, "vaccines": 13, "events": 40}


@cache
def dataset() -> Dataset:
    return load_dataset(LAYERS)


def test_registry_finds_every_layer_module() -> None:
    assert set(LAYERS) == {"infrastructure", "surveillance", "diplomacy", "events", "sentiment", "vaccines"}
    assert [layer.order for layer in LAYERS.values()] == sorted(layer.order for layer in LAYERS.values())


@pytest.mark.parametrize("layer_id", [*MARK_LAYERS, "diplomacy"])  # the layers whose key is their palette
def test_each_legend_entry_has_a_colour_of_its_own(layer_id: str) -> None:
    """Words that share a legend entry share its colour; two entries with one colour could not be told apart."""
    for field in LAYERS[layer_id].palettes:
        swatches = palette_swatches(LAYERS[layer_id], field)
        colours = [s.colour for s in swatches]
        assert len(set(colours)) == len(colours), (layer_id, field, [(s.label, s.colour) for s in swatches])


@pytest.mark.parametrize("layer_id", list(LAYERS))
def test_layer_loads_typed_and_sourced(layer_id: str) -> None:
    loaded = load_layer(LAYERS[layer_id])
    assert loaded.ok, loaded.problems
    frame = loaded.frame
    assert len(frame) >= MINIMUM_RECORDS[layer_id]
    assert frame["year_from"].dtype == "Int64"
    assert frame["id"].is_unique
    assert (frame["source_url"].str.match(r"^https?://")).all()
    assert (frame["publisher"] != "").all() and (frame["published"] != "").all()
    assert set(frame["confidence"]) <= {"confirmed", "reported", "claimed"}
    if LAYERS[layer_id].file_format == "geojson":
        assert frame.crs == "EPSG:4326"
        located = frame[frame["precision"] != "country"]
        assert located.geometry.notna().all() and frame[frame["precision"] == "country"].geometry.isna().all()


@pytest.mark.parametrize("layer_id", list(LAYERS))
def test_year_filter_keeps_every_column(layer_id: str) -> None:
    frame = load_layer(LAYERS[layer_id]).frame
    shown = filter_records(frame, 2021)
    assert list(shown.columns) == list(frame.columns)
    assert ((shown["year_from"] <= 2021) & (shown["year_to"].isna() | (shown["year_to"] >= 2021))).all()


def test_year_rule_on_a_small_frame() -> None:
    frame = pd.DataFrame(
        {
            "id": ["ongoing", "ended", "event", "future"],
            "country": ["RS", "ME", "BA;RS", "AL"],
            "year_from": pd.array([2015, 2016, 2020, 2024], dtype="Int64"),
            "year_to": pd.array([None, 2020, 2020, None], dtype="Int64"),
        }
    )
    assert list(filter_records(frame, 2020)["id"]) == ["ongoing", "ended", "event"]
    assert list(filter_records(frame, 2021)["id"]) == ["ongoing"]
    assert list(filter_records(frame, 2014)["id"]) == []
    assert list(filter_records(frame, 2020, {"BA"})["id"]) == ["event"]


def record(record_id: str) -> pd.Series:
    found = dataset().record(record_id)
    assert found is not None, record_id
    return found[1]


def figures(record_id: str) -> pd.DataFrame:
    table = dataset().figures
    return table[table["record_id"] == record_id]


def test_stanari_is_a_300_mw_plant_with_its_loan() -> None:
    stanari = figures("INF01")
    assert ((stanari["figure"] == "capacity_mw") & (stanari["value"] == 300)).any()
    assert ((stanari["figure"] == "loan") & (stanari["value"] == 350) & (stanari["unit"] == "EUR")).any()


def test_lines_traced_from_waypoints_cite_the_file_version_they_were_read_from() -> None:
    """A waypoint file changes over time: the citation pins the commit, so a reader finds the same points."""
    frame = dataset().layers["infrastructure"].frame
    traced = frame[frame["coord_source"].str.contains("Travel Mapping", na=False)]
    assert set(traced["id"]) >= {"INF02", "INF13", "INF14", "INF15", "INF19"}
    pinned = r"https://github\.com/TravelMapping/HighwayData/blob/[0-9a-f]{40}/hwy_data/"
    assert traced["coord_source"].str.contains(pinned).all()
    assert (traced["precision"] == "approximate").all()  # straight between waypoints, not the surveyed alignment
    railway = frame[frame["id"].isin(["INF10", "INF11"])]
    stations = r"https://github\.com/KDE/kpublictransport/blob/[0-9a-f]{40}/src/lib/networks/stations/me-rs\.json"
    assert railway["coord_source"].str.contains(stations).all() and (railway["precision"] == "approximate").all()
    assert railway.set_index("id").loc["INF11"].geometry.coords[-1] == (19.67125, 46.10196)  # Subotica station


@pytest.mark.parametrize("file_name", ["figures.csv", "sources.csv"])
def test_each_record_gets_its_own_provenance_rows_in_file_order(file_name: str) -> None:
    """What a panel lists for a record (`figures_of`, `sources_of`) is every row of the file for it, in the file's
    order, and nothing is left over: read against the file itself, not through the dataset's frames."""
    with (DATA_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    of = dataset().figures_of if file_name == "figures.csv" else dataset().sources_of
    record_ids = dict.fromkeys(row["record_id"] for row in rows)
    assert sum(len(of(rid)) for rid in record_ids) == len(rows)
    for rid in record_ids:
        expected = [(row["source_url"], row["published"]) for row in rows if row["record_id"] == rid]
        assert [(got["source_url"], got["published"]) for got in of(rid)] == expected, rid
    assert of("INF01") and of("no-such-record") == ()


def test_bar_boljare_keeps_conflicting_and_claimed_figures() -> None:
    road = record("INF02")
    assert road.geometry.geom_type == "LineString" and road["precision"] == "approximate"
    # Smokovac to Mateševo through Uvač (the R-13 waypoint beside the motorway), each point's source named
    coords = list(road.geometry.coords)
    assert coords[0] == (19.30062, 42.46996) and coords[-1] == (19.5427, 42.75044) and (19.50584, 42.71314) in coords
    assert "mne.a001.wpt" in road["coord_source"] and "mne.r013.wpt" in road["coord_source"]
    debt = figures("INF02")
    debt = debt[debt["figure"] == "debt_outstanding"]
    assert {663.55, 603.0} <= set(debt["value"])
    assert debt.loc[debt["value"] == 603.0, "confidence"].item() == "claimed"
    assert "according to RFE/RL (2025)" in debt.loc[debt["value"] == 603.0, "label"].item()


def test_unidentified_vendors_are_never_chinese() -> None:
    frame = load_layer(LAYERS["surveillance"]).frame
    unnamed = frame["vendor"].str.contains("not identified|not named|NOT identified", case=False)
    unnamed &= ~frame["vendor"].str.contains("Dahua|Huawei|Chinese", case=False)
    assert unnamed.any()
    assert (frame.loc[unnamed, "vendor_origin"] != "chinese").all()


def test_status_table_covers_every_country_and_year() -> None:
    status = load_layer(LAYERS["diplomacy"]).frame
    for year in range(2013, 2026):
        assert set(filter_records(status, year)["country"]) == set(FOCUS_COUNTRIES)
    kosovo = status[status["country"] == "XK"]
    assert (kosovo["prc_recognition"] == "not_recognised").all()
    assert (status[status["country"] != "XK"]["prc_recognition"] == "recognised").all()
    montenegro = status[status["country"] == "ME"].set_index("year_from")
    assert montenegro.loc[2016, "nato"] == "partnership_for_peace" and montenegro.loc[2017, "nato"] == "member"


def test_peace_guardian_keeps_both_names() -> None:
    exercise = record("DIP025")
    assert "Peace Guardian 2025" in exercise["name"] and "Peacekeeper 2025" in exercise["name"]


def test_kosovo_no_vaccine_is_a_record() -> None:
    kosovo = record("VAC12")
    assert kosovo["mode"] == "none" and kosovo["country"] == "XK"


def test_unverified_article_claims_are_attributed() -> None:
    events = load_layer(LAYERS["events"]).frame
    claims = events[events["confidence"] == "claimed"]
    assert {"CLM01", "CLM02"} <= set(claims["id"])
    assert claims["name"].str.contains("according to").all()


def test_data_dictionary_in_readme_matches_the_code() -> None:
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert section_of(readme) == render(LAYERS), "run `python -m layers dictionary --write`"


def test_every_field_and_vocabulary_word_is_documented() -> None:
    text = render(LAYERS)
    for layer in LAYERS.values():
        for field in layer.all_fields:
            assert f"| `{field.name}` |" in text
    assert "| `not_identified` |" in text
