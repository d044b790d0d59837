"""What changed between two years: the records, their marks and each country's status and polls."""

from __future__ import annotations

import pandas as pd
import pytest

from layers import LAYERS
from layers._changes import all_countries, change_text, changes_plan, changes_table, ordered, record_changes
from layers._dataset import load_dataset
from layers._filters import Filters, statuses_in
from layers._layer import in_year
from layers._records import DATA_DIR, read_boundaries
from layers._view import plan_view


@pytest.fixture(scope="module")
def data():
    return load_dataset(LAYERS, DATA_DIR)


def test_each_change_is_what_the_two_years_show(data) -> None:
    """Checked record by record against the year rule: no change is missed, none is made up."""
    first, second = 2015, 2024
    found = {c.record_id: c for c in record_changes(data, second, first, list(LAYERS))}  # either order
    assert {c.kind for c in found.values()} == {"started", "between", "status"}
    for lid, loaded in data.layers.items():
        frame = loaded.frame
        then, now = in_year(frame, first), in_year(frame, second)
        statuses = (statuses_in(frame, first), statuses_in(frame, second)) if loaded.layer.lifecycle else None
        for i, (_, row) in enumerate(frame.iterrows()):
            change = found.get(row["id"])
            if loaded.layer.fills:
                assert change is None  # the country colourings are compared country by country
            elif now[i] and not then[i]:
                assert change.kind == "started" and first < row["year_from"] <= second
            elif then[i] and not now[i]:
                assert change.kind == "ended"
            elif not then[i] and not now[i] and first < row["year_from"] and pd.notna(row["year_to"]) and row["year_to"] < second:
                assert change.kind == "between"
            elif statuses is not None and then[i] and now[i] and statuses[0][i] != statuses[1][i]:
                assert (change.kind, change.before, change.after) == ("status", statuses[0][i], statuses[1][i])
            else:
                assert change is None, row["id"]


def test_filters_and_layers_choose_which_changes_are_listed(data) -> None:
    everything = record_changes(data, 2015, 2024, list(LAYERS))
    events = record_changes(data, 2015, 2024, ["events"])
    assert events and {c.layer for c in events} == {"events"} and len(events) < len(everything)
    montenegro = record_changes(data, 2015, 2024, list(LAYERS), Filters(countries=("ME",)))
    assert montenegro and all("ME" in data.record(c.record_id)[1]["country"].split(";") for c in montenegro)


def test_the_map_draws_only_what_changed(data) -> None:
    countries = read_boundaries(DATA_DIR)[0]
    layers = ["infrastructure", "events", "diplomacy"]
    plan = plan_view(data, countries, 2024, layers, "nato", None)
    changes = record_changes(data, 2015, 2024, layers)
    changed = changes_plan(data, plan, changes, 2024)
    ids = set(changed.marks[0])
    assert ids and ids <= {c.record_id for c in changes} and ids != set(plan.marks[0])
    assert "DIP001" not in ids or any(c.record_id == "DIP001" for c in changes)
    assert changed.fills == plan.fills and set(changed.marks[1]) <= ids


def test_the_changes_are_said_in_words_and_listed_as_a_table(data) -> None:
    changes = record_changes(data, 2015, 2024, list(LAYERS))
    table = changes_table(data, changes)
    assert list(table["id"]) == [c.record_id for c in changes]
    status = next(c for c in changes if c.kind == "status")
    assert change_text(status, data) == "status: under construction → operating"
    started = next(c for c in changes if c.kind == "started")
    assert change_text(started, data) == f"started in {int(data.record(started.record_id)[1]['year_from'])}"


def test_a_country_s_status_changes_and_a_poll_series_in_both_years(data) -> None:
    countries = all_countries(data, 2022, 2020)
    assert any("NATO" in line or "European Union" in line for found in countries.values() for line in found["statuses"])
    macedonia = countries["MK"]["polls"]
    assert macedonia == ["IRI: strong relations with China serve the country's interests, agree: 53% (2020) → 65% (2022) "
                         "(+12 points)"]
    assert countries["RS"]["polls"] == []  # Serbia's 2020 polls have no later wave of their series by 2022
    assert ordered(2024, 2015) == (2015, 2024)
