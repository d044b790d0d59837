"""A new layer is one data file and one module: a throwaway `ports` layer (tests/fixtures/extra_layer), registered
from a folder outside the package, appears on every surface with no other file changed. Run in a fresh interpreter,
as the registry is made when `layers` is first imported (tests/browser/test_registry_browser.py checks the map, the
key and the export in a real browser)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ports_layer import ports_env

ROOT = Path(__file__).resolve().parents[1]

CHECKS = r'''
import csv, io, json, sys, zipfile
from pathlib import Path
from layers import LAYERS
from layers._dataset import load_dataset
from layers._records import data_dir, read_boundaries
from layers._marks import all_marks
from layers._view import plan_view
from layers._find import find_options
from layers._details import country_profile, record_html
from layers._compare import countries_compared, comparison_html
from layers._downloads import dataset_zip, to_csv, to_geojson, view_records
from layers._permalink import encode, parse
from layers._export import export, read_payload
from layers._timeline import timeline

out = {}
data = load_dataset(LAYERS, data_dir())
countries, towns = read_boundaries(data_dir())
out["registered"] = list(LAYERS)
out["problems"] = [str(p) for p in data.problems]
out["marks"] = sorted(m["id"] for m in all_marks(data) if m["layer"] == "ports")
plan = plan_view(data, countries, 2025, ["ports"], None, None)
out["drawn"] = sorted(plan.marks[0])
out["key"] = [s.label for s in plan.legend.get("ports", ())]
out["timeline_2016"] = timeline(data, countries, (2012, 2026))["marks"]["ports"]["2016"][0]
out["search"] = [label for (kind, key), label in find_options(data) if key in ("PORT1", "PORT2")]
profile = country_profile(data, "ME", 2025)
out["profile"] = profile.sections.get("ports")
out["table"] = {row["country"]: row.get("ports") for row in countries_compared(data, 2025)}
out["table_html"] = "Ports (test layer)" in comparison_html(data, 2025)
lid, row = data.record("PORT1")
out["panel"] = "Testport Operating Co." in record_html(data, lid, row, 2025)
records = view_records(data, 2025, ["ports"])
out["csv"] = [r["id"] for r in csv.DictReader(io.StringIO(to_csv(records, data).decode()))]
out["geojson"] = [f["properties"]["id"] for f in json.loads(to_geojson(records, data))["features"]]
with zipfile.ZipFile(io.BytesIO(dataset_zip(data_dir()))) as z:
    out["zip"] = "geodata/ports.geojson" in z.namelist()
state = parse({"layers": "ports,infrastructure", "record": "PORT2"}, years=(2012, 2026), layer_ids=list(LAYERS),
              fill_ids=[], countries={"AL", "ME"}, record_exists=lambda rid: data.record(rid) is not None)
out["link"] = [state.layers, state.record, state.notices, encode(2025, ["ports"], ("record", "PORT2"))]
target = Path(sys.argv[1])
export(target, data_dir())
page = (target / "index.html").read_text(encoding="utf-8")
payload = read_payload(page)
out["export_records"] = sorted(rid for rid, r in payload["records"].items() if r["layer"] == "ports")
out["export_points"] = [m.get("points") for m in payload["marks"] if m["id"] == "PORT1"]
out["export_key"] = "Ports (test layer)" in payload["legends"].get("ports", "")
out["export_switch"] = 'value="ports"' in page
print(json.dumps(out))
'''


@pytest.fixture(scope="module")
def with_ports(tmp_path_factory) -> dict:
    """The registry's surfaces, read in an interpreter that has the throwaway layer."""
    tmp = tmp_path_factory.mktemp("ports")
    env = {**os.environ, **ports_env(tmp)}
    result = subprocess.run([sys.executable, "-c", CHECKS, str(tmp / "export")], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_layer_is_registered_and_its_data_validates(with_ports: dict) -> None:
    assert with_ports["registered"][-1] == "ports" and with_ports["problems"] == []


def test_its_marks_are_drawn_and_the_key_names_them(with_ports: dict) -> None:
    assert with_ports["marks"] == ["PORT1", "PORT2"] and with_ports["drawn"] == ["PORT1", "PORT2"]
    assert with_ports["timeline_2016"] == ["PORT1"]  # the year rule, as for every layer: Beta begins in 2021
    assert with_ports["key"] == ["operating port", "agreed"]


def test_search_finds_it_by_name_and_by_its_own_words(with_ports: dict) -> None:
    assert len(with_ports["search"]) == 2 and all("Testport Operating Co." in label for label in with_ports["search"])


def test_profiles_and_the_six_countries_table_count_it(with_ports: dict) -> None:
    assert with_ports["profile"] == [["PORT1", "Test port Alpha"]]
    assert with_ports["table"]["ME"] == 1 and with_ports["table"]["AL"] == 1 and with_ports["table"]["RS"] == 0
    assert with_ports["table_html"] and with_ports["panel"]


def test_downloads_and_the_zip_hold_it(with_ports: dict) -> None:
    assert with_ports["csv"] == ["PORT1", "PORT2"] and with_ports["geojson"] == ["PORT1", "PORT2"]
    assert with_ports["zip"]


def test_links_name_it_as_any_layer(with_ports: dict) -> None:
    layers, record, notices, encoded = with_ports["link"]
    assert layers == ["ports", "infrastructure"] and record == "PORT2" and notices == []
    assert encoded == {"year": "2025", "layers": "ports", "record": "PORT2"}


def test_the_static_export_draws_and_keys_it(with_ports: dict) -> None:
    assert with_ports["export_records"] == ["PORT1", "PORT2"]
    assert with_ports["export_points"] == [[[42.09, 19.1]]]
    assert with_ports["export_key"] and with_ports["export_switch"]
