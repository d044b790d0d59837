"""Property-based tests: random and adversarial URL parameters and loader inputs never raise, defaults are used and
every rejected value gets a notice or a problem."""

from __future__ import annotations

import json
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from layers import FOCUS_COUNTRIES, LAYERS
from layers._dataset import load_dataset
from layers._layer import load_layer
from layers._permalink import parse
from layers._records import SHIPPED_DATA, DataFileError, read_csv, read_geojson
from layers._schema import COMMON_FIELDS
from layers._validate import check_value

APP = str(Path(__file__).resolve().parents[1] / "app.py")
FILLS = [lid for lid, layer in LAYERS.items() if layer.style == "country_fill"]
ADVERSARIAL = st.sampled_from([
    "", " ", "0", "-1", "2020", "2012", "2026", "99999999999999999999", "2020.5", "1e3", "٢٠٢٠", "２０２０", "NaN",
    "<script>alert(1)</script>", "javascript:alert(1)", "../../etc/passwd", "%00", "\x00", "'; DROP TABLE x;--",
    "infrastructure,infrastructure", ",,,", "diplomacy,sentiment", "XK", "xk", "RS;XK", "INF01", "INF01\n",
    "a" * 600, "🗺️", "\u202e", "{{7*7}}", "${7*7}",
])
PARAM_VALUE = st.one_of(ADVERSARIAL, st.text(max_size=80), st.lists(st.one_of(ADVERSARIAL, st.text(max_size=20)), max_size=3), st.none())


@cache
def record_ids() -> frozenset[str]:
    dataset = load_dataset(LAYERS)
    return frozenset(id_ for loaded in dataset.layers.values() for id_ in loaded.raw_ids)


def parse_any(params: dict):
    return parse(params, years=(2012, 2026), layer_ids=list(LAYERS), fill_ids=FILLS, countries=set(FOCUS_COUNTRIES),
                 record_exists=lambda rid: rid in record_ids())


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["year", "layers", "country", "record", "zoom", ""]), PARAM_VALUE, max_size=5))
def test_url_parameters_never_raise_and_stay_in_range(params: dict) -> None:
    state = parse_any(params)
    assert state.year is None or 2012 <= state.year <= 2026
    assert state.layers is None or set(state.layers) <= set(LAYERS)
    assert state.layers is None or sum(lid in FILLS for lid in state.layers) <= 1
    assert state.country is None or state.country in FOCUS_COUNTRIES
    assert state.record is None or state.record in record_ids()
    given_values = [params.get(k) for k in ("year", "country", "record") if isinstance(params.get(k), str)]
    if given_values and not any((state.year, state.country, state.record)):
        assert state.notices  # something was given and rejected: the reader is told


ANY_VALUE = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=60),
                      st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


YEAR_FIELD = next(f for f in COMMON_FIELDS if f.name == "year_from")


@settings(max_examples=400, deadline=None)
@given(st.sampled_from([f for layer in LAYERS.values() for f in layer.all_fields] + list(COMMON_FIELDS)), ANY_VALUE)
# Cases the search found once: digits int() does not take ("²"), or reads as another number ("٢٠٢٠", "２０２０")
@example(YEAR_FIELD, "²")
@example(YEAR_FIELD, " ¹⁹ ")
@example(YEAR_FIELD, "٢٠٢٠")
@example(YEAR_FIELD, "２０２０")
def test_field_checks_never_raise(field, value) -> None:
    result = check_value(field, value)
    assert result is None or isinstance(result, str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_readers_reject_garbage_with_a_data_file_error(tmp_path: Path, blob: bytes) -> None:
    for name, reader in (("x.csv", read_csv), ("x.geojson", read_geojson)):
        path = tmp_path / name
        path.write_bytes(blob)
        try:
            reader(path)
        except DataFileError as error:
            assert str(error)


GEOJSON_LIKE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.sampled_from(
        ["type", "features", "properties", "geometry", "coordinates", "id", "name"]), children, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(GEOJSON_LIKE)
def test_geojson_shapes_never_crash_the_reader(tmp_path: Path, document) -> None:
    path = tmp_path / "x.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    try:
        read_geojson(path)
    except DataFileError:
        pass


@pytest.fixture(scope="module")
def data_copy():
    folder = Path(tempfile.mkdtemp()) / "geodata"
    shutil.copytree(SHIPPED_DATA, folder)
    yield folder
    shutil.rmtree(folder.parent)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["infrastructure", "surveillance", "events"]), st.integers(0, 20), st.text(max_size=12), ANY_VALUE)
def test_a_mutated_record_is_loaded_or_reported_never_raised(data_copy: Path, layer_id: str, index: int, key: str, value) -> None:
    layer = LAYERS[layer_id]
    original = (SHIPPED_DATA / layer.file_name).read_text(encoding="utf-8")
    document = json.loads(original)
    feature = document["features"][index % len(document["features"])]
    field = key if key else "name"
    feature["properties"][field] = value
    (data_copy / layer.file_name).write_text(json.dumps(document), encoding="utf-8")
    loaded = load_layer(layer, data_copy)
    assert loaded.ok or all(str(p) for p in loaded.problems)
    assert loaded.ok or loaded.frame.empty
    (data_copy / layer.file_name).write_text(original, encoding="utf-8")


@settings(max_examples=12, deadline=None)
@given(st.dictionaries(st.sampled_from(["year", "layers", "country", "record"]), st.one_of(ADVERSARIAL, st.text(max_size=40)), min_size=1, max_size=4))
def test_the_app_survives_any_link(params: dict) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["map_ready"] = True  # as after the map reported it is drawn: the controls are there
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert 2012 <= at.slider(key="year").value <= 2026
    state = parse_any(params)
    if state.notices:
        assert any("ignored" in info.value for info in at.info)
