"""Permalinks and downloads without a browser: parsing URLs, encoding views, and what a download holds."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from functools import cache
from pathlib import Path

from streamlit.testing.v1 import AppTest

from layers import FOCUS_COUNTRIES, LAYERS, filter_records
from layers._dataset import Dataset, load_dataset
from layers._downloads import count_view_records, dataset_zip, safe_cell, to_csv, to_geojson, view_records
from layers._permalink import encode, parse

APP = str(Path(__file__).resolve().parents[1] / "app.py")
FILLS = [lid for lid, layer in LAYERS.items() if layer.style == "country_fill"]


@cache
def dataset() -> Dataset:
    return load_dataset(LAYERS)


def parsed(**params):
    return parse(params, years=(2012, 2026), layer_ids=list(LAYERS), fill_ids=FILLS, countries=set(FOCUS_COUNTRIES),
                 record_exists=lambda rid: dataset().record(rid) is not None, dimensions=tuple(LAYERS["diplomacy"].palettes),
                 series_ids=frozenset(dataset().layers["sentiment"].frame["series"]))


def test_a_valid_link_is_read_whole() -> None:
    state = parsed(year="2020", layers="infrastructure,diplomacy", country="xk", record="INF02")
    assert (state.year, state.layers, state.country, state.record, state.notices) == (
        2020, ["infrastructure", "diplomacy"], "XK", "INF02", [])


def test_a_record_id_in_lower_case_finds_its_record_as_a_country_code_does() -> None:
    assert parsed(record=" inf02 ").record == "INF02" and parsed(record="status-xk-2020").record == "STATUS-XK-2020"
    assert parsed(record="inf99").record is None


def test_bad_values_are_dropped_with_notices() -> None:
    state = parsed(year="1999", layers="infrastructure,<script>,sentiment,diplomacy", country="YU", record="INF99")
    assert state.year is None and state.country is None and state.record is None
    assert state.layers == ["infrastructure", "sentiment"]  # one country colouring at a time
    assert len(state.notices) == 5
    assert any("<script>" in n for n in state.notices)  # named, as text; the app escapes it when showing


def test_a_link_with_no_known_layer_keeps_the_default_set_and_a_non_number_is_not_a_year() -> None:
    state = parsed(layers="foo,bar")
    assert state.layers is None and state.notices == ["unknown layers foo, bar: the default layers are shown"]
    assert parsed(layers="").layers == []  # a link with every layer switched off stays so
    assert parsed(year="abc").notices == ["year 'abc' is not a year"]
    assert parsed(year="2020.5").notices == ["year '2020.5' is not a year"]
    assert parsed(year="1800").notices == ["year '1800' is not between 2012 and 2026"]


def test_odd_shapes_of_parameters_do_not_raise() -> None:
    for value in ([], ["2019", "2021"], None, "２０２０", "20 20", "x" * 5000, "-1", "2020.0"):
        state = parsed(year=value, layers=value, country=value, record=value)
        assert state.year in (None, 2021)


def test_encode_then_parse_round_trips() -> None:
    params = encode(2018, ["surveillance", "sentiment"], ("record", "SUR01"))
    state = parsed(**params)
    assert (state.year, state.layers, state.record) == (2018, ["surveillance", "sentiment"], "SUR01")


def test_view_download_holds_exactly_the_records_shown() -> None:
    records = view_records(dataset(), 2020, ["infrastructure", "events"])
    expected = set(filter_records(dataset().layers["infrastructure"].frame, 2020)["id"])
    expected |= set(filter_records(dataset().layers["events"].frame, 2020)["id"])
    rows = list(csv.DictReader(io.StringIO(to_csv(records, dataset()).decode("utf-8"))))
    assert {r["id"] for r in rows} == expected and len(rows) == len(expected)
    stanari = next(r for r in rows if r["id"] == "INF01")
    assert stanari["source_url"].startswith("http") and "capacity_mw=300 MW" in stanari["figures"]
    features = json.loads(to_geojson(records, dataset()))["features"]
    assert {f["properties"]["id"] for f in features} == expected
    assert next(f for f in features if f["properties"]["id"] == "INF01")["geometry"]["type"] == "Point"
    assert next(f for f in features if f["properties"]["id"] == "DIP022")["geometry"] is None  # country-level


def test_a_download_gives_each_projects_status_in_the_year_as_the_map_shows_it() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(view_records(dataset(), 2018, ["infrastructure"]), dataset()).decode())))
    status = {r["id"]: (r["status_in_year"], r["status"]) for r in rows}
    assert status["INF01"] == ("operating", "operating")  # Stanari, completed 2016
    assert status["INF02"] == ("under_construction", "operating")  # Bar–Boljare, completed 2022
    assert status["INF28"] == ("operating", "sold")  # Tirana airport, sold in 2020
    assert list(rows[0]).index("status_in_year") + 1 == list(rows[0]).index("status")


def test_the_count_shown_matches_the_download() -> None:
    waves = {row["series"] for _, row in dataset().layers["sentiment"].frame.iterrows()}
    for year in (2012, 2018, 2020, 2024, 2026):
        for layers in (list(LAYERS), ["infrastructure", "events"], ["sentiment"], []):
            for series in (None, *sorted(waves)[:3]):
                frames = {lid: filter_records(dataset().layers[lid].frame, year) for lid in layers}
                expected = sum(len(f[f["series"] == series]) if lid == "sentiment" else len(f) for lid, f in frames.items())
                assert len(view_records(dataset(), year, layers, series)) == expected, (year, layers, series)
                assert count_view_records(dataset(), year, layers, series) == expected, (year, layers, series)


def test_csv_cells_cannot_become_formulas() -> None:
    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert safe_cell("+1") == "'+1" and safe_cell("@SUM(A1)") == "'@SUM(A1)" and safe_cell("-2") == "'-2"
    assert safe_cell("Stanari") == "Stanari" and safe_cell(2016) == 2016


def test_whole_dataset_zip_has_every_data_file() -> None:
    names = set(zipfile.ZipFile(io.BytesIO(dataset_zip())).namelist())
    assert {"geodata/infrastructure.geojson", "geodata/figures.csv", "geodata/README.md"} <= names


def test_app_restores_a_permalink_and_writes_the_view_back() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["map_ready"] = True  # as after the map reported it is drawn: the controls are there
    at.query_params.update({"year": "2020", "layers": "infrastructure,sentiment", "record": "INF02"})
    at.run()
    assert not at.exception
    assert at.slider(key="year").value == 2020
    assert at.checkbox(key="layer_surveillance").value is False and at.radio(key="fill").value == "sentiment"
    assert any("Bar–Boljare" in h.proto.body for h in at.get("html"))
    assert at.query_params["record"] == "INF02" and at.query_params["layers"] == "infrastructure,sentiment"
    at.slider(key="year").set_value(2016).run()
    assert at.query_params["year"] == "2016"


def test_a_link_keeps_the_diplomatic_status_and_survey_series_a_reader_chose() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["map_ready"] = True
    at.query_params.update({"year": "2019", "layers": "infrastructure,diplomacy", "dimension": "eu"})
    at.run()
    assert not at.exception and at.selectbox(key="dimension").value == "eu"
    assert at.query_params["dimension"] == "eu"
    at.selectbox(key="dimension").set_value("nato").run()  # the default: no need to say it
    assert "dimension" not in at.query_params
    at.radio(key="fill").set_value("sentiment").run()
    at.slider(key="year").set_value(2021).run()
    assert "series" not in at.query_params  # the year's first series
    at.selectbox(key="series_2021").set_value("iea-relations-grade").run()
    assert at.query_params["series"] == "iea-relations-grade" and at.query_params["layers"] == "infrastructure,sentiment"
    again = AppTest.from_file(APP, default_timeout=90)
    again.session_state["map_ready"] = True
    again.query_params.update({key: at.query_params[key] for key in at.query_params})
    again.run()
    assert again.selectbox(key="series_2021").value == "iea-relations-grade"


def test_a_series_without_a_poll_in_the_links_year_is_named() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["map_ready"] = True
    at.query_params.update({"year": "2024", "layers": "sentiment", "series": "iea-relations-grade"})  # polled 2021
    at.run()
    assert not at.exception and at.selectbox(key="series_2024").value == "iri-xi-favourable"  # the year's first
    assert any("survey series 'iea-relations-grade' has no poll in 2024" in i.value.replace("\\", "") for i in at.info)
    assert "series" not in at.query_params


def test_a_bad_dimension_or_series_is_named() -> None:
    state = parsed(dimension="<b>x</b>", series="no-such-poll", layers="diplomacy")
    assert state.dimension is None and state.series is None
    assert state.notices == ["unknown diplomatic status '<b>x</b>'", "unknown survey series 'no-such-poll'"]
    good = parsed(dimension="visa_china", series="iri-xi-favourable")
    assert (good.dimension, good.series, good.notices) == ("visa_china", "iri-xi-favourable", [])


def test_app_ignores_a_broken_permalink_with_a_notice() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["map_ready"] = True  # as after the map reported it is drawn: the controls are there
    at.query_params.update({"year": "abc", "country": "<b>x</b>"})
    at.run()
    assert not at.exception
    assert at.slider(key="year").value == 2025
    assert any("ignored" in i.value for i in at.info)
