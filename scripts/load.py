"""Many readers at once: `python scripts/load.py [--sessions 50]` opens N concurrent sessions over Streamlit's own
websocket protocol, each acting as a browser does: it loads the page (taking the balancer's affinity cookie), runs
the app with its link, reports the map drawn (which brings the controls), then changes the year on the Year slider and
clicks marks and countries. A control it means to use and does not find, or a year change the app does not apply, is
an error. It reports errors and latency by kind of action (first visit, year change, click), with each replica's
memory. By default it starts the app on loopback; `--url` drives a running deployment (scripts/cluster.py; with
`--cluster` its cluster.json, for the replicas' memory and `--kill-after`, which kills one mid-run and counts the
sessions that recover on another, and how long they take).

Traffic goes to the given address only; the run is bounded by --sessions, --actions and --timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from cluster import free_port  # (scripts/ is this script's folder)

ROOT = Path(__file__).resolve().parents[1]
CLICKS = [
    {"kind": "record", "id": "INF01"}, {"kind": "record", "id": "INF02"}, {"kind": "record", "id": "SUR01"},
    {"kind": "country", "iso_a2": "XK"}, {"kind": "country", "iso_a2": "RS"}, {"kind": "record", "id": "DIP025"},
]
YEARS = (2012, 2026)
KINDS = ("first visit", "year change", "click")
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # straight to the address given


class MissingControl(Exception):
    """The app did not show a control the visitor means to use, or did not apply what the visitor did."""


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    errors: list[str] = field(default_factory=list)
    sessions_done: int = 0
    cut: int = 0  # sessions whose connection a lost replica cut
    recovered: list[float] = field(default_factory=list)  # seconds from the cut to the view back on another replica


def rss_mb(pid: int) -> float | None:
    """A process's resident memory; None once it is gone (a killed replica its parent has not yet reaped has no
    memory left to report)."""
    try:
        found = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return None
    return int(found.group(1)) / 1024 if found else None


def cpu_s(pid: int) -> float | None:
    """A process's CPU time so far (user and system), in seconds; None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime (fields 14, 15 of stat)


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


def page_cookie(url: str) -> str:
    """Load the page as a browser does first; the cookies it sets (the balancer's affinity cookie, through a
    cluster) go with the websocket, as a browser sends them."""
    with NO_PROXY.open(url, timeout=30) as response:
        response.read()
        return "; ".join(value.split(";")[0] for value in response.headers.get_all("Set-Cookie") or [])


class Session:
    """One reader's session on one websocket: the widget values the page holds (sent with every run, as the page
    does) and what the app last put in the address."""

    def __init__(self, ws, tally: Tally):
        self.ws, self.tally = ws, tally
        self.widgets: dict[str, str] = {}  # "year" / "map" -> widget id
        self.values: dict[str, object] = {}  # widget id -> value
        self.query = ""

    async def run(self, query: str, kind: str | None) -> None:
        """One run of the app, timed from the message sent to the end of the run (`kind`: what it counts as)."""
        started = time.perf_counter()
        await self.ws.send(rerun_message(query, self.values))
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout=60))
            which = message.WhichOneof("type")
            if which == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif which == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                found = element.WhichOneof("type")
                if found == "exception":
                    self.tally.errors.append(element.exception.message[:200])
                elif found == "slider" and element.slider.id.endswith("-year"):
                    self.widgets["year"] = element.slider.id
                elif found == "component_instance" and element.component_instance.component_name.endswith("st_folium"):
                    self.widgets["map"] = element.component_instance.id
            elif which == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the run gave way to another (a click's panel alone): wait for that one's end
                if kind is not None:
                    self.tally.latencies[kind].append(time.perf_counter() - started)
                return

    async def first_visit(self, query: str) -> None:
        """The page's first run, then the map's report that it is drawn, which brings the controls."""
        started = time.perf_counter()
        await self.run(query, None)
        if "map" not in self.widgets:
            raise MissingControl("no map in the first run")
        self.values[self.widgets["map"]] = json.dumps({"wb_ready": True, "last_active_drawing": None})
        await self.run(query, None)
        if "year" not in self.widgets:
            raise MissingControl("no Year slider after the map reported it was drawn")
        self.tally.latencies["first visit"].append(time.perf_counter() - started)

    async def change_year(self, year: int) -> None:
        self.values[self.widgets["year"]] = float(year)
        await self.run(self.query, "year change")
        if parse_qs(self.query).get("year") != [str(year)]:
            raise MissingControl(f"the year change to {year} was not applied (the address says {self.query!r})")

    async def click(self, props: dict) -> None:
        feature = {"type": "Feature", "properties": {**props, "clicked_at": time.time() * 1000}, "geometry": None}
        self.values[self.widgets["map"]] = json.dumps({"last_active_drawing": feature})
        await self.run(self.query, "click")


async def visitor(url: str, number: int, actions: int, tally: Tally, think: tuple[float, float], arrive: float) -> None:
    """A reader from an article's link: arrives, reads, changes the year, clicks; if a lost replica cuts the
    connection, the page reconnects (through the balancer, to another) with the address it had, as a browser does."""
    rng = random.Random(number)
    await asyncio.sleep(arrive)  # readers arrive spread over the ramp
    query, done, cut_at = f"year={rng.randint(*YEARS)}", 0, None
    for _attempt in range(4):
        try:
            cookie = await asyncio.to_thread(page_cookie, url)
            async with websockets.connect(url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream",
                                          subprotocols=["streamlit"], max_size=None, open_timeout=30, proxy=None,
                                          additional_headers={"Cookie": cookie} if cookie else None) as ws:
                session = Session(ws, tally)
                await session.first_visit(query)
                if cut_at is not None:
                    tally.recovered.append(time.monotonic() - cut_at)
                    cut_at = None
                while done < actions:
                    await asyncio.sleep(rng.uniform(*think))  # a reader looks at the map before the next action
                    if done % 2:
                        await session.click(rng.choice(CLICKS))
                    else:
                        await session.change_year(rng.randint(*YEARS))
                    query, done = session.query, done + 1
            tally.sessions_done += 1
            return
        except TimeoutError as error:  # a run that did not end in 60 s: an error, not a cut
            tally.errors.append(f"session {number}: no answer in 60 s: {error}"[:200])
            return
        except (websockets.ConnectionClosed, ConnectionError, OSError) as error:
            if cut_at is None:  # the first cut of this session: count it, and try again as a browser does
                tally.cut += 1
                cut_at = time.monotonic()
            last = error
            await asyncio.sleep(1.0)
        except Exception as error:  # any other failure of a visitor is an error of the run, reported, never fatal
            tally.errors.append(f"session {number}: {type(error).__name__}: {error}"[:200])
            return
    tally.errors.append(f"session {number}: not recovered after a cut: {type(last).__name__}: {last}"[:200])


async def load(url: str, sessions: int, actions: int, timeout: float, pids: dict[str, int],
               think: tuple[float, float] = (0.0, 0.0), ramp: float = 0.0,
               kill: tuple[float, int] | None = None) -> tuple[Tally, dict[str, list[float]]]:
    """`pids`: the replicas whose memory is sampled; `kill`: (seconds into the run, pid) of a replica to kill."""
    tally, samples = Tally(), {name: [] for name in pids}
    tasks = [asyncio.create_task(visitor(url, n, actions, tally, think, ramp * n / sessions)) for n in range(sessions)]

    async def sample() -> None:
        while True:
            for name, pid in pids.items():
                if (rss := rss_mb(pid)) is not None:
                    samples[name].append(rss)
            await asyncio.sleep(0.5)

    async def killer() -> None:
        await asyncio.sleep(kill[0])
        os.kill(kill[1], signal.SIGKILL)

    helpers = [asyncio.create_task(sample())] + ([asyncio.create_task(killer())] if kill else [])
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
        tally.errors.append("session cancelled at the time limit")
    for helper in helpers:
        helper.cancel()
    return tally, samples


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def summary(values: list[float]) -> dict[str, float | None]:
    return {"count": len(values), "median": statistics.median(values) if values else None,
            "p95": percentile(values, 0.95) if values else None, "max": max(values, default=None)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50, help="concurrent sessions (default 50, at most 300)")
    parser.add_argument("--actions", type=int, default=6, help="actions per session after the first visit (default 6)")
    parser.add_argument("--timeout", type=float, default=240, help="seconds before the load is cut off (default 240)")
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 15.0), metavar=("MIN", "MAX"),
                        help="seconds a visitor reads before the next action, drawn uniformly (default 5 15)")
    parser.add_argument("--ramp", type=float, default=30.0, help="seconds over which the visitors arrive (default 30)")
    parser.add_argument("--url", help="a running deployment (default: start the app on loopback)")
    parser.add_argument("--cluster", type=Path, help="scripts/cluster.py's cluster.json: the replicas' memory")
    parser.add_argument("--kill-after", type=float, help="with --cluster: kill replica r1 this many seconds in")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.kill_after is not None and args.cluster is None:
        parser.error("--kill-after needs --cluster (the replicas' pids)")
    sessions = max(1, min(args.sessions, 300))
    process = None
    if args.url:
        url = args.url.rstrip("/") + "/"
        pids = {}
        if args.cluster:
            found = json.loads(args.cluster.read_text(encoding="utf-8"))["processes"]
            pids = {p["name"]: p["pid"] for p in found if re.fullmatch(r"r\d", p["name"])}
    else:
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        process = start_app(port)
        pids = {"app": process.pid}
    try:
        warm, _ = asyncio.run(load(url, 1, 1, 60, {}))  # loads the data and fills caches: not part of the load
        time.sleep(3)
        pids = {name: pid for name, pid in pids.items() if rss_mb(pid) is not None}  # (a replica killed before)
        before = {name: rss_mb(pid) for name, pid in pids.items()}
        cpu_before = {name: cpu_s(pid) for name, pid in pids.items()}
        kill = (args.kill_after, pids["r1"]) if args.kill_after is not None else None
        started = time.monotonic()
        tally, samples = asyncio.run(load(url, sessions, args.actions, args.timeout, pids, tuple(args.think),
                                          args.ramp, kill))
        elapsed = time.monotonic() - started
        time.sleep(6)  # sessions are dropped after server.disconnectedSessionTTL
        after = {name: rss for name, pid in pids.items() if (rss := rss_mb(pid)) is not None}
        cpu = {name: round(used - cpu_before[name], 1) for name, pid in pids.items() if (used := cpu_s(pid)) is not None}
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
    figures = {
        "url": url, "sessions": sessions, "actions_per_session": args.actions, "think_s": list(args.think),
        "ramp_s": args.ramp, "sessions_completed": tally.sessions_done, "errors": len(tally.errors) + len(warm.errors),
        "latency_s": {kind: summary(values) for kind, values in tally.latencies.items()},
        "rss_mb": {name: {"before": round(before[name], 1), "peak": round(max(samples[name], default=before[name]), 1),
                          "after": round(after[name], 1) if name in after else None} for name in pids},
        # the replicas' CPU seconds over the run, from its start to its sessions' end (a killed one's not counted)
        "cpu_s": cpu, "cut": tally.cut, "recovered": len(tally.recovered), "recovery_s": summary(tally.recovered),
        "elapsed_s": round(elapsed, 1),
    }
    print(f"{sessions} sessions × (a first visit + {args.actions} actions) in {elapsed:.1f} s at {url} (arrivals over "
          f"{args.ramp:g} s, {args.think[0]:g}–{args.think[1]:g} s between actions)")
    print(f"errors: {figures['errors']}" + (f" (first: {tally.errors[0]})" if tally.errors else ""))
    for kind, lat in figures["latency_s"].items():
        if lat["count"]:
            print(f"{kind}: {lat['count']}, median {lat['median']:.3f} s, p95 {lat['p95']:.3f} s, max {lat['max']:.3f} s")
    for name, rss in figures["rss_mb"].items():
        after = "gone after" if rss["after"] is None else f"{rss['after']} MB after, {cpu[name]} s of CPU"
        print(f"memory of {name}: {rss['before']} MB before, {rss['peak']} MB peak, {after}")
    if kill:
        rec = figures["recovery_s"]
        print(f"a replica killed {args.kill_after:g} s in: {tally.cut} sessions cut, {len(tally.recovered)} recovered"
              + (f" (median {rec['median']:.1f} s, max {rec['max']:.1f} s)" if tally.recovered else ""))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if figures["errors"] == 0 and tally.sessions_done == sessions else 1


if __name__ == "__main__":
    sys.exit(main())
