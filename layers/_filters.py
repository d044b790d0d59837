"""Filters on the records (no streamlit): country, sector or kind, company or vendor, financier, status in the year and
confidence. One rule (`Filters.mask`) chooses the records of the map's marks, the table, the charts and the downloads;
the static export applies the same rule in the browser (static/export/filters.js, checked against this module).

A record passes when it matches every filter that is set. A filter on a field a layer's records do not have (a poll
has no financier, a diplomatic status no kind) leaves none of that layer: "everything Huawei sold" lists no polls."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from ._layer import Layer
from ._messages import t
from ._schema import FINISHED_STATUSES, FOCUS_COUNTRIES, VOCABULARIES, vocabulary

MAX_TEXT = 80  # characters of a company's or financier's name to look for; a longer one is not a name
# the link parameter of each filter (the `country` parameter names the profile a link opens, hence `countries`)
PARAMS = {"countries": "countries", "kinds": "kind", "company": "company", "financier": "financier",
          "statuses": "status", "confidence": "confidence"}
TEXT_FILTERS = ("company", "financier")


@dataclass(frozen=True)
class Filters:
    """The reader's filters; empty ones filter nothing. Tuples keep the reader's order and can key a cache."""

    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    company: str = ""
    financier: str = ""
    statuses: tuple[str, ...] = ()
    confidence: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def mask(self, layer: Layer, frame: pd.DataFrame, year: int | None = None) -> np.ndarray:
        """The rows of a layer's frame that pass; a status filter reads each project's status in `year` (None: as of
        its latest source)."""
        keep = np.ones(len(frame), dtype=bool)
        if not self.active:
            return keep
        if self.countries:
            wanted = set(self.countries)
            keep &= np.fromiter((bool(set(str(codes).split(";")) & wanted) for codes in frame["country"].to_numpy()),
                                dtype=bool, count=len(frame))
        if self.kinds:
            keep &= _column(layer, frame, "kind").isin(self.kinds).to_numpy()
        for name in TEXT_FILTERS:
            wanted = folded(getattr(self, name))
            if wanted:
                keep &= np.array([wanted in folded(text) for text in _column(layer, frame, name)], dtype=bool)
        if self.statuses:
            keep &= np.isin(statuses_in(frame, year), self.statuses) if "status" in frame else False
        if self.confidence:
            keep &= frame["confidence"].isin(self.confidence).to_numpy()
        return keep

    def params(self) -> dict[str, str]:
        """The filters as link parameters (only those set)."""
        out = {}
        for name, param in PARAMS.items():
            value = getattr(self, name)
            if value:
                out[param] = value if isinstance(value, str) else ",".join(value)
        return out


def _column(layer: Layer, frame: pd.DataFrame, column: str) -> pd.Series:
    """The layer's field filling a shared column of the records' table (`Layer.record_columns`); "" for every row of
    a layer without one, which then matches no filter on it."""
    name = layer.record_columns.get(column)
    if name is None or name not in frame:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return frame[name].fillna("").astype(str)


def folded(text: str) -> str:
    """Text as the name filters compare it: lower case, without accents (Vučić, vucic), đ as d. The export's
    filters.js folds the same way."""
    text = unicodedata.normalize("NFKD", str(text).lower().replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.category(c).startswith("M"))


def statuses_in(frame: pd.DataFrame, year: int | None) -> np.ndarray:
    """Each project's status in `year`, as the map draws it (layers._view.status_at, for a whole frame): the status
    before its completion or its later change, where `year` came before that."""
    status = frame["status"].fillna("").astype(str).to_numpy(dtype=object).copy()
    if year is None:
        return status
    if "completion_year" in frame:
        done = frame["completion_year"].to_numpy(dtype=float, na_value=np.nan)
        completed = np.isin(status, FINISHED_STATUSES) & ~np.isnan(done)
        building = completed & (year < done)
    else:
        completed = building = np.zeros(len(frame), dtype=bool)
    if "status_since" in frame and "earlier_status" in frame:
        since = frame["status_since"].to_numpy(dtype=float, na_value=np.nan)
        before = frame["earlier_status"].fillna("").astype(str).to_numpy(dtype=object)
        changed = ~completed & (before != "") & (year < since)
        status[changed] = before[changed]
    status[building] = "under_construction"
    return status


NO_FILTERS = Filters()


def marks_kept(dataset, filters: Filters, years: tuple[int, int]) -> dict[str, list[str]]:
    """The ids of the marks (any year's) the filters keep, for the map to compose other years with (static/map/
    compose.js): under "*" for all years, or by year where a status filter makes it depend on the year."""
    by_year = [None] if not filters.statuses else range(years[0], years[1] + 1)
    out = {}
    for year in by_year:
        ids = [rid for loaded in dataset.layers.values() if loaded.ok and loaded.layer.marks
               for rid in loaded.frame["id"].to_numpy()[filters.mask(loaded.layer, loaded.frame, year)]]
        out["*" if year is None else str(year)] = ids
    return out


@dataclass(frozen=True)
class Choices:
    """What the filters offer: each a tuple of (value, layer ids whose records have it); the text filters offer none."""

    countries: tuple[str, ...]
    kinds: tuple[tuple[str, tuple[str, ...]], ...]
    statuses: tuple[str, ...]
    confidence: tuple[str, ...]


def choices(layers: Mapping[str, Layer], frames: Mapping[str, pd.DataFrame]) -> Choices:
    """The values the records hold, in their vocabulary's order: a reader is never offered a filter that empties the
    table whatever else they choose."""
    kinds: dict[str, list[str]] = {}
    statuses: set[str] = set()
    confidence: set[str] = set()
    for lid, layer in layers.items():
        frame = frames.get(lid)
        if frame is None or frame.empty:
            continue
        confidence |= set(frame["confidence"])
        if "status" in frame:
            statuses |= set(frame["status"]) | set(frame.get("earlier_status", pd.Series(dtype=str)))
            if layer.lifecycle:
                statuses.add("under_construction")  # every finished project was built first
        for value in dict.fromkeys(_column(layer, frame, "kind")):
            if value:
                kinds.setdefault(value, []).append(lid)
    vocab = {word: i for i, word in enumerate(w for name in VOCABULARIES for w in VOCABULARIES[name])}
    ordered = sorted(kinds, key=lambda word: (min(list(layers).index(lid) for lid in kinds[word]), vocab.get(word, 0)))
    return Choices(tuple(FOCUS_COUNTRIES), tuple((word, tuple(kinds[word])) for word in ordered),
                   tuple(w for w in VOCABULARIES["status"] if w in statuses),
                   tuple(w for w in VOCABULARIES["confidence"] if w in confidence))


def link_spec(layers: Mapping[str, Layer]) -> dict[str, list[str]]:
    """What a link may give each list filter: any word of the vocabularies the fields hold (not only those the data
    holds today, so a link stays valid when the data changes)."""
    kinds: list[str] = []
    for layer in layers.values():
        vocab = vocabulary(layer.kind_of(layer.record_columns.get("kind"))) or {}
        kinds += [w for w in vocab if w not in kinds]
    return {"countries": list(FOCUS_COUNTRIES), "kinds": kinds, "statuses": list(VOCABULARIES["status"]),
            "confidence": list(VOCABULARIES["confidence"])}


def from_link(raw: Mapping[str, str | None], spec: Mapping[str, list[str]]) -> tuple[Filters, list[str]]:
    """Filters from a link's parameters (`raw`: param -> its value or None), by `link_spec`'s values; what a link
    gives and the filter does not take is dropped, with a notice. Countries are read in any case, as the `country`
    parameter is; vocabulary words as they are written."""
    values: dict[str, object] = {}
    notices: list[str] = []
    for name, param in PARAMS.items():
        value = raw.get(param)
        if value is None:
            continue
        if name in TEXT_FILTERS:
            text = value.strip()
            if len(text) > MAX_TEXT:
                notices.append(t("permalink.bad_text", param=param, count=MAX_TEXT))
            elif text:
                values[name] = text
            continue
        wanted = [part.strip() for part in value.split(",") if part.strip()]
        if name == "countries":
            wanted = [part.upper() for part in wanted]
        known = list(dict.fromkeys(part for part in wanted if part in spec[name]))
        unknown = [part for part in wanted if part not in spec[name]]
        if unknown:
            notices.append(t("permalink.bad_filter", param=param, value=", ".join(p[:30] for p in unknown[:5]),
                             count=len(unknown)))
        if known:
            values[name] = tuple(known)
    return Filters(**values), notices


def kind_label(value: str, layer_ids: tuple[str, ...]) -> str:
    """A sector or kind in the reader's language, by the vocabulary of the first layer whose records have it."""
    from . import LAYERS
    from ._view import field_word  # (the view imports this module)

    layer = LAYERS[layer_ids[0]]
    return field_word(layer.kind_of(layer.record_columns.get("kind")), value)


def describe(filters: Filters, offered: Choices) -> str:
    """The filters that are on, in a line: "Albania · Huawei · under construction"."""
    from ._view import country_name, word

    kinds = dict(offered.kinds)
    parts = [country_name(code) for code in filters.countries]
    parts += [kind_label(value, kinds[value]) if value in kinds else value for value in filters.kinds]
    parts += [f"“{getattr(filters, name)}”" for name in TEXT_FILTERS if getattr(filters, name)]
    parts += [word("status", value) for value in filters.statuses]
    parts += [t(f"term.confidence.{value}") for value in filters.confidence]
    return " · ".join(parts)


def browser_rows(dataset) -> dict[str, dict]:
    """What static/export/filters.js needs to apply `Filters.mask` in the browser, per record of every layer: its
    layer, countries, kind, folded company and financier names, confidence, status with the year it began and the
    one before (`status_change`), its years, whether it has a place of its own, the value a colouring's choice
    picks rows by (a poll's series) and whether its status changes over the years (static/export/changes.js)."""
    from ._view import has_place, status_change

    out = {}
    for lid, loaded in dataset.layers.items():
        if not loaded.ok:
            continue
        layer, frame = loaded.layer, loaded.frame
        columns = {name: _column(layer, frame, name).tolist() for name in ("kind", *TEXT_FILTERS)}
        placed = has_place(frame) if "geometry" in frame else np.zeros(len(frame), dtype=bool)
        rows_field = layer.colouring.rows_field if layer.colouring else None
        for i, (_, row) in enumerate(frame.iterrows()):
            change = status_change(row) if "status" in frame else None
            out[row["id"]] = {
                "layer": lid, "countries": str(row["country"]).split(";"), "kind": columns["kind"][i],
                "company": folded(columns["company"][i]), "financier": folded(columns["financier"][i]),
                "confidence": row["confidence"], "status": row["status"] if "status" in frame else None,
                "change": list(change) if change else None,
                "from": int(row["year_from"]) if pd.notna(row["year_from"]) else None,
                "to": int(row["year_to"]) if pd.notna(row["year_to"]) else None,
                "placed": bool(placed[i]), "pick": row[rows_field] if rows_field else None,
                "lifecycle": layer.lifecycle}
    return out
