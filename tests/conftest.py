"""Fixtures shared by the app's tests without a browser."""

from __future__ import annotations

import pytest
import streamlit_folium


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
