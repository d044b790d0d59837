"""A static, embeddable copy of the map: one index.html (page, data and script inline) plus Leaflet from its wheel."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup
from shapely.geometry import box, mapping, shape

from . import LAYERS, _frontend
from ._about import about_html
from ._assets import copy_leaflet
from ._changes import all_countries, all_histories
from ._compare import comparison_html
from ._dataset import Dataset, load_dataset
from ._details import cited_work, legend_css, legend_html, profile_html, record_html, shared_points
from ._filters import MAX_TEXT, TEXT_FILTERS, browser_rows, choices, kind_label, link_spec
from ._find import shown_in, year_showing, years_label
from ._map import (BASE_COUNTRY_STYLE, CENTER, MAX_ZOOM, MIN_ZOOM, NEIGHBOUR_STYLE, ZOOM, ZOOM_SNAP, base_data, esc,
                   script_json)
from ._marks import MARK_LAYERS, all_marks
from ._i18n import LANGUAGES, SOURCE, babel_locale, language, speaking
from ._messages import t, template
from ._permalink import link_choices
from ._records import DATA_DIR, BoundaryError, read_boundaries
from ._schema import DEFAULT_YEAR, FOCUS_COUNTRIES, VOCABULARIES, YEARS
from ._style import cluster_swatches, confidence_swatches, precision_swatches
from ._table import column_titles, every_row
from ._templates import part, render
from ._timeline import fill_options, timeline
from ._trend_export import trends_section
from ._validate import Problem
from ._view import country_name, layer_title, palette_swatches, shown, status_change, word

BUDGET = 1_000_000  # bytes, before compression, of what one reader loads: their language's page and the assets
# Every catalogue string the script needs; it fills {placeholders} itself and sets text with textContent only.
SCRIPT_MESSAGES = ("panel.empty", "panel.not_in_year", "panel.show_in_year",
                   "panel.same_place", "legend.country_level", "export.earlier_status", "export.back", "cite.title",
                   "cite.work", "cite.text", "cite.record", "cite.profile", "cite.copy_button", "cite.copied",
                   "permalink.notice", "permalink.too_long", "permalink.bad_year", "permalink.not_a_year",
                   "permalink.bad_layers", "permalink.bad_layers_default", "permalink.one_fill", "permalink.bad_country",
                   "permalink.bad_record", "permalink.bad_lang", "permalink.bad_filter", "permalink.bad_text",
                   "table.title", "filter.title", "filter.title_on", "filter.on", "table.change", "changes.title",
                   "changes.map_note", "changes.records", "changes.none", "changes.countries", "changes.poll_note",
                   "changes.started", "changes.ended", "changes.between", "changes.status")


class ExportRefused(Exception):
    """The data did not pass validation (or a boundary file is unreadable): nothing unchecked is exported."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


PAGE_STYLE = _frontend.styles(("map/map.css", "map/cluster.css", "export/page.css", "app/compare.css", "app/samples.css",
                               "export/trends.css"))
# The app's own map scripts draw the map (its base, a year's marks, the selection); page.js adds the page around it.
PAGE_SCRIPT = _frontend.scripts(("export/settings.js", *_frontend.HOOK_FILES, "map/cluster.js", "map/draw.js",
                                 "map/selection.js", "map/compose.js", "map/base_layers.js", "export/link.js",
                                 "export/filters.js", "export/changes.js", "export/table.js", "export/page.js"))


# The page's style and scripts are files beside it (page_assets), never inline: the balancer's Content-Security-Policy
# allows only files of the page's own site (deploy/haproxy.cfg); each language's words are a JSON block its page holds.
def _asset(text: str, suffix: str) -> tuple[str, str]:
    """(path under the export, text) of a file every language's page loads, named by its content (cached for good)."""
    return f"assets/page-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.{suffix}", text


SHOWN = tuple(lid for lid, layer in LAYERS.items() if not layer.fills)  # switched on and off, each on its own
FILLS = tuple(lid for lid, layer in LAYERS.items() if layer.fills)  # one at a time colours the countries


def _params_messages() -> tuple[str, ...]:
    """The link notices of the colourings' parameters (`permalink.bad_dimension`, `permalink.series_not_in_year`)."""
    out = []
    for lid in FILLS:
        param = LAYERS[lid].colouring.param
        if param:
            out += [f"permalink.bad_{param}"] + ([f"permalink.{param}_not_in_year"] if LAYERS[lid].colouring.per_year
                                                 else [])
    return tuple(out)


def _record(dataset: Dataset, layer_id: str, row: pd.Series) -> dict[str, Any]:
    """What a record's panel needs beside its HTML: its name, countries and years (by year, the year that shows it:
    itself, the nearest that does, or None when none of the map's years does; the app's rule, `year_showing`), and
    for a project whose status changed, the status before and since (the map draws the earlier one)."""
    shows = []
    for year in range(YEARS[0], YEARS[1] + 1):
        nearest = year_showing(row, year, YEARS)
        shows.append(nearest if shown_in(row, nearest) else None)
    out = {"layer": layer_id, "name": row["name"], "countries": row["country"].split(";"), "shows": shows,
           "span": years_label(row, lambda start: t("panel.span_open", start=start))}
    change = status_change(row) if layer_id in MARK_LAYERS and LAYERS[layer_id].lifecycle else None
    if change is not None:
        out.update(since=change[0], statusBefore=word("status", change[1]), statusNow=word("status", row["status"]))
    return out


def _colourings(dataset: Dataset) -> dict[str, Any]:
    """What each colouring offers (once for all years, or by year) and what it says under its control."""
    out: dict[str, Any] = {}
    for lid in FILLS:
        loaded, colouring = dataset.layers[lid], LAYERS[lid].colouring
        entry: dict[str, Any] = {"param": colouring.param, "perYear": colouring.per_year}
        if colouring.per_year and colouring.choices:
            entry["choices"] = {str(y): colouring.choices(loaded.layer, loaded.frame, y) for y in range(YEARS[0], YEARS[1] + 1)}
        if colouring.note:
            entry["notes"] = {str(y): {choice or "": colouring.note(loaded.layer, loaded.frame, y, choice)
                                       for choice in fill_options(dataset, lid, y)}
                              for y in range(YEARS[0], YEARS[1] + 1)}
        out[lid] = entry
    return out


def _legend_entries(dataset: Dataset) -> dict[str, tuple[str, list]]:
    """Each key block's title and entries, as the app's legend has them; the page shows those that apply (a
    colouring's by its choice where its key depends on it)."""
    blocks = {}
    for lid, loaded in dataset.layers.items():
        layer = loaded.layer
        if layer.marks:
            blocks[lid] = layer_title(layer), palette_swatches(layer, next(iter(layer.palettes)))
            continue
        colouring = layer.colouring
        if colouring.choices and not colouring.per_year:
            for choice, title in colouring.choices(layer, loaded.frame, DEFAULT_YEAR):
                swatches = colouring.draw(layer, loaded.frame, DEFAULT_YEAR, choice)[2]
                blocks[f"{lid}:{choice}"] = f"{layer_title(layer)}: {title}", swatches
        else:
            blocks[lid] = layer_title(layer), colouring.draw(layer, loaded.frame, DEFAULT_YEAR, None)[2]
    blocks["confidence"] = t("legend.confidence"), confidence_swatches()
    blocks["precision"] = t("legend.precision"), precision_swatches() + cluster_swatches()
    return blocks


def _legends(dataset: Dataset) -> dict[str, str]:
    """Legend blocks pre-rendered with the app's own legend_html."""
    return {key: legend_html(title, swatches) for key, (title, swatches) in _legend_entries(dataset).items()}


def page_assets(dataset: Dataset) -> dict[str, tuple[str, str]]:
    """The style sheet (with the rules of the keys' samples) and the script every language's page loads."""
    samples = legend_css([s for _, swatches in _legend_entries(dataset).values() for s in swatches])
    return {"css": _asset(PAGE_STYLE + samples, "css"), "js": _asset(PAGE_SCRIPT, "js")}


def rounded(value: Any, places: int = 3) -> Any:
    """Coordinates to `places` decimals (3: about 100 m, finer than the 1:10 million boundaries themselves); a vertex
    two countries share rounds the same for both, so their borders still meet."""
    if isinstance(value, float):
        return round(value, places)
    if isinstance(value, list):
        return [rounded(item, places) for item in value]
    return value


# The neighbours as far as the map can be panned to show them at its widest (minimum) zoom around the six countries.
NEIGHBOURS_REACH = box(11.0, 36.5, 28.0, 49.5)


def _lighter(countries: dict) -> dict:
    """The boundaries the page draws: coordinates rounded, the neighbours cut to the map's reach."""
    def feature(f: dict) -> dict:
        geometry = f["geometry"] if f["properties"]["focus"] else mapping(shape(f["geometry"]).intersection(NEIGHBOURS_REACH))
        coordinates = rounded(json.loads(json.dumps(geometry["coordinates"])))
        return {**f, "geometry": {"type": geometry["type"], "coordinates": coordinates}}

    return {**countries, "features": [feature(f) for f in countries["features"]]}


def payload(dataset: Dataset, countries: dict, towns: dict) -> dict[str, Any]:
    """Everything the page needs, built by the app's own code: the map's base and marks as the app's map has them,
    each year's view (the map's timeline), and the HTML of every panel, profile, key and table from the app's
    templates; the page only picks what the reader's choices name."""
    rows = [(lid, row) for lid in SHOWN for _, row in dataset.layers[lid].frame.iterrows()]
    tl = timeline(dataset, countries, YEARS)
    tl["fills"] = {key: fill for key, fill in tl["fills"].items() if not key.endswith(":tiles")}  # no tiles here
    years = range(YEARS[0], YEARS[1] + 1)
    histories = all_histories(dataset)
    return {"years": list(YEARS), "year": DEFAULT_YEAR,
            "view": {"center": list(CENTER), "zoom": ZOOM, "minZoom": MIN_ZOOM, "maxZoom": MAX_ZOOM, "zoomSnap": ZOOM_SNAP},
            "layers": [{"id": lid, "kind": "fill" if layer.fills else "marks" if layer.marks else "dots",
                        "first": layer.first_view} for lid, layer in LAYERS.items()],
            "base": base_data(_lighter(countries), towns), "marks": all_marks(dataset), "timeline": tl,
            "styles": {"focus": BASE_COUNTRY_STYLE, "neighbour": NEIGHBOUR_STYLE},
            # by year and layer drawn as marks: how many of its records that year have no place of their own
            "countryLevel": {str(y): {lid: shown(dataset.layers[lid].frame, y)[2] for lid in MARK_LAYERS
                                      if dataset.layers[lid].ok} for y in years},
            "records": {row["id"]: _record(dataset, lid, row) for lid, row in rows},
            # each record's panel as of its latest source, the HTML the app's panel shows
            "panels": {row["id"]: record_html(dataset, lid, row, None) for lid, row in rows},
            # records drawn on a point of another's (any year; the page keeps those its year shows, as the app does)
            "samePoint": shared_points(dataset),
            "profiles": {code: [profile_html(dataset, code, y) for y in years] for code in FOCUS_COUNTRIES},
            # the six countries side by side, one table per year, shown while no record or country is chosen
            "compare": [comparison_html(dataset, y, title=True) for y in years],
            "colourings": _colourings(dataset), "legends": _legends(dataset),
            # what a link may name, for export/link.js (the app's layers._permalink.parse reads links by the same rules)
            "link": {"years": list(YEARS), "layerIds": list(LAYERS), "fillIds": list(FILLS), "countries": list(FOCUS_COUNTRIES),
                     "records": [row["id"] for _, row in rows], "choices": link_choices(dataset, YEARS[1]),
                     "languages": list(LANGUAGES), "filters": link_spec(LAYERS), "maxText": MAX_TEXT},
            # every record of every layer, for the filters and the table (static/export/filters.js, table.js)
            "rows": browser_rows(dataset), "rowsBy": {lid: LAYERS[lid].colouring.rows_field for lid in FILLS},
            # each pair of years' changes, country by country (layers/_changes.py), as the app lists them
            "countryChanges": {f"{a}-{b}": {code: part("changes", [(country_name(code), found)], t("changes.country_none"))
                                            for code, found in all_countries(dataset, a, b, histories).items()}
                               for a in years for b in years if a < b},
            "table": {"columns": [[name, title] for name, title in column_titles().items()], "cells": every_row(dataset),
                      "statusWords": {value: word("status", value) for value in VOCABULARIES["status"]}},
            "countryNames": {code: country_name(code) for code in FOCUS_COUNTRIES},
            "attribution": esc(t("export.map_attribution")),
            "messages": {key: template(key) for key in SCRIPT_MESSAGES + _params_messages()} | {"cite.work": cited_work()},
            "lang": language(), "dateLocale": babel_locale().language + ("-" + babel_locale().script if babel_locale().script else ""),
            "pages": {tag: page_name(tag) for tag in LANGUAGES}}


def encoded(data: dict[str, Any]) -> str:
    """The payload as the page carries it: JSON, gzip-compressed (the panels' HTML is 1 MB as text, 0.15 MB
    compressed) and in base64, which holds no character that could end its <script> block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(text, compresslevel=9, mtime=0)).decode("ascii")


def read_payload(index_html: str) -> dict[str, Any]:
    """The payload of an exported page (what its script decodes)."""
    found = re.search(r'<script type="application/octet-stream" id="wb-data"[^>]*>([A-Za-z0-9+/=]*)</script>', index_html)
    if found is None:
        raise ValueError("the page has no data block")
    return json.loads(gzip.decompress(base64.b64decode(found.group(1))))


def _fills(dataset: Dataset) -> list[tuple[str, str]]:
    """The country-colour menu, as the app's sidebar offers it: none, or a colouring (by each of its choices where
    they are the same every year)."""
    fills = [("none", t("control.fill_none"))]
    for lid in FILLS:
        layer, loaded = LAYERS[lid], dataset.layers[lid]
        if layer.colouring.choices and not layer.colouring.per_year:
            fills += [(f"{lid}:{c}", f"{layer_title(layer)}: {title}")
                      for c, title in layer.colouring.choices(layer, loaded.frame, DEFAULT_YEAR)]
        else:
            fills.append((lid, layer_title(layer)))
    return fills


def page(dataset: Dataset, data: dict[str, Any], about: str, assets: dict[str, tuple[str, str]] | None = None) -> str:
    """index.html (layers/templates/export.html): the controls as in the app's sidebar, with the first view's layers
    and colouring chosen."""
    fills, assets = _fills(dataset), assets or page_assets(dataset)  # (the same for every language: export() passes it)
    first = next((value for value, _ in fills if value.split(":")[0] in FILLS and LAYERS[value.split(":")[0]].first_view),
                 "none")
    per_year = next((LAYERS[lid].colouring for lid in FILLS if LAYERS[lid].colouring.per_year), None)
    keys = {"title": "app.title", "subtitle": "app.subtitle", "controls_label": "export.controls_label",
            "year": "control.year", "year_help": "control.year_help", "layers": "control.layers", "fill": "control.fill",
            "map_label": "export.map_label", "noscript": "export.noscript", "legend": "legend.title",
            "about": "about.title", "attribution": "export.attribution", "old_browser": "export.old_browser",
            "language": "control.language", "compare": "control.compare", "compare_help": "control.compare_help",
            "since": "control.since", "filters": "filter.title", "filter_help": "filter.help",
            "name_help": "filter.name_help", "filter_clear": "filter.clear", "table_help": "export.table_help"}
    text = {name: t(key) for name, key in keys.items()}
    offered = choices(LAYERS, {lid: loaded.frame for lid, loaded in dataset.layers.items() if loaded.ok})
    by_layer: dict[str, list] = {}  # each kind under the first layer whose records have it
    for value, lids in offered.kinds:
        by_layer.setdefault(lids[0], []).append((value, kind_label(value, lids)))
    filter_lists = [  # (name, legend, groups of (heading, [(value, label)]))
        ("countries", t("filter.countries"), [("", [(code, country_name(code)) for code in offered.countries])]),
        ("kinds", t("filter.kinds"), [(layer_title(LAYERS[lid]), options) for lid, options in by_layer.items()]),
        ("statuses", t("filter.statuses"), [("", [(value, word("status", value)) for value in offered.statuses])]),
        ("confidence", t("filter.confidence"), [("", [(v, t(f"term.confidence.{v}")) for v in offered.confidence])])]
    filter_texts = [(name, t(f"filter.{name}")) for name in TEXT_FILTERS]
    if language() != SOURCE:  # its names are CLDR's and GeoNames', not the boundary source's
        text["attribution"] += " " + t("map.names_credit")
    languages = [(tag, name) for tag, (_, name) in LANGUAGES.items()]
    return render("export.html", lang=language(), languages=languages, text=text, years=YEARS, year=DEFAULT_YEAR,
                  switches=[(lid, layer_title(LAYERS[lid]), LAYERS[lid].first_view) for lid in SHOWN],
                  fills=fills, fill=first, series_label=t(per_year.control) if per_year is not None else "",
                  filter_lists=filter_lists, filter_texts=filter_texts, max_text=MAX_TEXT, since=DEFAULT_YEAR - 10,
                  about=Markup(about), trends=Markup(trends_section(dataset)),
                  style_href=assets["css"][0], script_src=assets["js"][0],
                  settings=Markup(script_json(_frontend.settings_data())), data=encoded(data)) + "\n"


@dataclass
class Export:
    files: list[Path]
    raw: int
    gzip: int
    read: int  # the bytes one reader loads: the largest language's page and the assets every page shares


def sizes(files: list[Path]) -> tuple[int, int]:
    """Total bytes as written and as gzip -9 would serve them (each file on its own, as a web server compresses)."""
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), compresslevel=9, mtime=0)) for f in files)
    return raw, packed


def export(out_dir: Path, data_dir: Path = DATA_DIR) -> Export:
    """Write OUT_DIR/index.html (English), OUT_DIR/index.<lang>.html (each other language) and OUT_DIR/leaflet/;
    refuses (ExportRefused) when the data has any problem.
    Other files already in OUT_DIR are left alone."""
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    dataset = load_dataset(LAYERS, data_dir)
    if dataset.problems:
        raise ExportRefused(dataset.problems)
    try:
        countries, towns = read_boundaries(data_dir)
    except BoundaryError as error:
        raise ExportRefused(error.problems) from None
    out_dir.mkdir(parents=True, exist_ok=True)
    pages, shared = [], page_assets(dataset)
    for tag in LANGUAGES:  # a page per language, each whole: a reader loads only their own
        with speaking(tag):
            html = page(dataset, payload(dataset, countries, towns), about_html(dataset), shared)
        pages.append(out_dir / page_name(tag))
        pages[-1].write_text(html, encoding="utf-8", newline="\n")
    assets = copy_leaflet(out_dir / "leaflet")  # the pinned wheels' files; no source maps
    for name, text in shared.values():
        assets.append(out_dir / name)
        assets[-1].parent.mkdir(exist_ok=True)
        assets[-1].write_text(text, encoding="utf-8", newline="\n")
    files = [*pages, *assets]
    read = max(p.stat().st_size for p in pages) + sum(a.stat().st_size for a in assets)
    return Export(files, *sizes(files), read)


def page_name(tag: str) -> str:
    """The page of a language: index.html in English, index.<tag>.html in the others."""
    return "index.html" if tag == SOURCE else f"index.{tag}.html"
