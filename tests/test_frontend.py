"""The front-end files under static/: their own tests under Node's built-in runner, the export's unpacking of the
real data, and the pinned streamlit-folium frontend that static/map/adapter.js relies on."""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest
import streamlit_folium

from layers import LAYERS
from layers._dataset import load_dataset
from layers._pack import pack, unpack
from layers._panel import record_view
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


def test_the_export_script_unpacks_every_panel_as_python_built_it(tmp_path: Path) -> None:
    data = load_dataset(LAYERS, DATA_DIR)
    views = [record_view(data, lid, row, None) for lid, loaded in data.layers.items() for _, row in loaded.frame.iterrows()]
    packed = pack(views)
    assert unpack(packed) == views
    (tmp_path / "packed.json").write_text(json.dumps(packed), encoding="utf-8")
    script = ("const unpack = require(process.argv[1]); const fs = require('fs');"
              "process.stdout.write(JSON.stringify(unpack(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')))));")
    result = subprocess.run([needs_node(), "-e", script, str(ROOT / "static/export/unpack.js"), str(tmp_path / "packed.json")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == views


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
    data for them (`window.wbBase = {...}`) and one-line calls from folium's elements. The still picture's SVG is an
    image, whose styles must be inside it (layers/_preview.py)."""
    code = ("function (", "function(", "=> {", "addEventListener(", "document.getElement", "document.query", "L.map(", "<style>")
    for path in [*(ROOT / "layers").glob("*.py"), ROOT / "app.py"]:
        if path.name in ("_frontend.py", "_preview.py"):
            continue
        text = path.read_text(encoding="utf-8")
        for marker in code:
            assert marker not in text, f"{path.name} holds front-end code ({marker!r}): move it under static/"
