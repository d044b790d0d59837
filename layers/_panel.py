"""A record's details panel as plain, serialisable data (the view model): the app renders it with a Jinja2 template
(layers/templates/record.html), the static export ships it as JSON and its script renders the same data.

Text that may hold links is "rich": a list of runs, each a plain string or a [text, url] pair (a link, only ever an
http(s) address). Everything else is plain text; escaping is the renderer's job."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from ._dataset import Dataset
from ._find import shown_in, years_label
from ._formats import date_text, number, percent
from ._messages import t
from ._reference import aiddata_ids, project_page
from ._schema import COMMON_FIELDS, CURRENCIES, vocabulary
from ._view import country_name, field_word, status_at, word

Rich = list  # [str | [text, url], ...]

# shown elsewhere in the panel, or (a survey's `series`) an id for machines: the downloads keep it
HIDDEN = {"id", "name", "source_url", "publisher", "published", "confidence", "notes", "precision", "coord_source",
          "year_to", "series"}
SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")
URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>;]*[^\s\"'<>;.,):!?]")  # a sentence's closing punctuation is not the URL's
RECORD_ID_IN_TEXT = re.compile(r"\b[A-Z][A-Z0-9_-]*\d[A-Z0-9_]*\b")


def run(text: str, url: str | None = None) -> str | list[str]:
    """One run: a link where `url` is a safe http(s) address, else the text alone."""
    return [text, url] if url and SAFE_URL.match(url) else text


def linked(text: str) -> Rich:
    """Free text from data with each http(s) URL in it as a link; nothing else becomes markup."""
    out: Rich = []
    at = 0
    for found in URL_IN_TEXT.finditer(text):
        if found.start() > at:
            out.append(text[at:found.start()])
        out.append(run(found.group(), found.group()))
        at = found.end()
    if at < len(text):
        out.append(text[at:])
    return out


def named(dataset: Dataset, text: str) -> str:
    """Free text with each record id in it as the record's name ("Conflicts with GSEN04_ME" reads "Conflicts with
    “IRI: favourable view of Xi Jinping – Montenegro 2024”"): a reader knows records by name."""
    def name_of(found: re.Match) -> str:
        record = dataset.record(found.group())
        return f"“{record[1]['name']}”" if record is not None else found.group()
    return RECORD_ID_IN_TEXT.sub(name_of, text)


def published(date: str) -> str:
    return t("panel.undated") if date in ("", "undated") else t("panel.published", date=date_text(date))


def amount(value: float, unit: str, qualifier: str = "") -> str:
    """A figure as the language writes it: "EUR 1,234.5 million", "1.234,5 miliona EUR", "29 MW", "7 years"…"""
    whole = value == int(value)
    count = int(value) if whole else 2  # a fraction takes the plural that 2 does ("1,5 miliona", "1.5 million")
    if unit in CURRENCIES:
        text = (t("unit.amount", currency=unit, value=number(value * 1e6, 0)) if value < 1 else
                t("unit.million", currency=unit, value=number(value), count=count))
    elif unit == "year":
        text = str(int(value))
    elif unit == "percent":
        text = percent(value)
    else:
        text = t(f"unit.{unit}", value=number(value, 0 if whole else 3), count=count)
    return t("qualifier.amount", qualifier=t("qualifier." + qualifier), amount=text) if qualifier else text


def host_of(url: str, publisher: str) -> str:
    """The site a source's link leads to, where its publisher's name does not already say it ("" otherwise)."""
    host = ((urlsplit(url).hostname or "") if SAFE_URL.match(url or "") else "").removeprefix("www.")
    return host if host and host.casefold() not in publisher.casefold() else ""


def source(url: str, publisher: str) -> dict[str, str]:
    """A source as its publisher's name, linked (safe addresses only), and the site the link leads to."""
    return {"url": url if SAFE_URL.match(url or "") else "", "publisher": publisher, "host": host_of(url, publisher)}


def adds_to(note: str, publisher: str, date: str) -> bool:
    """Whether a source's note says more than its publisher and date ("bne 2019-03-05" or "GEM" do not)."""
    rest = (note or "").casefold().replace(publisher.casefold(), "").replace(date, "")
    return any(c.isalnum() for c in rest)


def _plain(field_name: str, kind: str, value: object) -> Rich:
    if vocabulary(kind) is not None:
        return [field_word(kind, str(value))]
    if kind == "countries":
        return [", ".join(country_name(c) for c in str(value).split(";"))]
    if kind == "aiddata":  # each id links to its AidData project page (GCDF is ODC-By: the link credits it too)
        out: Rich = []
        for aid in aiddata_ids(value):
            out += [", "] if out else []
            out.append(run(t("panel.aiddata_project", id=aid), project_page(aid)))
        return out
    if kind == "bool":
        return [t("yes") if str(value).lower() == "true" else t("no")]
    if field_name == "value":
        return [percent(float(value))]
    if kind in ("int", "number") and not isinstance(value, str):
        return [number(float(value), 0 if float(value).is_integer() else 3)]
    return [str(value)]


def refs(dataset: Dataset, ids: str, year: int | None = None) -> Rich:
    """The records `ids` names, each with its source; with `year` (a status's), one dated later says so: a status
    before an event rests on it too ("not a candidate" until the year it became one)."""
    out: Rich = []
    for rid in ids.split(";"):
        out += ["; "] if out else []
        found = dataset.record(rid)
        if found is None:
            out.append(rid)
            continue
        row = found[1]
        start = row.get("year_from")
        later = (f"{t('panel.basis_later', year=int(start))}, " if year is not None and pd.notna(start) and start > year
                 else "")
        out += [{"data": row["name"]}, f" ({later}", run(row["publisher"], row["source_url"]),
                f", {t('panel.confidence').lower()}: {t('term.confidence.' + row['confidence'])})"]
    return out


def _year_of(row: pd.Series) -> int | None:
    """A one-year record's year (a country's status rows are one a year)."""
    start, end = row.get("year_from"), row.get("year_to")
    return int(start) if pd.notna(start) and pd.notna(end) and start == end else None


def facts(dataset: Dataset, layer_id: str, row: pd.Series, year: int | None, shown: bool) -> list[dict[str, Any]]:
    """The panel's table: label, value and, for a status, the records it rests on; a project's status as it was in
    `year` if the record is `shown` in it."""
    layer = dataset.layers[layer_id].layer
    out = []
    for f in COMMON_FIELDS + layer.fields:
        if f.name in HIDDEN or f.name.endswith("_basis"):
            continue
        if f.name == "year_from" and str(row.get("date") or "").startswith(str(row.get("year_from"))):
            continue  # an event's date says its year already
        value = row.get(f.name)
        if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
            continue
        text: Rich = [{"data": named(dataset, str(value))}] if f.kind == "text" else _plain(f.name, f.kind, value)
        if f.kind == "ref":
            text = refs(dataset, str(value))
        if f.name == "status" and "completion_year" in row and shown and status_at(row, year) != value:
            text = [t("panel.status_then", then=word("status", status_at(row, year)), year=year,
                      now=word("status", value))]
        basis = row.get(layer.basis.get(f.name, ""))
        out.append({"label": t("field." + f.name, default=f.name.replace("_", " ")), "value": text,
                    "basis": refs(dataset, basis, _year_of(row)) if isinstance(basis, str) and basis else None})
    return out


def record_view(dataset: Dataset, layer_id: str, row: pd.Series, year: int | None) -> dict[str, Any]:
    """The details of one record: facts, figures (each with its source), confidence, location and sources; with
    `year`, its status in that year, or that the map does not show it then (None: as of the latest source)."""
    shown = year is not None and shown_in(row, year)
    not_shown = None
    if year is not None and not shown:  # opened from a link, a profile or Find in a year the map does not show it
        not_shown = t("panel.not_in_year", year=year,
                      span=years_label(row, lambda start: t("panel.span_open", start=start)))
    figures = [{"amount": amount(float(f["value"]), f["unit"], f["qualifier"]), "label": f["label"],
                "as_of": date_text(f["as_of"]) if f["as_of"] else "", "source": source(f["source_url"], f["publisher"]),
                "published": published(f["published"]), "confidence": t(f"term.confidence.{f['confidence']}"),
                "notes": named(dataset, f["notes"]) if f["notes"] else ""}
               for f in dataset.figures_of(row["id"])]
    location = None
    if row.get("precision"):
        location = {"word": t(f"term.precision.{row['precision']}"), "meaning": word("precision", row["precision"]),
                    "coord_source": [{"data": r} if isinstance(r, str) else r for r in linked(row["coord_source"])]
                    if row.get("coord_source") else None}
    sources = [dict(source(row["source_url"], row["publisher"]), published=published(row["published"]), note=None,
                    primary=True)]
    for s in dataset.sources_of(row["id"]):
        note = named(dataset, s["note"]) if adds_to(s["note"], s["publisher"], s["published"]) else None
        sources.append(dict(source(s["source_url"], s["publisher"]), published=published(s["published"]), note=note,
                            primary=False))
    return {"id": row["id"], "title": row["name"], "note": not_shown,
            "facts": facts(dataset, layer_id, row, year, shown), "figures": figures,
            "confidence": {"word": t(f"term.confidence.{row['confidence']}"), "meaning": word("confidence", row["confidence"])},
            "location": location, "notes": named(dataset, row["notes"]) if row.get("notes") else "",
            "sources": sources}
