"""Source hygiene: mirror, spam and content-farm hosts (geodata/hosts.csv, each with its reason) and what may be cited
from them, and `confirmed` records or figures whose own words hedge ("reportedly", "allegedly")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ._records import DataFileError, display_path, read_csv
from ._schema import EUR_RATES, HOST_FIELDS, TWO_SOURCES_ABOVE_EUR_M
from ._validate import Problem, check_record

HOSTS_FILE = "hosts.csv"
# Words by which a text says its fact was not seen stated as fact; "claimed" is left out: notes use it to attribute
# someone else's claim ("the operator claimed the canopy was not part of the works").
HEDGE = re.compile(r"\b(reportedly|allegedly|purportedly|supposedly|rumou?red|unconfirmed|(?:is|are|was|were) said to|"
                   r"according to (?:unnamed|anonymous))\b", re.IGNORECASE)
HEDGED_FIELDS = ("notes", "status_detail", "details", "label")
COPY_LABEL = re.compile(r"\b(copy|copies|mirror|republished|via)\b", re.IGNORECASE)
NOT_FOUND = re.compile(r"original (?:was|is|has) not (?:been )?found|original not found", re.IGNORECASE)


@dataclass(frozen=True)
class Host:
    host: str
    kind: str
    reason: str


def load_hosts(data_dir: Path) -> tuple[dict[str, Host], list[Problem]]:
    path = data_dir / HOSTS_FILE
    name = display_path(path)
    try:
        rows = read_csv(path)
    except DataFileError as error:
        return {}, [Problem(name, "", "", str(error))]
    problems = [p for row in rows for p in check_record(name, dict(row, id=row.get("host")), HOST_FIELDS, extra_ok=("id",))]
    hosts = {row["host"].strip().lower().removeprefix("www."): Host(row["host"].strip(), row["kind"], row["reason"])
             for row in rows if row.get("host")}
    return ({} if problems else hosts), problems


def listed_host(url: str, hosts: Mapping[str, Host]) -> Host | None:
    """The listed host a URL is on (the host itself or a subdomain of it), or None."""
    try:
        name = (urlsplit(str(url)).hostname or "").lower()
    except ValueError:
        return None
    parts = name.split(".")
    for i in range(len(parts) - 1):
        found = hosts.get(".".join(parts[i:]))
        if found is not None:
            return found
    return None


def source_problems(file: str, rows: Iterable[Mapping[str, Any]], hosts: Mapping[str, Host], *, primary: bool) -> list[Problem]:
    """A source on a spam or content-farm host, anywhere; a copy on a mirror that does not say it is one; and a
    primary source (a record's or a figure's) on a mirror that confirms: a copy can confirm nothing, so where no
    original was found the record is `reported` (or `claimed`) and its notes say so."""
    problems = []
    for row in rows:
        rid = str(row.get("id") or row.get("record_id") or "")
        host = listed_host(row.get("source_url", ""), hosts)
        if host is None:
            continue
        what = f"{host.host} is a listed {host.kind} ({host.reason})"
        if host.kind != "mirror":
            problems.append(Problem(file, rid, "source_url", f"{what}: never cited; cite the original"))
        elif not COPY_LABEL.search(f"{row.get('publisher', '')} {row.get('note', '')}"):
            problems.append(Problem(file, rid, "publisher", f"{what}: label the source as a copy, e.g. "
                                    "`RFE/RL (copy on support4partnership.org)`"))
        elif primary and row.get("confidence") == "confirmed":
            problems.append(Problem(file, rid, "confidence", f"confirmed, but its primary source is a copy on "
                                    f"{host.host}: cite the original, or make it `reported` and say in its notes "
                                    "that the original was not found"))
        elif primary and not NOT_FOUND.search(str(row.get("notes") or "")):
            problems.append(Problem(file, rid, "notes", f"its primary source is a copy on {host.host}: say in the "
                                    "notes that the original was not found"))
    return problems


def hedge_problems(file: str, rows: Iterable[Mapping[str, Any]]) -> list[Problem]:
    """`confirmed` says the fact was read stated as fact: its own notes may not say "reportedly" or the like."""
    problems = []
    for row in rows:
        if row.get("confidence") != "confirmed":
            continue
        for name in HEDGED_FIELDS:
            found = HEDGE.search(str(row.get(name) or ""))
            if found:
                rid = str(row.get("id") or row.get("record_id") or "")
                problems.append(Problem(file, rid, "confidence", f"confirmed, but its {name} says "
                                        f"{found.group(0)!r}: use `reported` (or reword, if the source states it)"))
    return problems


ONE_SOURCE = re.compile(r"only one source found", re.IGNORECASE)
# Sources name a project's value as its cost, its contract or its investment: for the second-source rule, one kind.
SAME_KIND = {"cost": "value", "contract_value": "value", "investment": "value"}


def second_source_problems(file: str, figures: list[Mapping[str, Any]]) -> list[Problem]:
    """A money figure above EUR 100M needs a second source: another row of the same record and kind of figure, within
    15 % of it, from another address; or its notes say "only one source found", so a reader knows."""
    def eur(row: Mapping[str, Any]) -> float | None:
        try:
            return float(row["value"]) * EUR_RATES[row["unit"]]
        except (KeyError, TypeError, ValueError):
            return None

    by_kind: dict[tuple, list[tuple[Mapping[str, Any], float]]] = {}  # (record, kind of figure) -> rows and EUR values
    for row in figures:
        value = eur(row)
        if value is not None:
            kind = SAME_KIND.get(str(row.get("figure")), row.get("figure"))
            by_kind.setdefault((row.get("record_id"), kind), []).append((row, value))
    problems = []
    for rows in by_kind.values():
        for row, value in rows:
            if value <= TWO_SOURCES_ABOVE_EUR_M or ONE_SOURCE.search(str(row.get("notes") or "")):
                continue
            if not any(other is not row and other.get("source_url") != row.get("source_url")
                       and abs(v - value) <= 0.15 * value for other, v in rows):
                problems.append(Problem(file, str(row.get("record_id", "")), "source_url",
                                        f"{row.get('figure')} of {row.get('unit')} {row.get('value')}M (over EUR "
                                        f"{TWO_SOURCES_ABOVE_EUR_M}M) has one source: add a second, or say in its "
                                        "notes \"only one source found\""))
    return problems
