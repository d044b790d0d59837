"""Coverage: AidData's GCDF rows reconciled, source hygiene, drawn lengths, second sources, and the generated
COVERAGE.md; each rule is shown failing on a broken copy of the shipped data, with a message naming the record."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from layers import LAYERS
from layers._about import about_markdown
from layers._coverage import headline, render
from layers._dataset import load_dataset
from layers._details import record_html
from layers._downloads import dataset_zip
from layers._records import DATA_DIR
from test_validate import edit_csv, edit_geojson, set_prop
from test_validate import problems as all_problems


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "geodata"
    shutil.copytree(DATA_DIR, target)
    return target


def problems(data_dir: Path) -> list[str]:
    """The validator's messages, with the copy's folder written as the shipped one's (`geodata/...`)."""
    return [p.replace(f"{data_dir.parent}/", "") for p in all_problems(data_dir)]


def rows_of(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_gcdf_row_is_a_record_or_listed_with_a_reason() -> None:
    data = load_dataset(LAYERS, DATA_DIR)
    head = headline(data)
    assert head.gcdf_rows == 166 and head.gcdf_mapped + head.gcdf_listed == head.gcdf_rows
    assert head.projects >= 80
    listed = {r["aiddata_id"] for r in rows_of(DATA_DIR / "not_mapped.csv")}
    mapped = {aid for loaded in data.layers.values() for value in loaded.frame["aiddata_id"] for aid in value.split(";") if aid}
    assert not listed & mapped and listed | mapped == {r["aiddata_id"] for r in rows_of(DATA_DIR / "reference/gcdf.csv")}


def test_a_gcdf_row_left_unaccounted_or_accounted_twice_is_named(data_copy: Path) -> None:
    edit_csv(data_copy / "not_mapped.csv", lambda rows: rows.remove(next(r for r in rows if r["aiddata_id"] == "42353")))
    edit_geojson(data_copy / "infrastructure.geojson", "INF03", set_prop("aiddata_id", "66981;42051"))  # 42051 is listed
    edit_geojson(data_copy / "infrastructure.geojson", "INF09", set_prop("aiddata_id", "99999999"))
    found = problems(data_copy)
    assert "geodata/reference/gcdf.csv: 42353: aiddata_id: neither a record's aiddata_id nor listed in geodata/not_mapped.csv with a reason" in found
    assert "geodata/not_mapped.csv: 42051: aiddata_id: also the aiddata_id of INF03: a row is mapped or listed, not both" in found
    assert "geodata/infrastructure.geojson: INF09: aiddata_id: AidData id 99999999 is not a row of geodata/reference/gcdf.csv" in found


def test_a_reason_outside_the_vocabulary_or_a_part_without_its_record_is_named(data_copy: Path) -> None:
    def change(rows: list[dict]) -> None:
        rows[0]["reason"] = "too boring"
        rows[1].update(reason="part_of_record", record_id="")
    edit_csv(data_copy / "not_mapped.csv", change)
    first, second = (r["aiddata_id"] for r in rows_of(data_copy / "not_mapped.csv")[:2])
    found = problems(data_copy)
    assert any(p.startswith(f"geodata/not_mapped.csv: {first}: reason: unknown not_mapped_reason word 'too boring'") for p in found)
    assert f"geodata/not_mapped.csv: {second}: record_id: part_of_record names the record it is part of" in found


def test_a_primary_on_a_spam_host_or_a_confirming_copy_is_rejected(data_copy: Path) -> None:
    edit_geojson(data_copy / "infrastructure.geojson", "INF01", set_prop("source_url", "https://995859.n2ygfcw2j.asia/en/news/1"))
    edit_geojson(data_copy / "infrastructure.geojson", "INF03", set_prop("source_url", "https://naslovi.net/rd/1"))
    found = problems(data_copy)
    assert any(p.startswith("geodata/infrastructure.geojson: INF01: source_url: n2ygfcw2j.asia is a listed spam") for p in found)
    # a copy on a mirror, not said to be one, and then confirming
    assert any(p.startswith("geodata/infrastructure.geojson: INF03: publisher: naslovi.net is a listed mirror") for p in found)
    edit_geojson(data_copy / "infrastructure.geojson", "INF03", set_prop("publisher", "Tanjug (via naslovi.net)"))
    assert any(p.startswith("geodata/infrastructure.geojson: INF03: confidence: confirmed, but its primary source is a "
                            "copy on naslovi.net") for p in problems(data_copy))


def test_a_copy_kept_as_the_only_source_is_reported_and_says_the_original_was_not_found(data_copy: Path) -> None:
    def copy(feature: dict) -> None:
        feature["properties"].update(source_url="https://naslovi.net/rd/1", publisher="Tanjug (via naslovi.net)",
                                     confidence="reported", notes="")
    edit_geojson(data_copy / "infrastructure.geojson", "INF03", copy)
    assert "geodata/infrastructure.geojson: INF03: notes: its primary source is a copy on naslovi.net: say in the notes " \
           "that the original was not found" in problems(data_copy)
    edit_geojson(data_copy / "infrastructure.geojson", "INF03", set_prop("notes", "The original was not found."))
    assert not [p for p in problems(data_copy) if "INF03" in p]


def test_a_further_source_on_a_content_farm_is_rejected_and_a_mirror_copy_must_say_so(data_copy: Path) -> None:
    def add(rows: list[dict]) -> None:
        rows.append({"record_id": "INF01", "source_url": "https://world-today-news.com/x", "publisher": "WTN",
                     "published": "undated", "note": ""})
        rows.append({"record_id": "INF02", "source_url": "https://docslib.org/doc/1", "publisher": "CEIAS",
                     "published": "undated", "note": "the paper"})
    edit_csv(data_copy / "sources.csv", add)
    found = problems(data_copy)
    assert any(p.startswith("geodata/sources.csv: INF01: source_url: world-today-news.com is a listed content_farm") for p in found)
    assert any(p.startswith("geodata/sources.csv: INF02: publisher: docslib.org is a listed mirror") for p in found)


def test_a_confirmed_record_that_says_reportedly_is_rejected(data_copy: Path) -> None:
    edit_geojson(data_copy / "infrastructure.geojson", "INF01", set_prop("notes", "The plant reportedly cost more."))
    assert "geodata/infrastructure.geojson: INF01: confidence: confirmed, but its notes says 'reportedly': use " \
           "`reported` (or reword, if the source states it)" in problems(data_copy)


def test_a_line_drawn_twice_its_stated_length_needs_a_note(data_copy: Path) -> None:
    edit_geojson(data_copy / "infrastructure.geojson", "INF25", set_prop("length_note", None))
    assert any(p.startswith("geodata/infrastructure.geojson: INF25: length_note: drawn 33.9 km against a stated 17 km")
               for p in problems(data_copy))


def test_a_figure_over_100_million_euros_needs_a_second_source_or_says_it_has_one(data_copy: Path) -> None:
    def add(rows: list[dict]) -> None:
        rows.append({"record_id": "INF09", "figure": "loan", "value": "250", "unit": "USD", "qualifier": "", "as_of": "",
                     "label": "a loan", "source_url": "https://example.org/a", "publisher": "Example",
                     "published": "2020", "confidence": "confirmed", "notes": ""})
    edit_csv(data_copy / "figures.csv", add)
    assert any(p.startswith("geodata/figures.csv: INF09: source_url: loan of USD 250M (over EUR 100M) has one source")
               for p in problems(data_copy))
    edit_csv(data_copy / "figures.csv", lambda rows: rows[-1].update(notes="only one source found"))
    assert not [p for p in problems(data_copy) if "INF09" in p]


def test_coverage_md_is_generated_from_the_data() -> None:
    data = load_dataset(LAYERS, DATA_DIR)
    assert (DATA_DIR / "COVERAGE.md").read_text(encoding="utf-8") == render(data), \
        "geodata/COVERAGE.md is out of date: run `python -m layers coverage --write`"
    text = render(data)
    assert "| [42189](https://china.aiddata.org/projects/42189) |" in text and "record INF01" in text
    assert "Kosovo: no project recorded" in text


def test_about_this_map_quotes_the_coverage_and_credits_aiddata() -> None:
    data = load_dataset(LAYERS, DATA_DIR)
    head = headline(data)
    text = about_markdown(data)
    assert f"{head.projects} Chinese-built" in text and f"{head.gcdf_mapped} are records here" in text
    assert "geodata/COVERAGE.md" in text and "© AidData at William & Mary, ODC-By 1.0" in text


def test_a_record_links_its_aiddata_project() -> None:
    data = load_dataset(LAYERS, DATA_DIR)
    layer_id, row = data.record("INF18")
    html = record_html(data, layer_id, row, 2025)
    assert ('<a href="https://china.aiddata.org/projects/66444" target="_blank" rel="noopener noreferrer nofollow">'
            "project 66444</a>") in html and "projects/85195" in html


def test_the_zip_holds_the_reference_universe_its_licence_and_the_coverage() -> None:
    root = DATA_DIR.parent
    with zipfile.ZipFile(io.BytesIO(dataset_zip(DATA_DIR, extra=(root / "LICENSE-DATA.md",)))) as archive:
        names = set(archive.namelist())
        assert {"geodata/reference/gcdf.csv", "geodata/reference/README.md", "geodata/not_mapped.csv",
                "geodata/hosts.csv", "geodata/COVERAGE.md", "LICENSE-DATA.md"} <= names
        assert "ODC-By 1.0" in archive.read("LICENSE-DATA.md").decode("utf-8")
        assert "aiddata/gcdf-geospatial-data" in archive.read("geodata/reference/README.md").decode("utf-8")

