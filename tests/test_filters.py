"""The filters on the records: one rule for the map's marks, the table, the downloads and links."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from layers import LAYERS, YEARS
from layers._dataset import load_dataset
from layers._downloads import count_view_records, country_records, view_records
from layers._filters import (MAX_TEXT, NO_FILTERS, Filters, choices, describe, folded, from_link, link_spec,
                             marks_kept, statuses_in)
from layers._permalink import encode, parse
from layers._records import DATA_DIR, read_boundaries
from layers._schema import FOCUS_COUNTRIES
from layers._table import records_table
from layers._view import plan_view, status_at


@pytest.fixture(scope="module")
def data():
    return load_dataset(LAYERS, DATA_DIR)


@pytest.fixture(scope="module")
def countries():
    return read_boundaries(DATA_DIR)[0]


def company_of(layer_id: str, row) -> str:
    name = LAYERS[layer_id].record_columns.get("company")
    return str(row[name]) if name else ""


def test_no_filters_keep_every_record_of_every_layer(data) -> None:
    for loaded in data.layers.values():
        assert NO_FILTERS.mask(loaded.layer, loaded.frame, 2020).all()
    assert not NO_FILTERS.active


@pytest.mark.parametrize("layer_id", list(LAYERS))
def test_each_filter_keeps_exactly_the_rows_that_match_it(data, layer_id: str) -> None:
    """Checked row by row against the rule in words, for every layer of the registry."""
    loaded = data.layers[layer_id]
    frame, layer = loaded.frame, loaded.layer
    for code in FOCUS_COUNTRIES:
        kept = Filters(countries=(code,)).mask(layer, frame)
        assert list(kept) == [code in str(c).split(";") for c in frame["country"]]
    kinds = frame[layer.record_columns["kind"]].tolist() if "kind" in layer.record_columns else []
    for value in set(kinds):
        assert list(Filters(kinds=(value,)).mask(layer, frame)) == [k == value for k in kinds]
    if not kinds:  # a layer without a kind: a kind filter leaves none of it
        assert not Filters(kinds=("transport",)).mask(layer, frame).any()
    for level in ("confirmed", "reported", "claimed"):
        assert list(Filters(confidence=(level,)).mask(layer, frame)) == list(frame["confidence"] == level)
    rows = [row for _, row in frame.iterrows()]
    for text in ("huawei", "CHINA", "sinopharm"):
        kept = Filters(company=text).mask(layer, frame)
        assert list(kept) == [text.lower() in company_of(layer_id, row).lower() for row in rows]


def test_a_name_matches_whatever_its_capitals_and_accents() -> None:
    assert folded("Vučić Đurić ĆOŠKOVIĆ") == "vucic duric coskovic"
    assert folded("Export-Import Bank") == "export-import bank"
    layer = LAYERS["infrastructure"]
    frame = pd.DataFrame({"country": ["RS", "RS"], "confidence": ["confirmed"] * 2,
                          "chinese_company": ["Šandong Hi-Speed", "Huawei"], "financier": ["", ""]})
    assert list(Filters(company="sandong").mask(layer, frame)) == [True, False]
    assert list(Filters(company="ŠANDONG HI").mask(layer, frame)) == [True, False]
    assert list(Filters(company="zte").mask(layer, frame)) == [False, False]


def test_a_status_filter_reads_each_project_s_status_in_the_year(data) -> None:
    """A finished project was under construction before its completion year, as the map draws it."""
    frame = data.layers["infrastructure"].frame
    changed = 0
    for year in (2012, 2016, 2020, 2024, None):
        statuses = statuses_in(frame, year)
        for (_, row), status in zip(frame.iterrows(), statuses):
            assert status == (row["status"] if year is None else status_at(row, year))
            changed += year is not None and status != row["status"]
    assert changed > 10  # the shipped data has projects whose status changed
    kept = Filters(statuses=("under_construction",)).mask(LAYERS["infrastructure"], frame, 2016)
    assert list(kept) == [status_at(row, 2016) == "under_construction" for _, row in frame.iterrows()]
    assert not Filters(statuses=("operating",)).mask(LAYERS["events"], data.layers["events"].frame, 2016).any()


def test_the_map_draws_only_the_marks_that_pass_and_keeps_the_countries_whole(data, countries) -> None:
    layers = ["infrastructure", "surveillance", "events", "diplomacy"]
    whole = plan_view(data, countries, 2024, layers, "nato", None)
    huawei = plan_view(data, countries, 2024, layers, "nato", None, filters=Filters(company="Huawei"))
    ids = set(huawei.marks[0])
    assert ids and ids < set(whole.marks[0])
    for rid in ids:
        layer_id, row = data.record(rid)
        assert "huawei" in company_of(layer_id, row).lower()
    assert huawei.fills == whole.fills


def test_the_table_and_the_downloads_hold_what_the_filters_keep(data) -> None:
    filters = Filters(countries=("ME",), statuses=("under_construction",))
    table = records_table(data, 2016, list(LAYERS), None, filters)
    records = view_records(data, 2016, list(LAYERS), None, filters)
    assert list(table["id"]) == list(records["id"]) and len(table) == count_view_records(data, 2016, list(LAYERS), None, filters)
    assert len(table) and set(records["layer"]) == {"infrastructure"}
    assert all("ME" in c.split(";") for c in records["country"]) and set(records["status_in_year"]) == {"under_construction"}


def test_the_map_s_own_year_control_gets_the_marks_kept_by_year_only_when_the_year_matters(data) -> None:
    assert list(marks_kept(data, Filters(company="huawei"), YEARS)) == ["*"]
    by_year = marks_kept(data, Filters(statuses=("under_construction",)), YEARS)
    assert list(by_year) == [str(y) for y in range(YEARS[0], YEARS[1] + 1)]
    assert by_year["2014"] != by_year["2024"]
    assert all(rid.startswith("INF") for ids in by_year.values() for rid in ids)


def test_a_country_s_records_are_all_of_its_records(data) -> None:
    for code in FOCUS_COUNTRIES:
        records = country_records(data, code)
        assert all(code in c.split(";") for c in records["country"])
        expected = sum(int(sum(code in str(c).split(";") for c in loaded.frame["country"])) for loaded in data.layers.values())
        assert len(records) == expected and expected > 10


def test_a_link_keeps_the_filters_and_drops_what_they_do_not_take() -> None:
    filters = Filters(countries=("AL", "ME"), kinds=("transport",), company="CRBC", financier="Exim",
                      statuses=("agreed",), confidence=("confirmed", "reported"))
    params = encode(2020, None, None, filters=filters)
    state = parse(params, years=YEARS, layer_ids=list(LAYERS), fill_ids=[], countries=set(FOCUS_COUNTRIES),
                  record_exists=lambda rid: False)
    assert state.filters == filters and not state.notices
    spec = link_spec(LAYERS)
    got, notices = from_link({"countries": "al,zz", "kind": "nope", "company": "x" * (MAX_TEXT + 1), "status": None}, spec)
    assert got == Filters(countries=("AL",)) and len(notices) == 3
    assert "zz" in notices[0].lower() and "nope" in notices[1] and str(MAX_TEXT) in notices[2]


def test_the_filters_offer_only_values_the_records_hold_and_say_what_is_on(data) -> None:
    offered = choices(LAYERS, {lid: loaded.frame for lid, loaded in data.layers.items()})
    held = {str(v) for loaded in data.layers.values() for name in loaded.layer.record_columns.values()
            if name in loaded.frame for v in loaded.frame[name]}
    assert offered.kinds and all(kind in held for kind, _ in offered.kinds)
    assert "under_construction" in offered.statuses and offered.confidence[0] == "confirmed"
    text = describe(Filters(countries=("XK",), company="Huawei", statuses=("under_construction",)), offered)
    assert text == "Kosovo · “Huawei” · under construction"
    assert np.array_equal(Filters(kinds=(offered.kinds[0][0],)).mask(LAYERS["events"], data.layers["events"].frame),
                          np.zeros(len(data.layers["events"].frame), dtype=bool))
