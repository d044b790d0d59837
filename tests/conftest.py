"""Fixtures shared by the app's tests without a browser."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
import streamlit_folium


@dataclass(frozen=True)
class BuiltExport:
    folder: Path
    printed: str  # what `python -m layers export` printed


@pytest.fixture(scope="session")
def built_export(tmp_path_factory) -> BuiltExport:
    """The static export of the shipped data, built once for the whole run (a build takes about 25 s) by the command
    readers run; tests read it and never write to it (tests/browser/ use it too)."""
    from layers.__main__ import main

    folder, printed = tmp_path_factory.mktemp("export"), io.StringIO()
    with redirect_stdout(printed):
        assert main(["export", str(folder)]) == 0
    return BuiltExport(folder, printed.getvalue())


@pytest.fixture
def click(monkeypatch):
    """Make the next st_folium call report a click on a feature with these properties."""
    real = streamlit_folium.st_folium

    def patch(properties: dict) -> None:
        def fake(*args, **kwargs):
            real(*args, **kwargs)
            return {"last_active_drawing": {"type": "Feature", "properties": properties}}

        monkeypatch.setattr(streamlit_folium, "st_folium", fake)

    return patch
