"""The whole dataset: every layer plus the shared provenance tables, loaded and cross-checked together."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ._hygiene import Host, hedge_problems, load_hosts, second_source_problems, source_problems
from ._layer import Layer, Loaded, check_refs, load_layer, typed_frame
from ._records import DATA_DIR, DataFileError, display_path, read_csv, read_geojson
from ._reference import Reference, load_reference
from ._schema import FIGURE_FIELDS, SOURCE_FIELDS, Field
from ._validate import Problem, check_length, check_record, check_unique, stated_km

# Extra sources and sourced figures for records of any layer (each figure keeps its own source).
PROVENANCE_FILES: dict[str, tuple[Field, ...]] = {"sources.csv": SOURCE_FIELDS, "figures.csv": FIGURE_FIELDS}


@dataclass
class Dataset:
    layers: dict[str, Loaded]
    sources: pd.DataFrame
    figures: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    reference: Reference | None = None  # AidData's GCDF rows and how each is accounted for
    hosts: dict[str, Host] = field(default_factory=dict)  # hosts no primary source may be on

    @cached_property
    def provenance(self) -> dict[str, tuple[str, str]]:
        """record id -> (its figures, its further sources) as one-line text, computed once for downloads."""
        figures = {rid: " | ".join(
            f"{f['figure']}={f['value']:g} {f['unit']}{' ' + f['qualifier'] if f['qualifier'] else ''}: {f['label']} "
            f"[{f['source_url']} ({f['publisher']}, {f['published']}); {f['confidence']}]" for f in rows)
            for rid, rows in self._figures_by_record.items()}
        sources = {rid: " | ".join(f"{s['source_url']} ({s['publisher']}, {s['published']})" for s in rows)
                   for rid, rows in self._sources_by_record.items()}
        return {rid: (figures.get(rid, ""), sources.get(rid, "")) for rid in set(figures) | set(sources)}

    @cached_property
    def _figures_by_record(self) -> dict[str, tuple[dict, ...]]:
        return _by_record(self.figures)

    @cached_property
    def _sources_by_record(self) -> dict[str, tuple[dict, ...]]:
        return _by_record(self.sources)

    def figures_of(self, record_id: str) -> tuple[dict, ...]:
        """A record's sourced figures, in file order (grouped once: every panel asks; shared, so not to be changed)."""
        return self._figures_by_record.get(record_id, ())

    def sources_of(self, record_id: str) -> tuple[dict, ...]:
        """A record's further sources, in file order."""
        return self._sources_by_record.get(record_id, ())

    @cached_property
    def _index(self) -> dict[str, tuple[str, pd.Series]]:
        return {row["id"]: (layer_id, row) for layer_id, loaded in self.layers.items() for _, row in loaded.frame.iterrows()}

    def usable(self, layer_ids: Iterable[str]) -> Iterator[tuple[str, Loaded]]:
        """The layers among `layer_ids` that loaded without problems, in that order (a broken one is left out)."""
        for layer_id in layer_ids:
            loaded = self.layers.get(layer_id)
            if loaded is not None and loaded.ok:
                yield layer_id, loaded

    def record(self, record_id: str) -> tuple[str, pd.Series] | None:
        """(layer id, record) for an id, or None; looked up in an index built once (panels cite many records)."""
        return self._index.get(record_id)


def _by_record(table: pd.DataFrame) -> dict[str, tuple[dict, ...]]:
    """A provenance table's rows (plain dicts) by record id, in file order: one pass over the table (a pandas
    groupby with `to_dict` per group took 0.23 s, paid by the first panel a process opened)."""
    grouped: dict[str, list[dict]] = {}
    for row in table.to_dict("records"):
        grouped.setdefault(row["record_id"], []).append(row)
    return {rid: tuple(rows) for rid, rows in grouped.items()}


def _raw_records(layer: Layer, data_dir: Path) -> list[dict]:
    """Raw properties of a layer's file for cross-file checks; empty when unreadable (already reported)."""
    try:
        if layer.file_format == "geojson":
            return [props for props, _ in read_geojson(layer.path(data_dir))]
        return read_csv(layer.path(data_dir))
    except DataFileError:
        return []


def load_dataset(layers: dict[str, Layer], data_dir: Path = DATA_DIR) -> Dataset:
    """Load every layer and the provenance tables; collect every problem, including cross-file ones."""
    data_dir = Path(data_dir)
    loaded = {layer_id: load_layer(layer, data_dir) for layer_id, layer in layers.items()}
    problems = [p for result in loaded.values() for p in result.problems]
    seen: dict[str, str] = {}
    for result in loaded.values():
        problems += check_unique(display_path(result.layer.path(data_dir)), result.raw_ids, seen)
    ids = set(seen)
    hosts, host_problems = load_hosts(data_dir)
    problems += host_problems
    raw: list[dict] = []
    for layer in layers.values():
        name = display_path(layer.path(data_dir))
        records = _raw_records(layer, data_dir)
        problems += check_refs(name, records, layer.all_fields, ids)
        problems += source_problems(name, records, hosts, primary=True) + hedge_problems(name, records)
        raw += [dict(record, _file=name) for record in records]
    tables = {}
    for file_name, fields in PROVENANCE_FILES.items():
        path = data_dir / file_name
        name = display_path(path)
        try:
            rows = read_csv(path)
        except DataFileError as error:
            problems.append(Problem(name, "", "", str(error)))
            rows = []
        table_problems = [p for row in rows for p in check_record(name, row, fields)]
        # A row naming a record that does not exist (or whose layer file could not be read) is left out on its own:
        # an unreadable layer file must not take every other record's sources and figures with it.
        ref_problems = check_refs(name, rows, fields, ids)
        orphans = {p.record for p in ref_problems}
        problems += table_problems + ref_problems
        problems += source_problems(name, rows, hosts, primary=file_name == "figures.csv") + hedge_problems(name, rows)
        if file_name == "figures.csv":
            problems += second_source_problems(name, rows)
        tables[file_name] = typed_frame([] if table_problems else [r for r in rows if r["record_id"] not in orphans], fields)
    figures_by_record = _by_record(tables["figures.csv"])
    for loaded_layer in loaded.values():
        frame = loaded_layer.frame
        if not loaded_layer.ok or "geometry" not in frame or "length_note" not in frame:
            continue
        name = display_path(loaded_layer.layer.path(data_dir))
        for rid, geometry, type_text, note in zip(frame["id"], frame.geometry, frame.get("type", [""] * len(frame)),
                                                  frame["length_note"]):
            problems += check_length(name, rid, geometry, stated_km(figures_by_record.get(rid, ()), type_text), note)
    reference = load_reference(data_dir, raw, ids)
    problems += reference.problems
    return Dataset(loaded, tables["sources.csv"], tables["figures.csv"], problems, reference, hosts)
