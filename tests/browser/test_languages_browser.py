"""The dashboard in each of its languages, in Chromium: the pseudo-language (every catalogue message in ⟦ ⟧) finds any
interface text that does not come from the catalogue, in the app and in the export; each real language renders the
page in it (its lang attribute, title, controls, panel), the browser's language picks the first view, and a choice
of language keeps the view and its link."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from layers import LAYERS
from layers._dataset import load_dataset
from layers._i18n import LANGUAGES, MARKS, PSEUDO, SOURCE, speaking
from layers._messages import t
from layers._records import DATA_DIR, read_boundaries

from conftest import ROOT, start_streamlit, stop_streamlit
from helpers import map_frame, open_settled, wait_idle

VISIBLE_TEXT = (Path(__file__).parent / "visible_text.js").read_text(encoding="utf-8")
PSEUDO_ENV = {"WB_PSEUDO_LOCALE": "1"}
SHOTS = Path(os.environ.get("WB_SCREENSHOTS", "/tmp/wb-language-shots"))
# Text on the page that is not the dashboard's to translate, each with the reason.
NOT_OURS = {
    "Leaflet": "the map library's credit in its attribution control",
    "km": "the map's scale (an SI symbol)", "mi": "the map's scale in miles (Leaflet's own control)",
    "Skip to main content": "Streamlit's own skip link, made by its front end (visible on focus only)",
}
LETTER = re.compile(r"[^\W\d_]")
URL = re.compile(r"https?://\S+")
# A record of each kind, and profiles: every template and every field kind the panels have.
PAGES = ["", "record=INF01", "record=INF02", "record=SUR01", "record=DIP004", "record=VAC01", "record=STATUS-RS-2016",
         "record=SEN_IRI2021_MK&layers=sentiment", "country=RS&year=2024", "country=XK&year=2016&layers=sentiment"]


def outside_marks(text: str) -> str:
    """The text that is in no ⟦…⟧ (nested ones included)."""
    out, depth = [], 0
    for ch in text:
        if ch == MARKS[0]:
            depth += 1
        elif ch == MARKS[1]:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def data_strings() -> list[str]:
    """Every text of the shipped data (records, sources, figures, towns), longest first: the records' own words, which
    the pages show as they are."""
    dataset = load_dataset(LAYERS, DATA_DIR)
    frames = [loaded.frame for loaded in dataset.layers.values()] + [dataset.sources, dataset.figures]
    found = {str(v) for frame in frames for column in frame.columns for v in frame[column].dropna().unique()
             if isinstance(v, str)}
    found |= {f["properties"]["name"] for collection in read_boundaries(DATA_DIR) for f in collection["features"]}
    found |= {name.split(" – ")[0] for name in found}  # a survey series is titled by its records' names' first part
    return sorted((s for s in found if len(s) > 1), key=len, reverse=True)


def untranslated(text: str, data: list[str]) -> list[str]:
    """Lines with letters outside the marks, once the data, links and what is not ours are taken out."""
    found = []
    for line in text.splitlines():
        rest = URL.sub(" ", outside_marks(line))
        for known in [*data, *NOT_OURS, *(name for _, name in LANGUAGES.values())]:
            if known in rest:
                rest = rest.replace(known, " ")
        if LETTER.search(rest):
            found.append(line.strip())
    return found


def every_frame_text(page) -> str:
    texts = []
    for frame in page.frames:
        try:
            texts.append(frame.evaluate(VISIBLE_TEXT))
        except Exception:  # noqa: BLE001 - a frame that detached while read (Streamlit's own, reloaded)
            continue
    return "\n".join(texts)


def open_everything(page) -> None:
    """Every section below the map and in the panel opened, so their text is seen."""
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        if summary.is_visible() and summary.get_attribute("aria-expanded") != "true":
            summary.click()
    page.locator("details:not([open]) > summary").evaluate_all("(all) => all.forEach((s) => s.click())")
    page.wait_for_timeout(500)


@pytest.fixture(scope="module")
def pseudo_app():
    process, url = start_streamlit("app.py", ROOT, env=PSEUDO_ENV)
    yield url
    stop_streamlit(process)


@pytest.fixture(scope="module")
def pseudo_export(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pseudo-export")
    subprocess.run([sys.executable, "-m", "layers", "export", str(out)], cwd=ROOT, env={**os.environ, **PSEUDO_ENV},
                   check=True, capture_output=True, timeout=300)
    return out


def test_the_pseudo_language_finds_what_it_should() -> None:
    """The check itself: text outside the marks is found; data, links and marked text are not."""
    data = ["Stanari Thermal Power Plant"]
    assert untranslated("⟦Year⟧ 2016\n⟦published ⟦March 5, 2019⟧⟧", data) == []
    assert untranslated("Stanari Thermal Power Plant (https://example.org/x)", data) == []
    assert untranslated("⟦Sources⟧: Year", data) == ["⟦Sources⟧: Year"]
    assert untranslated("⟦a ⟦b⟧ c⟧ d", data) == ["⟦a ⟦b⟧ c⟧ d"]


def assert_every_word_marked(page, blocked) -> None:
    """With every section open, the page's visible text is the catalogue's (marked) or the records' own."""
    open_everything(page)
    text = every_frame_text(page)
    assert MARKS[0] in text and len(text) > 500
    assert untranslated(text, data_strings()) == []
    assert page.evaluate("document.documentElement.lang") == PSEUDO
    assert not blocked


@pytest.mark.parametrize("query", PAGES)
def test_no_interface_text_in_the_app_is_outside_the_catalogue(page, pseudo_app, query, blocked) -> None:
    open_settled(page, f"{pseudo_app}/?lang={PSEUDO}&{query}")
    assert_every_word_marked(page, blocked)
    if not query:  # the marks' tooltips, which show on hover: the records' words and the catalogue's only
        tips = map_frame(page).evaluate("() => window.wbMarks.flatMap((m) => [m.tip, m.tipBefore || ''])")
        assert len(tips) > 100 and untranslated("\n".join(tips), data_strings()) == []


@pytest.mark.parametrize("fragment", ["", "record=INF01", "record=SUR01", "record=SEN_IRI2021_MK&layers=sentiment",
                                      "country=RS&year=2024", "country=XK&year=2016"])
def test_no_interface_text_in_the_export_is_outside_the_catalogue(page, pseudo_export, fragment, blocked) -> None:
    page.goto((pseudo_export / f"index.{PSEUDO}.html").as_uri() + "#" + fragment)
    page.wait_for_function("() => window.wbExport !== undefined", timeout=30_000)
    assert_every_word_marked(page, blocked)


REAL = [tag for tag in LANGUAGES if tag != PSEUDO]


@pytest.mark.parametrize("lang", REAL)
def test_each_language_renders_the_app_in_it(browser, app_url, lang) -> None:
    """The page's language, title, controls and a record's panel, on desktop and on a phone (screenshots for a
    person to look at are written to WB_SCREENSHOTS)."""
    with speaking(lang):
        words = {key: t(key) for key in ("app.title", "control.year", "panel.sources", "control.language")}
    if lang != SOURCE:
        with speaking(SOURCE):
            assert all(words[key] != t(key) for key in ("app.title", "panel.sources"))  # translated, not English
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, size in (("desktop", {"width": 1400, "height": 900}), ("phone", {"width": 390, "height": 844})):
        context = browser.new_context(viewport=size, is_mobile=name == "phone", has_touch=name == "phone")
        page = context.new_page()
        open_settled(page, f"{app_url}/?lang={lang}&record=INF01&year=2016")
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator("h1.wb-app-title").inner_text() == words["app.title"]
        assert page.title() == words["app.title"]
        assert page.locator("h3", has_text=words["panel.sources"]).count() >= 1
        page.screenshot(path=str(SHOTS / f"app-{lang}-{name}.png"), full_page=name == "desktop")
        context.close()


@pytest.mark.parametrize(("browser_locale", "expected"), [("sr-RS", "sr-Cyrl"), ("sr-Latn-RS", "sr-Latn"),
                                                          ("bs-BA", "sr-Latn"), ("mk-MK", "mk"), ("sq-AL", "sq"),
                                                          ("de-DE", "en")])
def test_the_first_visit_follows_the_browsers_language(browser, app_url, browser_locale, expected) -> None:
    context = browser.new_context(locale=browser_locale)
    page = context.new_page()
    open_settled(page, app_url)
    assert page.evaluate("document.documentElement.lang") == expected
    with speaking(expected):
        assert page.locator("h1.wb-app-title").inner_text() == t("app.title")
    context.close()


def test_choosing_a_language_keeps_the_view_and_its_link(page, app_url) -> None:
    open_settled(page, f"{app_url}/?year=2016&record=INF01")
    page.locator('.st-key-lang [data-testid="stSelectbox"]').click()
    page.get_by_role("option", name=LANGUAGES["sq"][1]).click()
    page.wait_for_function("() => document.documentElement.lang === 'sq'", timeout=30_000)
    wait_idle(page, 60_000)
    page.wait_for_function("() => location.search.includes('lang=sq')", timeout=30_000)
    query = page.evaluate("location.search")
    assert "year=2016" in query and "record=INF01" in query
    with speaking("sq"):
        assert page.locator("h1.wb-app-title").inner_text() == t("app.title")
        assert page.locator("h3", has_text=t("panel.sources")).count() >= 1


def test_the_export_opens_the_language_its_link_names(page, built_export) -> None:
    page.goto((built_export.folder / "index.html").as_uri() + "#lang=mk&year=2016&record=INF01")
    page.wait_for_function("() => document.documentElement.lang === 'mk' && window.wbExport !== undefined",
                           timeout=30_000)
    assert page.url.split("#")[0].endswith("index.mk.html") and "year=2016" in page.url and "record=INF01" in page.url
    assert page.evaluate("window.wbExport.year()") == 2016
    with speaking("mk"):
        assert page.locator("h1").first.inner_text() == t("app.title")
    page.select_option("#wb-lang", "sr-Cyrl")  # the switcher keeps the view
    page.wait_for_function("() => document.documentElement.lang === 'sr-Cyrl' && window.wbExport !== undefined",
                           timeout=30_000)
    assert "index.sr-Cyrl.html" in page.url and "year=2016" in page.url and "record=INF01" in page.url
    page.select_option("#wb-lang", "en")
    page.wait_for_function("() => document.documentElement.lang === 'en' && window.wbExport !== undefined",
                           timeout=30_000)
    assert page.url.split("#")[0].endswith("index.html")
