"""Hosting files: the public-viewer settings and the container recipe say what docs/deploy.md promises."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_streamlit_config_is_set_for_public_viewers() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["fileWatcherType"] == "none"  # as the benchmark runs it: the watcher slows every run
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["client"]["showErrorDetails"] in ("none", False)


def test_dockerfile_runs_unprivileged_with_a_health_check() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.M)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*/_stcore/health", dockerfile, flags=re.M | re.S)
    assert "python -m layers validate" in dockerfile
    assert re.search(r'^CMD \["streamlit", "run", "serve.py"', dockerfile, flags=re.M)  # with the page head for previews


def test_community_cloud_finds_its_files() -> None:
    assert (ROOT / "app.py").exists() and (ROOT / "requirements.txt").exists()
    pins = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert pins and all("==" in line for line in pins)


def test_deploy_md_explains_every_server_setting_the_config_makes() -> None:
    """docs/deploy.md's table of settings is what a deployer reads: a setting added to the config must be in it."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    table = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for section in ("server", "browser", "client", "runner"):
        for key in config.get(section, {}):
            assert f"| `{section}.{key}` |" in table, f"{section}.{key} is set in config.toml but not in docs/deploy.md"
