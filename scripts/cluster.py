"""The hosted dashboard on one machine: `python scripts/cluster.py --replicas 2` starts N app replicas, the static
export's file server (nginx) and the balancer in front of them all (HAProxy, deploy/haproxy.cfg: session affinity by
cookie, websockets, health checks, compression, cache and security headers), prints the address it serves at and runs
until stopped; on SIGTERM or Ctrl-C it stops everything it started, by process id.

It writes RUN_DIR/cluster.json (the address, and each process's name, pid and address) for the load test and the
failover test, which kill a replica by its pid. Every replica shares one cookie secret, as a deployment's must.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HAPROXY_CFG = ROOT / "deploy" / "haproxy.cfg"
EXPORT_FILES_CONF = ROOT / "deploy" / "export-files.conf"
MAX_REPLICAS = 4  # the server lines deploy/haproxy.cfg holds


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def replica_command(port: int) -> list[str]:
    """A replica as the container runs it (serve.py: the app with its link-preview tags), headless on loopback. The
    address is given, so Streamlit does not look up the machine's external address to print it."""
    return [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]


def wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {timeout:.0f} s")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
            return response.status == 200
    except OSError:
        return False


@dataclass
class Cluster:
    """What the script started, so that it can stop exactly that."""

    run_dir: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    addresses: dict[str, str] = field(default_factory=dict)

    def start(self, name: str, command: list[str], address: str, **options) -> subprocess.Popen:
        log = open(self.run_dir / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process's end
        self.processes[name] = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, **options)
        self.addresses[name] = address
        return self.processes[name]

    def describe(self, url: str) -> dict:
        return {"url": url, "run_dir": str(self.run_dir),
                "processes": [{"name": name, "pid": p.pid, "address": self.addresses[name]}
                              for name, p in self.processes.items()]}

    def stop(self) -> None:
        """SIGTERM to each process started, the balancer first (no new readers), then SIGKILL what is left after 10 s."""
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 10
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def build_export(out: Path) -> None:
    subprocess.run([sys.executable, "-m", "layers", "export", str(out)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def run(replicas: int, host: str, port: int, export_dir: Path | None, run_dir: Path,
        frame_ancestors: str | None = None) -> tuple[Cluster, str]:
    """Start the replicas, the export's file server and the balancer; the balancer's address. `frame_ancestors`: the
    sites whose pages may frame the dashboard (deploy/haproxy.cfg's WB_FRAME_ANCESTORS; its own site when None)."""
    cluster = Cluster(run_dir)
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET")
           or secrets.token_hex(32),  # one secret for every replica: a reader moved to another keeps their session
           # the server calls no one: Streamlit is told the machine's addresses (deploy/python/sitecustomize.py)
           "PYTHONPATH": str(ROOT / "deploy" / "python"), "WB_NO_OUTBOUND": "1"}
    try:
        if export_dir is None:
            build_export(run_dir / "export")
        else:  # copied, readable: nginx's workers (another user when started as root) may not read the reader's folders
            shutil.copytree(export_dir, run_dir / "export")
            for folder, _, files in os.walk(run_dir / "export"):
                os.chmod(folder, 0o755)
                for name in files:
                    os.chmod(Path(folder) / name, 0o644)
        (run_dir / "tmp").mkdir()
        ports = {f"r{i}": free_port() for i in range(1, replicas + 1)}
        for name, replica_port in ports.items():
            cluster.start(name, replica_command(replica_port), f"127.0.0.1:{replica_port}", cwd=ROOT, env=env)
        cluster.start("files", ["nginx", "-p", str(run_dir), "-c", str(EXPORT_FILES_CONF), "-g", "daemon off;"],
                      str(run_dir / "export.sock"), cwd=run_dir)
        for name, replica_port in ports.items():
            wait_until(lambda p=replica_port: answers(f"http://127.0.0.1:{p}/_stcore/health"), 90, f"replica {name}")
        wait_until(lambda: (run_dir / "export.sock").exists(), 10, "the export's file server")
        balancer_env = {**os.environ, "WB_LISTEN": f"{host}:{port}", "WB_EXPORT": str(run_dir / "export.sock"),
                        **{f"WB_R{name[1:]}": f"127.0.0.1:{p}" for name, p in ports.items()}}
        if frame_ancestors:
            balancer_env["WB_FRAME_ANCESTORS"] = frame_ancestors
        cluster.start("balancer", ["haproxy", "-db", "-f", str(HAPROXY_CFG)], f"{host}:{port}", cwd=run_dir,
                      env=balancer_env)
        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}/"  # noqa: S104
        wait_until(lambda: answers(url + "_stcore/health"), 20, "the balancer")
        return cluster, url
    except BaseException:
        cluster.stop()
        raise


def stop_now(*_) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help=f"app replicas, 1 to {MAX_REPLICAS}")
    parser.add_argument("--host", default="127.0.0.1", help="the balancer's address (0.0.0.0: every interface)")
    parser.add_argument("--port", type=int, default=8080, help="the balancer's port (0: any free one)")
    parser.add_argument("--export-dir", type=Path, help="a static export to serve (default: build one)")
    parser.add_argument("--frame-ancestors", help="the sites whose pages may show the dashboard in a frame, as "
                        "Content-Security-Policy says them, e.g. \"'self' https://newsroom.example\" (default: 'self')")
    args = parser.parse_args()
    if not 1 <= args.replicas <= MAX_REPLICAS:
        parser.error(f"--replicas must be 1 to {MAX_REPLICAS} (the server lines deploy/haproxy.cfg holds)")
    missing = [tool for tool in ("haproxy", "nginx") if shutil.which(tool) is None]
    if missing:
        parser.error(f"{' and '.join(missing)} not found: `make system-packages` installs Debian's")
    run_dir = Path(tempfile.mkdtemp(prefix="wb-cluster-"))
    run_dir.chmod(0o755)  # nginx's workers, another user when started as root, read the export through it
    port = args.port or free_port(args.host)
    signal.signal(signal.SIGTERM, stop_now)  # as Ctrl-C: whatever was started so far is stopped
    try:
        cluster, url = run(args.replicas, args.host, port, args.export_dir, run_dir, args.frame_ancestors)
    except RuntimeError as error:
        print(f"cluster: {error} (logs in {run_dir})", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:  # stopped while starting: run() has stopped what it started
        shutil.rmtree(run_dir, ignore_errors=True)
        sys.exit(0)
    (run_dir / "cluster.json").write_text(json.dumps(cluster.describe(url), indent=2), encoding="utf-8")
    print(f"serving at {url} (the static export at {url}export/; {args.replicas} replica(s); "
          f"details in {run_dir / 'cluster.json'})", flush=True)
    try:
        while cluster.processes["balancer"].poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
        shutil.rmtree(run_dir, ignore_errors=True)
        print("cluster: stopped", flush=True)


if __name__ == "__main__":
    main()
