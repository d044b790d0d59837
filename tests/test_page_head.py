"""The served page's head (layers._page_head): the app's title and description in place of Streamlit's title."""

from __future__ import annotations

from pathlib import Path

import streamlit

from layers import _page_head
from layers._page_head import STREAMLIT_TITLE, with_page_head

STREAMLIT_INDEX = Path(streamlit.__file__).parent / "static" / "index.html"


def test_streamlits_page_has_the_title_the_head_replaces() -> None:
    """If a Streamlit upgrade changes its page, this says so (the page would then keep its own title)."""
    assert STREAMLIT_INDEX.read_text(encoding="utf-8").count(STREAMLIT_TITLE) == 1


def test_the_head_replaces_the_title_once_and_escapes_its_text(monkeypatch) -> None:
    html = with_page_head(STREAMLIT_INDEX.read_text(encoding="utf-8"))
    assert "<title>China in the Western Balkans</title>" in html and STREAMLIT_TITLE not in html
    monkeypatch.setattr(_page_head, "t", lambda key: '"><script>alert(1)</script>' if key == "app.subtitle" else "Map")
    hostile = with_page_head("<head>" + STREAMLIT_TITLE + "</head>")
    assert "<script>" not in hostile and 'content="&quot;&gt;&lt;script&gt;' in hostile


def test_a_page_without_streamlits_title_is_left_as_it_is() -> None:
    assert with_page_head("<html><title>Other</title></html>") == "<html><title>Other</title></html>"
