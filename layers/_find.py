"""What the sidebar's search offers (no streamlit): the six countries' profiles and every record that has a panel,
each with the label a reader types into (name, countries, years, company), and the year that shows a found record."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pandas as pd

from ._dataset import Dataset
from ._schema import FOCUS_COUNTRIES
from ._view import country_name

from . import LAYERS

FIND_LAYERS = tuple(lid for lid, layer in LAYERS.items() if layer.searchable)


def _year(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def years_label(row: pd.Series, onwards: Callable[[int | None], str] = lambda start: f"{start}–") -> str:
    """A record's years: '2019', '2014–2019', or `onwards(start)` ('2013–') for one still current."""
    start, end = _year(row["year_from"]), _year(row["year_to"])
    if end is None:
        return onwards(start)
    return str(start) if start == end else f"{start}–{end}"


def countries_label(codes: str) -> str:
    names = [country_name(code) for code in str(codes).split(";") if code]
    return ", ".join(names) if len(names) <= 2 else f"{len(names)} countries"


# Letters that do not decompose into a base letter and a mark, as Serbian, Bosnian and Montenegrin Latin spell them without.
PLAIN = str.maketrans({"đ": "dj", "Đ": "Dj", "–": "-", "—": "-", "‘": "'", "’": "'"})


def plain(text: str) -> str:
    """`text` as a reader types it on a keyboard without the letters: no diacritics, a hyphen for a dash."""
    decomposed = unicodedata.normalize("NFKD", text.translate(PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plain_part(name: str) -> str:
    """The plain spelling of the stretch of `name` whose words have diacritics or dashes, with a word either side
    ("Cukaru Peki" for "Čukaru Peki copper-gold mine", "Banja Luka-Prijedor motorway" for "Banja Luka–Prijedor
    motorway, first section"); "" when every word that has letters is plain already."""
    words, spelled = name.split(), plain(name).split()
    changed = [i for i, (word, bare) in enumerate(zip(words, spelled))
               if word != bare and any(c.isalpha() for c in bare)]
    if not changed or len(words) != len(spelled):
        return ""
    return " ".join(spelled[max(changed[0] - 1, 0):changed[-1] + 2]).strip(",;:")


def find_options(dataset: Dataset) -> list[tuple[tuple[str, str], str]]:
    """(selection, label): the countries first, then every record of the searchable layers that loaded, by name."""
    countries = [(("country", code), f"{country_name(code)}: country profile") for code in FOCUS_COUNTRIES]
    records = []
    for _, loaded in dataset.usable(FIND_LAYERS):
        layer = loaded.layer
        for _, row in loaded.frame.iterrows():
            label = f"{row['name']} ({countries_label(row['country'])}, {years_label(row)})"
            # a layer's own words after the name: a company or vendor ("CRBC" or "Huawei" finds their projects), or a
            # text made from the row (a poll's figure, so the list reads as a table of the polls)
            extra = next((row[f] for f in layer.search_fields if f in row and isinstance(row[f], str) and row[f]), None)
            if layer.search_label is not None:
                extra = layer.search_label(row)
            # The box matches what is typed against the label only: a name with diacritics or dashes ends with the
            # plain spelling of its words that have them, so "Kicevo" or "Bar-Boljare" finds it.
            label = f"{label} · {extra}" if extra else label
            spelled = plain_part(row["name"])
            records.append((("record", row["id"]), f"{label} · {spelled}" if spelled else label))
    return countries + sorted(records, key=lambda option: option[1].casefold())


def shown_in(row: pd.Series, year: int) -> bool:
    """The app's year rule for one record (layers._layer.in_year for a frame)."""
    start, end = _year(row["year_from"]), _year(row["year_to"])
    return start is not None and start <= year and (end is None or year <= end)


def year_showing(row: pd.Series, year: int, years: tuple[int, int]) -> int:
    """`year` if the record is shown in it, else the nearest year that shows it (within the app's years)."""
    start = _year(row["year_from"]) or years[0]
    end = _year(row["year_to"])
    end = years[1] if end is None else end
    nearest = min(max(year, start), end)
    return min(max(nearest, years[0]), years[1])
