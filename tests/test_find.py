"""The sidebar's search: what it offers and the year that shows a found record."""

from __future__ import annotations

from functools import cache

import pandas as pd

from layers import FOCUS_COUNTRIES, LAYERS
from layers._dataset import Dataset, load_dataset
from layers._find import FIND_LAYERS, find_options, plain_part, year_showing

YEARS = (2012, 2026)


@cache
def dataset() -> Dataset:
    return load_dataset(LAYERS)


def test_the_search_offers_each_country_then_every_record_of_the_searchable_layers_by_name() -> None:
    options = find_options(dataset())
    keys = [key for key, _ in options]
    assert keys[: len(FOCUS_COUNTRIES)] == [("country", code) for code in FOCUS_COUNTRIES]
    expected = {("record", rid) for lid in FIND_LAYERS for rid in dataset().layers[lid].frame["id"]}
    assert set(keys[len(FOCUS_COUNTRIES):]) == expected and len(keys) == len(set(keys))
    labels = [label for _, label in options[len(FOCUS_COUNTRIES):]]
    assert labels == sorted(labels, key=str.casefold)
    found = dict(options)
    assert found[("record", "INF01")] == ("Stanari Thermal Power Plant (Bosnia and Herzegovina, 2013–) · Dongfang Electric "
                                          "Corporation (EPC, turnkey)")
    assert found[("record", "SUR01")].endswith("· Huawei")  # a vendor is searchable too
    crbc = {key[1] for key, label in options if "China Road and Bridge" in label}
    assert {"INF02", "INF15", "INF17"} <= crbc
    assert "(5 countries, 2012)" in found[("record", "DIP001")]
    assert found[("country", "XK")] == "Kosovo: country profile"


def streamlit_contains_match(typed: str, label: str) -> bool:
    """Streamlit's "contains" filter (app.py's Find) keeps a label that holds the typed text, ignoring case."""
    return typed.lower() in label.lower()


def test_a_name_is_found_as_typed_without_diacritics_or_dashes() -> None:
    labels = dict(find_options(dataset()))
    for typed, record in (("Bar-Boljare", "INF02"), ("Kicevo", "INF18"), ("Cukaru Peki", "INF08"),
                          ("Kicevo-Ohrid", "INF18"), ("Smokovac-Uvac-Matesevo", "INF02"), ("Nis", "SUR10"),
                          ("Banja Luka-Prijedor", "INF23"), ("Becej", "SUR08")):
        assert streamlit_contains_match(typed, labels[("record", record)]), (typed, labels[("record", record)])
    assert not streamlit_contains_match("Bar-Boljare", "Bar–Boljare motorway (Montenegro, 2015–)")  # why the plain spelling
    stanari = labels[("record", "INF01")]
    assert stanari.count("Stanari") == 1  # a name already plain is not repeated
    smart_city = labels[("record", "SUR10")]  # only the words that need it: not the whole name again
    assert smart_city.count("Belgrade") == 1 and smart_city.endswith("· Huawei · Sad, Nis"), smart_city
    poll = labels[("record", "SEN_IRI2024_XI_RS")]  # a dash alone is no word to search for
    assert poll.count("favourable view") == 1, poll
    assert plain_part("Čukaru Peki copper-gold mine") == "Cukaru Peki" and plain_part("Stanari – Doboj") == ""


def test_a_layer_that_failed_to_load_is_not_offered(tmp_path) -> None:
    import shutil

    from layers._records import DATA_DIR
    shutil.copytree(DATA_DIR, tmp_path / "geodata")
    (tmp_path / "geodata" / "surveillance.geojson").write_text("{ broken", encoding="utf-8")
    keys = {key for key, _ in find_options(load_dataset(LAYERS, tmp_path / "geodata"))}
    assert ("record", "INF01") in keys and not any(key[1].startswith("SUR") for key in keys)


def test_a_found_record_is_shown_in_the_chosen_year_or_the_nearest_year_that_shows_it() -> None:
    def row(start, end):
        return pd.Series({"year_from": start, "year_to": end})

    assert year_showing(row(2013, None), 2020, YEARS) == 2020  # already shown
    assert year_showing(row(2016, None), 2014, YEARS) == 2016  # not yet: its first year
    assert year_showing(row(2012, 2012), 2025, YEARS) == 2012  # over: its last year
    assert year_showing(row(2015, 2019), 2017, YEARS) == 2017
    assert year_showing(row(2005, 2008), 2020, YEARS) == 2012  # before the app's years: the first of them
    assert year_showing(row(2030, None), 2020, YEARS) == 2026
    assert year_showing(row(2016, pd.NA), 2014, YEARS) == 2016
