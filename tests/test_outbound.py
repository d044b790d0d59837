"""The server calls no one: started as the container and scripts/cluster.py start it (deploy/python on PYTHONPATH,
WB_NO_OUTBOUND=1), with every name look-up and outbound connection noted (tests/network_log.py), it makes none at
start, for a page or for a websocket from another site's page. Started without that, the same run records Streamlit
1.67's look-ups of checkip.amazonaws.com and its socket towards 8.8.8.8: the recorder sees them, and the pinned
version still makes them (if it stops, deploy/python/sitecustomize.py can go)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import websockets
from own_thread import in_own_thread
from scripts.cluster import free_port

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = ("127.0.0.1", "::1", "localhost")


async def foreign_websocket(port: int) -> None:
    """A websocket opened from another site's page (its Origin): Streamlit refuses it, after matching the origin."""
    try:
        async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", origin="http://elsewhere.example",
                                      subprotocols=["streamlit"], open_timeout=10):
            pass
    except websockets.InvalidStatus:
        return


def record_a_run(tmp_path: Path, quiet: bool) -> list[str]:
    log, port = tmp_path / f"network-{quiet}.log", free_port()
    env = {**os.environ, **({"PYTHONPATH": str(ROOT / "deploy" / "python"), "WB_NO_OUTBOUND": "1"} if quiet else {})}
    if not quiet:
        env.pop("WB_NO_OUTBOUND", None)
    server = subprocess.Popen([sys.executable, str(ROOT / "tests" / "network_log.py"), str(log), "-m", "streamlit", "run",
                               "serve.py", "--server.headless", "true", "--server.address", "0.0.0.0",
                               "--server.port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:  # noqa: S310
                    page.read()
                    break
            except OSError:
                time.sleep(0.3)
        in_own_thread(foreign_websocket(port))
        time.sleep(2.5)  # the look-ups have a 1 s timeout each
    finally:
        server.terminate()
        server.wait(timeout=20)
    return [line for line in log.read_text(encoding="utf-8").splitlines() if not any(h in line for h in LOOPBACK)]


def test_started_as_deployed_the_server_looks_up_and_connects_to_no_one(tmp_path: Path) -> None:
    assert record_a_run(tmp_path, quiet=True) == []


def test_started_plainly_the_pinned_streamlit_asks_the_network_which_the_log_shows(tmp_path: Path) -> None:
    outside = record_a_run(tmp_path, quiet=False)
    assert any("checkip.amazonaws.com" in line for line in outside), outside
    assert any("8.8.8.8" in line for line in outside), outside
