"""scripts/cluster.py: two replicas behind HAProxy (deploy/haproxy.cfg) and the static export beside them, over real
HTTP on loopback: session affinity by cookie, health checks that move a reader off a replica that died, the headers
the balancer adds, and a stop that leaves no process behind. The configuration docs/deploy.md shows is this one."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import websockets
from own_thread import in_own_thread

ROOT = Path(__file__).resolve().parents[1]


def needs(tool: str) -> None:
    if shutil.which(tool) is None:
        message = f"{tool} is missing: `make test` installs Debian's (make system-packages)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def fetch(url: str, cookie: str | None = None, gzip: bool = False) -> tuple[int, dict[str, list[str]], bytes]:
    request = urllib.request.Request(url, headers={**({"Cookie": cookie} if cookie else {}),
                                                   **({"Accept-Encoding": "gzip"} if gzip else {})})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
        headers: dict[str, list[str]] = {}
        for key, value in response.headers.items():
            headers.setdefault(key.lower(), []).append(value)
        return response.status, headers, response.read()


def route(headers: dict[str, list[str]]) -> str | None:
    found = [re.match(r"WBROUTE=(\w+)", value) for value in headers.get("set-cookie", [])]
    return next((m.group(1) for m in found if m), None)


@pytest.fixture(scope="module")
def cluster(built_export):
    needs("haproxy")
    needs("nginx")
    export_dir = built_export.folder  # (the cluster serves a copy of it)
    process = subprocess.Popen([sys.executable, "scripts/cluster.py", "--replicas", "2", "--port", "0", "--export-dir",
                                str(export_dir)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline()
    found = re.search(r"details in (\S+cluster\.json)", line)
    if found is None:
        process.kill()
        pytest.fail(f"the cluster did not start: {line}{process.stdout.read()}")
    details = json.loads(Path(found.group(1)).read_text(encoding="utf-8"))
    yield process, details
    if process.poll() is None:  # (a run of some of the tests): stopped as a reader stops it, so it stops its children
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_a_reader_stays_on_one_replica_and_moves_when_it_dies(cluster) -> None:
    process, details = cluster
    url = details["url"]
    routes = {route(fetch(url)[1]) for _ in range(4)}
    assert routes == {"r1", "r2"}  # new readers are spread over both
    status, headers, _ = fetch(url, cookie="WBROUTE=r1")
    assert status == 200 and route(headers) is None  # a reader with a replica keeps it (no new cookie)
    assert fetch(url + "_stcore/health", cookie="WBROUTE=r1")[2] == b"ok"
    r1 = next(p for p in details["processes"] if p["name"] == "r1")
    os.kill(r1["pid"], signal.SIGTERM)
    deadline = time.monotonic() + 15  # the checks (every second, two failures) mark it down
    moved = None
    while time.monotonic() < deadline and moved != "r2":
        try:
            moved = route(fetch(url, cookie="WBROUTE=r1")[1])
        except OSError:  # 503 while no check has failed twice yet
            moved = None
        time.sleep(0.5)
    assert moved == "r2"


def test_the_balancer_adds_its_headers_and_serves_the_export(cluster) -> None:
    _, details = cluster
    url = details["url"]
    _, headers, _ = fetch(url)
    assert headers["referrer-policy"] == ["no-referrer"] and headers["x-content-type-options"] == ["nosniff"]
    status, headers, body = fetch(url + "export/", gzip=True)
    assert status == 200 and headers["content-encoding"] == ["gzip"] and headers["referrer-policy"] == ["no-referrer"]
    status, headers, body = fetch(url + "export/leaflet/leaflet.js")
    assert status == 200 and "max-age=86400" in headers["cache-control"][0]
    scripts = sorted((ROOT / "static" / "vendor" / "wb").glob("*.js"))
    assert scripts, "the replicas write the map's scripts when they start"
    _, headers, _ = fetch(url + "app/static/vendor/wb/" + scripts[-1].name, cookie="WBROUTE=r2")
    assert headers["cache-control"] == ["public, max-age=31536000, immutable"]
    page = re.search(r'href="(assets/page-[0-9a-f]{16}\.css)"', fetch(url + "export/index.html")[2].decode()).group(1)
    assert fetch(url + "export/" + page)[1]["cache-control"] == ["public, max-age=31536000, immutable"]
    # each answer says what its page may load (the map's frame's: tests/browser/test_csp_browser.py)
    policies = [fetch(url + path)[1]["content-security-policy"][0] for path in ("", "export/index.html")]
    assert all(policy.startswith("default-src 'none'; ") and policy.endswith("; frame-ancestors 'self'")
               for policy in policies) and policies[0] != policies[1]


def test_the_apps_policy_allows_streamlits_inline_script_by_its_hash_and_none_other() -> None:
    """Streamlit's page has one inline script of its own (the app's are files): deploy/haproxy.cfg names it by its
    hash, so a Streamlit that changes it shows here, before a reader's browser refuses it."""
    import base64
    import hashlib

    import streamlit

    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    inline = re.findall(r"<script>(.*?)</script>", index, re.S)
    hashes = {"sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() for text in inline}
    config = (ROOT / "deploy" / "haproxy.cfg").read_text(encoding="utf-8")
    assert len(inline) == 1 and set(re.findall(r"'(sha256-[A-Za-z0-9+/=]+)'", config)) == hashes


def test_the_deploy_guide_shows_the_configuration_that_runs() -> None:
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for path in ("deploy/haproxy.cfg", "deploy/export-files.conf"):
        text = (ROOT / path).read_text(encoding="utf-8")
        assert f"```\n{text}```" in guide, f"docs/deploy.md does not show {path} as it is"


def test_websockets_pass_from_the_dashboards_own_pages_only(cluster) -> None:
    """Through the balancer: a websocket opened by the dashboard's own page reaches a replica; one opened by another
    site's page is refused by the balancer itself."""
    _, details = cluster
    host = details["url"].split("/")[2]

    async def open_from(origin: str) -> str:
        try:
            async with websockets.connect(f"ws://{host}/_stcore/stream", origin=origin, subprotocols=["streamlit"],
                                          open_timeout=10):
                return "open"
        except websockets.InvalidStatus as refused:
            return str(refused.response.status_code)

    assert in_own_thread(open_from(f"http://{host}")) == "open"
    refused = in_own_thread(open_from("http://elsewhere.example"))
    time.sleep(0.5)
    replicas = [p["name"] for p in details["processes"] if p["name"].startswith("r")]
    said = "".join((Path(details["run_dir"]) / f"{name}.log").read_text(errors="replace") for name in replicas)
    assert refused == "403" and "Rejecting WebSocket" not in said  # refused before it reached a replica


def test_stopped_it_leaves_no_process_behind(cluster) -> None:
    process, details = cluster
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    for started in details["processes"]:
        assert not Path(f"/proc/{started['pid']}").exists() or "zombie" in Path(f"/proc/{started['pid']}/status").read_text().lower(), started
    assert not Path(details["run_dir"]).exists()
