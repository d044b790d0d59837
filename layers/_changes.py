"""What changed between two years (no streamlit): the records that started, ended, came and went in between or
changed status, and each country's diplomatic status changes and poll results of the same series in both years."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from . import LAYERS
from ._dataset import Dataset
from ._filters import NO_FILTERS, Filters, statuses_in
from ._layer import in_year
from ._messages import t
from ._schema import FOCUS_COUNTRIES, vocabulary
from ._view import ViewPlan, has_place, word

KINDS = ("started", "ended", "between", "status")  # in the order the table lists them


@dataclass(frozen=True)
class Change:
    record_id: str
    layer: str
    kind: str  # one of KINDS
    before: str = ""  # a project's status in the first year ("status"), or as it ended ("ended")
    after: str = ""  # its status in the second year


def ordered(first: int, second: int) -> tuple[int, int]:
    return (first, second) if first <= second else (second, first)


def record_changes(dataset: Dataset, first: int, second: int, layers: list[str],
                   filters: Filters = NO_FILTERS) -> list[Change]:
    """The records of the layers shown as points (not the country colourings, compared country by country) that
    differ between the two years: shown in the second and not the first (started), the other way round (ended), in
    neither but begun and over in between (an event), or in both with another status. Filters apply in the year the
    record is seen: the first for one that ended, else the second."""
    first, second = ordered(first, second)
    out = []
    for lid, loaded in dataset.usable(layers):
        layer, frame = loaded.layer, loaded.frame
        if layer.fills:
            continue
        then, now = in_year(frame, first), in_year(frame, second)
        start = frame["year_from"].to_numpy(dtype=float, na_value=np.nan)
        end = frame["year_to"].to_numpy(dtype=float, na_value=np.inf)
        between = ~then & ~now & (start > first) & (end < second)
        has_status = "status" in frame and layer.lifecycle
        before = statuses_in(frame, first) if has_status else None
        after = statuses_in(frame, second) if has_status else None
        kept_then, kept_now = filters.mask(layer, frame, first), filters.mask(layer, frame, second)
        for i, rid in enumerate(frame["id"].to_numpy()):
            if now[i] and not then[i] and kept_now[i]:
                kind = "started"
            elif then[i] and not now[i] and kept_then[i]:
                kind = "ended"
            elif between[i] and kept_now[i]:
                kind = "between"
            elif then[i] and now[i] and has_status and before[i] != after[i] and kept_now[i]:
                kind = "status"
            else:
                continue
            out.append(Change(rid, lid, kind, before[i] if has_status else "", after[i] if has_status else ""))
    return sorted(out, key=lambda c: KINDS.index(c.kind))


def change_text(change: Change, dataset: Dataset) -> str:
    """The change in words: "started in 2019", "status: agreed → under construction"."""
    _, row = dataset.record(change.record_id)
    if change.kind == "status":
        return t("changes.status", before=word("status", change.before), after=word("status", change.after))
    if change.kind == "ended":
        return t("changes.ended", year=int(row["year_to"]))
    return t(f"changes.{change.kind}", year=int(row["year_from"]))


def changes_plan(dataset: Dataset, plan: ViewPlan, changes: list[Change], second: int) -> ViewPlan:
    """The second year's plan with only the changed records as marks: those that started or changed drawn as in the
    second year, those that ended or came and went as they last were (their earlier status, where it differs)."""
    ids, early = [], []
    for change in changes:
        loaded = dataset.layers[change.layer]
        if not loaded.layer.marks:
            continue
        frame = loaded.frame
        index = np.flatnonzero(frame["id"].to_numpy() == change.record_id)[0]
        if not has_place(frame.iloc[[index]])[0]:
            continue
        ids.append(change.record_id)
        last = change.after if change.kind in ("started", "status") else change.before
        row = frame.iloc[index]
        if change.kind in ("ended", "between") and "status" in frame:
            last = statuses_in(frame.iloc[[index]], int(row["year_to"]))[0]
        if "status" in frame and last and last != row["status"]:
            early.append(change.record_id)
    return replace(plan, marks=(tuple(ids), tuple(early)))


class CountryHistory:
    """What a country's comparisons read, taken from the frames once: its diplomatic status year by year (None where
    it has none, each year looked up once) and each poll series covering it, its waves as plain rows in data order."""

    def __init__(self, dataset: Dataset, code: str) -> None:
        self.dataset, self.code, self._statuses = dataset, code, {}
        self.series: tuple[tuple[dict, ...], ...] = ()
        loaded = dataset.layers.get("sentiment")
        if loaded is not None and loaded.ok:
            frame = loaded.frame[[code in str(c).split(";") for c in loaded.frame["country"]]]
            self.series = tuple(tuple(waves.to_dict("records")) for _, waves in frame.groupby("series", sort=False))

    def status(self, year: int) -> pd.Series | None:
        from ._compare import STATUS_LAYER
        from ._details import status_row

        if year not in self._statuses:
            self._statuses[year] = (status_row(self.dataset, self.code, year, STATUS_LAYER)
                                    if STATUS_LAYER and self.dataset.layers[STATUS_LAYER].ok else None)
        return self._statuses[year]


def country_changes(dataset: Dataset, code: str, first: int, second: int,
                    history: CountryHistory | None = None) -> dict[str, list[str]]:
    """A country's changes in words: its diplomatic status, field by field, and each poll series with a wave on or
    before each year (its latest), both waves named with their year; series are never compared with each other."""
    from ._compare import STATUS_LAYER
    from .sentiment import qualified

    history = history or CountryHistory(dataset, code)
    first, second = ordered(first, second)
    statuses = []
    then, now = history.status(first), history.status(second)
    if then is not None and now is not None:
        fields = [f.name for f in LAYERS[STATUS_LAYER].fields if vocabulary(f.kind) is not None]  # each status it keeps
        for name in fields:
            if then[name] != now[name]:
                statuses.append(t("changes.country_status", field=t(f"field.{name}"), before=word(name, then[name]),
                                  after=word(name, now[name])))
    polls = []
    for waves in history.series:
        before, after = _latest(waves, first), _latest(waves, second)
        if not before or not after or before[0]["year_from"] == after[0]["year_from"]:
            continue
        single = len(before) == 1 and len(after) == 1  # sources that disagree on a wave: each figure, no difference
        exact = single and not before[0]["value_qualifier"] and not after[0]["value_qualifier"]
        delta = round(float(after[0]["value"]) - float(before[0]["value"]), 1) if exact else None
        latest = after[0]
        text = t("changes.poll", series=str(latest["name"]).split(" – ")[0], metric=latest["metric"],
                 before=" / ".join(qualified(w) for w in before), before_year=int(before[0]["year_from"]),
                 after=" / ".join(qualified(w) for w in after), after_year=int(latest["year_from"]))
        polls.append((latest["id"], text + ("" if delta is None else " " + t("changes.points", points=f"{delta:+g}"))))
    return {"statuses": statuses, "polls": [text for _, text in polls], "poll_ids": [rid for rid, _ in polls]}


def _latest(waves: tuple[dict, ...], year: int) -> list[dict]:
    """A series' waves of its latest year on or before `year` (more than one where sources disagree)."""
    years = [w["year_from"] for w in waves if w["year_from"] <= year]
    return [w for w in waves if w["year_from"] == max(years)] if years else []


def changes_table(dataset: Dataset, changes: list[Change]) -> pd.DataFrame:
    """The changed records as the records' table lists them, with what changed first."""
    from ._table import COLUMNS, table_row

    rows = []
    for change in changes:
        _, row = dataset.record(change.record_id)
        cells = table_row(dataset, change.layer, row, change.after or None)
        rows.append({"id": change.record_id, "change": change_text(change, dataset),
                     **{name: cells[name] for name in COLUMNS}})
    return pd.DataFrame(rows, columns=["id", "change", *COLUMNS])


def all_countries(dataset: Dataset, first: int, second: int,
                  histories: dict[str, CountryHistory] | None = None) -> dict[str, dict[str, list[str]]]:
    """Each focus country's changes; `histories` (from all_histories) spares reading the frames again for each pair."""
    histories = histories or all_histories(dataset)
    return {code: country_changes(dataset, code, first, second, histories[code]) for code in FOCUS_COUNTRIES}


def all_histories(dataset: Dataset) -> dict[str, CountryHistory]:
    return {code: CountryHistory(dataset, code) for code in FOCUS_COUNTRIES}

