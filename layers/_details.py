"""Side-panel content: a record's details with its figures and sources, and a country's profile for a year."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from markupsafe import Markup

from ._dataset import Dataset
from ._find import shown_in
from ._formats import date_text
from ._layer import apart_mask, shown_mask
from ._marks import MARK_LAYERS
from ._messages import t
from ._panel import SAFE_URL, record_view
from ._templates import panel_words, render
from ._view import country_name

CITATION_FILE = Path(__file__).resolve().parents[1] / "CITATION.cff"


def _dataset_version() -> str:
    """The release CITATION.cff names (the file a citation manager reads), so a citation says which data it quotes."""
    try:
        found = re.search(r'^version:\s*"?([^"\n]+)"?\s*$', CITATION_FILE.read_text(encoding="utf-8"), re.M)
    except OSError:
        return ""
    return found.group(1) if found else ""


DATASET_VERSION = _dataset_version()


MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:=&")


def md_escape(text: object) -> str:
    """Text from data, shown literally where Streamlit renders Markdown (button labels, notices)."""
    flat = " ".join(str(text).split())
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in flat)


def _points(geometry) -> set[tuple[float, float]]:
    """The points a mark is drawn at (a point, or each of a multipoint's), to ~1 m."""
    kind = getattr(geometry, "geom_type", "")
    parts = [geometry] if kind == "Point" else list(geometry.geoms) if kind == "MultiPoint" else []
    return {(round(p.x, 5), round(p.y, 5)) for p in parts}


def shared_points(dataset: Dataset) -> dict[str, list[str]]:
    """For each placed record, the other records with a mark on one of its points (any year), in file order."""
    order: list[str] = []
    by_point: dict[tuple[float, float], list[str]] = {}
    for layer_id in MARK_LAYERS:
        frame = dataset.layers[layer_id].frame
        for rid, geometry in zip(frame["id"], frame.geometry):
            order.append(rid)
            for point in _points(geometry):
                by_point.setdefault(point, []).append(rid)
    rank = {rid: i for i, rid in enumerate(order)}
    out: dict[str, set[str]] = {}
    for ids in by_point.values():
        for rid in ids:
            out.setdefault(rid, set()).update(other for other in ids if other != rid)
    return {rid: sorted(others, key=rank.get) for rid, others in out.items() if others}


def same_place(dataset: Dataset, record_id: str, year: int) -> list[tuple[str, str]]:
    """Other records with a mark on a point of this one's in `year` (id, name): their marks lie under each other, so
    only the top one can be clicked, and the panel offers the rest."""
    out = []
    for rid in shared_points(dataset).get(record_id, []):
        row = dataset.record(rid)[1]
        if shown_in(row, year):
            out.append((rid, row["name"]))
    return out


def record_html(dataset: Dataset, layer_id: str, row: pd.Series, year: int | None) -> str:
    """The details panel of one record, from its view model (layers._panel) and layers/templates/record.html."""
    return render("record.html", v=record_view(dataset, layer_id, row, year), words=panel_words())


def citation_html(name: str, what: str, app_url: str | None, params: dict[str, str], accessed: str) -> str:
    """How to cite what the panel shows (layers/templates/cite.html), with a link that opens it again (the reader's
    own address for the app, so a link copied inside an embedding article still leads here); without a usable
    address, the citation alone."""
    address = cite_address(app_url, params)
    text = t("cite.text", name=name, what=what, work=cited_work(), accessed=date_text(accessed))
    return render("cite.html", title=t("cite.title"), text=text, address=address)


def cite_address(app_url: str | None, params: dict[str, str]) -> str | None:
    """The address that opens what a citation cites: the app's own address (any query or fragment on it dropped)
    with `params`; None without a usable address."""
    if not app_url or not SAFE_URL.match(app_url):
        return None
    scheme, host, path, _, _ = urlsplit(app_url)
    return urlunsplit((scheme, host, path.rstrip("/") + "/", urlencode(params, safe=","), ""))


def cited_work() -> str:
    """The work's title with its version, as citations name it."""
    return t("cite.work_version", work=t("cite.work"), version=DATASET_VERSION) if DATASET_VERSION else t("cite.work")


@dataclass
class Profile:
    """A country in a year: the blocks of the layers that describe countries (its status, its latest polls), each
    (heading, what to say without one, HTML or ""), and the records of the layers listed in profiles, each with how
    many its `apart` counts (deployments naming a Chinese vendor)."""

    country: str
    year: int
    blocks: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # layer id -> (heading, none, HTML)
    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # layer id -> [(record id, name)]
    apart: dict[str, int] = field(default_factory=dict)  # layer id -> records its `apart` counts


def status_row(dataset: Dataset, country: str, year: int, layer_id: str) -> pd.Series | None:
    """A country's record of a one-row-a-year layer (its diplomatic status) for a year; None without one."""
    status = dataset.layers[layer_id].frame
    current = np.flatnonzero(shown_mask(status, year, {country}))
    return status.iloc[current[0]] if len(current) else None


def country_profile(dataset: Dataset, country: str, year: int) -> Profile:
    profile = Profile(country, year)
    for layer_id, loaded in dataset.layers.items():
        layer = loaded.layer
        if layer.profile_block is not None:
            heading, none, make = layer.profile_block
            profile.blocks[layer_id] = (t(heading), t(none, year=year), make(dataset, country, year) if loaded.ok else "")
        if layer.profile is not None:
            frame = loaded.frame  # two columns of the shown rows, not a copy of the frame
            keep = shown_mask(frame, year, {country})
            ids, names = frame["id"].to_numpy()[keep].tolist(), frame["name"].to_numpy()[keep].tolist()
            profile.sections[layer_id] = list(zip(ids, names))
            if layer.apart is not None:
                profile.apart[layer_id] = int((apart_mask(layer, frame) & keep).sum())
    return profile


def section_heading(layer, items: list, apart: int | None) -> str:
    """A profile section's heading with its count ("Surveillance and digital (3; 1 with a Chinese vendor named)")."""
    count = (t(layer.apart.profile_count, count=len(items), apart=apart) if layer.apart is not None and items
             else str(len(items)))
    return f"{t(layer.profile, default=layer.title)} ({count})"  # (a layer new to the catalogue: its title)


def profile_html(dataset: Dataset, country: str, year: int) -> str:
    """A country's profile as one block of HTML (layers/templates/profile.html), as the static export shows it."""
    p = country_profile(dataset, country, year)
    blocks = [{"layer": lid, "heading": heading, "none": none, "html": Markup(block)}  # made by the layer's template
              for lid, (heading, none, block) in p.blocks.items()]
    layers = {lid: dataset.layers[lid].layer for lid in p.sections}
    sections = [{"heading": section_heading(layers[lid], items, p.apart.get(lid)), "records": items,
                 "open": bool(items) and layers[lid].profile_open} for lid, items in p.sections.items()]
    return render("profile.html", title=t("profile.title", country=country_name(country), year=year), blocks=blocks,
                  sections=sections, none_recorded=t("profile.none", year=year))


def _rgba(colour: str, opacity: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{opacity})"


def _sample(s) -> tuple[str, str]:
    """A key entry's sample: its shape (a class of static/app/samples.css) and its colours, as custom properties."""
    border = "dashed" if s.dash and s.dash.split()[0] != "1" else "dotted" if s.dash else "solid"  # dash longer than 1
    shape = s.shape if s.shape in ("line", "fill") else s.mark
    return shape, f"--wb-colour:{s.colour};--wb-fill:{_rgba(s.colour, s.fill_opacity)};--wb-border:{border}"


def _sample_class(properties: str) -> str:
    return "wb-s-" + hashlib.sha256(properties.encode("utf-8")).hexdigest()[:10]


def legend_html(title: str, swatches: list) -> str:
    """A key block (layers/templates/legend.html): one small sample per entry (a mark in its layer's shape, a line or a
    fill), its meaning. A sample's colours are a class whose rule legend_css writes: no style attribute, which a page
    under a Content-Security-Policy without 'unsafe-inline' styles (the export's) would not apply."""
    rows = [{"shape": s.shape, "label": s.label} for s in swatches]
    for row, s in zip(rows, swatches):
        if s.shape not in ("note", "count"):
            row["shape"], properties = _sample(s)
            row["colours"] = _sample_class(properties)
    return render("legend.html", title=title, rows=rows)


def legend_css(swatches: list) -> str:
    """The rules of these entries' colours (legend_html's classes), each once, for a page's style sheet."""
    rules = {_sample_class(properties): properties for properties in
             (_sample(s)[1] for s in swatches if s.shape not in ("note", "count"))}
    return "".join(f".{name}{{{properties}}}\n" for name, properties in sorted(rules.items()))
