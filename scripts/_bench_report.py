"""Figures from raw benchmark samples: medians, budgets (PASS/FAIL) and the printed tables."""

from __future__ import annotations

import statistics

FLOOR_X, YEAR_S, CLICK_S, RAW_KB, GZIP_KB, RSS_MB, CLOSE_PCT, BASE_X = 1.3, 0.5, 0.5, 500, 150, 2.0, 10, 10

# metric: (label, unit, budget text)
METRICS = {
    "paint_s": ("first map paint (still picture or map)", "s", f"≤ {FLOOR_X} × floor; ≥ {BASE_X}× baseline"),
    "paint_driver_s": ("  as the driver saw it", "s", "info"),
    "interactive_s": ("first border of the interactive map", "s", f"≤ {FLOOR_X} × floor; ≥ {BASE_X}× baseline"),
    "year_s": ("year change (sidebar slider) → map updated", "s", f"≤ {YEAR_S} s, view kept; ≥ {BASE_X}× baseline"),
    "year_settled_s": ("  … → the app has followed (its run has ended)", "s", "info"),
    "year_driver_s": ("  as the driver saw it (the app followed)", "s", "info"),
    "timeline_s": ("year change (map's year control) → map updated", "s", f"≤ {YEAR_S} s, view kept; ≥ {BASE_X}× baseline"),
    "timeline_settled_s": ("  … → the app has followed (its run has ended)", "s", "info"),
    "click_s": ("click → panel updated", "s", f"≤ {CLICK_S} s; ≥ {BASE_X}× baseline"),
    "click_driver_s": ("  as the driver saw it", "s", "info"),
    "pan_reruns": ("reruns caused by 5 pans", "", "0"),
    "zoom_reruns": ("reruns caused by 2 wheel zooms", "", "0"),
    "payload_raw_kb": ("map payload of a first visit, raw", "kB", f"≤ {RAW_KB} kB"),
    "payload_gzip_kb": ("map payload of a first visit, gzip", "kB", f"≤ {GZIP_KB} kB"),
    "ws_raw_kb": ("  websocket bytes of the full render", "kB", "info"),
    "map_args_kb": ("  of which the map component's args", "kB", "info"),
    "map_data_kb": ("  map data over HTTP (app's static files)", "kB", "info"),
    "library_kb": ("Leaflet + st_folium bundle over HTTP, raw", "kB", "info"),
    "year_ws_kb": ("websocket bytes per year change", "kB", "info"),
    "cpu_ms": ("server CPU per rerun", "ms", f"≥ {BASE_X}× baseline"),
    "rss_1": ("server RSS, 1 session", "MB", "info"),
    "rss_10": ("server RSS, 10 sessions", "MB", "info"),
    "rss_30": ("server RSS, 30 sessions", "MB", "info"),
    "rss_per_session": ("RSS growth per session (1→most)", "MB", f"≤ {RSS_MB} MB"),
    "rss_closed": ("server RSS after sessions close", "MB", f"within {CLOSE_PCT} % of 1 session"),
    "rss_closed_pct": ("  after close vs 1 session", "%", f"≤ {CLOSE_PCT} %"),
}
TIMED = ("paint_s", "interactive_s", "year_s", "timeline_s", "click_s", "cpu_ms")
# The baseline's figure each of the app's is held against: the baseline has one year control, and no still picture
# (its first paint is its interactive map's).
BASELINE_OF = {"timeline_s": "year_s", "interactive_s": "paint_s"}
FLOOR_OF = {"interactive_s": "paint_s"}  # the floor has no map: its text's first paint
KEPT_OF = {"year_s": "year_view_kept", "timeline_s": "timeline_view_kept"}  # was the view kept on each change


def stats(values: list[float]) -> dict | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def summarize(result: dict) -> dict[str, dict | None]:
    """Per metric: median, min, max and the number of samples, from a target's raw results."""
    paint, inter, mem = result.get("paint", {}), result.get("interact", {}), result.get("memory", {})
    payloads = paint.get("payload", [])
    http = paint.get("http_first_visit", {})
    data = http.get("map_data", {})  # files the app writes for the map (e.g. borders and labels), fetched once
    rss = mem.get("rss_mb", {})
    out = {
        "paint_s": stats(paint.get("seconds", [])),
        "paint_driver_s": stats(paint.get("driver_seconds", [])),
        "interactive_s": stats(paint.get("interactive_seconds", [])),
        "year_driver_s": stats(inter.get("year_driver_seconds", [])),
        "year_settled_s": stats(inter.get("year_settled", [])),
        "click_driver_s": stats(inter.get("click_driver_seconds", [])),
        "year_s": stats(inter.get("year_seconds", [])),
        "timeline_s": stats(inter.get("timeline_seconds", [])),
        "timeline_settled_s": stats(inter.get("timeline_settled", [])),
        "click_s": stats(inter.get("click_seconds", [])),
        "pan_reruns": stats([inter.get("pan_reruns")]),
        "zoom_reruns": stats([inter.get("zoom_reruns")]),
        "payload_raw_kb": stats([(p["raw"] + data.get("raw", 0)) / 1000 for p in payloads]),
        "payload_gzip_kb": stats([(p["gzip"] + data.get("gzip", 0)) / 1000 for p in payloads]),
        "ws_raw_kb": stats([p["raw"] / 1000 for p in payloads]),
        "map_data_kb": stats([data["raw"] / 1000] if data else []),
        "library_kb": stats([sum(http.get(k, {}).get("raw", 0) for k in ("leaflet", "component")) / 1000] if http else []),
        "map_args_kb": stats([p["component"]["json_args"] / 1000 for p in payloads if p.get("component")]),
        "year_ws_kb": stats([b / 1000 for b in inter.get("year_ws_bytes", [])]),
        "cpu_ms": stats([c * 1000 for c in result.get("cpu_per_rerun_s", inter.get("cpu_per_rerun_s", []))]),
        "rss_1": stats([rss.get("1")]), "rss_10": stats([rss.get("10")]), "rss_30": stats([rss.get("30")]),
        "rss_closed": stats([rss.get("closed")]),
    }
    counts = sorted(int(k) for k in rss if k.isdigit())
    if len(counts) >= 2:
        lo, hi = counts[0], counts[-1]
        out["rss_per_session"] = stats([(rss[str(hi)] - rss[str(lo)]) / (hi - lo)])
    if "1" in rss and "closed" in rss:
        out["rss_closed_pct"] = stats([100 * (rss["closed"] - rss["1"]) / rss["1"]])
    for metric, phases in (("paint_phases", paint.get("phases")), ("year_phases", inter.get("year_phases")),
                           ("timeline_phases", inter.get("timeline_phases")), ("click_phases", inter.get("click_phases"))):
        if phases:  # median seconds from the action to each step, to see where the time goes
            out[metric] = {k: statistics.median(p[k] for p in phases if p.get(k) is not None)
                           for k in phases[0] if any(p.get(k) is not None for p in phases)}
    for key in KEPT_OF.values():
        if inter.get(key):
            out[key] = {"kept": sum(inter[key]), "n": len(inter[key])}
    return out


def med(summary: dict, metric: str) -> float | None:
    return (summary.get(metric) or {}).get("median")


def verdicts(app: dict, floor: dict, base: dict) -> dict[str, tuple[bool, str]]:
    """PASS/FAIL per budgeted metric, with the reason of a failure."""
    out: dict[str, tuple[bool, str]] = {}

    def check(metric: str, ok: bool, why: str) -> None:
        prev_ok, prev_why = out.get(metric, (True, ""))
        out[metric] = (prev_ok and ok, "; ".join(w for w in (prev_why, "" if ok else why) if w))

    a = {m: med(app, m) for m in METRICS}
    for metric in ("paint_s", "interactive_s"):
        if a[metric] is not None and med(floor, "paint_s"):
            check(metric, a[metric] <= FLOOR_X * med(floor, "paint_s"), f"{a[metric] / med(floor, 'paint_s'):.2f}× floor")
    for metric, kept_key in KEPT_OF.items():
        if a[metric] is not None:
            kept = app.get(kept_key, {})
            check(metric, a[metric] <= YEAR_S, f"{a[metric]:.2f} s")
            check(metric, kept.get("kept") == kept.get("n"), f"view kept {kept.get('kept')}/{kept.get('n')}")
    if a["click_s"] is not None:
        check("click_s", a["click_s"] <= CLICK_S, f"{a['click_s']:.2f} s")
    for metric in ("pan_reruns", "zoom_reruns"):
        if a[metric] is not None:
            check(metric, a[metric] == 0, f"{a[metric]:g} reruns")
    for metric, limit in (("payload_raw_kb", RAW_KB), ("payload_gzip_kb", GZIP_KB), ("rss_per_session", RSS_MB)):
        if a[metric] is not None:
            check(metric, a[metric] <= limit, f"{a[metric]:.1f} > {limit}")
    if a["rss_closed_pct"] is not None:
        check("rss_closed_pct", abs(a["rss_closed_pct"]) <= CLOSE_PCT, f"{a['rss_closed_pct']:+.1f} %")
        check("rss_closed", abs(a["rss_closed_pct"]) <= CLOSE_PCT, f"{a['rss_closed_pct']:+.1f} %")
    for metric in TIMED:
        b = med(base, BASELINE_OF.get(metric, metric))
        if a[metric] and b and b > a[metric]:
            check(metric, b / a[metric] >= BASE_X, f"only {b / a[metric]:.1f}× better than baseline")
    return out


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit in ("s",):
        return f"{value:.3f}"
    if unit == "":
        return f"{value:g}"
    return f"{value:.1f}" if abs(value) < 1000 else f"{value:,.0f}"


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None:
        return "–"
    if a == 0:
        return "∞" if b else "="
    return f"{b / a:.2f}×"


def cell_of(s: dict | None, unit: str) -> str:
    if s is None:
        return "–"
    return fmt(s["median"], unit) if s["n"] == 1 else f"{fmt(s['median'], unit)} ({fmt(s['min'], unit)}–{fmt(s['max'], unit)})"


def table(app: dict, floor: dict, base: dict, checks: dict, map_floor: dict | None = None) -> str:
    """One row per metric; with `map_floor`, a row under first paint gives that reference's own first paint (in the
    app's column) and what the app's interactive map's first paint is in multiples of it."""
    head = ["metric", "unit", "app median (min–max)", "floor", "baseline", "app÷floor", "baseline÷app", "budget", "result"]
    rows = [head]
    for metric, (label, unit, budget) in METRICS.items():
        s = app.get(metric)
        cell = cell_of(s, unit)
        kept_key = KEPT_OF.get(metric)
        if kept_key in app:
            cell += f" kept {app[kept_key]['kept']}/{app[kept_key]['n']}"
        ok, why = checks.get(metric, (None, ""))
        verdict = "info" if ok is None else ("PASS" if ok else f"FAIL ({why})")
        a, f, b = med(app, metric), med(floor, FLOOR_OF.get(metric, metric)), med(base, BASELINE_OF.get(metric, metric))
        rows.append([label, unit, cell, fmt(f, unit), fmt(b, unit), ratio(f, a), ratio(a, b), budget, verdict])
        if metric == "interactive_s" and map_floor and map_floor.get("interactive_s"):
            m, a = med(map_floor, "interactive_s"), med(app, "interactive_s")
            rows.append(["  map floor (one triangle through st_folium)", "s", cell_of(map_floor["interactive_s"], "s"),
                         fmt(med(floor, "paint_s"), "s"), "–", ratio(med(floor, "paint_s"), m), "–", "info",
                         f"app's map = {ratio(m, a)} map floor" if a else "info"])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def growth_table(summaries: dict[str, dict], names: list[str]) -> str:
    head = ["metric", "unit", *names, *[f"{n}÷app" for n in names[1:]]]
    rows = [head]
    for metric, (label, unit, _) in METRICS.items():
        values = [med(summaries.get(n, {}), metric) for n in names]
        rows.append([label, unit, *[fmt(v, unit) for v in values], *[ratio(values[0], v) for v in values[1:]]])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


PHASES = {"paint_phases": ("first paint: from page.goto", "painted"),
          "year_phases": ("year change: from the key press", "map_updated"),
          "timeline_phases": ("map's year control: from the key press", "map_updated"),
          "click_phases": ("click: from the mouse click", "panel")}


def phase_table(summaries: dict[str, dict], names: list[str]) -> str:
    """Where the time goes: median seconds from the action to the browser's rerun request, the server's first
    reply, the map component's message, the end of the script run, and what the user sees."""
    head = ["action", "target", "request", "first reply", "map message", "script finished", "seen"]
    rows = [head]
    for metric, (label, seen) in PHASES.items():
        for name in names:
            phases = summaries.get(name, {}).get(metric)
            if phases:
                cells = [phases.get(k) for k in ("request", "first_reply", "map_message", "script_finished", seen)]
                rows.append([label, name, *["–" if c is None else f"{c:.3f}" for c in cells]])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
