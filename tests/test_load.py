"""scripts/load.py acts as a reader's browser does: a small run against the app on loopback makes its first visits,
year changes (each checked against the address the app then writes) and clicks, with no error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_small_load_changes_the_year_and_clicks_with_no_error(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = subprocess.run([sys.executable, "scripts/load.py", "--sessions", "3", "--actions", "4", "--think", "0.1",
                             "0.3", "--ramp", "1", "--json", str(out)], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["errors"] == 0 and figures["sessions_completed"] == 3
    counts = {kind: lat["count"] for kind, lat in figures["latency_s"].items()}
    assert counts == {"first visit": 3, "year change": 6, "click": 6}
