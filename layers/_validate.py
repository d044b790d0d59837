"""Checks on raw records: every problem is reported at once, naming file, record id and field."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from shapely.geometry.base import BaseGeometry

from ._schema import (CURRENCIES, EARLIER_STATUSES, FINISHED_STATUSES, FOCUS_COUNTRIES, UNITS, VOCABULARIES, YEAR_MAX,
                      YEAR_MIN, Field, vocab_name, vocabulary)

# Everything the map draws must fall inside the six countries' bounding box (with a small margin).
REGION_BOUNDS = (15.5, 39.5, 23.5, 46.5)  # min lon, min lat, max lon, max lat

_DATE = re.compile(r"^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one record of one file."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record or '-'}: {self.field or '-'}: {self.message}"


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def as_year(value: Any) -> int | None:
    """A year from an int or a digit string, or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    # ASCII digits only: str.isdigit() also accepts "²" or "٢", which int() then rejects or reads as another number
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


def check_value(field: Field, value: Any) -> str | None:
    """Why `value` is not a valid value of `field`, or None when it is."""
    if is_empty(value):
        return "required field is empty" if field.required else None
    kind = field.kind
    text = str(value).strip()
    if kind == "id" or kind == "ref":
        ok = all(_ID.match(part.strip()) for part in text.split(";")) if kind == "ref" else _ID.match(text)
        return None if ok else "not a valid id (letters, digits, - _ . only)"
    if kind == "aiddata":
        return None if all(part.strip().isascii() and part.strip().isdigit() for part in text.split(";")) else \
            f"not AidData id(s) (digits, `;`-separated): {text!r}"
    if kind == "countries":
        unknown = [c for c in text.split(";") if c.strip() not in FOCUS_COUNTRIES]
        return f"unknown country code {', '.join(unknown)!s}" if unknown else None
    if kind == "year":
        year = as_year(value)
        if year is None:
            return f"not a year: {text!r}"
        return None if YEAR_MIN <= year <= YEAR_MAX else f"year {year} out of range {YEAR_MIN}–{YEAR_MAX}"
    if kind == "date":
        if text == "undated":
            return None
        match = _DATE.match(text)
        if not match:
            return f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}"
        return None if YEAR_MIN <= int(match.group(1)) <= YEAR_MAX else f"date out of range: {text!r}"
    if kind == "url":
        return None if re.match(r"^https?://[^\s/]+\.[^\s]+$", text) else f"not an http(s) URL: {text!r}"
    if kind in ("number", "int"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) or _NUMBER.match(text)
        if not ok:
            return f"not a number: {text!r}"
        number = float(text)
        if not math.isfinite(number):  # "1e999" or a parser's Infinity: no figure to show
            return f"not a finite number: {text!r}"
        return None if kind == "number" or number == int(number) else f"not a whole number: {text!r}"
    if kind == "bool":
        return None if text in ("true", "false", "True", "False") else f"not true/false: {text!r}"
    if kind == "unit":
        return None if text in UNITS else f"unknown unit {text!r} (known: {', '.join(sorted(UNITS))})"
    vocab = vocabulary(kind)
    if vocab is not None and text not in vocab:
        return f"unknown {vocab_name(kind)} word {text!r} (known: {', '.join(vocab)})"
    return None


def check_record(
    file: str, record: Mapping[str, Any], fields: Iterable[Field], *, extra_ok: Iterable[str] = ()
) -> list[Problem]:
    """Field-level problems of one record, including fields the schema does not know."""
    fields = tuple(fields)
    rid = str(record.get("id") or record.get("record_id") or "").strip()
    problems = [
        Problem(file, rid, f.name, msg) for f in fields if (msg := check_value(f, record.get(f.name))) is not None
    ]
    known = {f.name for f in fields} | set(extra_ok)
    problems += [Problem(file, rid, k, "field not in the data dictionary") for k in record if k not in known]
    y_from, y_to = as_year(record.get("year_from")), as_year(record.get("year_to"))
    if y_from is not None and y_to is not None and y_to < y_from:
        problems.append(Problem(file, rid, "year_to", f"year_to {y_to} is before year_from {y_from}"))
    problems += _status_change_problems(file, rid, record, y_from, y_to)
    if record.get("unit") in CURRENCIES and not is_empty(record.get("value")):
        if check_value(Field("value", "number", True, ""), record["value"]) is None and float(record["value"]) > 1e5:
            problems.append(Problem(file, rid, "value", "currency amounts are in millions: value looks too large"))
    return problems


def _status_change_problems(file: str, rid: str, record: Mapping[str, Any], y_from: int | None,
                            y_to: int | None) -> list[Problem]:
    """A later status needs both its year and the status before it, within the record's years so that both show;
    a finished project's earlier status comes from its completion year instead."""
    since_raw, earlier = record.get("status_since"), record.get("earlier_status")
    if is_empty(since_raw) and is_empty(earlier):
        return []
    since = as_year(since_raw)
    if since is None and not is_empty(since_raw):
        return []  # not a year: check_value names it
    if since is None or is_empty(earlier):
        missing = "status_since" if since is None else "earlier_status"
        return [Problem(file, rid, missing, "status_since and earlier_status go together: give both or neither")]
    if record.get("status") in FINISHED_STATUSES:
        return [Problem(file, rid, "status_since", "a finished project's earlier status comes from completion_year")]
    if earlier == record.get("status"):
        return [Problem(file, rid, "earlier_status", f"earlier_status is the same as status ({earlier})")]
    if earlier not in EARLIER_STATUSES and earlier in VOCABULARIES["status"]:  # (an unknown word: check_value's)
        return [Problem(file, rid, "earlier_status", f"{earlier} cannot come before {record.get('status')}: "
                        f"one of {', '.join(EARLIER_STATUSES)}")]
    if y_from is not None and since <= y_from:
        return [Problem(file, rid, "status_since", f"status_since {since} is not after year_from {y_from}: "
                        "the earlier status would never show")]
    if y_to is not None and since > y_to and (y_from is None or y_from <= y_to):  # (else year_to's own problem)
        return [Problem(file, rid, "status_since", f"status_since {since} is after year_to {y_to}: "
                        "the later status would never show")]
    return []


def check_geometry(file: str, rid: str, geometry: BaseGeometry | None, precision: Any) -> list[Problem]:
    """Geometry must be valid, inside the region, and absent exactly when the record is country-level."""
    if geometry is None or geometry.is_empty:
        if precision != "country":
            return [Problem(file, rid, "geometry", "missing geometry (only precision 'country' may have none)")]
        return []
    problems = []
    if precision == "country":
        problems.append(Problem(file, rid, "precision", "country-level record must not carry a geometry"))
    if not geometry.is_valid:
        problems.append(Problem(file, rid, "geometry", "invalid geometry"))
    min_x, min_y, max_x, max_y = geometry.bounds
    lo_x, lo_y, hi_x, hi_y = REGION_BOUNDS
    if min_x < lo_x or max_x > hi_x or min_y < lo_y or max_y > hi_y:
        problems.append(Problem(file, rid, "geometry", f"outside the region {REGION_BOUNDS}: {geometry.bounds}"))
    return problems


LENGTH_IN_TEXT = re.compile(r"\(\D{0,12}?(\d+(?:\.\d+)?)\s*km\b")
LENGTH_TOLERANCE = 0.25
_GEOD = None


def drawn_km(geometry: BaseGeometry) -> float:
    """A line's length on the ellipsoid, in km (pyproj's geodesic: the map's lines are lon/lat)."""
    global _GEOD
    if _GEOD is None:
        from pyproj import Geod
        _GEOD = Geod(ellps="WGS84")
    return _GEOD.geometry_length(geometry) / 1000


def stated_km(figures: Iterable[Mapping[str, Any]], type_text: Any) -> float | None:
    """A record's stated length: its first `length_km` figure, else the "(N km)" its `type` gives."""
    for figure in figures:
        if figure.get("figure") == "length_km" and check_value(Field("v", "number", True, ""), figure.get("value")) is None:
            return float(figure["value"])
    found = LENGTH_IN_TEXT.search(str(type_text or ""))
    return float(found.group(1)) if found else None


def check_length(file: str, rid: str, geometry: BaseGeometry | None, stated: float | None, note: Any) -> list[Problem]:
    """A line drawn much longer or shorter than its stated length is redrawn, or its `length_note` says why."""
    if geometry is None or "Line" not in geometry.geom_type or not stated or not is_empty(note):
        return []
    drawn = drawn_km(geometry)
    if abs(drawn / stated - 1) <= LENGTH_TOLERANCE:
        return []
    return [Problem(file, rid, "length_note", f"drawn {drawn:.1f} km against a stated {stated:g} km: redraw it "
                    "through the places the sources name, or say in length_note why it differs")]


def check_unique(file: str, ids: Iterable[str], seen: dict[str, str]) -> list[Problem]:
    """Duplicate ids, within a file and across files (`seen` maps id → file and is updated)."""
    problems = []
    for rid in ids:
        if not rid:
            continue
        if rid in seen:
            problems.append(Problem(file, rid, "id", f"duplicate id (also in {seen[rid]})"))
        else:
            seen[rid] = file
    return problems
