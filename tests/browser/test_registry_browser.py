"""The throwaway `ports` layer (tests/fixtures/extra_layer) in a real browser: registered from outside the package,
it is drawn, keyed and opened in the app and in the static export with no other file changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, start_streamlit, stop_streamlit
from helpers import drawn_ids, open_app, panel_text, wait_for
from ports_layer import ports_env as set_up_ports


@pytest.fixture(scope="module")
def ports_env(tmp_path_factory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("ports")
    return {**set_up_ports(tmp), "WB_TMP": str(tmp)}


@pytest.fixture(scope="module")
def ports_app(ports_env):
    process, url = start_streamlit("app.py", ROOT, env=ports_env)
    yield url
    stop_streamlit(process)


def test_the_app_draws_keys_and_opens_the_new_layer(page, ports_app, blocked) -> None:
    open_app(page, ports_app)
    assert {"PORT1", "PORT2"} <= drawn_ids(page)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Ports (test layer)" in sidebar and "operating port" in sidebar
    page.goto(f"{ports_app}/?record=PORT1")
    assert wait_for(lambda: "Testport Operating Co." in panel_text(page)), panel_text(page)[-1500:]
    assert blocked == []


def test_the_export_draws_keys_and_opens_the_new_layer(page, ports_env, blocked) -> None:
    out = Path(ports_env["WB_TMP"]) / "export"
    env = {**os.environ, **ports_env}
    done = subprocess.run([sys.executable, "-m", "layers", "export", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    page.goto((out / "index.html").as_uri())
    page.locator("path.leaflet-interactive").first.wait_for(timeout=20_000)
    assert {"PORT1", "PORT2"} <= set(page.evaluate("() => window.wbExport.visibleIds()"))
    assert "Ports (test layer)" in page.locator("body").inner_text()
    page.goto("about:blank")  # a new load: the page reads its link once
    page.goto((out / "index.html").as_uri() + "#record=PORT1")
    assert wait_for(lambda: "Testport Operating Co." in page.locator("#wb-panel").inner_text())
    assert blocked == []
