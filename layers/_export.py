"""A static, embeddable copy of the map: one index.html (page, data and script inline) plus Leaflet from its wheel."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from shapely.geometry import box, mapping, shape

from . import LAYERS, _frontend
from ._about import about_html
from ._assets import copy_leaflet
from ._compare import comparison_view
from ._dataset import Dataset, load_dataset
from ._details import cited_work, country_profile, legend_html, section_heading, shared_points
from ._find import years_label
from ._map import CENTER, DOT_STYLE, LABEL_ZOOMS, MIN_ZOOM, TOWN_AT, ZOOM, ZOOM_SNAP, data_json, esc, map_labels
from ._marks import MARK_LAYERS, mark
from ._messages import MESSAGES, t, template
from ._pack import pack
from ._panel import record_view
from ._records import DATA_DIR, BoundaryError, read_boundaries
from ._schema import FOCUS_COUNTRIES
from ._style import FOCUS_LAND, NEIGHBOUR_LAND, cluster_swatches, confidence_swatches, precision_swatches
from ._templates import panel_words
from ._timeline import Interned, fill_options, timeline
from ._validate import Problem
from ._view import country_name, layer_title, palette_swatches, shown, status_at, word

YEARS = (2012, 2026)  # the app's slider (app.py)
DEFAULT_YEAR = 2025
BUDGET = 1_000_000  # bytes, before compression
# Every catalogue string the script needs; it fills {placeholders} itself and sets text with textContent only.
SCRIPT_MESSAGES = ("profile.title", "profile.none", "panel.empty", "panel.not_in_year", "panel.show_in_year",
                   "panel.same_place", "legend.country_level", "export.earlier_status", "export.back", "cite.title",
                   "cite.work", "cite.text", "cite.record", "cite.profile", "compare.title", "compare.note",
                   "permalink.notice", "permalink.too_long", "permalink.bad_year", "permalink.not_a_year",
                   "permalink.bad_layers", "permalink.bad_layers_default", "permalink.one_fill", "permalink.bad_country",
                   "permalink.bad_record")


class ExportRefused(Exception):
    """The data did not pass validation (or a boundary file is unreadable): nothing unchecked is exported."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


PAGE_STYLE = _frontend.style("export/page.css", "map/cluster.css", "app/compare.css")
PAGE_SCRIPT = _frontend.settings() + _frontend.scripts((*_frontend.HOOK_FILES, "map/cluster.js", "map/compose.js",
                                                        "export/unpack.js", "export/render.js", "export/page.js"))
SHOWN = tuple(lid for lid, layer in LAYERS.items() if not layer.fills)  # switched on and off, each on its own
FILLS = tuple(lid for lid, layer in LAYERS.items() if layer.fills)  # one at a time colours the countries


def _singulars() -> tuple[str, ...]:
    """The singular forms (`key.one`) of the script's messages that have one: its `fmt` picks them for a count of 1."""
    keys = SCRIPT_MESSAGES + _params_messages()
    return tuple(f"{key}.one" for key in keys if f"{key}.one" in MESSAGES["en"])


def _params_messages() -> tuple[str, ...]:
    """The link notices of the colourings' parameters (`permalink.bad_dimension`, `permalink.series_not_in_year`)."""
    out = []
    for lid in FILLS:
        param = LAYERS[lid].colouring.param
        if param:
            out += [f"permalink.bad_{param}"] + ([f"permalink.{param}_not_in_year"] if LAYERS[lid].colouring.per_year
                                                 else [])
    return tuple(out)


def _year(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


def _record(dataset: Dataset, layer_id: str, row: pd.Series) -> dict[str, Any]:
    """One record: its years, countries and, for placed records, its mark (geometry, tooltip, style), as the app
    draws it; its panel is in `views`."""
    out = {"id": row["id"], "layer": layer_id, "name": row["name"], "countries": row["country"].split(";"),
           "from": _year(row["year_from"]), "to": _year(row["year_to"]),
           "span": years_label(row, lambda start: t("panel.span_open", start=start))}
    if layer_id in MARK_LAYERS:  # a record without a place gets no geometry (not drawn) but keeps its status change
        out.update(mark(layer_id, row))
    if "since" in out:  # the words of the panel's note for a year before the current status began
        out.update(statusBefore=word("status", status_at(row, out["since"] - 1)),
                   statusNow=word("status", row["status"]))
    return out


class Snippets:
    """One copy of each HTML block (consecutive years often repeat a country's status); None for no block."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def ref(self, html: str) -> int | None:
        if not html:
            return None
        if html not in self._index:
            self._index[html] = len(self.values)
            self.values.append(html)
        return self._index[html]


def _profiles(dataset: Dataset) -> dict[str, Any]:
    """Each country's profile in each year, as the app's country_profile makes it: its blocks (shared HTML snippets),
    and the ids of its sections' records with how many each layer counts apart."""
    snippets, sections = Snippets(), Interned()  # (years repeat a country's sections: each one is kept once)
    years = range(YEARS[0], YEARS[1] + 1)
    out: dict[str, Any] = {"blocks": {}, "sections": {}}
    for code in FOCUS_COUNTRIES:
        profiles = [country_profile(dataset, code, year) for year in years]
        out["blocks"][code] = [{lid: snippets.ref(html) for lid, (_, _, html) in p.blocks.items()} for p in profiles]
        out["sections"][code] = [sections.refs({lid: [[rid for rid, _ in items],
                                                      section_heading(LAYERS[lid], items, p.apart.get(lid))]
                                                for lid, items in p.sections.items()}) for p in profiles]
    out["sectionTable"] = sections.values
    first = country_profile(dataset, next(iter(FOCUS_COUNTRIES)), YEARS[0])
    out["headings"] = {lid: [heading, template(LAYERS[lid].profile_block[1])]
                       for lid, (heading, _, _) in first.blocks.items()}
    out["open"] = {lid: LAYERS[lid].profile_open for lid in first.sections}
    out["snippets"] = snippets.values
    return out


def _colourings(dataset: Dataset) -> dict[str, Any]:
    """What each colouring offers (once for all years, or by year) and what it says under its control."""
    out: dict[str, Any] = {}
    for lid in FILLS:
        loaded, colouring = dataset.layers[lid], LAYERS[lid].colouring
        entry: dict[str, Any] = {"param": colouring.param, "perYear": colouring.per_year}
        if colouring.per_year and colouring.choices:
            entry["choices"] = {str(y): colouring.choices(loaded.layer, loaded.frame, y) for y in range(YEARS[0], YEARS[1] + 1)}
            all_values = sorted(set(loaded.frame[colouring.rows_field])) if colouring.rows_field else []
            entry["values"] = all_values
        if colouring.note:
            entry["notes"] = {str(y): {choice or "": colouring.note(loaded.layer, loaded.frame, y, choice)
                                       for choice in fill_options(dataset, lid, y)}
                              for y in range(YEARS[0], YEARS[1] + 1)}
        out[lid] = entry
    return out


def _legends(dataset: Dataset) -> dict[str, str]:
    """Legend blocks pre-rendered with the app's own legend_html; the page shows those that apply (a colouring's by
    its choice where its key depends on it)."""
    blocks = {}
    for lid, loaded in dataset.layers.items():
        layer = loaded.layer
        if layer.marks:
            blocks[lid] = legend_html(layer_title(layer), palette_swatches(layer, next(iter(layer.palettes))))
            continue
        colouring = layer.colouring
        if colouring.choices and not colouring.per_year:
            for choice, title in colouring.choices(layer, loaded.frame, DEFAULT_YEAR):
                swatches = colouring.draw(layer, loaded.frame, DEFAULT_YEAR, choice)[2]
                blocks[f"{lid}:{choice}"] = legend_html(f"{layer_title(layer)}: {title}", swatches)
        else:
            blocks[lid] = legend_html(layer_title(layer), colouring.draw(layer, loaded.frame, DEFAULT_YEAR, None)[2])
    blocks["confidence"] = legend_html(t("legend.confidence"), confidence_swatches())
    blocks["precision"] = legend_html(t("legend.precision"), precision_swatches() + cluster_swatches())
    return blocks


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


def _base(countries: dict, towns: dict) -> dict[str, Any]:
    """The constant basemap: focus countries (clickable), muted neighbours, labels, and the towns the app shows."""
    def feature(f: dict) -> dict:
        p, g = f["properties"], f["geometry"]
        return {"type": "Feature", "properties": {"iso_a2": p["iso_a2"], "name": p["name"]},
                "geometry": {"type": g["type"], "coordinates": rounded(g["coordinates"])}}

    def neighbour(f: dict) -> dict:  # decoration around the six: cut to the map's reach
        g = mapping(shape(f["geometry"]).intersection(NEIGHBOURS_REACH))
        return {"type": "Feature", "properties": {"iso_a2": f["properties"]["iso_a2"]},
                "geometry": {"type": g["type"], "coordinates": rounded(json.loads(json.dumps(g["coordinates"])), 3)}}

    return {"focus": [feature(f) for f in countries["features"] if f["properties"]["focus"]],
            "neighbours": [neighbour(f) for f in countries["features"] if not f["properties"]["focus"]],
            # placed as the app's map places them: at its opening zoom, and again at each step further out
            "labels": map_labels(countries, towns), "labelZooms": LABEL_ZOOMS, "townAt": TOWN_AT}


def payload(dataset: Dataset, countries: dict, towns: dict) -> dict[str, Any]:
    """Everything the page needs, as plain JSON built by the app's own code: each year's view (the map's timeline),
    records with their marks and packed panels, profiles, colourings, legends, the six countries' tables, basemap."""
    rows = [(lid, row) for lid in SHOWN for _, row in dataset.layers[lid].frame.iterrows()]
    records = [_record(dataset, lid, row) for lid, row in rows]
    styles = Interned()  # a handful of mark styles, each kept once (records name theirs by index)
    for r in records:
        r.update(styles.refs({k: r[k] for k in ("style", "styleBefore") if k in r}))
    tl = timeline(dataset, countries, YEARS)
    tl["fills"] = {key: fill for key, fill in tl["fills"].items() if not key.endswith(":tiles")}  # no tiles here
    # each record's panel as of the latest source: the view model the app renders too (its id and name are in
    # `records`), packed (layers/_pack.py): the budget is 1 MB
    views = pack([{k: v for k, v in record_view(dataset, lid, row, None).items() if k not in ("id", "title")}
                  for lid, row in rows])
    return {"years": list(YEARS), "year": DEFAULT_YEAR,
            "view": {"center": list(CENTER), "zoom": ZOOM, "minZoom": MIN_ZOOM, "zoomSnap": ZOOM_SNAP},
            "layers": [{"id": lid, "kind": "fill" if layer.fills else "marks" if layer.marks else "dots",
                        "first": layer.first_view} for lid, layer in LAYERS.items()],
            "timeline": tl, "dot": DOT_STYLE, "markStyles": styles.values,
            # by year and layer drawn as marks: how many of its records that year have no place of their own
            "countryLevel": {str(y): {lid: shown(dataset.layers[lid].frame, y)[2] for lid in MARK_LAYERS
                                      if dataset.layers[lid].ok} for y in range(YEARS[0], YEARS[1] + 1)},
            "records": records, "views": views,
            # records drawn on a point of another's (any year; the page keeps those its year shows, as the app does)
            "samePoint": shared_points(dataset),
            "profiles": _profiles(dataset), "colourings": _colourings(dataset), "legends": _legends(dataset),
            "base": _base(countries, towns), "countryNames": {code: country_name(code) for code in FOCUS_COUNTRIES},
            # the six countries side by side, one table per year, shown while no record or country is chosen
            "compare": pack([comparison_view(dataset, year) for year in range(YEARS[0], YEARS[1] + 1)]),
            "styles": {"focus": {"fillColor": FOCUS_LAND, "fillOpacity": 1, "color": "#6f6a60", "weight": 1.4,
                                 "dashArray": None},
                       "neighbour": {"fillColor": NEIGHBOUR_LAND, "fillOpacity": 1, "color": "#b9b7b0", "weight": 0.8}},
            "attribution": esc(t("export.map_attribution")),
            "messages": {key: template(key) for key in SCRIPT_MESSAGES + _params_messages() + _singulars()}
                        | {"cite.work": cited_work()},
            "words": panel_words()}


def _controls(dataset: Dataset) -> str:
    """Year, layer switches and country colours, as in the app's sidebar (the first view's colouring chosen)."""
    years = f'min="{YEARS[0]}" max="{YEARS[1]}" step="1" value="{DEFAULT_YEAR}"'
    boxes = "".join(f'<label class="wb-check"><input type="checkbox" name="layer" value="{lid}"'
                    f'{" checked" if LAYERS[lid].first_view else ""}> {esc(layer_title(LAYERS[lid]))}</label>'
                    for lid in SHOWN)
    fills = [("none", t("control.fill_none"))]
    for lid in FILLS:
        layer, loaded = LAYERS[lid], dataset.layers[lid]
        if layer.colouring.choices and not layer.colouring.per_year:
            fills += [(f"{lid}:{c}", f"{layer_title(layer)}: {title}")
                      for c, title in layer.colouring.choices(layer, loaded.frame, DEFAULT_YEAR)]
        else:
            fills.append((lid, layer_title(layer)))
    first = next((value for value, _ in fills if value.split(":")[0] in FILLS and LAYERS[value.split(":")[0]].first_view),
                 "none")
    options = "".join(f'<option value="{value}"{" selected" if value == first else ""}>{esc(label)}</option>'
                      for value, label in fills)
    per_year = next((LAYERS[lid].colouring for lid in FILLS if LAYERS[lid].colouring.per_year), None)
    choice = ""
    if per_year is not None:  # a colouring with choices of their own each year (the year's survey series)
        choice = (f'<div id="wb-series-box" hidden><label class="wb-label-block" for="wb-series">'
                  f'{esc(t(per_year.control))}</label><select id="wb-series"></select>'
                  f'<p id="wb-series-years" class="wb-help"></p></div><p id="wb-no-waves" class="wb-help" hidden></p>')
    return (f'<div class="wb-year"><label for="wb-year">{esc(t("control.year"))}</label>'
            f'<output id="wb-year-out" for="wb-year">{DEFAULT_YEAR}</output></div>'
            f'<input type="range" id="wb-year" {years} title="{esc(t("control.year_help"))}">'
            f'<p class="wb-help">{esc(t("control.year_help"))}</p>'
            f'<fieldset><legend>{esc(t("control.layers"))}</legend>{boxes}</fieldset>'
            f'<label class="wb-label-block" for="wb-fill">{esc(t("control.fill"))}</label>'
            f'<select id="wb-fill">{options}</select>{choice}')


def page(data: dict[str, Any], about: str, controls: str) -> str:
    """index.html: markup, CSS, the data as escaped JSON, and the script; assets by relative path only."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{esc(t("app.title"))}</title>
<link rel="stylesheet" href="leaflet/leaflet.css">
<link rel="stylesheet" href="leaflet/markercluster/MarkerCluster.css">
{PAGE_STYLE}
</head>
<body>
<header id="wb-head">
<h1>{esc(t("app.title"))}</h1>
<p class="wb-sub">{esc(t("app.subtitle"))}</p>
</header>
<section id="wb-controls" aria-label="{esc(t("export.controls_label"))}">
{controls}
</section>
<main id="wb-map" aria-label="{esc(t("export.map_label"))}"><noscript>{esc(t("export.noscript"))}</noscript></main>
<section id="wb-panel" aria-live="polite"></section>
<aside id="wb-key">
<h2>{esc(t("legend.title"))}</h2>
<div id="wb-legend"></div>
<p id="wb-country-level" class="wb-help"></p>
<details id="wb-about"><summary>{esc(t("about.title"))}</summary>{about}</details>
<p class="wb-attribution">{esc(t("export.attribution"))}</p>
</aside>
<script type="application/json" id="wb-data">{data_json(data)}</script>
<script src="leaflet/leaflet.js"></script>
<script src="leaflet/markercluster/leaflet.markercluster.js"></script>
<script>{PAGE_SCRIPT}</script>
</body>
</html>
"""


@dataclass
class Export:
    files: list[Path]
    raw: int
    gzip: int


def sizes(files: list[Path]) -> tuple[int, int]:
    """Total bytes as written and as gzip -9 would serve them (each file on its own, as a web server compresses)."""
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), compresslevel=9, mtime=0)) for f in files)
    return raw, packed


def export(out_dir: Path, data_dir: Path = DATA_DIR) -> Export:
    """Write OUT_DIR/index.html and OUT_DIR/leaflet/; refuses (ExportRefused) when the data has any problem.
    Other files already in OUT_DIR are left alone."""
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    dataset = load_dataset(LAYERS, data_dir)
    if dataset.problems:
        raise ExportRefused(dataset.problems)
    try:
        countries, towns = read_boundaries(data_dir)
    except BoundaryError as error:
        raise ExportRefused(error.problems) from None
    html = page(payload(dataset, countries, towns), about_html(dataset), _controls(dataset))
    files = [out_dir / "index.html", *copy_leaflet(out_dir / "leaflet")]  # the pinned wheels' files; no source maps
    files[0].write_text(html, encoding="utf-8", newline="\n")
    return Export(files, *sizes(files))
