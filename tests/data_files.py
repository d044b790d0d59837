"""The data files read plainly (csv / json), without the app's loader, for tests that check the app against them."""

from __future__ import annotations

import csv
import json

from layers._records import DATA_DIR


def raw_records(name: str) -> list[dict]:
    """A file's records as written: CSV rows, or the properties of each GeoJSON feature."""
    path = DATA_DIR / name
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    return [f["properties"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]
