"""Benchmark the dashboard against Streamlit's own page start (the floor) and a naive baseline, in one run.

    .venv/bin/python scripts/bench.py     # about five minutes on 2 cores; prints tables, writes bench-results/*.json

It measures a commit (HEAD by default, extracted to a temp folder, so edits in progress do not leak in; --worktree
measures the working tree). Every target is its own `streamlit run` on 127.0.0.1, driven by headless Debian
Chromium through Playwright; every request off loopback is blocked and counted.
  floor     scripts/bench_apps/floor.py: one line of Streamlit, i.e. Streamlit's own page start
  map_floor scripts/bench_apps/map_floor.py: one triangle through st_folium, i.e. what the map's stack costs before
            any content (first paint only)
  app       app.py on geodata/, with every point layer and the diplomacy fill on
  baseline  scripts/bench_apps/baseline.py: the same layers the plain way (unsimplified 10m boundaries, every file
            re-read on every rerun, default st_folium arguments)
  app×10, app×100  app.py on synthetic copies of geodata/ (each record repeated under new ids) made in the temp
            folder and pointed to by WB_DATA_DIR; never shipped
Floor, app and baseline run side by side and take turns for the first-paint samples; the rest is measured one
target at a time. Figures: first map paint; year change -> map updated (and the view kept); click -> panel; script
runs caused by five pans and two wheel zooms; websocket bytes of a full render (raw and gzip); server CPU per rerun;
server RSS with 1/10/30 sessions and after they close; and where the time goes (request, server, browser).
docs/performance.md explains the method, records a run and says what was done to reach the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import _bench_browser as bb
import _bench_targets as bt
from _bench_report import growth_table, phase_table, summarize, table, verdicts

ALL_LAYERS = "infrastructure,surveillance,events,vaccines,diplomacy"  # every point layer and one country fill
APP_QUERY = f"/?year=2025&layers={ALL_LAYERS}"


@dataclass
class Target:
    name: str
    kind: str  # "floor" | "app" | "baseline"
    script: Path
    cwd: Path
    query: str = ""
    env: dict = field(default_factory=dict)
    sessions: list[int] = field(default_factory=list)
    options: list[str] = field(default_factory=list)  # extra `streamlit run` options, KEY=VALUE


def run_group(group: list[Target], reps: int, browser, temp: Path, results: dict, blocked: list[str], log) -> None:
    """Start the group's servers, take first-paint samples in turns, then each target's interaction and memory
    alone (the others idle); results are filled step by step, so a failure keeps what was measured before it."""
    servers = {}
    try:
        for t in group:
            log(f"{t.name}: starting {t.script.name}")
            servers[t.name] = bt.start_server(t.name.replace("×", "x"), t.script, t.cwd, temp, t.env,
                                              static=t.kind != "floor", options=t.options)
            results[t.name] = {"server_start_s": servers[t.name].started_s, "load_average": os.getloadavg()}
        began = time.monotonic()
        urls = {t.name: (servers[t.name].url + t.query, t.kind == "floor") for t in group}
        for name, paint in bb.first_paint(browser, urls, reps, blocked).items():
            results[name]["paint"] = paint
        log(f"  first paint ×{reps} ({', '.join(urls)}): {time.monotonic() - began:.0f} s")
        for t in group:
            server, url, result = servers[t.name], urls[t.name][0], results[t.name]
            try:
                began = time.monotonic()
                if t.kind == "floor":
                    result["cpu_per_rerun_s"] = bb.floor_cpu(browser, server, url, reps, blocked)
                elif t.kind == "map_floor":  # a reference for first paint only
                    continue
                else:
                    result["interact"] = {}
                    bb.interact(result["interact"], browser, server, url, reps, reps, blocked)
                log(f"  {t.name} interaction: {time.monotonic() - began:.0f} s")
                if t.sessions:
                    began = time.monotonic()
                    result["memory"] = bb.memory(browser, server, url, t.kind == "floor", t.sessions, blocked)
                    log(f"  {t.name} memory {t.sessions}: {time.monotonic() - began:.0f} s")
            except Exception as error:  # noqa: BLE001 - keep the other targets' figures
                steps = [f"{f.name}:{f.lineno}" for f in traceback.extract_tb(error.__traceback__) if "_bench" in f.filename]
                log(f"  {t.name}: FAILED in {' > '.join(steps)}: {error!r} (server log: {server.log})")
                result["error"] = repr(error)
    except Exception as error:  # noqa: BLE001
        log(f"  {', '.join(t.name for t in group)}: FAILED: {error!r}")
        for t in group:
            results.setdefault(t.name, {})["error"] = repr(error)
    finally:
        for server in servers.values():
            server.stop()


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    chromium = subprocess.run([bb.CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_mb": mem, "kernel": platform.release(),
            "python": platform.python_version(), "chromium": chromium,
            **{p: version(p) for p in ("streamlit", "streamlit-folium", "folium", "playwright")}}


def git_state(ref: str) -> dict:
    """The commit measured, and whether the working tree's app files differ from HEAD (others may be editing)."""
    run = lambda *a: subprocess.run(["git", *a], cwd=bt.ROOT, capture_output=True, text=True).stdout.strip()  # noqa: E731
    return {"commit": run("rev-parse", ref), "subject": run("log", "-1", "--format=%s", ref),
            "uncommitted_app_files": run("status", "--porcelain", "--", "app.py", "layers", "static", ".streamlit").splitlines()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5, help="repetitions of each timed action (default 5)")
    parser.add_argument("--growth-reps", type=int, default=3, help="repetitions for app×10 and app×100 (default 3)")
    parser.add_argument("--sessions", default="1,10,30", help="session counts for the app's RSS (default 1,10,30; '' skips)")
    parser.add_argument("--floor-sessions", default="1,10", help="session counts for the floor's RSS (default 1,10)")
    parser.add_argument("--growth-sessions", default="1,5", help="session counts for RSS of app×N (default 1,5)")
    parser.add_argument("--baseline-sessions", default="1,5", help="session counts for the baseline's RSS (default 1,5)")
    parser.add_argument("--scales", default="10,100", help="record multipliers for the growth runs ('' skips)")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated targets to run (floor,app,baseline,app×10 …)")
    parser.add_argument("--ref", default="HEAD", help="commit to measure, extracted to a temp folder (default HEAD)")
    parser.add_argument("--worktree", action="store_true", help="measure the working tree as it is instead of --ref")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help="extra `streamlit run` option for the app's servers, e.g. runner.postScriptGC=false")
    parser.add_argument("--out", type=Path, default=None, help="JSON path (default bench-results/bench-<time>.json)")
    parser.add_argument("--keep-temp", action="store_true", help="keep the temp folder (data copies, server logs)")
    args = parser.parse_args(argv)
    counts = lambda text: [int(x) for x in text.split(",") if x.strip()]  # noqa: E731
    began = time.monotonic()
    log = lambda text: print(f"[{time.monotonic() - began:6.1f} s] {text}", flush=True)  # noqa: E731
    stamp = datetime.now(timezone.utc)
    out_path = args.out or bt.ROOT / "bench-results" / f"bench-{stamp:%Y%m%d-%H%M%S}.json"
    temp = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    load_start = os.getloadavg()
    scales = counts(args.scales)

    log(f"preparing in {temp}")
    git = git_state(args.ref)  # resolved now: others may commit while the benchmark runs
    code = bt.ROOT if args.worktree else bt.snapshot(temp / "app", git["commit"])
    geodata = code / "geodata"
    datasets = {"app": bt.check_dataset(geodata, code)}
    for n in scales:
        datasets[f"app×{n}"] = bt.check_dataset(bt.scaled_copy(n, temp / f"data-x{n}", geodata), code)
    if not args.skip_baseline:
        bt.baseline_folder(temp / "baseline")
    sessions = counts(args.sessions)
    # The map floor runs with the app's settings (its working folder), as the floor does.
    main_group = [Target("floor", "floor", bt.BENCH_APPS / "floor.py", code, sessions=counts(args.floor_sessions)),
                  Target("map_floor", "map_floor", bt.with_leaflet(temp / "map_floor", "map_floor.py"), code),
                  Target("app", "app", code / "app.py", code, APP_QUERY, sessions=sessions, options=args.option)]
    if not args.skip_baseline:
        main_group.append(Target("baseline", "baseline", temp / "baseline" / "baseline.py", temp / "baseline",
                                 env={"BENCH_DATA_DIR": str(geodata)}, sessions=counts(args.baseline_sessions)))
    plan = [(main_group, args.reps)]
    for n in scales:
        plan.append(([Target(f"app×{n}", "app", code / "app.py", code, APP_QUERY,
                             env={"WB_DATA_DIR": str(temp / f"data-x{n}")}, sessions=counts(args.growth_sessions),
                             options=args.option)],
                     args.growth_reps))
    if args.only:
        wanted = args.only.replace("×", "x").split(",")
        plan = [([t for t in group if t.name.replace("×", "x") in wanted], reps) for group, reps in plan]
        plan = [(group, reps) for group, reps in plan if group]
    from playwright.sync_api import sync_playwright

    results: dict[str, dict] = {}
    blocked: list[str] = []
    others = set(bt.other_streamlit_servers(set()))
    with sync_playwright() as playwright:
        browser = bb.launch(playwright)
        for group, reps in plan:
            others |= set(bt.other_streamlit_servers(set()))
            run_group(group, reps, browser, temp, results, blocked, log)
        browser.close()
    if any("error" in r for r in results.values()):
        args.keep_temp = True

    summaries = {name: summarize(r) for name, r in results.items()}
    empty: dict = {}
    checks = verdicts(summaries.get("app", empty), summaries.get("floor", empty), summaries.get("baseline", empty))
    main_table = table(summaries.get("app", empty), summaries.get("floor", empty), summaries.get("baseline", empty), checks,
                       summaries.get("map_floor"))
    growth_names = ["app", *[f"app×{n}" for n in scales]]
    growth = growth_table(summaries, growth_names) if scales else ""
    phases = phase_table(summaries, list(results))
    total = time.monotonic() - began
    report = {
        "date": stamp.isoformat(timespec="seconds"), "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "args": {k: str(v) for k, v in vars(args).items()}, "machine": machine(), "total_seconds": round(total, 1),
        "git": git | {"measured": "working tree" if args.worktree else git["commit"]}, "load_average_at_start": load_start, "load_average_at_end": os.getloadavg(),
        "other_streamlit_servers": sorted(others), "blocked_requests": blocked, "datasets": datasets,
        "budgets": {m: {"pass": ok, "why": why} for m, (ok, why) in checks.items()},
        "summary": summaries, "raw": results, "table": main_table, "growth_table": growth,
        "phase_table": phases,
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    if not args.keep_temp:
        shutil.rmtree(temp, ignore_errors=True)

    print()
    print(main_table)
    if growth:
        records = {n: sum(v for k, v in d.items() if k not in ("figures", "sources")) for n, d in datasets.items()}
        print(f"\nGrowth with the records multiplied (records: {', '.join(f'{n} {c}' for n, c in records.items())})")
        print(growth)
    print("\nWhere the time goes (median seconds from the action)")
    print(phases)
    failed = [m for m, (ok, _) in checks.items() if not ok]
    print(f"\nbudgets: {len(checks) - len(failed)} pass, {len(failed)} fail{': ' + ', '.join(failed) if failed else ''}")
    if others:
        print("note: other streamlit servers were running (noisier figures): " + "; ".join(sorted(others)))
    if blocked:
        print(f"note: {len(blocked)} outside request(s) blocked, e.g. {blocked[0]}")
    print(f"total {total:.0f} s; JSON: {out_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
