"""Numbers, percentages, amounts of money and dates as the reader's language writes them, from CLDR's data (Babel):
"1,234.5" in English is "1.234,5" in Serbian and Macedonian and "1 234,5" in Albanian; 2024-03-12 is "March 12, 2024",
"12. mart 2024.", "12 март 2024 г." or "12 mars 2024"."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent

from ._i18n import babel_locale, from_cldr

ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def number(value: float, decimals: int = 2) -> str:
    """A number with the language's grouping and decimal signs, up to `decimals` places (none shown if whole)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=babel_locale())


def percent(value: float) -> str:
    """`value` per cent (12.5 -> "12.5%", "12,5 %"…), to one decimal place at most."""
    return format_percent(value / 100, format="#,##0.#%", locale=babel_locale())


def date_text(text: str) -> str:
    """An ISO date of a day, a month or a year ("2024-03-12", "2024-03", "2024") as the language writes it; anything
    else unchanged."""
    text = str(text)
    try:
        if found := ISO_DAY.match(text):
            return from_cldr(format_date(dt.date(*map(int, found.groups())), "long", locale=babel_locale()))
        if found := ISO_MONTH.match(text):
            return from_cldr(format_skeleton("yMMMM", dt.date(int(found[1]), int(found[2]), 1), locale=babel_locale()))
    except ValueError:  # not a real day (2024-02-30): shown as written
        return text
    return text
