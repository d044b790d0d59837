"""Real-browser fixtures: the app under `streamlit run` on loopback, Debian's Chromium driven by Playwright,
and every non-loopback request blocked and counted."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from scripts.cluster import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"{CHROMIUM} is missing: browser tests must run in CI (make test installs chromium)")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (run `make test`, which installs it)")
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(skip)


def cluster_of_two(export_dir: Path, **options) -> Iterator[tuple]:
    """scripts/cluster.py's two replicas, file server and balancer on a free port, for a module's fixture to `yield
    from`: (the started cluster, its address); stopped after. Skipped without haproxy or nginx (failed in CI)."""
    import shutil

    from scripts.cluster import run

    for tool in ("haproxy", "nginx"):
        if shutil.which(tool) is None:
            if os.environ.get("CI"):
                pytest.fail(f"{tool} is missing: `make test` installs Debian's")
            pytest.skip(f"{tool} is missing (make system-packages)")
    # (not under pytest's folder, which only its owner may enter: nginx's workers, another user, read the export here)
    run_dir = Path(tempfile.mkdtemp(prefix="wb-cluster-"))
    run_dir.chmod(0o755)
    started, url = run(2, "127.0.0.1", free_port(), export_dir, run_dir, **options)
    yield started, url
    started.stop()
    shutil.rmtree(run_dir, ignore_errors=True)


def server_log(process: subprocess.Popen) -> str:
    return Path(process.log_path).read_text(encoding="utf-8", errors="replace")[-3000:]


def start_streamlit(script: str, cwd: Path, extra: list[str] | None = None, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """A server on a free loopback port. Its output goes to a file, not a pipe: a pipe nobody reads fills up and then
    blocks the server mid-write; the file is shown when the server fails to start or to stop."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", *(extra or [])]
    log = tempfile.NamedTemporaryFile("wb", prefix=f"streamlit-{port}-", suffix=".log", delete=False)
    process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    log.close()  # the child keeps its own handle
    process.log_path = log.name
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    process.wait()
    raise RuntimeError(f"streamlit did not start:\n{server_log(process)}")


def stop_streamlit(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"streamlit did not stop within 20 s of SIGTERM; its output:\n{server_log(process)}") from None
    Path(process.log_path).unlink(missing_ok=True)


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    process, url = start_streamlit("app.py", ROOT)
    yield url
    stop_streamlit(process)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Blocked(list):
    """Outside requests the page tried to make (each was aborted)."""


@pytest.fixture
def blocked() -> Blocked:
    return Blocked()


@pytest.fixture
def page(browser, blocked):
    context = browser.new_context(viewport={"width": 1400, "height": 900})

    def guard(route):
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:", "file:")) or host in LOOPBACK:  # file: the static export
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    yield page
    context.close()

