"""Many visitors at once: `python scripts/load.py [--sessions 50]` starts the app on loopback and opens N concurrent
sessions over Streamlit's own websocket protocol, each changing the year and clicking features. It reports errors,
rerun latency (median, p95, max) and the server's memory before, during and after the load.

Traffic goes to 127.0.0.1 only; the run is bounded by --sessions, --actions and --timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
CLICKS = [
    {"kind": "record", "id": "INF01"}, {"kind": "record", "id": "INF02"}, {"kind": "record", "id": "SUR01"},
    {"kind": "country", "iso_a2": "XK"}, {"kind": "country", "iso_a2": "RS"}, {"kind": "record", "id": "DIP025"},
]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sessions_done: int = 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", text).group(1)) / 1024


def start_app(port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
               "--server.disconnectedSessionTTL", "2"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the app did not start")


def rerun_message(query: str, states: dict[str, object]) -> bytes:
    message = BackMsg()
    rerun = message.rerun_script
    rerun.query_string = query
    for widget_id, value in states.items():
        state = rerun.widget_states.widgets.add()
        state.id = widget_id
        if isinstance(value, float):
            state.double_array_value.data.append(value)
        else:
            state.json_value = value
    return message.SerializeToString()


async def run_script(ws, payload: bytes, tally: Tally, widgets: dict[str, str]) -> None:
    """Send one rerun and wait for its end; remember widget ids the app shows; count exceptions as errors."""
    started = time.perf_counter()
    await ws.send(payload)
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=60)
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            which = element.WhichOneof("type")
            if which == "exception":
                tally.errors.append(element.exception.message[:200])
            elif which == "slider" and element.slider.label == "Year":
                widgets["year"] = element.slider.id
            elif which == "component_instance":
                widgets["map"] = element.component_instance.id
        if kind == "script_finished":
            tally.latencies.append(time.perf_counter() - started)
            return


async def visitor(url: str, number: int, actions: int, tally: Tally, think: tuple[float, float], arrive: float) -> None:
    rng = random.Random(number)
    widgets: dict[str, str] = {}
    await asyncio.sleep(arrive)  # visitors arrive spread over the ramp, as readers of an article do
    try:
        async with websockets.connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=None, open_timeout=30) as ws:
            await run_script(ws, rerun_message("", {}), tally, widgets)
            for step in range(actions):
                await asyncio.sleep(rng.uniform(*think))  # a reader looks at the map before the next action
                states: dict[str, object] = {}
                if "year" in widgets:
                    states[widgets["year"]] = float(rng.randint(2012, 2026))
                if step % 2 and "map" in widgets:
                    states[widgets["map"]] = json.dumps({"last_active_drawing": {"properties": rng.choice(CLICKS)}})
                await run_script(ws, rerun_message("", states), tally, widgets)
        tally.sessions_done += 1
    except Exception as error:  # any failure of a visitor is an error of the run, reported, never fatal
        tally.errors.append(f"session {number}: {type(error).__name__}: {error}"[:200])


async def load(url: str, sessions: int, actions: int, timeout: float, pid: int,
               think: tuple[float, float] = (0.0, 0.0), ramp: float = 0.0) -> tuple[Tally, list[float]]:
    tally, samples = Tally(), []
    tasks = [asyncio.create_task(visitor(url, n, actions, tally, think, ramp * n / sessions)) for n in range(sessions)]

    async def sample() -> None:
        while True:
            samples.append(rss_mb(pid))
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample())
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
        tally.errors.append("session cancelled at the time limit")
    sampler.cancel()
    return tally, samples


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50, help="concurrent sessions (default 50, at most 200)")
    parser.add_argument("--actions", type=int, default=6, help="reruns per session after the first (default 6)")
    parser.add_argument("--timeout", type=float, default=240, help="seconds before the load is cut off (default 240)")
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 15.0), metavar=("MIN", "MAX"),
                        help="seconds a visitor reads before the next action, drawn uniformly (default 5 15)")
    parser.add_argument("--ramp", type=float, default=30.0, help="seconds over which the visitors arrive (default 30)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    sessions = max(1, min(args.sessions, 200))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = start_app(port)
    try:
        warm, _ = asyncio.run(load(url, 1, 1, 60, process.pid))  # loads the data and fills caches: not part of the load
        time.sleep(3)
        before = rss_mb(process.pid)
        started = time.monotonic()
        tally, samples = asyncio.run(load(url, sessions, args.actions, args.timeout, process.pid, tuple(args.think),
                                          args.ramp))
        elapsed = time.monotonic() - started
        time.sleep(6)  # sessions are dropped after server.disconnectedSessionTTL
        after = rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=20)
    figures = {
        "sessions": sessions, "actions_per_session": args.actions, "think_s": list(args.think), "ramp_s": args.ramp, "reruns": len(tally.latencies),
        "sessions_completed": tally.sessions_done, "errors": len(tally.errors) + len(warm.errors),
        "rerun_latency_s": {"median": statistics.median(tally.latencies) if tally.latencies else None,
                            "p95": percentile(tally.latencies, 0.95), "max": max(tally.latencies, default=None)},
        "rss_mb": {"before": round(before, 1), "peak": round(max(samples, default=before), 1), "after": round(after, 1)},
        "elapsed_s": round(elapsed, 1),
    }
    goal = figures["errors"] == 0 and figures["rerun_latency_s"]["p95"] <= 1.0 and after <= before * 1.10 + 5
    print(f"{sessions} sessions × {args.actions + 1} reruns in {elapsed:.1f} s (arrivals over {args.ramp:g} s, "
          f"{args.think[0]:g}–{args.think[1]:g} s between actions)")
    print(f"errors: {figures['errors']}" + (f" (first: {tally.errors[0]})" if tally.errors else ""))
    lat = figures["rerun_latency_s"]
    print(f"rerun latency: median {lat['median']:.3f} s, p95 {lat['p95']:.3f} s, max {lat['max']:.3f} s")
    rss = figures["rss_mb"]
    print(f"server memory: {rss['before']} MB before, {rss['peak']} MB peak, {rss['after']} MB after the sessions closed")
    print("goal (0 errors, p95 <= 1 s, memory back within 10 % + 5 MB):", "MET" if goal else "NOT MET")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if goal else 1


if __name__ == "__main__":
    sys.exit(main())
