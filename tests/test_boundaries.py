"""Checks on the generated boundary and town files in geodata/ (see scripts/build_boundaries.py)."""

from __future__ import annotations

import importlib
import json
import re
from functools import cache
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[1]
GEODATA = ROOT / "geodata"
FILES = ("countries", "admin1", "towns")
BBOX = shapely.box(12.0, 38.5, 26.0, 48.0)
FOCUS = {"RS", "XK", "BA", "ME", "MK", "AL"}
NEIGHBOURS = {"HR", "SI", "HU", "RO", "BG", "GR", "IT"}
CAPITALS = {"Belgrade": "RS", "Pristina": "XK", "Sarajevo": "BA", "Podgorica": "ME", "Skopje": "MK", "Tirana": "AL"}
MAX_KB = {"countries": 250, "admin1": 200, "towns": 50}
TINY = 1e-9  # square degrees, about 0.01 km²


@cache
def features(name: str) -> list[dict]:
    return json.loads((GEODATA / f"{name}.geojson").read_text(encoding="utf-8"))["features"]


@cache
def geoms(name: str, key: str) -> dict[str, shapely.Geometry]:
    return {f["properties"][key]: shape(f["geometry"]) for f in features(name)}


def countries() -> dict[str, shapely.Geometry]:
    return geoms("countries", "iso_a2")


def admin1() -> dict[str, shapely.Geometry]:
    return geoms("admin1", "code")


def test_kosovo_is_its_own_feature_disjoint_from_serbia() -> None:
    props = {f["properties"]["iso_a2"]: f["properties"] for f in features("countries")}
    assert props["XK"]["iso_a3"] == "XKX" and props["XK"]["name"] == "Kosovo"
    serbia, kosovo = countries()["RS"], countries()["XK"]
    assert shapely.intersection(serbia, kosovo).area < TINY
    assert shapely.intersection(serbia.boundary, kosovo.boundary).length > 1  # a shared border, in degrees


def test_all_countries_present_and_the_six_flagged_focus() -> None:
    props = [f["properties"] for f in features("countries")]
    assert sorted(p["iso_a2"] for p in props) == sorted(FOCUS | NEIGHBOURS)
    assert {p["iso_a2"] for p in props if p["focus"] is True} == FOCUS
    assert all(p["focus"] is False for p in props if p["iso_a2"] in NEIGHBOURS)


@pytest.mark.parametrize("name", FILES)
def test_every_geometry_is_valid(name: str) -> None:
    bad = [f["properties"] for f in features(name) if not shape(f["geometry"]).is_valid]
    assert not bad, f"geodata/{name}.geojson: invalid geometry in {bad}"


def test_countries_form_a_coverage_without_overlaps() -> None:
    items = list(countries().items())
    assert shapely.coverage_is_valid([g for _, g in items])
    for i, (a, ga) in enumerate(items):
        for b, gb in items[i + 1:]:
            assert shapely.intersection(ga, gb).area < TINY, f"{a} overlaps {b}"


def test_admin1_tiles_its_country_and_matches_the_neighbours_edges() -> None:
    for country in ("RS", "BA"):
        tiles = [g for code, g in admin1().items() if code.startswith(country)]
        assert shapely.union_all(tiles).symmetric_difference(countries()[country]).area < TINY, country
    mixed = [g for c, g in countries().items() if c not in ("RS", "BA")] + list(admin1().values())
    assert shapely.coverage_is_valid(mixed)


def test_admin1_codes_are_unique_known_and_inside_their_country() -> None:
    codes = [f["properties"]["code"] for f in features("admin1")]
    assert len(codes) == len(set(codes))
    assert set(codes) == {f"RS-{i:02d}" for i in range(25)} | {"BA-BIH", "BA-SRP", "BA-BRC"}
    for f in features("admin1"):
        p = f["properties"]
        assert p["code"].startswith(p["country"]), p
        assert shapely.difference(shape(f["geometry"]), countries()[p["country"]]).area < TINY, p


def test_admin1_names_are_corrected() -> None:
    names = {f["properties"]["code"]: f["properties"]["name"] for f in features("admin1")}
    assert names["RS-19"] == "Rasinski okrug"  # mislabelled "Pomoravski" in the source
    assert names["RS-13"] == "Pomoravski okrug"
    assert names["RS-06"] == "Južnobački okrug"
    assert names["BA-BRC"] == "Brčko District"


def test_label_points_lie_inside_their_country() -> None:
    for f in features("countries"):
        p = f["properties"]
        assert shape(f["geometry"]).contains(shapely.Point(p["label_lon"], p["label_lat"])), p["iso_a2"]


def test_towns_lie_in_the_box_near_their_country_and_include_the_capitals() -> None:
    towns = [f["properties"] | {"point": shape(f["geometry"])} for f in features("towns")]
    for t in towns:
        assert BBOX.contains(t["point"]), t["name"]
        assert t["point"].distance(countries()[t["country"]]) < 0.05, t["name"]  # coastal towns may sit just off
    capitals = {t["name"]: t["country"] for t in towns if t["capital"]}
    assert CAPITALS.items() <= capitals.items()


@pytest.mark.parametrize("name", FILES)
def test_rfc7946_flat_properties_and_sorted(name: str) -> None:
    doc = json.loads((GEODATA / f"{name}.geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    for f in doc["features"]:
        assert all(isinstance(v, str | int | float | bool) for v in f["properties"].values()), f["properties"]
        for polygon in shapely.get_parts(shape(f["geometry"])):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw, f["properties"]  # RFC 7946 right-hand rule
    keys = [[f["properties"].get(k) for k in ("iso_a2", "code", "country", "name")] for f in doc["features"]]
    assert keys == sorted(keys)


@pytest.mark.parametrize("name", FILES)
def test_coordinates_have_at_most_five_decimals(name: str) -> None:
    text = (GEODATA / f"{name}.geojson").read_text(encoding="utf-8")
    assert not re.search(r"\d\.\d{6,}", text)


@pytest.mark.parametrize("name", FILES)
def test_file_is_small(name: str) -> None:
    assert (GEODATA / f"{name}.geojson").stat().st_size <= MAX_KB[name] * 1000


def test_regeneration_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(ROOT / "scripts")
    build = importlib.import_module("build_boundaries")
    cache_dir = build.default_cache()
    if not all(build.is_cached(pin, cache_dir) for pin in build.PINS):
        pytest.skip(f"pinned packages not cached in {cache_dir}; run scripts/build_boundaries.py once")
    for name, data in build.build(cache_dir, tmp_path).items():
        assert data == (GEODATA / f"{name}.geojson").read_bytes(), f"geodata/{name}.geojson differs from a rebuild"
