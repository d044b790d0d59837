"""`python -m layers export`: a self-contained page within budget, byte-identical from run to run, with data that
cannot break out of its script, and no export at all from data that does not validate."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from layers.__main__ import main
from layers._export import export, page_name, read_payload
from layers._i18n import LANGUAGES
from layers._map import script_json
from layers._records import DATA_DIR

EVIL = "Stanari </script><script>alert(1)</script> <!-- & co"
# URLs leaflet.js contains: the SVG namespace (never fetched) and its attribution link, which the page replaces.
LEAFLET_URLS = {"http://www.w3.org/2000/svg", "https://leafletjs.com"}


class Tags(HTMLParser):
    """Every src/href of the markup, and the text of each script and style (the data blocks' kept apart)."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.code: list[str] = []
        self.data: list[str] = []
        self._into: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.refs += [(tag, value or "") for name, value in attrs if name in ("src", "href", "srcset", "poster", "data")]
        if tag in ("script", "style"):
            data = {("type", "application/octet-stream"), ("type", "application/json")} & set(attrs)
            self._into = self.data if data else self.code

    def handle_endtag(self, tag):
        self._into = None

    def handle_data(self, data):
        if self._into is not None:
            self._into.append(data)


def data_of(index: str) -> dict:
    return read_payload(index)


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "geodata"
    shutil.copytree(DATA_DIR, target)
    return target


def edit_record(data_dir: Path, record_id: str, **changes: str) -> None:
    path = data_dir / "infrastructure.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    for feature in document["features"]:
        if feature["properties"]["id"] == record_id:
            feature["properties"].update(changes)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def out(built_export) -> Path:
    return built_export.folder


def files_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_writes_the_page_and_leaflet(out: Path) -> None:
    names = {p.relative_to(out).as_posix() for p in files_of(out)}
    assert {"index.html", "leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/images/layers.png"} <= names


def test_what_a_reader_loads_is_at_most_one_megabyte(out: Path) -> None:
    """Each language's page with the assets all pages share: one reader loads one page."""
    pages = sorted(out.glob("index*.html"))
    assets = sum(p.stat().st_size for p in files_of(out) if p.parent != out)
    assert [p.name for p in pages] == sorted(page_name(tag) for tag in LANGUAGES)
    for page in pages:
        assert 200_000 < page.stat().st_size + assets <= 1_000_000, page


def test_prints_the_total(built_export) -> None:
    assert re.search(r"total [\d,]+ bytes \([\d,]+ gzipped\) in \d+ files, [\d,]+ bytes for a reader", built_export.printed)


def test_every_asset_is_local_and_present(out: Path) -> None:
    index = (out / "index.html").read_text(encoding="utf-8")
    tags = Tags()
    tags.feed(index)
    loaded = [(tag, ref) for tag, ref in tags.refs if tag != "a"]
    assert ("script", "leaflet/leaflet.js") in loaded and ("link", "leaflet/leaflet.css") in loaded
    for tag, ref in loaded:
        assert not urlparse(ref).scheme and not ref.startswith("//"), f"<{tag}> loads {ref}"
        assert (out / ref).is_file(), f"<{tag}> refers to missing {ref}"
    assert [ref for tag, ref in tags.refs if tag == "a"] == []  # the page's own markup links nowhere
    # no inline script or style (the balancer's policy allows files only): two data blocks, the records and the words
    assert tags.code == [] and len(tags.data) == 2 and isinstance(json.loads(tags.data[1])["text"], dict)
    code = "".join((out / ref).read_text(encoding="utf-8") for _, ref in loaded if ref.startswith("assets/"))
    assert "L.map(" in code and ".leaflet-container" in code  # the page's own style and script
    assert "@import" not in code and not re.search(r"https?:|[\"'(]//", code)
    css = (out / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
        assert ref.startswith(("data:", "#")) or (out / "leaflet" / ref).is_file(), ref  # "#default#VML": old IE
    assert "@import" not in css
    assert set(re.findall(r"https?://[^\s\"'<>)]+", (out / "leaflet" / "leaflet.js").read_text(encoding="utf-8"))) <= LEAFLET_URLS


def script_elements(page: str) -> int:
    """How many <script> elements an HTML parser finds (it reads a script's content as text, as a browser does)."""
    class Counter(HTMLParser):
        found = 0

        def handle_starttag(self, tag, attrs):
            self.found += tag == "script"

    parser = Counter()
    parser.feed(page)
    return parser.found


def test_outside_links_are_only_sources_in_panels_and_profiles(out: Path) -> None:
    data = data_of((out / "index.html").read_text(encoding="utf-8"))
    markup = list(data["panels"].values()) + [html for years in data["profiles"].values() for html in years]
    text = json.dumps({k: v for k, v in data.items() if k not in ("panels", "profiles")})
    assert not re.search(r"https?:", text)
    links = [href for html in markup for href in re.findall(r'href="([^"]*)"', html)]
    assert len(links) > 500 and all(href.startswith(("http://", "https://")) for href in links)
    assert not re.search(r"<(script|img|iframe|link|style)\b|\son\w+=", "".join(markup))


def test_every_infrastructure_record_is_in_the_data(out: Path) -> None:
    data = data_of((out / "index.html").read_text(encoding="utf-8"))
    source = json.loads((DATA_DIR / "infrastructure.geojson").read_text(encoding="utf-8"))
    expected = {f["properties"]["id"] for f in source["features"]}
    exported = [rid for rid, r in data["records"].items() if r["layer"] == "infrastructure"]
    assert len(expected) >= 80 and sorted(exported) == sorted(expected) and set(exported) <= set(data["panels"])
    stanari = next(m for m in data["marks"] if m["id"] == "INF01")
    assert stanari["points"] == [[pytest.approx(44.759289), pytest.approx(17.823207)]]
    assert "300 MW" in data["panels"]["INF01"] and data["records"]["INF01"]["shows"][2016 - 2012] == 2016


def test_year_control_matches_the_app(out: Path) -> None:
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<label for="wb-year">Year</label>', index)
    assert re.search(r'<input type="range" id="wb-year" min="2012" max="2026" step="1" value="2025"', index)


def test_output_is_byte_identical_from_run_to_run(out: Path, tmp_path: Path) -> None:
    export(tmp_path)
    assert [p.relative_to(tmp_path) for p in files_of(tmp_path)] == [p.relative_to(out) for p in files_of(out)]
    for path in files_of(out):
        assert (tmp_path / path.relative_to(out)).read_bytes() == path.read_bytes(), path


def test_script_json_leaves_no_markup() -> None:
    text = script_json({"name": EVIL})
    assert not set("<>&") & set(text) and json.loads(text) == {"name": EVIL}


def test_a_name_with_a_script_tag_stays_data(tmp_path: Path) -> None:
    data_dir = copy_data(tmp_path)
    edit_record(data_dir, "INF01", name=EVIL)
    assert main(["export", str(tmp_path / "out"), "--data-dir", str(data_dir)]) == 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "</script><script>alert(1)" not in index and "alert(1)</script>" not in index
    # as a browser parses the page (a script element's text is not markup): data, words, leaflet, its cluster plugin and
    # the page's script
    assert script_elements(index) == 5 and index.lower().count("</script") == 5
    data = data_of(index)
    assert data["records"]["INF01"]["name"] == EVIL  # the exact text survives
    # its panel is the app's, escaped by its template (tests/browser/test_hostile.py shows it as text)
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in data["panels"]["INF01"] and "<script" not in data["panels"]["INF01"]


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (lambda d: edit_record(d, "INF01", confidence="certain"), "INF01: confidence"),
        (lambda d: (d / "figures.csv").unlink(), "figures.csv"),
        (lambda d: (d / "countries.geojson").write_text("{not json", encoding="utf-8"), "countries.geojson"),
    ],
    ids=["bad-word", "missing-table", "broken-boundaries"],
)
def test_refuses_to_export_broken_data(tmp_path: Path, capsys, break_it, expected: str) -> None:
    data_dir = copy_data(tmp_path)
    break_it(data_dir)
    assert main(["export", str(tmp_path / "out"), "--data-dir", str(data_dir)]) == 1
    printed = capsys.readouterr()
    assert expected in printed.out and "nothing exported" in printed.err
    assert not (tmp_path / "out" / "index.html").exists()
