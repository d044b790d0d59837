"""The throwaway `ports` layer (tests/fixtures/extra_layer) set up beside a copy of the shipped data, for the
registry's tests (tests/test_registry.py, tests/browser/test_registry_browser.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from layers._records import SHIPPED_DATA

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "extra_layer"


def ports_env(tmp: Path) -> dict[str, str]:
    """The environment that registers the layer (WB_LAYER_PATH) and reads its data (WB_DATA_DIR), under `tmp`."""
    data = tmp / "geodata"
    shutil.copytree(SHIPPED_DATA, data)
    shutil.copy(FIXTURE / "ports.geojson", data / "ports.geojson")
    package = tmp / "extra"
    package.mkdir()
    shutil.copy(FIXTURE / "ports.py", package / "ports.py")
    return {"WB_DATA_DIR": str(data), "WB_LAYER_PATH": str(package)}
