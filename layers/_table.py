"""The records of a view as one table (no streamlit): a row per record with the columns a reader compares across
layers (each layer says which of its fields fill the shared ones: `Layer.record_columns`), in the reader's language.
The app shows it with Streamlit's own dataframe (sortable, searchable, a row opens the record)."""

from __future__ import annotations

import pandas as pd

from . import LAYERS
from ._dataset import Dataset
from ._downloads import view_records
from ._filters import Filters
from ._messages import t
from ._view import country_name, field_word, layer_title, word

# The money a record's figures give: the largest figure of these kinds in each currency, as its sources give it (no
# conversion); every figure, with its source, is in the record's details.
MONEY_FIGURES = {"investment", "contract_value", "loan", "cost", "purchase_price"}
COLUMNS = ("layer", "name", "country", "since", "kind", "company", "financier", "eur", "usd", "status", "confidence")


def largest_amount(dataset: Dataset, record_id: str, currency: str) -> float | None:
    """The largest money figure in `currency` (millions) the record's sources give, or None."""
    values = [float(f["value"]) for f in dataset.figures_of(record_id)
              if f["figure"] in MONEY_FIGURES and f["unit"] == currency]
    return max(values) if values else None


def _field_text(layer_id: str, row: pd.Series, column: str) -> str:
    """A shared column's text from the layer's own field: a vocabulary word in the reader's language, else the
    record's text as it is."""
    layer = LAYERS[layer_id]
    name = layer.record_columns.get(column)
    value = row.get(name) if name else None
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return ""
    return field_word(layer.kind_of(name, "text"), str(value))


def records_table(dataset: Dataset, year: int, layers: list[str], series: str | None = None,
                  filters: Filters | None = None) -> pd.DataFrame:
    """One row per record the view shows in `year` (its `id` first, for the app to open it), in COLUMNS' order."""
    rows = []
    for _, row in view_records(dataset, year, layers, series, filters).iterrows():
        status = row.get("status_in_year") if "status_in_year" in row else None
        rows.append(table_row(dataset, row["layer"], row, status))
    return pd.DataFrame(rows, columns=["id", *COLUMNS])


def table_row(dataset: Dataset, layer_id: str, row: pd.Series, status: str | None) -> dict[str, object]:
    """A record's row of the table, its status as given (the status in the year shown)."""
    return {
        "id": row["id"], "layer": layer_title(LAYERS[layer_id]), "name": row["name"],
        "country": ", ".join(country_name(code) for code in str(row.get("country") or "").split(";") if code),
        "since": int(row["year_from"]) if pd.notna(row.get("year_from")) else None,
        "kind": _field_text(layer_id, row, "kind"), "company": _field_text(layer_id, row, "company"),
        "financier": _field_text(layer_id, row, "financier"),
        "eur": largest_amount(dataset, row["id"], "EUR"), "usd": largest_amount(dataset, row["id"], "USD"),
        "status": word("status", status) if isinstance(status, str) and status else "",
        "confidence": t(f"term.confidence.{row['confidence']}"),
    }


def every_row(dataset: Dataset) -> dict[str, list]:
    """Every record's row (COLUMNS' cells, the status left for the year to fill), for the static export's table,
    which picks a view's rows and their status in the year itself (static/export/filters.js)."""
    out = {}
    for layer_id, loaded in dataset.usable(list(dataset.layers)):
        for _, row in loaded.frame.iterrows():
            cells = table_row(dataset, layer_id, row, None)
            out[row["id"]] = [cells[name] for name in COLUMNS]
    return out


def column_titles() -> dict[str, str]:
    """Each column's heading, in the reader's language."""
    return {column: t(f"table.{column}") for column in COLUMNS}
