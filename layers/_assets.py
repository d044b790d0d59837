"""Front-end assets served by the app itself (never a CDN): Leaflet, copied from the pinned xstatic-leaflet wheel."""

from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def ensure_leaflet(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet's js, css and images into static/vendor/leaflet once; returns that folder."""
    target = static_dir / "vendor" / "leaflet"
    source = Path(xstatic_leaflet.BASE_DIR)
    if not (target / "leaflet.js").exists():
        target.mkdir(parents=True, exist_ok=True)
        for name in ("leaflet.js", "leaflet.css"):
            shutil.copy2(source / name, target / name)
        shutil.copytree(source / "images", target / "images", dirs_exist_ok=True)
    return target
