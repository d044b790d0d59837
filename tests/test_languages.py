"""The languages (layers/_i18n.py, layers/_catalogues.py, layers/_formats.py, layers/_places.py): complete catalogues,
the glossary's wording in what readers see, CLDR's numbers, dates and plurals, and the records' words kept as data."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from layers import LAYERS
from layers._catalogues import check, glossary
from layers._compare import comparison_html
from layers._dataset import load_dataset
from layers._details import profile_html, record_html
from layers._formats import date_text, number, percent
from layers._i18n import (GENERATED, LANGUAGES, SOURCE, english, from_browser, from_link, plural_samples, po_path,
                          speaking, to_cyrillic)
from layers._map import map_labels
from layers._messages import t, template
from layers._panel import amount
from layers._permalink import parse
from layers._records import DATA_DIR, read_boundaries
from layers._schema import FOCUS_COUNTRIES, UNITS
from layers._view import country_name

OTHERS = [tag for tag in LANGUAGES if tag != SOURCE]
DATA = load_dataset(LAYERS, DATA_DIR)


def test_every_catalogue_is_complete_and_none_is_fuzzy() -> None:
    """`python -m layers catalogues --check`: every message of the English source translated in every hand-written
    catalogue, none fuzzy, every placeholder kept, the glossary's wording used."""
    assert [str(problem) for problem in check()] == []


@pytest.mark.parametrize("lang", OTHERS)
def test_every_message_reads_in_the_language_with_its_placeholders(lang: str) -> None:
    source = english()
    with speaking(lang):
        for key, text in source.items():
            forms = template(key) if key in _catalogue_keys() else t(key, default=text)
            for form in (forms.values() if isinstance(forms, dict) else [forms]):
                assert form.strip(), key
                english_text = text if isinstance(text, str) else text[1]
                assert set(re.findall(r"\{(\w+)\}", form)) == set(re.findall(r"\{(\w+)\}", english_text)), key


def _catalogue_keys() -> set[str]:
    from layers._messages import MESSAGES

    return set(MESSAGES["en"])


def test_cyrillic_is_made_from_the_latin_catalogue_by_transliteration() -> None:
    """sr-Cyrl is generated (cyrtranslit), never edited: each of its translations is the Latin one transliterated,
    with placeholders, addresses and names kept."""
    from babel.messages.pofile import read_po

    assert GENERATED == {"sr-Cyrl": "sr-Latn"}
    with po_path("sr-Latn").open("rb") as latin_file:
        latin = read_po(latin_file)
    with speaking("sr-Cyrl"):
        title = t("app.title")
    latin_title = latin.get(english()["app.title"], context="app.title").string
    assert title == to_cyrillic(latin_title) and title != latin_title
    assert to_cyrillic("Godina {year}: ljudi, njive, džep · AidData GCDF, https://x.org/a") == \
        "Година {year}: људи, њиве, џеп · AidData GCDF, https://x.org/a"


def test_the_browser_and_the_link_pick_a_language() -> None:
    assert [from_browser(tag) for tag in ("sr", "sr-RS", "sr-Latn-RS", "sr-ME", "bs-BA", "hr", "mk-MK", "sq-XK", "en-GB",
                                          "de", "", None)] == \
        ["sr-Cyrl", "sr-Cyrl", "sr-Latn", "sr-Latn", "sr-Latn", "sr-Latn", "mk", "sq", "en", "en", "en", "en"]
    assert [from_link(value) for value in ("sr-latn", "SR_Cyrl", " mk ", "sq", "sr", "fr", None)] == \
        ["sr-Latn", "sr-Cyrl", "mk", "sq", None, None, None]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_link_names_its_language_and_a_bad_one_is_named_in_the_readers(lang: str) -> None:
    with speaking(lang):
        state = parse({"lang": "xx", "year": "1990"}, years=(2012, 2026), layer_ids=list(LAYERS), fill_ids=[],
                      countries=set(FOCUS_COUNTRIES), record_exists=lambda rid: False)
        assert state.lang is None and state.notices == [t("permalink.bad_lang", value="xx"),
                                                        t("permalink.bad_year", value="1990", low=2012, high=2026)]
        assert parse({"lang": lang}, years=(2012, 2026), layer_ids=[], fill_ids=[], countries=set(),
                     record_exists=bool).lang == lang


def test_numbers_dates_and_amounts_follow_each_language() -> None:
    expected = {
        "en": ("1,234.5", "12.5%", "March 12, 2024", "March 2024", "EUR 1,234.5 million"),
        "sr-Latn": ("1.234,5", "12,5%", "12. mart 2024.", "mart 2024.", "1.234,5 miliona EUR"),
        "sr-Cyrl": ("1.234,5", "12,5%", "12. март 2024.", "март 2024.", "1.234,5 милиона EUR"),
        "mk": ("1.234,5", "12,5%", "12 март 2024\u202fг.", "март 2024\u202fг.", None),
        "sq": ("1\u00a0234,5", "12,5%", "12 mars 2024", "mars 2024", None),
    }
    for lang, (decimal, share, day, month, money) in expected.items():
        with speaking(lang):
            assert number(1234.5) == decimal and percent(12.5) == share
            assert date_text("2024-03-12") == day and date_text("2024-03") == month and date_text("2024") == "2024"
            assert date_text("undated") == "undated" and date_text("2024-02-30") == "2024-02-30"
            if money:
                assert amount(1234.5, "EUR") == money
            assert number(1234.5) in amount(1234.5, "EUR")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_unit_has_its_words_in_every_language(lang: str) -> None:
    with speaking(lang):
        for unit in sorted(UNITS):
            for value in (1, 2, 5, 21, 0.5, 1.5):
                text = amount(value, unit)
                assert text and "{" not in text, (unit, value)
        assert amount(7, "years", "about").startswith(t("qualifier.about"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms_agree_with_the_browsers_rules(lang: str) -> None:
    """The category Babel gives each count is the one the browser's Intl.PluralRules gives it (static/map/words.js
    picks the form by it), for the counts 0 to 200."""
    from babel import Locale

    from layers._i18n import LANGUAGES as TAGS

    rule = Locale.parse(TAGS[lang][0]).plural_form
    script = ("const r = new Intl.PluralRules(process.argv[1]);"
              "process.stdout.write(JSON.stringify(Array.from({length: 201}, (_, n) => r.select(n))));")
    node = subprocess.run(["node", "-e", script, lang], capture_output=True, text=True, timeout=30, check=True)
    assert json.loads(node.stdout) == [rule(n) for n in range(201)]
    assert set(plural_samples(lang)) == set(rule.tags) | {"other"}


@pytest.mark.parametrize("row", [row for row in glossary() if row["key"]], ids=lambda row: row["key"])
def test_the_interface_uses_the_glossarys_wording(row: dict[str, str]) -> None:
    for lang in OTHERS:
        wording = row.get("sr-Latn" if lang == "sr-Cyrl" else lang, "")
        forms = [form for form in wording.split("|") if form]
        if lang == "sr-Cyrl":
            forms = [to_cyrillic(form) for form in forms]
        with speaking(lang):
            shown = t(row["key"], default=english().get(row["key"]))
        assert forms and any(form.lower() in shown.lower() for form in forms), (lang, row["key"], shown)


@pytest.mark.parametrize("lang", OTHERS)
def test_kosovo_is_named_as_the_glossary_says_on_every_surface(lang: str) -> None:
    """Its name in the six-countries table, its profile and the map's labels is the glossary's, in every language."""
    row = next(r for r in glossary() if r["key"] == "country.XK")
    forms = [f for f in row["sr-Latn" if lang == "sr-Cyrl" else lang].split("|") if f]
    forms = [to_cyrillic(f) for f in forms] if lang == "sr-Cyrl" else forms
    with speaking(lang):
        name = country_name("XK")
        labels = [label["text"] for label in map_labels(*read_boundaries(DATA_DIR))]
        assert name in forms
        assert name in comparison_html(DATA, 2016) and name in profile_html(DATA, "XK", 2016) and name.upper() in \
            [text.upper() for text in labels]


@pytest.mark.parametrize("lang", OTHERS)
def test_a_records_own_words_are_marked_english_and_its_notes_say_so(lang: str) -> None:
    with speaking(lang):
        html = record_html(DATA, "infrastructure", DATA.record("INF01")[1], 2016)
        assert "<h2 class='wb-title' lang='en'>" in html
        assert f"<small class='wb-english'>{t('data.english')}</small>" in html  # the notes: "(English)"
        assert t("panel.sources") in html and "Sources" not in html
    with speaking(SOURCE):
        assert "wb-english" not in record_html(DATA, "infrastructure", DATA.record("INF01")[1], 2016)


@pytest.mark.parametrize("lang", OTHERS)
def test_hostile_record_text_stays_text_in_every_language(lang: str) -> None:
    hostile = '<img src=x onerror="alert(1)">'
    frame = DATA.layers["infrastructure"].frame
    row = frame[frame["id"] == "INF01"].iloc[0].copy()
    row["name"], row["notes"] = hostile, hostile + " {count} {year}"
    with speaking(lang):
        html = record_html(DATA, "infrastructure", row, 2016)
    assert "<img" not in html and "&lt;img" in html and "{count} {year}" in html


def test_the_towns_and_neighbours_are_named_in_each_language() -> None:
    """Capitals and neighbours from CLDR, Pristina from the catalogue, Serbian towns in Cyrillic letters in sr-Cyrl,
    any other town by its GeoNames name, marked as its own."""
    countries, towns = read_boundaries(DATA_DIR)
    def names(lang):
        with speaking(lang):
            labels = map_labels(countries, towns)
        return {label.get("name") or label["text"]: label.get("own", False) for label in labels if label["text"] or
                label.get("name")}
    assert {"Belgrade", "Pristina", "Croatia"} <= set(names("en"))  # English: the sources' own names
    assert "Beograd" in names("sr-Latn") and "Београд" in names("sr-Cyrl") and "Скопје" in names("mk")
    assert "Tiranë" in names("sq") and "Hrvatska" in names("sr-Latn") and "Хрватска" in names("mk")
    cyrillic = names("sr-Cyrl")
    assert "Ниш" in cyrillic and cyrillic["Ниш"] is False
    albanian = names("sq")
    assert albanian.get("Niš") is True  # GeoNames's name, not the reader's language: marked
    macedonian = names("mk")
    assert "Нови Сад" in macedonian and macedonian.get("Durrës") is True  # Albania's towns: their own names
    with speaking("sr-Latn"):
        assert t("town.786714") == "Priština"


@pytest.mark.parametrize("lang", OTHERS)
def test_a_views_csv_is_headed_in_the_readers_language_and_keeps_the_datas_ids(lang: str) -> None:
    import csv
    import io

    from layers._downloads import to_csv, to_geojson, view_records

    records = view_records(DATA, 2016, ["infrastructure"], None)
    with speaking(lang):
        rows = list(csv.reader(io.StringIO(to_csv(records, DATA).decode("utf-8"))))
        assert rows[0][:3] == [t("field.layer"), t("field.id", default="id"), t("field.name", default="name")]
        assert len(set(rows[0])) == len(rows[0])
        geojson = json.loads(to_geojson(records, DATA))
    assert rows[1][0] == "infrastructure" and rows[1][1].startswith("INF")  # the values: the data's own
    assert "id" in geojson["features"][0]["properties"]  # for machines: English keys
    with speaking(SOURCE):
        assert list(csv.reader(io.StringIO(to_csv(records, DATA).decode("utf-8"))))[0][:3] == ["layer", "id", "name"]
