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


def test_the_page_is_in_the_language_the_link_or_the_browser_asks_for() -> None:
    """?lang= first, then the first of the browser's Accept-Language the dashboard speaks (by its weights), else
    English; the lang attribute, title and description follow."""
    from layers._i18n import speaking
    from layers._messages import t
    from layers._page_head import STREAMLIT_HTML, page_language

    assert STREAMLIT_INDEX.read_text(encoding="utf-8").count(STREAMLIT_HTML) == 1
    assert page_language("lang=mk&year=2016", "sq") == "mk"
    assert page_language("lang=xx", "de-DE,sr-Latn-RS;q=0.8,en;q=0.9") == "en"  # English is wanted more
    assert page_language("", "de-DE,sr-Latn-RS;q=0.9,en;q=0.8") == "sr-Latn"
    assert page_language("", "sr-RS") == "sr-Cyrl" and page_language("", "") == "en"
    assert page_language("", "q=;;,,mk;q=x,sq;q=0.5") == "sq"  # a malformed weight is skipped
    html = with_page_head(STREAMLIT_INDEX.read_text(encoding="utf-8"), "sq")
    with speaking("sq"):
        assert '<html lang="sq">' in html and f"<title>{t('app.title')}</title>" in html
