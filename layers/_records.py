"""Reading data files into raw records (dicts), before any checking or typing."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ._validate import Problem

SHIPPED_DATA = Path(__file__).resolve().parent.parent / "geodata"


def data_dir() -> Path:
    """The dataset in use: WB_DATA_DIR points the app and the tools at another copy (benchmarks, hostile-data tests)."""
    return Path(os.environ.get("WB_DATA_DIR") or SHIPPED_DATA)


DATA_DIR = data_dir()


class DataFileError(Exception):
    """A data file that cannot be read at all (missing, not UTF-8, not CSV/GeoJSON)."""


def read_csv(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise DataFileError("file is missing") from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise DataFileError(f"cannot be read as UTF-8 CSV: {error}") from None
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            raise DataFileError(f"line {number}: wrong number of columns")
    return rows


def read_geojson(path: Path) -> list[tuple[dict[str, Any], BaseGeometry | None]]:
    """(properties, geometry) pairs; geometry is None for a feature whose geometry is null."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError("file is missing") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise DataFileError(f"cannot be read as UTF-8 JSON: {error}") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise DataFileError("not a GeoJSON FeatureCollection")
    features = document.get("features")
    if not isinstance(features, list):
        raise DataFileError("FeatureCollection has no features list")
    out = []
    for index, feature in enumerate(features):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise DataFileError(f"feature {index}: not a Feature with properties")
        geometry = feature.get("geometry")
        try:
            out.append((feature["properties"], shape(geometry) if geometry else None))
        except (ValueError, TypeError, AttributeError, KeyError) as error:
            raise DataFileError(f"feature {index} ({feature['properties'].get('id')}): bad geometry: {error}") from None
    return out


class BoundaryError(DataFileError):
    """Boundary files that cannot be read; `problems` names each one."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def read_boundaries(data_dir: Path) -> tuple[dict, dict]:
    """countries.geojson and towns.geojson, the map's base (not records: checked for readability only)."""
    out, problems = [], []
    for name in ("countries.geojson", "towns.geojson"):
        try:
            out.append(json.loads((data_dir / name).read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            problems.append(Problem(display_path(data_dir / name), "", "", f"cannot be read: {error}"))
    if problems:
        raise BoundaryError(problems)
    return out[0], out[1]


def display_path(path: Path) -> str:
    """A short path for messages: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)
