"""The front-end files under static/: their own tests under Node's built-in runner, and the pinned streamlit-folium
frontend that static/map/adapter.js relies on."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

import pytest
import streamlit_folium

from layers import FOCUS_COUNTRIES, LAYERS
from layers._changes import record_changes
from layers._dataset import load_dataset
from layers._filters import MAX_TEXT, Filters, browser_rows, link_spec
from layers._i18n import LANGUAGES, english, speaking
from layers._messages import MESSAGES, template
from layers._permalink import link_choices, parse
from layers._records import DATA_DIR

ROOT = Path(__file__).resolve().parents[1]
NODE = shutil.which("node") or shutil.which("nodejs")


def needs_node() -> str:
    if NODE is None:
        pytest.fail("Node.js is missing: `make test` installs Debian's nodejs")
    return NODE


def test_the_front_end_files_pass_their_own_tests() -> None:
    result = subprocess.run([needs_node(), "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout


def test_the_pinned_streamlit_folium_frontend_still_has_what_the_adapter_uses() -> None:
    """static/map/adapter.js reaches into streamlit-folium's frontend: its page state and its feature groups. When
    the pinned version changes, this fails, naming what to check in the adapter."""
    assert version("streamlit-folium") == "0.27.4", "streamlit-folium changed: check static/map/adapter.js against it"
    bundles = list((Path(streamlit_folium.__file__).parent / "frontend" / "build" / "static" / "js").glob("main.*.js"))
    assert len(bundles) == 1
    code = bundles[0].read_text(encoding="utf-8")
    for name in ("window.__GLOBAL_DATA__", "previous_data", "last_active_drawing", "returned_objects",
                 "window.feature_group", "setComponentValue"):
        assert name in code, f"streamlit-folium's frontend no longer has {name}: static/map/adapter.js relies on it"
    adapter = (ROOT / "static/map/adapter.js").read_text(encoding="utf-8")
    others = [p for p in (ROOT / "static").rglob("*.js") if p.name != "adapter.js" and "vendor" not in p.parts]
    for name in ("__GLOBAL_DATA__", "feature_group", "previous_data", "window.Streamlit"):
        assert name in adapter
        assert not [p.name for p in others if name in p.read_text(encoding="utf-8")], f"{name} outside the adapter"


def test_no_javascript_or_css_is_left_in_python_strings() -> None:
    """Front-end code lives in files under static/; Python reads and joins them (layers/_frontend.py) and writes only
    data for them (`window.wbBase = {...}`) and one-line calls from folium's elements."""
    code = ("function (", "function(", "=> {", "addEventListener(", "document.getElement", "document.query", "L.map(", "<style>",
            "px;", "px }", ": none;")  # the last three: CSS rules, as an f-string writes them
    for path in [*(ROOT / "layers").glob("*.py"), *(ROOT / "dashboard").glob("*.py"), ROOT / "app.py"]:
        if path.name == "_frontend.py":  # (it puts the files' text into <style> elements)
            continue
        text = path.read_text(encoding="utf-8")
        for marker in code:
            assert marker not in text, f"{path.name} holds front-end code ({marker!r}): move it under static/"


def node_json(tmp_path: Path, script: str, files: list[str], payload: dict):
    """Run `script` in node with the front-end `files` (process.argv[1..]) and the JSON of `payload` (the last
    argument, a file); its printed JSON."""
    (tmp_path / "in.json").write_text(json.dumps(payload), encoding="utf-8")
    result = subprocess.run([needs_node(), "-e", script, *(str(ROOT / f) for f in files), str(tmp_path / "in.json")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def link_cases() -> list[list[list[str]]]:
    """Links as (key, value) pairs: hand-picked ones, then random ones from pieces that matter to the rules."""
    cases = [[], [["year", "2016"]], [["year", " 2016\u2003"]], [["year", "2011"]], [["year", "²"]], [["year", "20l6"]],
             [["year", "2016"], ["year", "2020"]], [["year", "9" * 600]], [["layers", ""]], [["layers", "infrastructure,,x"]],
             [["layers", "nope,also"]], [["layers", "diplomacy,sentiment,events"]], [["layers", "events, events ,vaccines"]],
             [["dimension", "eu"]], [["dimension", "EU"]], [["series", "iea-relations-grade"]], [["series", "x" * 60]],
             [["country", "rs"]], [["country", " xk "]], [["country", "Serbia"]], [["country", " Serbia "]], [["record", "inf01"]],
             [["record", "INF01"], ["country", "AL"]], [["record", "../etc/passwd"]], [["record", "\u00dfINF"]],
             [["layers", "a" * 40 + ",b,c,d,e,f,g"]], [["year", "\x1c2016\x1f"]], [["year", "\ufeff2016"]],
             [["record", "\u0130NF01"]], [["country", "\u0131t"]], [["lang", "sr-Latn"]], [["lang", " SR_latn "]],
             [["lang", "mk"], ["lang", "fr"]], [["lang", "sr"]], [["lang", "x" * 600]],
             [["countries", "al, me,,zz"]], [["company", " Vučić "]], [["company", "x" * 81]], [["financier", "x" * 80]],
             [["kind", "transport,energy,transport"]], [["status", "under_construction, x"]], [["confidence", "claimed"]],
             [["company", "\u0130"], ["countries", "ß"]], [["since", "2015"]], [["since", "1999"], ["year", "2020"]]]
    pieces = {"year": ["2012", "2026", "1999", "0", "-3", "٣", "2020 ", "", "20.5"], "since": ["2015", "x", "2030"],
              "layers": ["infrastructure", "diplomacy", "sentiment", "vaccines", "events", "surveillance", "x", " ", ""],
              "dimension": ["nato", "eu", "visa_china", "Nato", " eu", "zzz"],
              "series": ["iea-relations-grade", "nope", ""],
              "country": ["RS", "xk", "BA ", "ZZ", " zz", "", "ß"],
              "record": ["INF01", "inf02", "SUR01", "sur01 ", "X" * 70, "", "INF0\u0131"],
              "lang": ["en", "sr-Cyrl", "sq", "MK", "de", "", "sr-\u0131atn"],
              "countries": ["AL", "xk,rs", "ZZ", "", " BA , me"], "kind": ["transport", "nato,x", "Energy", ""],
              "company": ["Huawei", " ", "\ufeffcrbc", "đ" * 81], "status": ["operating", "stalled,sold", "Operating"],
              "confidence": ["confirmed,reported", "sure"]}
    rng = random.Random(7)
    for _ in range(300):
        link = []
        for key in rng.sample(sorted(pieces), rng.randint(1, 4)):
            if key == "layers":
                link.append([key, ",".join(rng.choice(pieces[key]) for _ in range(rng.randint(0, 4)))])
            else:
                link.append([key, rng.choice(pieces[key])])
        cases.append(link)
    return cases


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_export_reads_a_link_as_the_app_does(tmp_path: Path, lang: str) -> None:
    """static/export/link.js and layers/_permalink.py `parse` give the same view and the same notices for every
    link, the shipped data's layers, records and choices as their spec, in every language (the notices' words and
    plural forms: Babel's in Python, the browser's Intl.PluralRules in the page)."""
    data = load_dataset(LAYERS, DATA_DIR)
    fills = [lid for lid, layer in LAYERS.items() if layer.fills]
    records = [rid for loaded in data.layers.values() for rid in loaded.frame["id"]]
    spec = {"years": [2012, 2026], "layerIds": list(LAYERS), "fillIds": fills, "countries": list(FOCUS_COUNTRIES),
            "records": records, "choices": link_choices(data, 2026), "languages": list(LANGUAGES),
            "filters": link_spec(LAYERS), "maxText": MAX_TEXT}
    cases = link_cases()
    expected = []
    for link in cases:
        params: dict[str, list[str]] = {}
        for key, value in link:
            params.setdefault(key, []).append(value)
        with speaking(lang):
            state = parse(params, years=(2012, 2026), layer_ids=list(LAYERS), fill_ids=fills,
                          countries=set(FOCUS_COUNTRIES), record_exists=set(records).__contains__, choices=spec["choices"],
                          filters=spec["filters"])
        filters = {name: list(value) if isinstance(value, tuple) else value for name, value in asdict(state.filters).items()}
        expected.append({"lang": state.lang, "year": state.year, "since": state.since, "layers": state.layers, "choices": state.choices, "country": state.country,
                         "record": state.record, "notices": state.notices, "filters": filters})
    with speaking(lang):
        messages = {key: template(key) for key in english() if key in MESSAGES["en"]}
    script = ("const read = require(process.argv[1]); const say = require(process.argv[2]); const fs = require('fs');"
              "const {spec, cases, lang, messages} = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));"
              "const fmt = (key, v) => say(messages[key], v, lang);"  # the page's own `fmt` (static/export/page.js)
              "process.stdout.write(JSON.stringify(cases.map((link) => read(link, spec, fmt))));")
    got = node_json(tmp_path, script, ["static/export/link.js", "static/map/words.js"],
                    {"spec": spec, "cases": cases, "lang": lang, "messages": messages})
    for link, python, node in zip(cases, expected, got, strict=True):
        assert node == python, link
    assert sum(bool(e["notices"]) for e in expected) > 100 and sum(e["record"] is not None for e in expected) > 20
    assert sum(any(e["filters"].values()) for e in expected) > 50


def filter_cases() -> list[Filters]:
    """Filters as a reader sets them: hand-picked, then random ones from values that matter to the rule."""
    cases = [Filters(), Filters(company="Huawei"), Filters(company="ŠANDONG"), Filters(financier="export-import bank"),
             Filters(company="\u0301"), Filters(countries=("XK", "AL")), Filters(statuses=("under_construction",)),
             Filters(kinds=("transport", "nato")), Filters(confidence=("claimed",))]
    pieces = {"countries": [("RS",), ("ME", "BA"), ("XK",)], "kinds": [("energy",), ("video_surveillance", "visa")],
              "company": ["china", "CRBC", "Sinopharm", "zijin mining", "not named"], "financier": ["exim", "bank of china", "EBRD"],
              "statuses": [("operating",), ("agreed", "stalled"), ("under_construction", "completed")],
              "confidence": [("confirmed",), ("reported", "claimed")]}
    rng = random.Random(11)
    for _ in range(40):
        cases.append(Filters(**{name: rng.choice(pieces[name]) for name in rng.sample(sorted(pieces), rng.randint(1, 3))}))
    return cases


def test_the_export_filters_the_records_as_the_app_does(tmp_path: Path) -> None:
    """static/export/filters.js and layers/_filters.py `Filters.mask` keep the same records of every layer, for every
    filter and year (a status filter reads the status in the year)."""
    data = load_dataset(LAYERS, DATA_DIR)
    cases, years = filter_cases(), [None, 2012, 2016, 2020, 2025]
    expected = []
    for filters in cases:
        for year in years:
            kept = [rid for loaded in data.layers.values()
                    for rid in loaded.frame["id"].to_numpy()[filters.mask(loaded.layer, loaded.frame, year)]]
            expected.append(sorted(kept))
    as_json = [{name: list(value) if isinstance(value, tuple) else value for name, value in asdict(f).items()} for f in cases]
    script = ("const F = require(process.argv[1]); const fs = require('fs');"
              "const {rows, cases, years} = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')); const out = [];"
              "cases.forEach((f) => years.forEach((y) => out.push(Object.keys(rows).filter((id) => F.keeps(rows[id], f, y)).sort())));"
              "process.stdout.write(JSON.stringify(out));")
    got = node_json(tmp_path, script, ["static/export/filters.js"], {"rows": browser_rows(data), "cases": as_json, "years": years})
    for i, (python, node) in enumerate(zip(expected, got, strict=True)):
        assert node == python, (cases[i // len(years)], years[i % len(years)])
    assert len({tuple(e) for e in expected}) > 30  # the cases keep many different sets of records


def test_the_export_finds_what_changed_as_the_app_does(tmp_path: Path) -> None:
    """static/export/changes.js and layers/_changes.py `record_changes` list the same changes (record, kind, status
    before and after) for pairs of years, sets of layers and filters."""
    data = load_dataset(LAYERS, DATA_DIR)
    points = [lid for lid, layer in LAYERS.items() if not layer.fills]
    cases = [(2015, 2024, points, Filters()), (2024, 2015, points, Filters()), (2012, 2026, points, Filters()),
             (2019, 2020, ["infrastructure"], Filters()), (2014, 2022, points, Filters(countries=("ME",))),
             (2013, 2021, points, Filters(statuses=("under_construction",))), (2020, 2020, points, Filters()),
             (2016, 2025, ["events", "vaccines"], Filters(confidence=("reported",)))]
    expected = [[[c.record_id, c.kind, c.before, c.after] for c in record_changes(data, a, b, layers, f)]
                for a, b, layers, f in cases]
    as_json = [[a, b, layers, {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(f).items()}]
               for a, b, layers, f in cases]
    script = ("require(process.argv[1]); const C = require(process.argv[2]); const fs = require('fs');"
              "const {rows, cases} = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));"
              "process.stdout.write(JSON.stringify(cases.map(([a, b, layers, f]) => "
              "C.changes(rows, a, b, layers, f).map((c) => [c.id, c.kind, c.before, c.after]))));")
    got = node_json(tmp_path, script, ["static/export/filters.js", "static/export/changes.js"],
                    {"rows": browser_rows(data), "cases": as_json})
    for case, python, node in zip(cases, expected, got, strict=True):
        assert node == python, case[:2]
    assert all(expected[:4]) and {row[1] for found in expected for row in found} == {"started", "ended", "between", "status"}


def test_served_scripts_leave_out_their_comment_lines_and_still_parse(tmp_path: Path) -> None:
    """The page gets each script without its comment-only lines; what is left is still valid JavaScript, and no script
    has a template string over several lines (where a line starting // would be text, not a comment)."""
    from layers._frontend import read

    saved = 0
    for path in sorted((ROOT / "static").glob("*/*.js")):
        name = f"{path.parent.name}/{path.name}"
        source, served = path.read_text(encoding="utf-8"), read(name)
        assert all(line.count("`") % 2 == 0 for line in source.splitlines()), name  # no template string over lines
        assert not any(line.lstrip().startswith("//") for line in served.splitlines()), name
        (tmp_path / path.name).write_text(served, encoding="utf-8")
        result = subprocess.run([needs_node(), "--check", str(tmp_path / path.name)], capture_output=True, text=True)
        assert result.returncode == 0, (name, result.stderr)
        saved += len(source) - len(served)
    assert saved > 10_000
