"""Page helpers for browser tests: wait for Streamlit, reach into the map iframe, click at a coordinate."""

from __future__ import annotations

import time

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def wait_idle(page, timeout: float = 30_000) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)


def open_app(page, url: str, legend: str = "Legend") -> None:
    """Load the app until the map is drawn and the run that brings the controls (after the map's report) has ended:
    a click made while that run still adds elements below the map can land on one that is being replaced. `legend`:
    the key's title in the page's language."""
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector(MAP_IFRAME, state="attached", timeout=30_000)
    page.frame_locator(MAP_IFRAME).locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    page.locator('[data-testid="stSidebar"]').get_by_text(legend).first.wait_for(state="attached", timeout=30_000)
    wait_idle(page)


def open_settled(page, url: str) -> None:
    """Load the app in any language (no words waited for): its controls attached (a phone folds them away), its map
    drawn, its runs ended."""
    page.goto(url)
    wait_idle(page, 60_000)
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stSlider"]', state="attached", timeout=60_000)
    page.frame_locator(MAP_IFRAME).locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    wait_idle(page, 60_000)


def map_frame(page):
    """The iframe's Frame, where `window.map` is the Leaflet map."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("() => typeof window.map === 'object' && window.map !== null"):
                    return frame
            except Exception:  # a frame may detach while we look
                continue
        time.sleep(0.2)
    raise AssertionError("map frame not found")


def drawn_ids(page) -> set[str]:
    """Ids of the marks the map draws: on the map itself, or in a group of marks that would overlap (cluster.js)."""
    return set(map_frame(page).evaluate(
        """() => { const ids = [], add = (l) => { const p = l.feature && l.feature.properties; if (p && p.id) ids.push(p.id); };
                   window.map.eachLayer(add); if (window.wbCluster) window.wbCluster.getLayers().forEach(add);
                   return ids; }"""))


def grouped_ids(page) -> set[str]:
    """Ids of the marks drawn inside a group's numbered circle at the present zoom (not clickable on their own)."""
    return set(map_frame(page).evaluate(
        """() => window.wbCluster ? window.wbCluster.getLayers().filter((l) => window.wbClusterOf(window.wbCluster, l))
                   .map((l) => l.feature.properties.id) : []"""))


def view(page) -> tuple[float, float, float]:
    c = map_frame(page).evaluate("() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }")
    return round(c[0], 5), round(c[1], 5), c[2]


def click_at(page, lat: float, lng: float) -> None:
    """A real mouse click at a map coordinate (the map is scrolled into view first: a click on a button in the panel
    may have scrolled it away)."""
    page.locator(MAP_IFRAME).evaluate("el => el.scrollIntoView({block: 'nearest'})")  # all of it, not just a part
    point = map_frame(page).evaluate("([lat, lng]) => { const p = window.map.latLngToContainerPoint([lat, lng]); return [p.x, p.y]; }", [lat, lng])
    box = page.locator(MAP_IFRAME).bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


def set_year(page, key: str, presses: int = 1) -> None:
    """Move the Year slider with the keyboard (Home = first year, ArrowRight = one year on)."""
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
    thumb.focus()
    for _ in range(presses):
        thumb.press(key)
    time.sleep(0.6)  # the slider commits after its debounce
    wait_idle(page)


def address(page) -> str:
    """The page's own address. Playwright's page.url follows history.replaceState through a protocol event that can
    be missed (puppeteer/puppeteer#10405 has the same race), and both the app and the export replace their address."""
    return page.evaluate("() => location.href")


def panel_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def wait_for(predicate, timeout: float = 20.0) -> bool:
    """Poll until `predicate()` holds (True) or the time is up (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def tab_stops(page, where, presses: int) -> list:
    """Press Tab up to `presses` times, noting `where()` the focus is after each; None (the focus has left what is
    watched) ends the walk."""
    reached = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        reached.append(where())
        if reached[-1] is None:
            break
    return reached


def open_expander(page, label: str) -> None:
    """Open an expander by its own label (the same words may appear in other text on the page)."""
    page.locator('[data-testid="stExpander"] summary').filter(has_text=label).click()


def touch_move(page, starts: list[tuple[float, float]], ends: list[tuple[float, float]], steps: int = 15) -> None:
    """Fingers put down at `starts` (pixels of the visible window) and moved to `ends` in `steps`, as a touch screen reports them (one
    finger scrolls, two pinch); needs a context with has_touch. Playwright's touchscreen only taps."""
    cdp = page.context.new_cdp_session(page)
    try:
        def points(share: float) -> list[dict]:
            return [{"x": x0 + (x1 - x0) * share, "y": y0 + (y1 - y0) * share, "id": i}
                    for i, ((x0, y0), (x1, y1)) in enumerate(zip(starts, ends))]

        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": points(0)})
        for step in range(1, steps + 1):
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": points(step / steps)})
            page.wait_for_timeout(16)  # a frame apart, as a finger's reports are
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()


# The town names a map shows, and on which side of their dots (the app's map and the export draw the same classes).
TOWN_NAMES_JS = """() => Object.fromEntries(Array.from(document.querySelectorAll(".wb-label.wb-town"),
    (e) => [e.textContent, e.classList.contains("wb-town-left") ? "left" : e.classList.contains("wb-town-above") ? "above" : "right"]))"""


def town_names_at(labels: list[dict], zooms: tuple[float, ...], zoom: float) -> dict[str, str]:
    """The names `labels` (layers._map.map_labels) place at `zoom`: those of the nearest of `zooms` not closer in."""
    step = next((i for i, z in enumerate(zooms) if z <= zoom), len(zooms) - 1)
    names = {}
    for d in labels:
        if "sides" in d:
            text, side = d["name"], d["sides"][step]
        else:
            text, side = d["text"], next((s for s in ("left", "above") if f"wb-town-{s}" in d["css"]), "right")
        if "wb-town" in d["css"] and text and side:
            names[text] = side
    return names
