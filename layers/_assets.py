"""Front-end assets served by the app itself (never a CDN): Leaflet, copied from the pinned xstatic-leaflet wheel."""

from __future__ import annotations

import hashlib
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


def ensure_script(script: str, stem: str, static_dir: Path = STATIC_DIR, url_prefix: str = "/app/static/vendor/wb") -> str:
    """Write a map script (the base map's, the timeline's) under a name that changes with its content (so browsers
    may cache it for good); returns its URL."""
    name = f"{stem}-{hashlib.sha256(script.encode('utf-8')).hexdigest()[:16]}.js"
    target = static_dir / "vendor" / "wb" / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".tmp")
        partial.write_text(script, encoding="utf-8")
        partial.replace(target)  # atomic: a concurrent reader never sees half a file
    return f"{url_prefix}/{name}"
