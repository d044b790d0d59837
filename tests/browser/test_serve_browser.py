"""The public viewer's entry point (`streamlit run serve.py`, as the container runs it): the page Streamlit sends names
the app for link previews and crawlers, and the app behind it is the same."""

from __future__ import annotations

import gzip
import urllib.request
from collections.abc import Iterator

import pytest

from conftest import ROOT, start_streamlit, stop_streamlit
from helpers import open_app, panel_text, wait_for
from layers._messages import t

STANARI_PANEL = "300 MW"


@pytest.fixture(scope="module")
def served_url() -> Iterator[str]:
    process, url = start_streamlit("serve.py", ROOT)
    yield url
    stop_streamlit(process)


def fetch(url: str, gzip_ok: bool = False) -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read(), {k.lower(): v for k, v in response.headers.items()}


def test_the_page_sent_names_the_app_before_any_script_runs(served_url) -> None:
    for path in ("/", "/?year=2020&record=INF01"):
        body, headers = fetch(served_url.rstrip("/") + path, gzip_ok=True)  # as a browser asks: edited all the same
        html = gzip.decompress(body).decode() if headers.get("content-encoding") == "gzip" else body.decode()
        assert int(headers["content-length"]) == len(body)
        assert f"<title>{t('app.title')}</title>" in html and "<title>Streamlit</title>" not in html
        assert f'<meta property="og:title" content="{t("app.title")}" />' in html
        assert '<meta property="og:description" content="Infrastructure, surveillance' in html
        assert '<meta name="description"' in html and html.count("<title>") == 1
    assert fetch(served_url.rstrip("/") + "/_stcore/health")[0] == b"ok"  # everything else passes untouched


def test_the_app_behind_it_is_the_same(page, served_url, blocked) -> None:
    open_app(page, served_url + "?year=2020&record=INF01")
    assert wait_for(lambda: STANARI_PANEL in panel_text(page)), panel_text(page)[:300]
    assert page.title() == t("app.title")
    assert blocked == []
