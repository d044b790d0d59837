"""A replica lost mid-session, in Chromium through the cluster (scripts/cluster.py: two replicas behind HAProxy): the
reader's page reconnects through the balancer to the live replica, and the view comes back from the address bar
(year, layers, the open record) with no action of theirs."""

from __future__ import annotations

import os
import signal
import time

import pytest

from conftest import cluster_of_two
from helpers import address, open_app, wait_for, wait_idle

from layers import LAYERS
from layers._dataset import load_dataset
from layers._records import DATA_DIR

LINK = "?year=2018&layers=infrastructure,events&record=INF01"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    yield from cluster_of_two(tmp_path_factory.mktemp("no-export"))  # (no export read here)


def replica_of(page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == "WBROUTE"), None)


def test_a_replica_killed_mid_session_costs_the_reader_nothing(page, cluster, blocked) -> None:
    started, url = cluster
    name = load_dataset(LAYERS, DATA_DIR).record("INF01")[1]["name"]
    open_app(page, url + LINK)
    assert wait_for(lambda: page.locator("h2.wb-title").first.inner_text() == name)
    first = replica_of(page)
    assert first in ("r1", "r2")
    killed_at = time.monotonic()
    os.kill(started.processes[first].pid, signal.SIGKILL)  # a crash, not a polite stop
    # The page notices, reconnects through the balancer (which has marked the replica down) and starts a new session
    # on the other replica, which reads the view from the address.
    assert wait_for(lambda: replica_of(page) not in (None, first), timeout=60), page.context.cookies()
    assert wait_for(lambda: page.locator("h2.wb-title").count() > 0
                    and page.locator("h2.wb-title").first.inner_text() == name, timeout=60)
    wait_idle(page, 60_000)
    recovered = time.monotonic() - killed_at
    assert page.locator('[data-testid="stSlider"] input[type="range"]').first.input_value() == "2018"
    assert "record=INF01" in address(page) and "year=2018" in address(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    layers = sidebar.get_by_role("checkbox", name="Infrastructure and investment")
    assert wait_for(lambda: layers.count() == 1, timeout=60), sidebar.inner_text()[:600]  # the controls come back too
    assert layers.is_checked()
    assert not sidebar.get_by_role("checkbox", name="Vaccine diplomacy").is_checked()
    assert blocked == []
    print(f"recovered on {replica_of(page)} {recovered:.1f} s after {first} was killed")
