"""A static, embeddable copy of the map: one index.html (page, data and script inline) plus Leaflet from its wheel."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import LAYERS
from ._about import about_html
from ._assets import copy_leaflet
from . import _frontend
from ._compare import comparison_html
from ._dataset import Dataset, load_dataset
from ._details import cited_work, country_profile, legend_html
from ._pack import pack
from ._panel import record_view
from ._templates import panel_words
from ._map import CENTER, LABEL_ZOOMS, MIN_ZOOM, TOWN_AT, ZOOM, ZOOM_SNAP, data_json, esc, map_labels
from ._marks import MARK_LAYERS, mark
from ._messages import MESSAGES, t, template
from ._records import DATA_DIR, BoundaryError, read_boundaries
from ._schema import FOCUS_COUNTRIES
from ._style import (
    FOCUS_LAND,
    NEIGHBOUR_LAND,
    NO_DATA,
    SEA,
    Swatch,
    confidence_swatches,
    precision_swatches,
    cluster_swatches,
    ramp,
)
from ._validate import Problem
from ._view import (
    DISAGREE,
    chinese_vendor,
    country_name,
    layer_title,
    palette_swatches,
    poll_figure,
    poll_years,
    sentiment_swatches,
    status_at,
    word,
    years_text,
)

YEARS = (2012, 2026)  # the app's slider (app.py)
DEFAULT_YEAR = 2025
BUDGET = 1_000_000  # bytes, before compression
PROFILE_LAYERS = (("infrastructure", "profile.projects"), ("surveillance", "profile.deployments"),
                  ("events", "profile.events"), ("vaccines", "profile.vaccines"))
# Every catalogue string the script needs; it fills {placeholders} itself and sets text with textContent only.
SCRIPT_MESSAGES = ("profile.title", "profile.status", "profile.sentiment", "profile.no_status", "profile.no_sentiment",
                   "profile.none", "profile.projects", "profile.deployments", "profile.deployments_count",
                   "profile.events", "profile.vaccines",
                   "panel.empty", "panel.not_in_year", "panel.span_open", "panel.show_in_year", "panel.same_place", "control.no_waves",
                   "control.series_years", "legend.country_level",
                   "export.country_tip", "tip.no_poll", "export.earlier_status", "export.back", "cite.title",
                   "cite.work",
                   "cite.text", "cite.record", "cite.profile", "compare.title", "compare.note", "permalink.notice",
                   "permalink.too_long", "permalink.bad_year", "permalink.not_a_year", "permalink.bad_layers",
                   "permalink.bad_layers_default", "permalink.one_fill",
                   "permalink.bad_dimension", "permalink.bad_series", "permalink.series_not_in_year",
                   "permalink.bad_country", "permalink.bad_record")


class ExportRefused(Exception):
    """The data did not pass validation (or a boundary file is unreadable): nothing unchecked is exported."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


PAGE_STYLE = _frontend.style("export/page.css", "map/cluster.css", "app/compare.css")
PAGE_SCRIPT = _frontend.settings() + _frontend.scripts((*_frontend.HOOK_FILES, "map/cluster.js", "export/unpack.js",
                                                        "export/render.js", "export/page.js"))


def _singulars() -> tuple[str, ...]:
    """The singular forms (`key.one`) of the script's messages that have one: its `fmt` picks them for a count of 1."""
    return tuple(f"{key}.one" for key in SCRIPT_MESSAGES if f"{key}.one" in MESSAGES["en"])


def _year(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


def _record(dataset: Dataset, layer_id: str, row: pd.Series) -> dict[str, Any]:
    """One record: year range, countries, its details panel (escaped HTML) and, for placed records, its mark
    (geometry, tooltip, style), as the app draws it."""
    out = {"id": row["id"], "layer": layer_id, "name": row["name"], "countries": row["country"].split(";"),
           "from": _year(row["year_from"]), "to": _year(row["year_to"]),
           }
    if layer_id == "vaccines":
        out["mode"] = row["mode"]
    if layer_id == "surveillance" and chinese_vendor(row):
        out["chinese"] = True  # counted apart in the country profile, as in the app
    if layer_id in MARK_LAYERS:  # a record without a place gets no geometry (not drawn) but keeps its status change
        out.update(mark(layer_id, row))
    if "since" in out:  # the words of the panel's note for a year before the current status began
        out.update(statusBefore=word("status", status_at(row, out["since"] - 1)),
                   statusNow=word("status", row["status"]))
    return out


def _intern(snippets: list[str], text: str) -> int | None:
    """Index of `text` in a shared list (consecutive years often repeat a country's status); None for no text."""
    if not text:
        return None
    if text not in snippets:
        snippets.append(text)
    return snippets.index(text)


def _fills(dataset: Dataset) -> dict[str, Any]:
    """Country-fill data: diplomacy rows per dimension, survey waves with their colour, and each country's profile
    texts per year (status and latest poll, from the app's country_profile), shared where years repeat."""
    snippets: list[str] = []
    diplomacy = LAYERS["diplomacy"]
    palettes = {dim: {value: [colour, t(f"legend.diplomacy.{dim}.{value}", default=label)]
                      for value, (colour, label) in palette.items()}
                for dim, palette in diplomacy.palettes.items()}
    years = range(YEARS[0], YEARS[1] + 1)
    profiles = {code: [country_profile(dataset, code, year) for year in years] for code in FOCUS_COUNTRIES}
    status = {code: [_intern(snippets, p.status_html) for p in each] for code, each in profiles.items()}
    rows = [{"country": row["country"], "from": _year(row["year_from"]), "to": _year(row["year_to"]),
             "values": {dim: row[dim] for dim in diplomacy.palettes}}
            for _, row in dataset.layers["diplomacy"].frame.iterrows()]
    polls = dataset.layers["sentiment"].frame
    waves = [{"country": w["country"], "from": _year(w["year_from"]), "to": _year(w["year_to"]), "series": w["series"],
              "title": w["name"].split(" – ")[0], "colour": ramp(float(w["value"])),
              "figure": poll_figure(w), "question": w["question"]}
             for _, w in polls.iterrows()]
    latest = {code: [_intern(snippets, p.sentiment_html) for p in each] for code, each in profiles.items()}
    return {"palettes": palettes, "dimensions": {dim: t("field." + dim) for dim in diplomacy.palettes},
            "diplomacy": rows, "sentiment": waves, "status": status, "latestPoll": latest, "snippets": snippets,
            "pollYears": {series or "": years_text(poll_years(polls, series))  # "" for every series
                          for series in [None, *polls["series"].unique()]},
            "noData": NO_DATA, "disagree": DISAGREE, "vaccine": LAYERS["vaccines"].palettes["mode"]["purchase"][0]}


def _legends() -> dict[str, str]:
    """Legend blocks pre-rendered with the app's own legend_html; the page shows those that apply."""
    blocks = {lid: legend_html(layer_title(LAYERS[lid]), palette_swatches(LAYERS[lid], next(iter(LAYERS[lid].palettes))))
              for lid in MARK_LAYERS}
    no_data = Swatch(t("legend.no_data"), NO_DATA, shape="fill", dash="3 4")
    diplomacy = LAYERS["diplomacy"]
    for dim in diplomacy.palettes:
        swatches = palette_swatches(diplomacy, dim, shape="fill") + [no_data]
        blocks[f"diplomacy:{dim}"] = legend_html(f"{layer_title(diplomacy)}: {t('field.' + dim)}", swatches)
    blocks["sentiment"] = legend_html(layer_title(LAYERS["sentiment"]), sentiment_swatches())
    gold = LAYERS["vaccines"].palettes["mode"]["purchase"][0]
    swatches = [Swatch(t("legend.vaccines.delivered"), gold), Swatch(t("legend.vaccines.none"), "#ffffff")]
    blocks["vaccines"] = legend_html(layer_title(LAYERS["vaccines"]), swatches)
    blocks["confidence"] = legend_html(t("legend.confidence"), confidence_swatches())
    blocks["precision"] = legend_html(t("legend.precision"), precision_swatches() + cluster_swatches())
    return blocks


def rounded(value: Any, places: int = 4) -> Any:
    """Coordinates to `places` decimals (4: about 10 m, finer than a border is drawn at the closest zoom); a vertex two
    countries share rounds the same for both, so their borders still meet."""
    if isinstance(value, float):
        return round(value, places)
    if isinstance(value, list):
        return [rounded(item, places) for item in value]
    return value


def _base(countries: dict, towns: dict) -> dict[str, Any]:
    """The constant basemap: focus countries (clickable), muted neighbours, labels, and the towns the app shows."""
    def feature(f: dict) -> dict:
        p, g = f["properties"], f["geometry"]
        return {"type": "Feature", "properties": {"iso_a2": p["iso_a2"], "name": p["name"]},
                "geometry": {"type": g["type"], "coordinates": rounded(g["coordinates"])}}

    props = [f["properties"] for f in countries["features"]]
    focus = [f for f in countries["features"] if f["properties"]["focus"]]
    return {"focus": [feature(f) for f in focus],
            "neighbours": [feature(f) for f in countries["features"] if not f["properties"]["focus"]],
            # placed as the app's map places them: at its opening zoom, and again at each step further out
            "labels": map_labels(countries, towns), "labelZooms": LABEL_ZOOMS, "townAt": TOWN_AT,
            "vaccineAt": {p["iso_a2"]: [p["label_lat"] - 0.12, p["label_lon"]] for p in props if p["focus"]}}


def payload(dataset: Dataset, countries: dict, towns: dict) -> dict[str, Any]:
    """Everything the page needs, as plain JSON: records with their pre-escaped panels, fills, legend, basemap."""
    rows = [(layer_id, row) for layer_id in (*MARK_LAYERS, "vaccines") for _, row in dataset.layers[layer_id].frame.iterrows()]
    records = [_record(dataset, layer_id, row) for layer_id, row in rows]
    # each record's panel as of the latest source: the view model the app renders too (its id and name are in
    # `records`), packed (layers/_pack.py): the budget is 1 MB
    views = pack([{k: v for k, v in record_view(dataset, layer_id, row, None).items() if k not in ("id", "title")}
                  for layer_id, row in rows])
    return {"years": list(YEARS), "year": DEFAULT_YEAR, "view": {"center": list(CENTER), "zoom": ZOOM, "minZoom": MIN_ZOOM, "zoomSnap": ZOOM_SNAP},
            "markLayers": list(MARK_LAYERS), "records": records, "views": views,
            "fillLayers": [lid for lid, layer in LAYERS.items() if layer.style == "country_fill"],
            "fills": _fills(dataset), "legends": _legends(),
            "base": _base(countries, towns), "countryNames": {code: country_name(code) for code in FOCUS_COUNTRIES},
            "profileLayers": [[lid, key] for lid, key in PROFILE_LAYERS],
            # the six countries side by side, one table per year, shown while no record or country is chosen
            "compare": [comparison_html(dataset, year, note=False) for year in range(YEARS[0], YEARS[1] + 1)],
            "styles": {"focus": {"fillColor": FOCUS_LAND, "fillOpacity": 1, "color": "#6f6a60", "weight": 1.4,
                                 "dashArray": None},
                       "neighbour": {"fillColor": NEIGHBOUR_LAND, "fillOpacity": 1, "color": "#b9b7b0", "weight": 0.8}},
            "attribution": esc(t("export.map_attribution")),
            "messages": {key: template(key) for key in SCRIPT_MESSAGES + _singulars()} | {"cite.work": cited_work()},
            "words": panel_words()}


def _controls() -> str:
    """Year, layer switches and country colours, as in the app's sidebar (diplomacy by NATO status first)."""
    years = f'min="{YEARS[0]}" max="{YEARS[1]}" step="1" value="{DEFAULT_YEAR}"'
    boxes = "".join(f'<label class="wb-check"><input type="checkbox" name="layer" value="{lid}" checked> '
                    f'{esc(layer_title(LAYERS[lid]))}</label>' for lid in (*MARK_LAYERS, "vaccines"))
    diplomacy = LAYERS["diplomacy"]
    fills = [("none", t("control.fill_none"))]
    fills += [(f"diplomacy:{dim}", f"{layer_title(diplomacy)}: {t('field.' + dim)}") for dim in diplomacy.palettes]
    fills.append(("sentiment", layer_title(LAYERS["sentiment"])))
    options = "".join(f'<option value="{value}"{" selected" if value == "diplomacy:nato" else ""}>{esc(label)}</option>'
                      for value, label in fills)
    return (f'<div class="wb-year"><label for="wb-year">{esc(t("control.year"))}</label>'
            f'<output id="wb-year-out" for="wb-year">{DEFAULT_YEAR}</output></div>'
            f'<input type="range" id="wb-year" {years} title="{esc(t("control.year_help"))}">'
            f'<p class="wb-help">{esc(t("control.year_help"))}</p>'
            f'<fieldset><legend>{esc(t("control.layers"))}</legend>{boxes}</fieldset>'
            f'<label class="wb-label-block" for="wb-fill">{esc(t("control.fill"))}</label>'
            f'<select id="wb-fill">{options}</select>'
            f'<div id="wb-series-box" hidden><label class="wb-label-block" for="wb-series">{esc(t("control.series"))}'
            f'</label><select id="wb-series"></select><p id="wb-series-years" class="wb-help"></p></div>'
            f'<p id="wb-no-waves" class="wb-help" hidden></p>')


def page(data: dict[str, Any], about: str) -> str:
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
{_controls()}
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
    html = page(payload(dataset, countries, towns), about_html(dataset))
    files = [out_dir / "index.html", *copy_leaflet(out_dir / "leaflet")]  # the pinned wheels' files; no source maps
    files[0].write_text(html, encoding="utf-8", newline="\n")
    return Export(files, *sizes(files))
