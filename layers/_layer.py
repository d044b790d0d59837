"""Layer: a declared value naming its data file and fields; loading turns the file into a typed, checked frame."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from ._records import DATA_DIR, DataFileError, display_path, read_csv, read_geojson
from ._schema import COMMON_FIELDS, PLACE_FIELDS, Field
from ._validate import Problem, as_year, check_geometry, check_record, check_value, is_empty


@dataclass(frozen=True)
class Apart:
    """A part of a layer's records counted apart wherever its records are counted (profiles, the six-countries
    table): the records whose `field` is `word`, e.g. deployments whose sources name a Chinese vendor."""

    field: str
    word: str
    profile_count: str  # message key: "{count} …{apart}…", the section's heading count in a country's profile
    table_count: str  # message key: "… {count}", the number's note in the six-countries table


@dataclass(frozen=True)
class Colouring:
    """How a layer drawn on the countries (`country_fill`, `country_points`) draws a year.

    `draw(layer, frame, year, choice)` gives (colour by country, tooltip HTML by country, the key's swatches);
    `choices(layer, frame, year)` the (id, title) pairs a reader may choose from, the first the default (none: nothing
    to choose); `param` names the choice in links, `control` labels it (a message key); `per_year`: each year has
    choices of its own (survey series); `rows_field`: a choice picks the rows whose field has it (not a column)."""

    draw: Callable[..., tuple[dict, dict, list]]
    choices: Callable[..., list[tuple[str, str]]] | None = None
    param: str | None = None
    control: str | None = None
    per_year: bool = False
    rows_field: str | None = None
    note: Callable[..., str] | None = None  # note(layer, frame, year, choice): said under its control, or ""


@dataclass(frozen=True)
class Layer:
    """One map layer. Modules in `layers/` declare one as `LAYER = Layer(...)`; what differs between layers is said
    here, and the machinery (map, key, search, profiles, downloads, the export) loops over the registry."""

    id: str
    title: str
    description: str
    fields: tuple[Field, ...]
    file_format: str  # "geojson" (points and lines) or "csv" (country tables)
    style: str  # "features" | "country_fill" | "country_points"
    order: int = 100
    # field -> {word: (colour, legend label)}; features use the first, country fills let the reader choose.
    palettes: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # how its points are drawn, on the map and in the key (layers._style.MARK_SHAPES): each layer its own, so that a
    # reader who cannot tell its colours from another layer's still tells its marks apart
    shape: str = "circle"
    # the second line of a mark's tooltip: tooltip(row, status) (status: a project's status in the year drawn)
    tooltip: Callable[[Any, str | None], str] | None = None
    profile: str | None = None  # message key of the section listing its records in a country's profile
    profile_open: bool = True  # that section open at first
    apart: Apart | None = None
    search_fields: tuple[str, ...] = ()  # fields whose text follows a record's name in the search (company, vendor)
    search_label: Callable[[Any], str] | None = None  # or a text made from the row (a poll's figure)
    searchable: bool = True
    first_view: bool = True  # shown in a session's first view (and in a link that names no layers)
    colouring: Colouring | None = None
    # a block of a country's profile: (message keys of its heading and of what it says without one, make(dataset,
    # country, year) -> HTML or "")
    profile_block: tuple[str, str, Callable[..., str]] | None = None
    table_fields: tuple[str, ...] = ()  # fields shown, in short words, in the six-countries table
    # the records' table's shared columns ("kind", "company", "financier") -> this layer's field that fills each
    record_columns: dict[str, str] = field(default_factory=dict)
    basis: dict[str, str] = field(default_factory=dict)  # field -> the field naming the event records it rests on
    covered: bool = False  # the layer geodata/COVERAGE.md counts and reconciles with AidData (the projects)

    @property
    def marks(self) -> bool:
        """Drawn as marks of its own (points and lines), from the static map script."""
        return self.style == "features"

    @property
    def fills(self) -> bool:
        """Colours the countries (one such layer at a time)."""
        return self.style == "country_fill"

    @property
    def lifecycle(self) -> bool:
        """Its records have a status that changes over the years (a project under construction before completion)."""
        return any(f.name == "completion_year" for f in self.fields)

    @property
    def file_name(self) -> str:
        return f"{self.id}.{self.file_format}"

    @property
    def all_fields(self) -> tuple[Field, ...]:
        place = PLACE_FIELDS if self.file_format == "geojson" else ()
        return COMMON_FIELDS + place + self.fields

    def kind_of(self, field_name: str | None, default: str = "") -> str:
        """The kind of one of the layer's fields (`default` where it has none of that name): of the field that fills
        a shared column, `kind_of(record_columns.get(column))`."""
        return next((f.kind for f in self.all_fields if f.name == field_name), default)

    def path(self, data_dir: Path = DATA_DIR) -> Path:
        return Path(data_dir) / self.file_name


@dataclass
class Loaded:
    """A layer's records as a typed frame, with every problem found; `frame` is empty when there are problems."""

    layer: Layer
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    raw_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def typed_frame(records: list[dict[str, Any]], fields: tuple[Field, ...]) -> pd.DataFrame:
    """Records as a frame with one column per field: years as Int64, numbers as Float64, the rest as text."""
    columns: dict[str, Any] = {}
    for f in fields:
        values = [r.get(f.name) for r in records]
        if f.kind in ("year", "int"):
            columns[f.name] = pd.array([as_year(v) if not is_empty(v) else None for v in values], dtype="Int64")
        elif f.kind == "number":
            columns[f.name] = pd.array([float(v) if not is_empty(v) else None for v in values], dtype="Float64")
        else:
            columns[f.name] = ["" if is_empty(v) else str(v).strip() for v in values]
    return pd.DataFrame(columns, index=pd.RangeIndex(len(records)))


def empty_frame(layer: Layer) -> pd.DataFrame:
    frame = typed_frame([], layer.all_fields)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs="EPSG:4326")) if layer.file_format == "geojson" else frame


def load_layer(layer: Layer, data_dir: Path = DATA_DIR) -> Loaded:
    """Read and check a layer's file. Any problem disables the layer: nothing unchecked reaches the map."""
    path = layer.path(data_dir)
    name = display_path(path)
    fields = layer.all_fields
    try:
        if layer.file_format == "geojson":
            pairs = read_geojson(path)
        else:
            pairs = [(row, None) for row in read_csv(path)]
    except DataFileError as error:
        return Loaded(layer, empty_frame(layer), [Problem(name, "", "", str(error))])
    problems: list[Problem] = []
    for props, geometry in pairs:
        problems += check_record(name, props, fields)
        if layer.file_format == "geojson":
            problems += check_geometry(name, str(props.get("id", "")), geometry, props.get("precision"))
    raw_ids = [str(props.get("id", "")).strip() for props, _ in pairs]
    if problems:
        return Loaded(layer, empty_frame(layer), problems, raw_ids)
    frame = typed_frame([props for props, _ in pairs], fields)
    if layer.file_format == "geojson":
        frame = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([g for _, g in pairs], crs="EPSG:4326"))
    return Loaded(layer, frame, [], raw_ids)


def in_year(frame: pd.DataFrame, year: int) -> np.ndarray:
    """The one year rule of every layer: shown when year_from <= year <= year_to (empty year_to = still current).
    A boolean array (not a Series): it runs on every rerun, and callers index column arrays with it."""
    start = frame["year_from"].to_numpy(dtype=float, na_value=np.nan)
    end = frame["year_to"].to_numpy(dtype=float, na_value=np.inf)  # empty = still current
    return (start <= year) & (year <= end)


def shown_mask(frame: pd.DataFrame, year: int | None = None, countries: set[str] | None = None) -> np.ndarray:
    """Which rows `filter_records` keeps, as a boolean array: a caller that needs a column or two copies no frame."""
    keep = np.ones(len(frame), dtype=bool)
    if year is not None:
        keep &= in_year(frame, year)
    if countries:
        keep &= np.fromiter((bool(set(codes.split(";")) & countries) for codes in frame["country"].to_numpy()),
                            dtype=bool, count=len(frame))
    return keep


def rows_of(frame: pd.DataFrame, keep: np.ndarray, columns: tuple[str, ...]) -> list[dict]:
    """The kept rows as plain dicts of only these columns, read from column arrays (no copy of the frame)."""
    return [dict(zip(columns, values)) for values in zip(*(frame[c].to_numpy()[keep] for c in columns))]


def by_country(rows: list[dict]) -> dict[str, list[dict]]:
    """Rows (plain dicts, from `rows_of`) grouped by country, countries sorted, rows in file order."""
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row["country"], []).append(row)
    return dict(sorted(out.items()))


def apart_mask(layer: Layer, frame: pd.DataFrame) -> np.ndarray:
    """The rows of a layer's frame its `apart` counts (none for a layer without one)."""
    if layer.apart is None or layer.apart.field not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame[layer.apart.field].to_numpy() == layer.apart.word


def filter_records(frame: pd.DataFrame, year: int | None = None, countries: set[str] | None = None) -> pd.DataFrame:
    """Records shown for a year and a set of countries; keeps every column so provenance survives."""
    return frame[shown_mask(frame, year, countries)]


def check_refs(file: str, frame_or_records: list[dict[str, Any]], fields: tuple[Field, ...], ids: set[str]) -> list[Problem]:
    """Reference fields (kind `ref`, several ids joined by `;`) must name records that exist."""
    problems = []
    for record in frame_or_records:
        for f in fields:
            value = record.get(f.name)
            if f.kind != "ref" or is_empty(value) or check_value(f, value):
                continue
            missing = [v for v in str(value).split(";") if v.strip() not in ids]
            if missing:
                rid = str(record.get("id") or record.get("record_id") or "")
                problems.append(Problem(file, rid, f.name, f"refers to unknown record{'s' if len(missing) > 1 else ''} {', '.join(missing)}"))
    return problems
