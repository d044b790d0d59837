"""The six countries side by side for a year (no streamlit): each one's standing with NATO, the EU and the PRC, and
how many records of each layer apply to it; the profile behind every cell is a click away."""

from __future__ import annotations

from . import LAYERS
from ._dataset import Dataset
from ._details import BASIS, status_row
from ._layer import shown_mask
from ._map import esc
from ._messages import t
from ._schema import FOCUS_COUNTRIES, VOCABULARIES
from ._view import chinese_vendor, country_name, layer_title, word

STATUS_COLUMNS = ("nato", "eu", "prc_recognition")
CONFIDENCE_ORDER = tuple(VOCABULARIES["confidence"])  # surest first
# every layer drawn as marks of its own (vaccines are a dot per country, status and polls are fills)
COUNT_COLUMNS = tuple(lid for lid, layer in LAYERS.items() if layer.style == "features")


def cell_confidence(dataset: Dataset, status, name: str) -> str:
    """How sure one status cell is: the surest of the events it rests on (its `*_basis` records), or the status
    record's own confidence without one. A country's status record is only as sure as its least sure field (Kosovo's
    visa rule is a claim), which would mark every cell of its row."""
    found = [dataset.record(rid) for rid in str(status.get(BASIS[name]) or "").split(";") if rid]
    levels = [row["confidence"] for _, row in filter(None, found) if row["confidence"] in CONFIDENCE_ORDER]
    return min(levels, key=CONFIDENCE_ORDER.index) if levels else status["confidence"]


def countries_compared(dataset: Dataset, year: int) -> list[dict[str, object]]:
    """One row per focus country: its status in short words, each with its confidence (`<column>_confidence`; "" without
    a status record for the year), and its counts of records that apply that year (None for a layer that did not
    load), by the rule the profiles use."""
    rows = []
    for code in FOCUS_COUNTRIES:
        status = status_row(dataset, code, year)
        row: dict[str, object] = {"country": code}
        for name in STATUS_COLUMNS:
            row[name] = "" if status is None else t(f"compare.{name}.{status[name]}", default=word(name, status[name]))
            row[f"{name}_confidence"] = "" if status is None else cell_confidence(dataset, status, name)
        shown = {lid: shown_mask(dataset.layers[lid].frame, year, {code})
                 for lid in COUNT_COLUMNS if dataset.layers[lid].ok}
        row.update({lid: int(shown[lid].sum()) if lid in shown else None for lid in COUNT_COLUMNS})
        cameras = shown.get("surveillance")
        row["surveillance_chinese"] = (None if cameras is None else
                                       int((cameras & chinese_vendor(dataset.layers["surveillance"].frame)).sum()))
        rows.append(row)
    return rows


def heading(column: str) -> str:
    """A column's short heading; a layer without one in the catalogue is headed by its title."""
    return t("compare." + column, default=layer_title(LAYERS[column]) if column in LAYERS else None)


def _status_cell(text: object, confidence: object) -> str:
    """A status in short words; one not confirmed says how sure it is."""
    if not text:
        return "–"
    return esc(text) + ("" if confidence in ("", CONFIDENCE_ORDER[0]) else f" <small>({esc(confidence)})</small>")


def _count_cell(row: dict, name: str) -> str:
    """A count; surveillance's adds how many name a Chinese vendor (many deployments name none, or another)."""
    if row[name] is None:
        return "–"
    chinese = row.get(f"{name}_chinese")
    return f"{row[name]}" + ("" if chinese is None or not row[name] else
                             f" <small>({esc(t('compare.chinese', count=chinese))})</small>")


def comparison_html(dataset: Dataset, year: int, note: bool = True) -> str:
    """The table, and the note on how to read it (the static export writes the note once, for whichever year)."""
    columns = ("country", *STATUS_COLUMNS, *COUNT_COLUMNS)
    head = "".join(f"<th scope='col'>{esc(heading(name))}</th>" for name in columns)
    body = []
    for row in countries_compared(dataset, year):
        cells = [f"<th scope='row'>{esc(country_name(row['country']))}</th>"]
        cells += [f"<td>{_status_cell(row[name], row[name + '_confidence'])}</td>" for name in STATUS_COLUMNS]
        cells += [f"<td class='wb-count'>{_count_cell(row, name)}</td>" for name in COUNT_COLUMNS]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (f"<div class='wb-compare-box'><table class='wb-compare'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>"
            + (f"<p class='wb-compare-note'>{esc(t('compare.note', year=year))}</p>" if note else ""))
