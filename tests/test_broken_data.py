"""Broken data in the running app: a missing, unreadable or invalid file disables its layer with a message naming
file, record and field, and the other layers are still served."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from layers._records import SHIPPED_DATA

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def broken(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "geodata"
    shutil.copytree(SHIPPED_DATA, folder)
    monkeypatch.setenv("WB_DATA_DIR", str(folder))
    return folder


def run_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["map_ready"] = True  # as after the map reported it is drawn: the controls are there
    at.run()
    assert not at.exception, at.exception
    return at


def warnings(at: AppTest) -> str:
    return " ".join(w.value.replace("\\", "") for w in at.warning)


def drawn(at: AppTest) -> str:
    component = next(c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium"))
    return json.loads(component.proto.json_args)["feature_group"] or ""


def test_missing_file_disables_only_its_layer(broken: Path) -> None:
    (broken / "surveillance.geojson").unlink()
    at = run_app()
    assert "surveillance.geojson: -: -: file is missing" in warnings(at)
    assert at.checkbox(key="layer_surveillance").disabled
    assert '"INF01"' in drawn(at) and '"SUR01"' not in drawn(at)


def test_unreadable_file_is_named(broken: Path) -> None:
    (broken / "events.geojson").write_bytes(b"\xff\xfe not json")
    at = run_app()
    assert "events.geojson: -: -: cannot be read as UTF-8 JSON" in warnings(at)
    assert '"INF01"' in drawn(at)


def test_invalid_record_names_file_record_and_field(broken: Path) -> None:
    rows = (broken / "vaccines.csv").read_text(encoding="utf-8").replace("2021-01-16,Sinopharm (BBIBP-CorV)", "16/01/2021,Sinopharm (BBIBP-CorV)")
    (broken / "vaccines.csv").write_text(rows, encoding="utf-8")
    at = run_app()
    assert "vaccines.csv: VAC01: date: not an ISO date" in warnings(at)
    assert at.checkbox(key="layer_vaccines").disabled and not at.checkbox(key="layer_infrastructure").disabled


def test_broken_provenance_table_is_reported(broken: Path) -> None:
    (broken / "figures.csv").write_text("record_id,figure\nINF01,loan\n", encoding="utf-8")
    at = run_app()
    assert "figures.csv" in warnings(at) and "INF01" in warnings(at)
    assert '"INF01"' in drawn(at)


def test_missing_boundaries_stop_with_a_message(broken: Path) -> None:
    (broken / "countries.geojson").unlink()
    at = run_app()
    assert any("boundary files" in e.value for e in at.error)
    assert at.slider(key="year").value == 2025  # the sidebar stays, so the reader can still find the controls


def test_an_unreadable_layer_file_leaves_the_other_records_sources_and_figures(broken: Path, click) -> None:
    (broken / "events.geojson").write_bytes(b"{")  # sources.csv and figures.csv name event records too
    click({"kind": "record", "id": "INF01", "layer": "infrastructure"})
    at = run_app()
    # the app shows the first problems of the provenance tables, each naming its file, record and field
    assert "sources.csv: DIP011: record_id: refers to unknown record DIP011" in warnings(at)
    panel = " ".join(h.proto.body for h in at.get("html"))
    assert "EUR 350 million" in panel and "croatian.cri.cn" in panel  # Stanari's figures and further sources stay
