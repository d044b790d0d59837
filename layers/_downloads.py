"""Downloads: the records of the current view as CSV or GeoJSON (with their sources), and the whole dataset."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from . import LAYERS
from ._dataset import Dataset
from ._filters import Filters
from ._i18n import SOURCE, language
from ._layer import in_year
from ._messages import t
from ._records import DATA_DIR
from ._view import status_at

# Spreadsheets run cells that start like formulas; a leading apostrophe keeps them text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Besides every layer's own file (the registry's): provenance, the reference universe, boundaries and the docs.
DATA_FILES = (*(layer.file_name for layer in LAYERS.values()), "figures.csv", "sources.csv", "not_mapped.csv",
              "hosts.csv", "reference/gcdf.csv", "reference/README.md", "countries.geojson", "admin1.geojson",
              "towns.geojson", "README.md", "COVERAGE.md")


def _shown(dataset: Dataset, year: int, layers: list[str], series: str | None,
           filters: Filters | None = None) -> Iterator[tuple[str, pd.DataFrame, np.ndarray]]:
    """(layer id, frame, rows shown) for each visible layer that loaded: those of `year` that pass the reader's
    `filters`; a colouring whose choice picks rows (a survey series, `series`) shows only those."""
    for layer_id, loaded in dataset.usable(layers):
        mask = in_year(loaded.frame, year)
        if filters is not None and filters.active:
            mask &= filters.mask(loaded.layer, loaded.frame, year)
        colouring = loaded.layer.colouring
        if colouring is not None and colouring.rows_field:
            mask &= (loaded.frame[colouring.rows_field] == series).to_numpy()
        yield layer_id, loaded.frame, mask


def view_records(dataset: Dataset, year: int, layers: list[str], series: str | None = None,
                 filters: Filters | None = None) -> pd.DataFrame:
    """Every record the view shows for `year`: one row per record, with its layer and geometry (if any)."""
    frames = []
    for layer_id, frame, mask in _shown(dataset, year, layers, series, filters):
        shown = pd.DataFrame(frame[mask]).assign(layer=layer_id)
        if dataset.layers[layer_id].layer.lifecycle:  # the status as the map shows it that year, beside the latest source's
            in_the_year = [status_at(row, year) for _, row in shown.iterrows()]
            shown.insert(shown.columns.get_loc("status"), "status_in_year", in_the_year)
        frames.append(shown)
    return _one_table(frames)


def country_records(dataset: Dataset, code: str) -> pd.DataFrame:
    """Every record of a country, of every layer and year (a country's profile offers them): one row per record, with
    its layer and geometry (if any), in the layers' order."""
    return _one_table([pd.DataFrame(loaded.frame[Filters(countries=(code,)).mask(loaded.layer, loaded.frame)])
                       .assign(layer=layer_id) for layer_id, loaded in dataset.usable(list(dataset.layers))])


def _one_table(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Layers' rows as one table; a layer without places gets an empty geometry."""
    for frame in frames:
        if "geometry" not in frame:
            frame["geometry"] = None
    if not frames:
        return pd.DataFrame(columns=["layer", "id", "geometry"])
    return pd.concat(frames, ignore_index=True, sort=False)


def count_view_records(dataset: Dataset, year: int, layers: list[str], series: str | None = None,
                       filters: Filters | None = None) -> int:
    """len(view_records(...)) without building the table: the download help shows it on every rerun."""
    return sum(int(mask.sum()) for _, _, mask in _shown(dataset, year, layers, series, filters))


def _flat(records: pd.DataFrame, dataset: Dataset) -> list[dict]:
    columns = ["layer", "id", "name", "country", "year_from", "year_to"]
    columns += [c for c in records.columns if c not in columns and c != "geometry"]
    table = pd.DataFrame(records, columns=columns).astype(object)
    table = table.where(table.notna(), "")
    out = table.to_dict("records")
    for row in out:
        row["figures"], row["more_sources"] = dataset.provenance.get(row["id"], ("", ""))
    return out


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def column_headers(fields: list[str]) -> list[str]:
    """A view's CSV columns as its reader's language names them (English: the fields' ids, as in geodata/); each
    stays unique. The cells keep the data's own values and ids, and the GeoJSON its English keys, for machines."""
    if language() == SOURCE:
        return fields
    labels = [t(f"field.{name}", default=name.replace("_", " ")) for name in fields]
    return [f"{label} ({name})" if labels.count(label) > 1 else label for label, name in zip(labels, fields)]


def to_csv(records: pd.DataFrame, dataset: Dataset) -> bytes:
    rows = _flat(records, dataset)
    buffer = io.StringIO()
    fields = list(rows[0]) if rows else ["layer", "id", "name"]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(column_headers(fields))
    writer.writerows([safe_cell(row[name]) for name in fields] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _plain(value: object) -> object:
    """numpy and pandas scalars as plain Python values, for JSON."""
    return value.item() if hasattr(value, "item") else value


def to_geojson(records: pd.DataFrame, dataset: Dataset) -> bytes:
    """RFC 7946 FeatureCollection; country-level records carry a null geometry."""
    features = []
    geometries = records["geometry"] if "geometry" in records else [None] * len(records)
    for flat, geometry in zip(_flat(records, dataset), geometries):
        geo = geometry.__geo_interface__ if hasattr(geometry, "__geo_interface__") else None
        props = {key: _plain(value) for key, value in flat.items()}
        features.append({"type": "Feature", "properties": props, "geometry": geo})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")


def dataset_zip(data_dir: Path = DATA_DIR, extra: tuple[Path, ...] = ()) -> bytes:
    """The whole dataset as published (data files, data dictionary, licence and citation)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in DATA_FILES:
            if (Path(data_dir) / name).is_file():  # a missing file is reported by validation, not here
                archive.write(Path(data_dir) / name, f"geodata/{name}")
        for path in extra:
            if path.exists():
                archive.write(path, path.name)
    return buffer.getvalue()
