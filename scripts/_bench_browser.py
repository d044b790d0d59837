"""Browser measurements for scripts/bench.py: first paint, the interactive map's redraws after a year change, a pan
and a click, the floor's CPU and memory per session (the page side is in scripts/_bench_page.py)."""

from __future__ import annotations

import json
import time

from _bench_page import (CHROMIUM, LOOPBACK, CHANGED_JS, DRAGS, FLOOR_SHOWN_JS, IDLE, IDS_JS, KOSOVO_INSIDE,
                         MAP_DRAWN_JS, MAP_IFRAME, PANEL_JS, PANEL_TEXT, REVEAL_JS, SLIDER, STANARI,
                         STILL_SHOWN_JS, Wire, http_assets, in_map, launch, map_frame, new_context, new_page, open_page,
                         target, view, wait_idle, wait_painted)
from _bench_targets import SESSION_TTL

__all__ = ["CHROMIUM", "LOOPBACK", "first_paint", "floor_cpu", "interact", "launch", "memory"]


def first_paint(browser, targets: dict[str, tuple[str, bool]], reps: int, blocked: list[str]) -> dict[str, dict]:
    """Seconds from page.goto to the first frame that shows the map (the app's still picture of it, or a drawn
    border; floor: its text) and to the interactive map's first drawn border, each in a new page (a new session);
    the targets take turns, so background noise hits them alike. Each target has one context whose HTTP cache is
    warmed by a first, unmeasured visit, whose map files fetched over HTTP are counted. Also the websocket bytes
    of each full first render."""
    contexts, out = {}, {}
    for name, (url, floor) in targets.items():
        contexts[name] = new_context(browser, blocked)
        responses: list = []

        def collect(response, responses=responses) -> None:
            responses.append(response)

        contexts[name].on("response", collect)
        warm, _ = open_page(contexts[name], url, floor)
        warm.wait_for_timeout(300)
        http = http_assets(responses)
        contexts[name].remove_listener("response", collect)
        warm.close()
        out[name] = {"seconds": [], "interactive_seconds": [], "driver_seconds": [], "payload": [], "runs_on_load": [], "phases": [],
                     "http_first_visit": http}
    for _ in range(reps):
        for name, (url, floor) in targets.items():
            result = out[name]
            page, wire = new_page(contexts[name])
            start = time.perf_counter()
            page.goto(url, wait_until="commit")
            # the driver's own look at the page, once per frame, apart from the probe's
            painted = page.wait_for_function(f"() => ({MAP_DRAWN_JS})() || ({STILL_SHOWN_JS})() || ({FLOOR_SHOWN_JS})()",
                                             polling="raf", timeout=120_000)
            result["driver_seconds"].append(time.perf_counter() - start)
            painted.dispose()
            result["seconds"].append(page.wait_for_function("() => window.__wbProbe.painted").json_value() / 1000)
            if not floor:  # the map itself, where a still picture came first
                result["interactive_seconds"].append(
                    page.wait_for_function("() => window.__wbProbe.interactive", timeout=120_000).json_value() / 1000)
            wait_painted(page, floor)
            wait_idle(page, wire)
            result["phases"].append(wire.phases(start, 0, 0) | {"painted": round(result["driver_seconds"][-1], 4)})
            page.wait_for_timeout(300)  # a second run (the baseline's map reports its view) still counts
            page.wait_for_selector(IDLE, timeout=120_000)
            result["payload"].append(wire.payload(0))
            result["runs_on_load"].append(wire.runs(0))
            page.close()
    for context in contexts.values():
        context.close()
    return out


def _drag(page, dx: int, dy: int) -> None:
    box = page.locator(MAP_IFRAME).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=8)
    page.mouse.up()


def _settle(page, wire: Wire, since: int, pause_ms: int = 800) -> None:
    """Let a possible rerun start (st_folium debounces its value), then wait until no script runs."""
    page.wait_for_timeout(pause_ms)
    page.wait_for_selector(IDLE, timeout=120_000)
    if wire.runs(since):
        page.wait_for_timeout(200)
        page.wait_for_selector(IDLE, timeout=120_000)


def probe_start(page, spec: dict) -> None:
    """Watch the next action inside the page (PROBE_JS): its input event, and the frames in which the drawn records
    change (`before`: their hash now), or the main area shows `text`."""
    page.evaluate("(spec) => window.__wbProbe.start(spec)", spec)


def probe_seconds(page, *ends: str, run_after: tuple[Wire, int] | None = None) -> float:
    """Seconds from the watched input event to the latest of these frames; with `run_after` (a Wire and its mark),
    or to the arrival in the page of the message that ends the first script run after the mark, if that is later."""
    try:
        found = page.wait_for_function(f"""() => {{ const w = window.__wbProbe.watch;
            return w && w.tInput !== null && {json.dumps(list(ends))}.every((end) => w[end]) ? w : null; }}""",
                                       timeout=30_000).json_value()
    except Exception as error:
        raise RuntimeError(f"probe: {ends} not all seen in 30 s: {page.evaluate('() => window.__wbProbe.watch')}") from error
    times = [found[end] for end in ends]
    if run_after:
        wire, mark = run_after
        times.append(page.evaluate("(i) => window.__wbProbe.arrivals[i]", wire.run_end(mark)))
    return (max(times) - found["tInput"]) / 1000


def wait_redrawn(page, frame, before, timeout: float = 120) -> float:
    """perf_counter when the drawn records first differ from `before` with the app idle. Polled inside the browser on
    every frame while the map's iframe (`frame`, found before the action) lives; when it is replaced (the baseline
    remounts its map), by evaluating from here."""
    deadline = time.monotonic() + timeout
    try:
        frame.wait_for_function(CHANGED_JS, arg=before, polling="raf", timeout=timeout * 1000)
        page.wait_for_selector(IDLE, timeout=timeout * 1000)
        seen = time.perf_counter()
        if in_map(page, IDS_JS) != before:  # checked after taking the time: finding the frame again costs ~20 ms
            return seen
    except Exception:  # noqa: BLE001 - the iframe was replaced while we waited
        pass
    while True:
        now = in_map(page, IDS_JS)
        if now is not None and now != before and page.locator(IDLE).count():
            return time.perf_counter()
        if time.monotonic() > deadline:
            raise TimeoutError("year change: drawn records did not change")
        page.wait_for_timeout(10)


def interact(out: dict, browser, server, url: str, year_reps: int, click_reps: int, blocked: list[str]) -> None:
    """One session: five pans and two wheel zooms (script runs counted), year changes, clicks on Stanari.
    Fills `out` as it goes."""
    context = new_context(browser, blocked)
    page, wire = open_page(context, url, floor=False)
    _settle(page, wire, 0)  # a first visit's second run (the app's controls, the baseline's view report) is not a pan's

    mark = wire.mark()
    for dx, dy in DRAGS:
        _drag(page, dx, dy)
        _settle(page, wire, mark)
    out["pan_reruns"] = wire.runs(mark)
    out["pan_bytes"] = wire.bytes(mark)
    mark = wire.mark()
    box = page.locator(MAP_IFRAME).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for delta in (-240, 240):
        page.mouse.wheel(0, delta)
        _settle(page, wire, mark)
    out["zoom_reruns"] = wire.runs(mark)

    start_view = view(page)
    thumb = page.locator(SLIDER).first
    years, cpu, kept, ws_bytes, reruns, year_phases, year_driver, year_settled = [], [], [], [], [], [], [], []
    out |= {"year_seconds": years, "year_driver_seconds": year_driver, "year_settled": year_settled, "year_view_kept": kept,
            "year_ws_bytes": ws_bytes, "year_reruns": reruns, "year_phases": year_phases, "cpu_per_rerun_s": cpu}
    for rep in range(year_reps):
        before = in_map(page, IDS_JS)
        frame = map_frame(page)
        mark, sent, cpu0 = wire.mark(), len(wire.sent), server.cpu_s()
        probe_start(page, {"before": before})
        start = time.perf_counter()
        # Years not shown before in this session (2024, 2023, …), so no message comes from the browser's cache.
        thumb.press("ArrowLeft" if (rep // 13) % 2 == 0 else "ArrowRight")
        redrawn = wait_redrawn(page, frame, before) - start
        wait_idle(page, wire, mark)  # the map may show the year before the run for it has even started
        year_driver.append(time.perf_counter() - start)
        years.append(probe_seconds(page, "tIds"))  # the map shows the year
        year_settled.append(probe_seconds(page, "tIds", run_after=(wire, mark)))  # and the run for it has ended
        year_phases.append(wire.phases(start, mark, sent) | {"map_updated": round(redrawn, 4)})
        page.wait_for_timeout(150)
        runs = wire.runs(mark)
        reruns.append(runs)
        cpu.append((server.cpu_s() - cpu0) / max(runs, 1))
        ws_bytes.append(wire.bytes(mark))
        kept.append(view(page) == start_view)
    timeline_years(out, page, wire, year_reps, start_view)
    clicks: list[float] = []
    click_driver: list[float] = []
    click_phases: list[dict] = []
    out |= {"click_seconds": clicks, "click_driver_seconds": click_driver, "click_phases": click_phases}
    for _ in range(click_reps):
        page.wait_for_timeout(300)  # the page settles after the last action (the panel it drew, the address bar)
        deadline = time.monotonic() + 30
        while not in_map(page, REVEAL_JS, STANARI[0]) and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        page.wait_for_timeout(300)  # (the groups are drawn again after a zoom)
        x, y = target(page, *STANARI)
        mark, sent, cpu0 = wire.mark(), len(wire.sent), server.cpu_s()
        probe_start(page, {"text": PANEL_TEXT})
        start = time.perf_counter()
        page.mouse.click(x, y)
        page.wait_for_function(PANEL_JS, arg=PANEL_TEXT, timeout=120_000, polling="raf")
        click_driver.append(time.perf_counter() - start)
        wait_idle(page, wire, mark)
        clicks.append(probe_seconds(page, "tText"))
        click_phases.append(wire.phases(start, mark, sent) | {"panel": round(click_driver[-1], 4)})
        page.wait_for_timeout(150)
        cpu.append((server.cpu_s() - cpu0) / max(wire.runs(mark), 1))
        in_map(page, "([lat, lng, zoom]) => window.map.setView([lat, lng], zoom, {animate: false})", list(start_view))
        x, y = target(page, "-", *KOSOVO_INSIDE)  # select something else, so the next click counts
        mark = wire.mark()
        page.mouse.click(x, y)
        page.wait_for_function(f"(t) => !({PANEL_JS})(t)", arg=PANEL_TEXT, timeout=120_000)
        wait_idle(page, wire, mark)
    context.close()


def timeline_years(out: dict, page, wire: Wire, reps: int, start_view: tuple) -> None:
    """Year changes on the map's own year control (the app's timeline; the baseline has none): from the key press
    until the drawn records change (the map draws the year itself), and until the app has followed (the message that
    ends its run for the year has reached the page; the map reports the year once the reader pauses, 250 ms)."""
    timeline = page.frame_locator(MAP_IFRAME).locator(".wb-timeline-range")
    if not timeline.count():
        return
    seconds, driver, settled, kept, phases = [], [], [], [], []
    out |= {"timeline_seconds": seconds, "timeline_driver_seconds": driver, "timeline_settled": settled,
            "timeline_view_kept": kept, "timeline_phases": phases}
    frame = map_frame(page)
    for _ in range(reps):
        before = frame.evaluate(IDS_JS)
        mark, sent = wire.mark(), len(wire.sent)
        probe_start(page, {"before": before})
        start = time.perf_counter()
        timeline.press("ArrowRight")  # back towards 2025, through the years the slider's changes went down
        frame.wait_for_function(CHANGED_JS, arg=before, polling="raf", timeout=120_000)
        driver.append(time.perf_counter() - start)
        seconds.append(probe_seconds(page, "tIds"))
        wait_idle(page, wire, mark)
        settled.append(probe_seconds(page, "tIds", run_after=(wire, mark)))  # the app's run for the year has ended
        phases.append(wire.phases(start, mark, sent) | {"map_updated": round(driver[-1], 4)})
        page.wait_for_timeout(150)
        kept.append(view(page) == start_view)


def floor_cpu(browser, server, url: str, reps: int, blocked: list[str]) -> list[float]:
    """CPU seconds per rerun of the one-line app (reruns asked with the 'r' key)."""
    context = new_context(browser, blocked)
    page, wire = open_page(context, url, floor=True)
    cpu = []
    for _ in range(reps):
        mark, cpu0 = wire.mark(), server.cpu_s()
        page.locator("body").press("r")
        wait_idle(page, wire, mark)
        page.wait_for_timeout(150)
        cpu.append((server.cpu_s() - cpu0) / max(wire.runs(mark), 1))
    context.close()
    return cpu


def memory(browser, server, url: str, floor: bool, counts: list[int], blocked: list[str], batch: int = 10) -> dict:
    """Server RSS (MB) with N open sessions (pages of one context), then after all close and are dropped."""
    context = new_context(browser, blocked)
    pages: list = []
    rss: dict[str, float] = {}
    for count in counts:
        while len(pages) < count:
            opened = []
            for _ in range(min(batch, count - len(pages))):
                page, wire = new_page(context)
                page.goto(url, wait_until="commit")
                opened.append((page, wire))
            for page, wire in opened:
                wait_painted(page, floor)
                wait_idle(page, wire)
            pages += opened
        server.wait_sessions(count)
        time.sleep(1.0)
        rss[str(count)] = server.rss_mb()
    context.close()
    closed_ok = server.wait_sessions(0)
    time.sleep(SESSION_TTL + 0.5)
    # Disconnected sessions are dropped lazily, on the next write to the session store: one short probe session.
    probe = new_context(browser, blocked)
    open_page(probe, url, floor)
    probe.close()
    server.wait_sessions(0)
    time.sleep(SESSION_TTL + 1.5)
    rss["closed"] = server.rss_mb()
    return {"rss_mb": rss, "sessions_closed": closed_ok}

