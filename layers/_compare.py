"""The six countries side by side for a year (no streamlit): each one's standing with NATO, the EU and the PRC, and
how many records of each layer apply to it; the profile behind every cell is a click away."""

from __future__ import annotations

from . import LAYERS
from ._dataset import Dataset
from ._details import status_row
from ._layer import apart_mask, shown_mask
from ._messages import t
from ._schema import FOCUS_COUNTRIES, VOCABULARIES
from ._templates import render
from ._view import country_name, layer_title, word

# The layer whose fields stand in the table (the diplomatic status: one row a country a year) and those fields.
STATUS_LAYER = next((lid for lid, layer in LAYERS.items() if layer.table_fields), None)
STATUS_COLUMNS = LAYERS[STATUS_LAYER].table_fields if STATUS_LAYER else ()
CONFIDENCE_ORDER = tuple(VOCABULARIES["confidence"])  # surest first
# every layer drawn as marks of its own (vaccines are a dot per country, status and polls are fills)
COUNT_COLUMNS = tuple(lid for lid, layer in LAYERS.items() if layer.marks)


def cell_confidence(dataset: Dataset, status, name: str) -> str:
    """How sure one status cell is: the surest of the events it rests on (its basis records), or the status
    record's own confidence without one. A country's status record is only as sure as its least sure field (Kosovo's
    visa rule is a claim), which would mark every cell of its row."""
    basis = LAYERS[STATUS_LAYER].basis.get(name, "")
    found = [dataset.record(rid) for rid in str(status.get(basis) or "").split(";") if rid]
    levels = [row["confidence"] for _, row in filter(None, found) if row["confidence"] in CONFIDENCE_ORDER]
    return min(levels, key=CONFIDENCE_ORDER.index) if levels else status["confidence"]


def countries_compared(dataset: Dataset, year: int) -> list[dict[str, object]]:
    """One row per focus country: its status in short words, each with its confidence (`<column>_confidence`; "" without
    a status record for the year), and its counts of records that apply that year (None for a layer that did not
    load), by the rule the profiles use, with the part a layer counts apart (`<layer>_apart`)."""
    rows = []
    for code in FOCUS_COUNTRIES:
        status = status_row(dataset, code, year, STATUS_LAYER) if STATUS_LAYER else None
        row: dict[str, object] = {"country": code}
        for name in STATUS_COLUMNS:
            row[name] = "" if status is None else t(f"compare.{name}.{status[name]}", default=word(name, status[name]))
            row[f"{name}_confidence"] = "" if status is None else cell_confidence(dataset, status, name)
        for lid in COUNT_COLUMNS:
            loaded = dataset.layers[lid]
            shown = shown_mask(loaded.frame, year, {code}) if loaded.ok else None
            row[lid] = None if shown is None else int(shown.sum())
            if loaded.layer.apart is not None:
                row[f"{lid}_apart"] = None if shown is None else int((shown & apart_mask(loaded.layer, loaded.frame)).sum())
        rows.append(row)
    return rows


def heading(column: str) -> str:
    """A column's short heading; a layer without one in the catalogue is headed by its title."""
    return t("compare." + column, default=layer_title(LAYERS[column]) if column in LAYERS else None)


def _status_cell(text: object, confidence: object) -> dict[str, str]:
    """A status in short words; one not confirmed says how sure it is."""
    if not text:
        return {"text": "–", "note": ""}
    surest = confidence in ("", CONFIDENCE_ORDER[0]) or confidence not in CONFIDENCE_ORDER
    return {"text": str(text), "note": "" if surest else t(f"term.confidence.{confidence}")}


def _count_cell(row: dict, name: str) -> dict[str, str]:
    """A count, and the part the layer counts apart (many deployments name no vendor, or another)."""
    if row[name] is None:
        return {"text": "–", "note": ""}
    apart = row.get(f"{name}_apart")
    note = "" if apart is None or not row[name] else t(LAYERS[name].apart.table_count, count=apart)
    return {"text": str(row[name]), "note": note}


def comparison_view(dataset: Dataset, year: int) -> dict[str, object]:
    """The table as plain data: its column headings, and a row per country of cells (text and a small note)."""
    return {"title": t("compare.title", year=year), "head": [heading(name) for name in ("country", *STATUS_COLUMNS, *COUNT_COLUMNS)],
            "rows": [{"country": country_name(row["country"]),
                      "status": [_status_cell(row[name], row[name + "_confidence"]) for name in STATUS_COLUMNS],
                      "counts": [_count_cell(row, name) for name in COUNT_COLUMNS]}
                     for row in countries_compared(dataset, year)],
            "note": t("compare.note", year=year)}


def comparison_html(dataset: Dataset, year: int, note: bool = True, title: bool = False) -> str:
    """The table, the note on how to read it, and where the page gives it no heading of its own (the static
    export's panel; the app's is its section's label), its title."""
    return render("compare.html", v=comparison_view(dataset, year), with_note=note, with_title=title)
