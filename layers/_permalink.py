"""The view in the URL: parse `?lang=&year=&since=&layers=&dimension=&series=&country=&record=` and the filters'
parameters defensively, and encode a view back. A colouring's choice has the parameter its layer names (`Colouring.param`: `dimension`, the diplomatic status
the countries are coloured by, and `series`, the survey series); such a choice appears only
when they differ from what the view shows without them, so a plain view keeps a short link."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from ._filters import PARAMS as FILTER_PARAMS, Filters, from_link as filters_from_link
from ._i18n import from_link
from ._messages import t

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MAX_PARAM = 500  # longer values are ignored unread


@dataclass
class ViewState:
    year: int | None = None
    layers: list[str] | None = None  # None = the app's default set
    choices: dict[str, str] = field(default_factory=dict)  # a colouring's link parameter -> the choice it names
    country: str | None = None
    record: str | None = None
    lang: str | None = None  # a language the dashboard speaks, as LANGUAGES names it
    since: int | None = None  # the year the view is compared with (what changed since)
    filters: Filters = field(default_factory=Filters)
    notices: list[str] = field(default_factory=list)

    @property
    def dimension(self) -> str | None:
        """The diplomatic status a link colours the countries by (the `dimension` colouring parameter)."""
        return self.choices.get("dimension")

    @property
    def series(self) -> str | None:
        """The survey series a link colours the countries by (the `series` colouring parameter)."""
        return self.choices.get("series")


def _first(value: object) -> str | None:
    """Query parameters may arrive as a string or a list of strings; anything else is ignored."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    return value if isinstance(value, str) else None


def parse(params: Mapping[str, object], *, years: tuple[int, int], layer_ids: list[str], fill_ids: list[str],
          countries: set[str], record_exists, dimensions: tuple[str, ...] = (), series_ids: frozenset[str] = frozenset(),
          choices: Mapping[str, Collection[str]] | None = None, filters: Mapping[str, list[str]] | None = None
          ) -> ViewState:
    """A view from URL parameters; every invalid or unknown value is dropped with a short notice."""
    state = ViewState()
    # the colourings' parameters (`dimensions` and `series_ids` are the values `dimension` and `series` may take)
    allowed = {"dimension": dimensions, "series": series_ids} if choices is None else dict(choices)
    names = ("lang", "year", "since", "layers", *allowed, "country", "record", *FILTER_PARAMS.values())
    raw = {key: _first(params.get(key)) for key in names}
    for key, value in raw.items():
        if value is not None and len(value) > MAX_PARAM:
            state.notices.append(t("permalink.too_long", param=key))
            raw[key] = None
    if raw["lang"] is not None:
        state.lang = from_link(raw["lang"])
        if state.lang is None:
            state.notices.append(t("permalink.bad_lang", value=raw["lang"][:20]))
    state.year = _year(raw["year"], years, state.notices)
    state.since = _year(raw["since"], years, state.notices)
    if raw["layers"] is not None:
        wanted = [part.strip() for part in raw["layers"].split(",") if part.strip()]
        unknown = [part for part in wanted if part not in layer_ids]
        known = list(dict.fromkeys(part for part in wanted if part in layer_ids))
        if unknown:  # with nothing known left, the default set rather than an empty map
            key = "permalink.bad_layers" if known else "permalink.bad_layers_default"
            state.notices.append(t(key, value=", ".join(p[:30] for p in unknown[:5]), count=len(unknown)))
        fills = [lid for lid in known if lid in fill_ids]
        if len(fills) > 1:
            state.notices.append(t("permalink.one_fill", kept=fills[0]))
            known = [lid for lid in known if lid not in fills[1:]]
        state.layers = known if known or not unknown else None
    for param, values in allowed.items():
        if raw[param] is None:
            continue
        if raw[param].strip() in values:
            state.choices[param] = raw[param].strip()
        else:
            state.notices.append(t(f"permalink.bad_{param}", value=raw[param][:40]))
    if raw["country"] is not None:
        code = raw["country"].strip().upper()
        if code in countries:
            state.country = code
        else:
            state.notices.append(t("permalink.bad_country", value=raw["country"][:20]))
    if filters is None:  # what each filter takes: the registry's vocabularies
        from . import LAYERS
        from ._filters import link_spec
        filters = link_spec(LAYERS)
    state.filters, notices = filters_from_link(raw, filters)
    state.notices += notices
    if raw["record"] is not None:
        rid = raw["record"].strip()
        # ids are upper case, as countries are: a link typed or pasted in lower case still finds its record
        found = next((r for r in dict.fromkeys((rid, rid.upper())) if _ID.match(r) and record_exists(r)), None)
        if found is not None:
            state.record = found
        else:
            state.notices.append(t("permalink.bad_record", value=rid[:40]))
    return state


def _year(value: str | None, years: tuple[int, int], notices: list[str]) -> int | None:
    """A year of the map's (`year`, `since`), or None with a notice."""
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit() and years[0] <= int(text) <= years[1]:
        return int(text)
    key = "permalink.bad_year" if text.isascii() and text.isdigit() else "permalink.not_a_year"
    notices.append(t(key, value=text[:40], low=years[0], high=years[1]))
    return None


def link_choices(dataset, last_year: int) -> dict[str, list[str]]:
    """Each colouring's link parameter and the values a link may give it, in the registry's order: every year's
    choices for one whose choice picks rows (any survey series), else the choices it offers (the diplomatic
    statuses, as of `last_year`)."""
    out = {}
    for loaded in dataset.layers.values():
        colouring = loaded.layer.colouring
        if not loaded.layer.fills or colouring is None or not colouring.param:
            continue
        if colouring.rows_field:
            out[colouring.param] = sorted(set(loaded.frame[colouring.rows_field])) if loaded.ok else []
        else:
            out[colouring.param] = [c for c, _ in colouring.choices(loaded.layer, loaded.frame, last_year)]
    return out


def encode(year: int, layers: list[str] | None, selection: tuple[str, str] | None, dimension: str | None = None,
           series: str | None = None, choices: Mapping[str, str] | None = None, lang: str | None = None,
           filters: Filters | None = None, since: int | None = None) -> dict[str, str]:
    """URL parameters for a view: the inverse of `parse` for valid views (layers, a dimension or series only when
    given: None for the layers a link without them opens, which keeps the links of the first view short)."""
    shown = {"layers": ",".join(layers)} if layers is not None else {}
    given = {"dimension": dimension, "series": series, **(choices or {})}
    extra = {key: value for key, value in given.items() if value}
    return {**({"lang": lang} if lang else {}), "year": str(year), **({"since": str(since)} if since is not None else {}),
            **shown, **extra,
            **(filters.params() if filters else {}), **selection_params(selection)}


def selection_params(selection: tuple[str, str] | None) -> dict[str, str]:
    """The URL parameter naming what the panel shows (a country or a record); nothing for anything else."""
    kind, key = selection or (None, None)
    return {kind: key} if kind in ("country", "record") else {}
