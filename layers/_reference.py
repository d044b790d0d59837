"""The reference universe: AidData's GCDF 3.0 rows for the six countries (geodata/reference/gcdf.csv), each either
covered by a record (its `aiddata_id`) or listed in geodata/not_mapped.csv with a reason; checked together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ._layer import typed_frame
from ._records import DataFileError, display_path, read_csv
from ._schema import GCDF_ISO3, NOT_MAPPED_FIELDS, REFERENCE_FIELDS
from ._validate import Problem, check_record, is_empty

REFERENCE_FILE = "reference/gcdf.csv"
NOT_MAPPED_FILE = "not_mapped.csv"
PROJECT_PAGE = "https://china.aiddata.org/projects/{id}"


def project_page(aiddata_id: str) -> str:
    return PROJECT_PAGE.format(id=aiddata_id.strip())


def aiddata_ids(value: object) -> list[str]:
    """The ids of an `aiddata_id` field ("42330;66444" -> ["42330", "66444"]); none for an empty field."""
    return [] if is_empty(value) else [part.strip() for part in str(value).split(";") if part.strip()]


@dataclass
class Reference:
    rows: pd.DataFrame  # reference/gcdf.csv, typed
    not_mapped: pd.DataFrame  # not_mapped.csv, typed
    mapped: dict[str, list[str]]  # aiddata id -> record ids that cover it
    problems: list[Problem]


def _read(path: Path, fields) -> tuple[list[dict], list[Problem]]:
    name = display_path(path)
    try:
        rows = read_csv(path)
    except DataFileError as error:
        return [], [Problem(name, "", "", str(error))]
    problems = []
    for row in rows:
        record = dict(row, id=row.get("aiddata_id"))  # messages name the AidData id
        problems += [p for p in check_record(name, record, fields, extra_ok=("id",))]
    return rows, problems


def _ids_once(rows: list[dict], file_name: str, twice: str, problems: list[Problem]) -> list[str]:
    """Each row's AidData id, in order; a second row with an id already seen is a problem (`twice` says how)."""
    ids, seen = [], set()
    for row in rows:
        aid = str(row.get("aiddata_id", "")).strip()
        if aid in seen:
            problems.append(Problem(file_name, aid, "aiddata_id", twice))
        seen.add(aid)
        ids.append(aid)
    return ids


def load_reference(data_dir: Path, records: Iterable[dict], record_ids: set[str]) -> Reference:
    """Read both files and check the reconciliation: every GCDF row is covered by a record or listed with a reason,
    never both; every id a record or the list names is a row of the reference file."""
    ref_path, list_path = data_dir / REFERENCE_FILE, data_dir / NOT_MAPPED_FILE
    ref_name, list_name = display_path(ref_path), display_path(list_path)
    rows, problems = _read(ref_path, REFERENCE_FIELDS)
    listed, list_problems = _read(list_path, NOT_MAPPED_FIELDS)
    # a file whose own fields are wrong is not used (its problems name each one); the reconciliation still runs
    usable_rows, usable_listed = not problems, not list_problems
    problems += list_problems
    row_ids = _ids_once(rows, ref_name, "duplicate AidData id", problems)
    known = set(row_ids)
    for rid, row in zip(row_ids, rows):
        iso3, recipient = str(row.get("recipient_iso3", "")).strip(), str(row.get("recipient", "")).strip()
        if GCDF_ISO3.get(iso3) != recipient:
            problems.append(Problem(ref_name, rid, "recipient_iso3",
                                    f"{iso3!r} is not the code of {recipient!r} (one of {', '.join(GCDF_ISO3)})"))
    mapped: dict[str, list[str]] = {}
    for record in records:
        for aid in aiddata_ids(record.get("aiddata_id")):
            mapped.setdefault(aid, []).append(str(record.get("id", "")))
            if rows and aid not in known:
                problems.append(Problem(str(record.get("_file", "")), str(record.get("id", "")), "aiddata_id",
                                        f"AidData id {aid} is not a row of {ref_name}"))
    listed_ids = _ids_once(listed, list_name, "listed twice", problems)
    seen = set(listed_ids)
    for aid, row in zip(listed_ids, listed):
        if rows and aid not in known:
            problems.append(Problem(list_name, aid, "aiddata_id", f"not a row of {ref_name}"))
        if aid in mapped:
            problems.append(Problem(list_name, aid, "aiddata_id",
                                    f"also the aiddata_id of {', '.join(mapped[aid])}: a row is mapped or listed, not both"))
        part_of = str(row.get("record_id") or "").strip()
        if row.get("reason") == "part_of_record" and not part_of:
            problems.append(Problem(list_name, aid, "record_id", "part_of_record names the record it is part of"))
        missing = [r for r in part_of.split(";") if r and r not in record_ids]
        if missing:
            problems.append(Problem(list_name, aid, "record_id", f"refers to unknown record {', '.join(missing)}"))
    for aid in sorted(known - set(mapped) - seen, key=lambda v: (len(v), v)):
        problems.append(Problem(ref_name, aid, "aiddata_id",
                                f"neither a record's aiddata_id nor listed in {list_name} with a reason"))
    rows_frame = typed_frame(rows if usable_rows else [], REFERENCE_FIELDS)
    listed_frame = typed_frame(listed if usable_listed else [], NOT_MAPPED_FIELDS)
    return Reference(rows_frame, listed_frame, mapped, problems)
