"""The front-end files under static/ (JavaScript and CSS), read once and put together for the app's map, its page
and the static export. Python only adds the settings they read (`window.wbText`, `window.wbNarrowSteps`)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from ._i18n import language
from ._messages import t, template
from ._style import ACCENT, SEA

STATIC = Path(__file__).resolve().parent.parent / "static"
# Changes to Leaflet's own handlers and what both maps draw marks and take keys with, made before any map is: by the
# app's map and by the export's page alike.
HOOK_FILES = ("map/words.js", "map/focus.js", "map/touch.js", "map/towns.js", "map/shapes.js", "map/keys.js")
# The app's map script, after its data (layers._map.basemap_script); the adapter is the one file that knows
# streamlit-folium's frontend.
MAP_FILES = (*HOOK_FILES, "map/narrow.js", "map/adapter.js", "map/cluster.js", "map/draw.js", "map/selection.js",
             "map/compose.js", "map/timeline.js", "map/base_layers.js")
CSS_VALUES = {"%SEA%": SEA, "%ACCENT%": ACCENT}
COMMENT = re.compile(r"/\*.*?\*/", re.S)
LINE_COMMENT = re.compile(r"^[ \t]*//.*\n", re.M)


@cache
def read(name: str) -> str:
    """A file under static/, CSS with its %PLACEHOLDERS% filled from layers/_style.py and its comments left out (they
    are for the reader of the file, not for the page's bytes): in scripts, the lines that are only a comment (no
    script here has a string over several lines, which could hold such a line; tests/test_frontend.py checks)."""
    text = (STATIC / name).read_text(encoding="utf-8")
    if name.endswith(".js"):
        text = LINE_COMMENT.sub("", text)
    if name.endswith(".css"):
        text = COMMENT.sub("", text).strip() + "\n"
        for key, value in CSS_VALUES.items():
            text = text.replace(key, value)
    return text


def settings_data(narrow_steps: tuple[tuple[int, float], ...] = ()) -> dict:
    """What the hooks read from the page: their words (`text`), and the narrow map's zoom steps (`narrowSteps`)."""
    from . import LAYERS
    from ._view import layer_title  # (it draws on the map's module, which reads these files)

    text = {"twoFingers": t("map.two_fingers"), "cluster": template("map.cluster"), "lang": language(),
            "keysHint": t("map.keys_hint"), "markLabel": template("map.mark_label"),
            "layers": {lid: layer_title(layer) for lid, layer in LAYERS.items()}}
    return {"text": text, "narrowSteps": [list(step) for step in narrow_steps]}


def settings(narrow_steps: tuple[tuple[int, float], ...] = ()) -> str:
    """settings_data as the script the app's map runs first (the export reads it from a JSON block: export/settings.js)."""
    data = settings_data(narrow_steps)
    return (f"window.wbText = Object.assign(window.wbText || {{}}, {json.dumps(data['text'], ensure_ascii=False)});\n"
            f"window.wbNarrowSteps = {json.dumps(data['narrowSteps'])};\n")


def scripts(names: tuple[str, ...]) -> str:
    return "".join(read(name).rstrip("\n") + "\n" for name in names)


def style(*names: str) -> str:
    return style_block(styles(names))


def styles(names: tuple[str, ...]) -> str:
    return "".join(read(name) for name in names)


def style_block(css: str) -> str:
    """CSS read from files here, in a <style> element (for a page, or inside an SVG picture)."""
    return "<style>" + css + "</style>"


def filled(name: str, **values: object) -> str:
    """A CSS file under static/ with its %NAME% placeholders filled with `values` (numbers a Python module works out)."""
    text = read(name)
    for key, value in values.items():
        text = text.replace(f"%{key.upper()}%", f"{value:g}" if isinstance(value, float) else str(value))
    return text
