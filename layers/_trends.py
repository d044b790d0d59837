"""The trend charts' data as plain tables (no streamlit, no chart library): poll results by series, records per year,
money per year and a record's debt over time. Every row names the record or year it stands for, and keeps the figure
as its source gives it: no currency is converted, conflicting figures are all kept, polls of different series never
share a line. The reader's filters choose the rows (`Filters.mask`, by year where the chart is by year)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import LAYERS
from ._dataset import Dataset
from ._filters import Filters
from ._formats import date_text, number
from ._messages import t
from ._schema import YEARS
from ._table import MONEY_FIGURES
from ._view import country_name, field_word, layer_title, word

CURRENCIES = ("EUR", "USD")  # the currencies money is charted in, each apart (others are named in the caption)
DEBT_FIGURES = ("loan", "debt_outstanding", "repaid")  # a loan's stock over time; dated figures only
# the projects: the layer whose money and debts are charted (the one geodata/COVERAGE.md counts)
PROJECTS = next((lid for lid, layer in LAYERS.items() if layer.covered), "")
POLL_COLUMNS = ["id", "series", "title", "country", "place", "year", "value", "figure", "metric", "question",
                "source", "publisher", "published", "lines", "line"]


def count_layers() -> list[str]:
    """The layers whose records are counted by year: those drawn as marks (projects, deployments, events)."""
    return [lid for lid, layer in LAYERS.items() if layer.marks]


def _kept(dataset: Dataset, layer_id: str, filters: Filters, year: int | None = None) -> pd.DataFrame:
    loaded = dataset.layers.get(layer_id)
    if loaded is None or not loaded.ok:
        return pd.DataFrame(columns=["id", "country", "year_from"])
    return loaded.frame[filters.mask(loaded.layer, loaded.frame, year)]


def _countries(codes: str) -> list[str]:
    return [code for code in str(codes).split(";") if code]


def _source(row) -> dict:
    """Who published a figure and when, as a tooltip says it and as the caption names it (the publisher's name is the
    source's own, the date in the reader's language)."""
    published = t("panel.undated") if row["published"] in ("", "undated") else date_text(row["published"])
    return {"source": f"{row['publisher']}, {published}", "publisher": row["publisher"], "published": published}


def polls(dataset: Dataset, filters: Filters) -> pd.DataFrame:
    """A row per poll result: its series (only results of one series compare), country, wave year and share, the
    answer counted and the question as reported. A line may join a country's results of one series asked in the same
    words (`line` names that group); `lines` is False where sources disagree on a year: those figures stand as points
    only."""
    from .sentiment import qualified  # (a layer module: loaded with the registry)

    frame = _kept(dataset, "sentiment", filters)
    rows = [{"id": r["id"], "series": r["series"], "title": str(r["name"]).split(" – ")[0], "country": r["country"],
             "place": country_name(r["country"]), "year": int(r["year_from"]), "value": float(r["value"]),
             "figure": qualified(r), "metric": r["metric"], "question": r["question"], **_source(r)}
            for _, r in frame.iterrows()]
    out = pd.DataFrame(rows, columns=POLL_COLUMNS[:-2])
    once = ~out.duplicated(["series", "country", "year"], keep=False)
    out["lines"] = once.groupby([out["series"], out["country"]]).transform("all") if len(out) else []
    out["line"] = out["country"] + " · " + out["question"]
    return out.sort_values(["series", "country", "year", "id"], ignore_index=True)


def poll_series(table: pd.DataFrame) -> list[tuple[str, str]]:
    """(series, title) of the polls, the series with the most results first."""
    counts = table.groupby("series").size().sort_values(ascending=False, kind="stable")
    titles = table.drop_duplicates("series").set_index("series")["title"]
    return [(series, titles[series]) for series in counts.index]


def _groups(layer_id: str, frame: pd.DataFrame, by: str) -> list[list[tuple[str, str]]]:
    """Each record's (group, label) pairs: its countries (a record in several counts in each), or its sector or kind
    (grouped as the layer's key groups them, where its palette colours that field)."""
    if by == "country":
        return [[(code, country_name(code)) for code in _countries(codes)] for codes in frame["country"]]
    layer = LAYERS[layer_id]
    name = layer.record_columns.get("kind")
    if name is None:  # a layer without a sector or kind: its records are one group, named by the layer
        return [[(layer_id, layer_title(layer))]] * len(frame)
    palette = layer.palettes.get(name, {})
    kind = layer.kind_of(name)
    out = []
    for value in frame[name]:
        if value in palette:  # the key's group, named as the key names it: one colour, one word
            first = next(v for v, (colour, _) in palette.items() if colour == palette[value][0])
            out.append([(first, t(f"legend.{layer_id}.{name}.{first}", default=palette[first][1]))])
        else:
            out.append([(value, field_word(kind, value))])
    return out


def per_year(dataset: Dataset, layer_id: str, by: str, filters: Filters) -> pd.DataFrame:
    """The records a layer starts in each of the map's years (their `year_from`), by country or by sector or kind:
    year, group, label, count and the records' ids. The filters are applied year by year (a status in that year)."""
    rows = []
    for year in range(YEARS[0], YEARS[1] + 1):
        frame = _kept(dataset, layer_id, filters, year)
        frame = frame[frame["year_from"].to_numpy(dtype=float, na_value=-1) == year]
        for rid, pairs in zip(frame["id"], _groups(layer_id, frame, by) if len(frame) else []):
            rows += [{"year": year, "group": group, "label": label, "id": rid} for group, label in pairs]
    table = pd.DataFrame(rows, columns=["year", "group", "label", "id"])
    return (table.groupby(["year", "group", "label"], as_index=False, sort=True)
            .agg(count=("id", "size"), ids=("id", lambda ids: ", ".join(ids))))


def earlier(dataset: Dataset, layer_id: str, filters: Filters) -> int:
    """How many of a layer's records (the filters keep) started before the map's first year: not in the chart."""
    frame = _kept(dataset, layer_id, filters)
    return int((frame["year_from"].to_numpy(dtype=float, na_value=YEARS[0]) < YEARS[0]).sum())


def money(dataset: Dataset, filters: Filters, layer_id: str = PROJECTS) -> pd.DataFrame:
    """A row per project and currency its sources give money in: the largest figure (millions, as the records' table
    shows it), in the year the project starts, with its sector and its countries. A project with figures in two
    currencies is in both charts."""
    from ._table import largest_amount

    rows = []
    for year in range(YEARS[0], YEARS[1] + 1):
        frame = _kept(dataset, layer_id, filters, year)
        frame = frame[frame["year_from"].to_numpy(dtype=float, na_value=-1) == year]
        kinds = _groups(layer_id, frame, "kind") if len(frame) else []
        for (_, r), kind in zip(frame.iterrows(), kinds):
            for unit in CURRENCIES:
                value = largest_amount(dataset, r["id"], unit)
                if value is not None:
                    rows.append({"id": r["id"], "name": r["name"], "year": year, "unit": unit, "value": value,
                                 "amount": t("unit.million", currency=unit, value=number(value, 1), count=2),
                                 "group": kind[0][0], "kind": kind[0][1],  # a project's money is never split:
                                 "place": ", ".join(map(country_name, _countries(r["country"])))})  # all its countries
    return pd.DataFrame(rows, columns=["id", "name", "year", "unit", "value", "amount", "group", "kind", "place"])


def other_currencies(dataset: Dataset, ids: set[str]) -> list[str]:
    """Currencies other than the charted ones that these records' money figures are in (named, never converted)."""
    units = {f["unit"] for rid in ids for f in dataset.figures_of(rid) if f["figure"] in MONEY_FIGURES}
    return sorted(units - set(CURRENCIES) - {""})


def debts(dataset: Dataset, filters: Filters) -> pd.DataFrame:
    """A row per dated loan, debt or repaid figure of a record with such figures at two or more dates: the figure as
    its source gives it (value, currency, as of), with that source. Figures that disagree are all kept."""
    rows = []
    for _, r in _kept(dataset, PROJECTS, filters).iterrows():
        dated = [f for f in dataset.figures_of(r["id"]) if f["figure"] in DEBT_FIGURES and f["as_of"]]
        if len({f["as_of"] for f in dated}) < 2:
            continue
        for f in dated:
            rows.append({"id": r["id"], "name": r["name"], "figure": f["figure"],
                         "label": word("figure", f["figure"]), "unit": f["unit"], "value": float(f["value"]),
                         "date": _when(f["as_of"]), "as_of": date_text(f["as_of"]),
                         "amount": t("unit.million", currency=f["unit"], value=number(float(f["value"]), 2), count=2),
                         **_source(f)})
    table = pd.DataFrame(rows, columns=["id", "name", "figure", "label", "unit", "value", "date", "as_of", "amount",
                                        "source", "publisher", "published"])
    return table.sort_values(["id", "unit", "date"], ignore_index=True, kind="stable")


def _when(as_of: str) -> str:
    """An as-of date the chart can place: a year or a month at its start (the tooltip gives it as the source does)."""
    parts = str(as_of).split("-") + ["01", "01"]
    return "-".join(parts[:3])


@dataclass(frozen=True)
class TrendTables:
    """Every trend chart's table for one set of filters, worked out together (the app caches them by filters)."""

    polls: pd.DataFrame
    per_year: dict[tuple[str, str], pd.DataFrame]  # (layer id, "country" or "kind") -> its table
    earlier: dict[str, int]  # layer id -> its records before the map's first year
    money: pd.DataFrame
    other_currencies: list[str]
    debts: pd.DataFrame


def trend_tables_of(dataset: Dataset, filters: Filters) -> TrendTables:
    layers = count_layers()
    table = money(dataset, filters)
    return TrendTables(polls(dataset, filters),
                       {(lid, by): per_year(dataset, lid, by, filters) for lid in layers for by in ("kind", "country")},
                       {lid: earlier(dataset, lid, filters) for lid in layers}, table,
                       other_currencies(dataset, set(_kept(dataset, PROJECTS, filters)["id"])), debts(dataset, filters))
