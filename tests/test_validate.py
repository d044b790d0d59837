"""The validator: a broken copy of the shipped data for each kind of error, and the command line."""

from __future__ import annotations

import csv
import re
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from layers import LAYERS
from layers._dataset import load_dataset
from layers._records import DATA_DIR

ROOT = DATA_DIR.parent


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "geodata"
    shutil.copytree(DATA_DIR, target)
    return target


def edit_geojson(path: Path, record_id: str, change: Callable[[dict], None]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    feature = next(f for f in document["features"] if f["properties"]["id"] == record_id)
    change(feature)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def edit_csv(path: Path, change: Callable[[list[dict]], None]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or []), list(reader)
    change(rows)
    columns += [k for k in rows[0] if k not in columns]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def problems(data_dir: Path) -> list[str]:
    return [str(p) for p in load_dataset(LAYERS, data_dir).problems]


def set_prop(name: str, value: object) -> Callable[[dict], None]:
    return lambda feature: feature["properties"].__setitem__(name, value)


def test_shipped_data_has_no_problems() -> None:
    assert problems(DATA_DIR) == []


def test_readme_counts_match_the_files() -> None:
    """geodata/README.md's table of files says how many records each holds; a record added or removed updates it."""
    stated = {}
    for line in (DATA_DIR / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`") and cells[2].isdigit():
            stated[cells[0].strip("`")] = int(cells[2])
    actual = {}
    for name in stated:
        path = DATA_DIR / name
        if path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as handle:
                actual[name] = sum(1 for _ in csv.DictReader(handle))
        else:
            actual[name] = len(json.loads(path.read_text(encoding="utf-8"))["features"])
    assert len(stated) >= 8 and stated == actual


BROKEN_GEOJSON = [
    ("missing source", "infrastructure", "INF01", set_prop("source_url", ""), "INF01: source_url: required field is empty"),
    ("javascript url", "infrastructure", "INF01", set_prop("source_url", "javascript:alert(1)"), "INF01: source_url: not an http(s) URL"),
    ("bad date", "events", "DIP025", set_prop("published", "30/07/2025"), "DIP025: published: not an ISO date"),
    ("impossible date", "events", "DIP025", set_prop("date", "2025-13-01"), "DIP025: date: not an ISO date"),
    ("unknown country", "surveillance", "SUR07", set_prop("country", "SR"), "SUR07: country: unknown country code SR"),
    ("unknown vocabulary word", "surveillance", "SUR07", set_prop("vendor_origin", "probably_chinese"), "SUR07: vendor_origin: unknown vendor_origin word"),
    ("year_to before year_from", "infrastructure", "INF28", set_prop("year_to", 2010), "INF28: year_to: year_to 2010 is before year_from 2016"),
    ("not a year", "infrastructure", "INF28", set_prop("year_from", "2016?"), "INF28: year_from: not a year"),
    ("later status without its year", "infrastructure", "INF28", set_prop("status_since", None),
     "INF28: status_since: status_since and earlier_status go together: give both or neither"),
    ("later status before the record", "infrastructure", "INF28", set_prop("status_since", 2016),
     "INF28: status_since: status_since 2016 is not after year_from 2016: the earlier status would never show"),
    ("later status after the record", "infrastructure", "INF28", set_prop("status_since", 2021),
     "INF28: status_since: status_since 2021 is after year_to 2020: the later status would never show"),
    ("later status year not a year", "infrastructure", "INF28", set_prop("status_since", "2020?"),
     "INF28: status_since: not a year"),
    ("earlier status the same", "infrastructure", "INF28", set_prop("earlier_status", "sold"),
     "INF28: earlier_status: earlier_status is the same as status (sold)"),
    ("earlier status that cannot come first", "infrastructure", "INF20", set_prop("earlier_status", "stalled"),
     "INF20: earlier_status: stalled cannot come before cancelled: one of agreed, unverified, under_construction, operating, completed"),
    ("earlier status for a finished project", "infrastructure", "INF01", lambda f: f["properties"].update(status_since=2014, earlier_status="agreed"),
     "INF01: status_since: a finished project's earlier status comes from completion_year"),
    ("unknown earlier status", "infrastructure", "INF28", set_prop("earlier_status", "booming"), "INF28: earlier_status: unknown status word"),
    ("unknown field", "infrastructure", "INF01", set_prop("amount", 350), "INF01: amount: field not in the data dictionary"),
    (
        "geometry outside the region",
        "infrastructure",
        "INF01",
        lambda f: f.__setitem__("geometry", {"type": "Point", "coordinates": [116.4, 39.9]}),
        "INF01: geometry: outside the region",
    ),
    ("point without place", "infrastructure", "INF01", lambda f: f.__setitem__("geometry", None), "INF01: geometry: missing geometry"),
    ("swapped lat/lon", "events", "DIP011", lambda f: f.__setitem__("geometry", {"type": "Point", "coordinates": [44.825, 20.419]}), "DIP011: geometry: outside the region"),
]


@pytest.mark.parametrize("label, layer_id, record_id, change, expected", BROKEN_GEOJSON, ids=[b[0] for b in BROKEN_GEOJSON])
def test_each_geojson_error_is_named(data_copy: Path, label, layer_id, record_id, change, expected) -> None:
    edit_geojson(data_copy / f"{layer_id}.geojson", record_id, change)
    found = problems(data_copy)
    assert any(f"{layer_id}.geojson: {expected}" in p for p in found), found
    assert all(record_id in p for p in found), f"{label}: unrelated problems reported: {found}"
    assert len(found) == 1, f"{label}: one problem, named once: {found}"


def test_duplicate_id_across_files_is_named(data_copy: Path) -> None:
    edit_geojson(data_copy / "surveillance.geojson", "SUR07", set_prop("id", "INF01"))
    assert any("surveillance.geojson: INF01: id: duplicate id (also in" in p for p in problems(data_copy))


def test_csv_errors_are_all_listed_at_once(data_copy: Path) -> None:
    def break_rows(rows: list[dict]) -> None:
        rows[0]["confidence"] = "certain"
        rows[1]["country"] = "KS"
        rows[2]["value"] = "lots"

    edit_csv(data_copy / "sentiment.csv", break_rows)
    found = problems(data_copy)
    assert len(found) == 3, found
    assert any(": confidence: unknown confidence word 'certain'" in p for p in found)
    assert any(": country: unknown country code KS" in p for p in found)
    assert any(": value: not a number: 'lots'" in p for p in found)


def test_reference_to_unknown_record_is_named(data_copy: Path) -> None:
    edit_csv(data_copy / "diplomacy.csv", lambda rows: rows[0].__setitem__("nato_basis", "DIP999"))
    assert any("STATUS-RS-2012: nato_basis: refers to unknown record DIP999" in p for p in problems(data_copy))


def test_figure_for_unknown_record_is_named(data_copy: Path) -> None:
    edit_csv(data_copy / "figures.csv", lambda rows: rows[0].__setitem__("record_id", "INF99"))
    assert any("figures.csv: INF99: record_id: refers to unknown record INF99" in p for p in problems(data_copy))


def test_missing_and_unreadable_files_are_named(data_copy: Path) -> None:
    (data_copy / "vaccines.csv").unlink()
    (data_copy / "events.geojson").write_text("{not json", encoding="utf-8")
    found = problems(data_copy)
    assert any("vaccines.csv: -: -: file is missing" in p for p in found), found
    assert any("events.geojson: -: -: cannot be read as UTF-8 JSON" in p for p in found), found


def test_a_broken_file_disables_only_its_layer(data_copy: Path) -> None:
    edit_geojson(data_copy / "surveillance.geojson", "SUR07", set_prop("precision", "somewhere"))
    dataset = load_dataset(LAYERS, data_copy)
    assert dataset.layers["surveillance"].frame.empty
    assert not dataset.layers["infrastructure"].frame.empty


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "layers", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_exits_zero_on_shipped_data() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.match(r"ok: infrastructure \d{2,}, ", result.stdout)


def test_cli_lists_every_problem_and_exits_nonzero(data_copy: Path) -> None:
    edit_geojson(data_copy / "infrastructure.geojson", "INF01", set_prop("published", "yesterday"))
    edit_geojson(data_copy / "infrastructure.geojson", "INF02", set_prop("country", "YU"))
    result = run_cli("validate", str(data_copy))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.endswith("infrastructure.geojson: INF01: published: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): 'yesterday'") for line in lines), lines
    assert any("infrastructure.geojson: INF02: country: unknown country code YU" in line for line in lines), lines


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_a_number_that_is_not_finite_is_named_not_a_crash(value) -> None:
    """A JSON parser reads Infinity and NaN as floats; a figure field must say so rather than raise."""
    from layers._validate import check_value

    doses = next(f for f in LAYERS["vaccines"].all_fields if f.name == "doses")
    assert check_value(doses, value) == f"not a finite number: {str(value)!r}"
