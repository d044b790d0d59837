"""The balancer's Content-Security-Policy (deploy/haproxy.cfg), in Chromium through the cluster: the app's page, an
open panel, its sections and the map's frame, and the static export with its filters, table and comparison, break
no rule of it (every violation any frame reports is recorded); the policy is the one the balancer sends, with the
frame-ancestors the cluster was given."""

from __future__ import annotations

import re

import pytest

from conftest import cluster_of_two
from helpers import MAP_IFRAME, open_app, open_expander, wait_for, wait_idle

NEWSROOM = "https://newsroom.example"  # a site allowed to frame the dashboard, as a deployment would name it
# Every frame reports each violation to the test (a binding reaches Python from any frame).
RECORD = """document.addEventListener("securitypolicyviolation", e => window.wbViolation(
  [e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber, e.sample, location.pathname].join(" | ")));"""


@pytest.fixture(scope="module")
def cluster(built_export):
    yield from cluster_of_two(built_export.folder, frame_ancestors=f"'self' {NEWSROOM}")


@pytest.fixture
def watched(browser):
    """A page whose every frame's CSP violations are recorded, and that list."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    violations: list[str] = []
    context.expose_binding("wbViolation", lambda _source, text: violations.append(text))
    context.add_init_script(RECORD)
    page = context.new_page()
    yield page, violations
    context.close()


def reported(page, violations: list[str]) -> list[str]:
    """The violations so far: Playwright hands the page's reports to Python only while it is called, so it is."""
    page.wait_for_timeout(1000)
    return violations


def policy_of(response) -> dict[str, list[str]]:
    text = response.headers.get("content-security-policy", "")
    return {part.split()[0]: part.split()[1:] for part in text.split(";") if part.strip()}


def test_the_apps_page_panel_sections_and_map_break_no_rule(watched, cluster) -> None:
    page, violations = watched
    _, url = cluster
    response = page.goto(url + "?year=2025")
    policy = policy_of(response)
    assert policy["default-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'", NEWSROOM]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    frames = []
    page.on("response", lambda r: frames.append(r) if "/component/" in r.url and "/index.html" in r.url else None)
    open_app(page, url + "?year=2025&record=INF01")  # a record's panel open from the start
    assert wait_for(lambda: page.locator("h2.wb-title").count() > 0)
    # a click on the map opens another (a country's profile), and the sections below the map draw a table and charts
    page.frame_locator(MAP_IFRAME).locator("path.leaflet-interactive").first.click(force=True)
    wait_idle(page)
    for label in ("Table of the records", "Trends over the years"):
        open_expander(page, label)
        wait_idle(page)
    assert wait_for(lambda: page.locator('[data-testid="stVegaLiteChart"]').count() > 0, timeout=30)
    assert page.evaluate("document.documentElement.lang") == "en"  # the page's own script (static/app/lang.js) ran
    frame_policy = policy_of(frames[0])  # the map's frame: streamlit-folium runs its map as inline script and eval
    assert {"'unsafe-inline'", "'unsafe-eval'"} <= set(frame_policy["script-src"])
    assert frame_policy["default-src"] == ["'none'"] and frame_policy["frame-ancestors"] == ["'self'", NEWSROOM]
    frame = next(f for f in page.frames if "/component/" in f.url)
    assert frame.evaluate("typeof window.map === 'object'")  # the map's frame ran its scripts under its policy
    assert reported(page, violations) == []


def test_the_export_breaks_no_rule_and_a_broken_one_is_seen(watched, cluster) -> None:
    page, violations = watched
    _, url = cluster
    response = page.goto(url + "export/index.html#year=2025&record=INF01")
    policy = policy_of(response)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]  # no inline script or style
    assert policy["frame-ancestors"] == ["'self'", NEWSROOM]
    page.locator("path.leaflet-interactive").first.wait_for(timeout=20_000)
    assert wait_for(lambda: page.locator("#wb-panel h2").count() > 0)
    assert page.locator(".wb-legend .wb-sample").count() > 5  # the keys' samples, drawn by the style sheet's classes
    assert page.locator(".wb-legend .wb-sample").first.evaluate("e => e.getBoundingClientRect().width") > 5
    for summary in ("#wb-filters summary", "#wb-table summary"):
        page.locator(summary).click()
    page.locator("#wb-compare").check()
    assert wait_for(lambda: page.locator("#wb-table tbody tr").count() > 0)
    assert reported(page, violations) == []
    # the recorder sees what the policy refuses: a style attribute added to the page
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color:red\">x</p>')")
    assert any(re.match(r"style-src-attr \| inline", v) for v in reported(page, violations)), violations
