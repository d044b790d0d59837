"""Front-end assets served by the app itself (never a CDN): Leaflet and its marker-cluster plugin, copied from the
pinned xstatic wheels."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet
import xstatic.pkg.leaflet_markercluster as xstatic_markercluster

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


# The plugin's files a page loads (its "Default" theme's colours are not used: the clusters have the map's own style).
CLUSTER_FILES = ("leaflet.markercluster.js", "MarkerCluster.css")


def copy_leaflet(target: Path) -> list[Path]:
    """Leaflet's js, css and images, and the marker-cluster plugin's files (under markercluster/), as the pinned
    wheels hold them, into `target`; returns the files written."""
    source, cluster = Path(xstatic_leaflet.BASE_DIR), Path(xstatic_markercluster.BASE_DIR)
    pairs = [(source / name, target / name) for name in ("leaflet.js", "leaflet.css")]
    pairs += [(p, target / "images" / p.name) for p in sorted((source / "images").iterdir())]
    pairs += [(cluster / name, target / "markercluster" / name) for name in CLUSTER_FILES]
    for src, dst in pairs:
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    return [dst for _, dst in pairs]


def ensure_leaflet(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet and the marker-cluster plugin into static/vendor/leaflet once; returns that folder."""
    target = static_dir / "vendor" / "leaflet"
    if not (target / "markercluster" / CLUSTER_FILES[0]).exists():
        copy_leaflet(target)
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
