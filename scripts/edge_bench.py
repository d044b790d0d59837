"""The export at the edge against the app's own page: `python scripts/edge_bench.py URL` runs ApacheBench (Debian's
`ab`, from apache2-utils) through a running cluster (scripts/cluster.py) at the static export's page, its Leaflet, and
the app's page, with compression asked for as a browser asks, and prints requests per second and latency (median,
p95, max) for each. The app's page is only the first request of a visit (the map and every rerun come over its
websocket after it); the export's page is the whole visit's weight until the reader clicks.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys

TARGETS = {"export page": "export/", "export's Leaflet": "export/leaflet/leaflet.js", "app page": ""}


def ab(url: str, requests: int, concurrency: int) -> dict[str, float]:
    """One ab run with keep-alive and gzip; its requests per second and its latency percentiles (ms)."""
    out = subprocess.run(["ab", "-q", "-k", "-n", str(requests), "-c", str(concurrency), "-H", "Accept-Encoding: gzip",
                          url], capture_output=True, text=True, check=True).stdout
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    percent = {int(p): float(ms) for p, ms in re.findall(r"^\s+(\d+)%\s+(\d+)", out, re.M)}
    return {"requests_per_s": float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1)),
            "median_ms": percent[50], "p95_ms": percent[95], "max_ms": percent[100],
            "bytes_per_response": float(re.search(r"HTML transferred:\s+(\d+)", out).group(1)) / requests,
            "failed": failed + (int(non_2xx.group(1)) if non_2xx else 0)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the cluster's address, e.g. http://127.0.0.1:8080/")
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if shutil.which("ab") is None:
        parser.error("ab not found: apt-get install apache2-utils")
    base = args.url.rstrip("/") + "/"
    figures = {name: ab(base + path, args.requests, args.concurrency) for name, path in TARGETS.items()}
    for name, f in figures.items():
        print(f"{name}: {f['requests_per_s']:.0f} requests/s, median {f['median_ms']:.0f} ms, p95 {f['p95_ms']:.0f} ms, "
              f"max {f['max_ms']:.0f} ms, {f['bytes_per_response'] / 1000:.1f} kB each, {f['failed']} failed "
              f"({args.requests} requests, {args.concurrency} at a time)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=2)
    return 0 if all(f["failed"] == 0 for f in figures.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
