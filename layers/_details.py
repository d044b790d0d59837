"""Side-panel content: a record's details with its figures and sources, and a country's profile for a year."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._dataset import Dataset
from ._find import shown_in, years_label
from ._layer import rows_of, shown_mask
from ._map import esc
from ._marks import MARK_LAYERS
from ._messages import t
from ._reference import aiddata_ids, project_page
from ._schema import COMMON_FIELDS, CURRENCIES, vocabulary
from ._view import chinese_vendor, country_name, qualified, status_at, word

# Each diplomatic status field names the event record(s) it rests on.
BASIS = {"prc_recognition": "prc_basis", "nato": "nato_basis", "eu": "eu_basis", "china_cee": "china_cee_basis", "visa_china": "visa_basis"}
# shown elsewhere in the panel, or (a survey's `series`) an id for machines: the downloads keep it
HIDDEN = {"id", "name", "source_url", "publisher", "published", "confidence", "notes", "precision", "coord_source", "year_to",
          "series"}
CITATION_FILE = Path(__file__).resolve().parents[1] / "CITATION.cff"


def _dataset_version() -> str:
    """The release CITATION.cff names (the file a citation manager reads), so a citation says which data it quotes."""
    try:
        found = re.search(r'^version:\s*"?([^"\n]+)"?\s*$', CITATION_FILE.read_text(encoding="utf-8"), re.M)
    except OSError:
        return ""
    return found.group(1) if found else ""


DATASET_VERSION = _dataset_version()
SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")


MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:=&")


def md_escape(text: object) -> str:
    """Text from data, shown literally where Streamlit renders Markdown (button labels, notices)."""
    flat = " ".join(str(text).split())
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in flat)


NEW_TAB = ' target="_blank" rel="noopener noreferrer nofollow"'  # every source link: a new tab that is told nothing


def link(url: str, text: str) -> str:
    """A link only for http(s) URLs; anything else is shown as plain text."""
    if not SAFE_URL.match(url or ""):
        return esc(text)
    return f'<a href="{esc(url)}"{NEW_TAB}>{esc(text)}</a>'


def source_link(url: str, publisher: str) -> str:
    """A source as its publisher's name, linked, and the site the link leads to: a copy on another site says so."""
    host = (urlsplit(url).hostname or "") if SAFE_URL.match(url or "") else ""
    host = host.removeprefix("www.")
    shown = host and host.casefold() not in publisher.casefold()  # "naslovi.net", not "naslovi.net (naslovi.net)"
    return link(url, publisher) + (f" <small class='wb-host'>({esc(host)})</small>" if shown else "")


URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>;]*[^\s\"'<>;.,):!?]")  # a sentence's closing punctuation is not the URL's


def linked(text: str) -> str:
    """Free text from data with each http(s) URL in it as a link (the rest escaped, nothing else becomes markup)."""
    out, at = [], 0
    for found in URL_IN_TEXT.finditer(text):
        out += [esc(text[at:found.start()]), link(found.group(), found.group())]
        at = found.end()
    return "".join(out) + esc(text[at:])


RECORD_ID_IN_TEXT = re.compile(r"\b[A-Z][A-Z0-9_-]*\d[A-Z0-9_]*\b")


def named(dataset: Dataset, text: str) -> str:
    """Free text from data, escaped, with each record id in it as the record's name ("Conflicts with GSEN04_ME" reads
    "Conflicts with “IRI: favourable view of Xi Jinping – Montenegro 2024”"): a reader knows records by name."""
    def name_of(found: re.Match) -> str:
        record = dataset.record(found.group())
        return f"“{record[1]['name']}”" if record is not None else found.group()
    return esc(RECORD_ID_IN_TEXT.sub(name_of, text))


def published(date: str) -> str:
    return t("panel.undated") if date in ("", "undated") else t("panel.published", date=date)


def amount(value: float, unit: str, qualifier: str = "") -> str:
    if unit in CURRENCIES:
        text = f"{unit} {value * 1e6:,.0f}" if value < 1 else f"{unit} {t('unit.million', value=f'{value:,.2f}'.rstrip('0').rstrip('.'))}"
    elif unit == "year":
        text = f"{value:.0f}"
    elif unit == "percent":
        text = f"{value:g}%"
    else:
        text = f"{value:,.0f} {unit}" if value == int(value) else f"{value:,} {unit}"
    return f"{t('qualifier.' + qualifier)} {text}" if qualifier else text


def _value(field_name: str, kind: str, value: object) -> str:
    if vocabulary(kind) is not None:
        return esc(word(kind[6:], str(value)))
    if kind == "countries":
        return esc(", ".join(country_name(c) for c in str(value).split(";")))
    if kind == "aiddata":  # each id links to its AidData project page (GCDF is ODC-By: the link credits it too)
        return ", ".join(link(project_page(aid), t("panel.aiddata_project", id=aid)) for aid in aiddata_ids(value))
    if kind == "bool":
        return esc(t("yes") if str(value).lower() == "true" else t("no"))
    if field_name == "value":
        return esc(f"{value:g}%")
    if kind in ("int", "number") and not isinstance(value, str):
        return esc(f"{value:,.0f}" if float(value).is_integer() else f"{value:,}")
    return esc(value)


def _refs(dataset: Dataset, ids: str, year: int | None = None) -> str:
    """The records `ids` names, each with its source; with `year` (a status's), one dated later says so: a status
    before an event rests on it too ("not a candidate" until the year it became one)."""
    parts = []
    for rid in ids.split(";"):
        found = dataset.record(rid)
        if found is None:
            parts.append(esc(rid))
            continue
        row = found[1]
        start = row.get("year_from")
        is_later = year is not None and pd.notna(start) and start > year
        later = f"{esc(t('panel.basis_later', year=int(start)))}, " if is_later else ""
        parts.append(f"{esc(row['name'])} ({later}{link(row['source_url'], row['publisher'])}, "
                     f"{esc(t('panel.confidence').lower())}: {esc(row['confidence'])})")
    return "; ".join(parts)


def _year_of(row: pd.Series) -> int | None:
    """A one-year record's year (a country's status rows are one a year)."""
    start, end = row.get("year_from"), row.get("year_to")
    return int(start) if pd.notna(start) and pd.notna(end) and start == end else None


def _rows(dataset: Dataset, layer_id: str, row: pd.Series, year: int | None, shown: bool) -> list[tuple[str, str]]:
    """The panel's facts; a project's status as it was in `year` if the record is `shown` in it."""
    layer = dataset.layers[layer_id].layer
    out = []
    for f in COMMON_FIELDS + layer.fields:
        if f.name in HIDDEN or f.name.endswith("_basis"):
            continue
        if f.name == "year_from" and str(row.get("date") or "").startswith(str(row.get("year_from"))):
            continue  # an event's date says its year already
        value = row.get(f.name)
        if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
            continue
        text = named(dataset, str(value)) if f.kind == "text" else _value(f.name, f.kind, value)
        if f.kind == "ref":
            text = _refs(dataset, str(value))
        if layer_id == "infrastructure" and f.name == "status" and shown and status_at(row, year) != value:
            text = esc(t("panel.status_then", then=word("status", status_at(row, year)), year=year,
                         now=word("status", value)))
        basis = row.get(BASIS.get(f.name, ""))
        if isinstance(basis, str) and basis:
            text += f"<br><small>{esc(t('profile.basis'))}: {_refs(dataset, basis, _year_of(row))}</small>"
        out.append((t("field." + f.name, default=f.name.replace("_", " ")), text))
    return out


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
    """The details panel of one record: facts, figures (each with its source), confidence, location and sources;
    with `year`, its status in that year, or that the map does not show it then (None: as of the latest source)."""
    parts = [f"<h3 class='wb-title'>{esc(row['name'])}</h3>"]
    shown = year is not None and shown_in(row, year)
    if year is not None and not shown:  # opened from a link, a profile or Find in a year the map does not show it
        span = years_label(row, lambda start: t("panel.span_open", start=start))
        parts.append(f"<p class='wb-note'>{esc(t('panel.not_in_year', year=year, span=span))}</p>")
    parts.append("<table class='wb-facts'>")
    parts += [f"<tr><th>{esc(label)}</th><td>{value}</td></tr>"
              for label, value in _rows(dataset, layer_id, row, year, shown)]
    parts.append("</table>")
    figures = dataset.figures_of(row["id"])
    if figures:
        parts.append(f"<h4>{esc(t('panel.figures'))}</h4><ul class='wb-figures'>")
        for f in figures:
            as_of = f" ({esc(f['as_of'])})" if f["as_of"] else ""
            parts.append(
                f"<li><b>{esc(amount(float(f['value']), f['unit'], f['qualifier']))}</b>: {esc(f['label'])}{as_of}. "
                f"{source_link(f['source_url'], f['publisher'])}, {esc(published(f['published']))}; {esc(f['confidence'])}"
                + (f"<br><small>{named(dataset, f['notes'])}</small>" if f["notes"] else "") + "</li>"
            )
        parts.append("</ul>")
    parts.append(f"<p><b>{esc(t('panel.confidence'))}:</b> {esc(row['confidence'])} – {esc(word('confidence', row['confidence']))}</p>")
    if "precision" in row and row["precision"]:
        parts.append(f"<p><b>{esc(t('panel.precision'))}:</b> {esc(row['precision'].replace('_', ' '))} – {esc(word('precision', row['precision']))}")
        if row.get("coord_source"):
            parts.append(f"<br><small class='wb-coords'>{esc(t('panel.coord_source'))}: {linked(row['coord_source'])}</small>")
        parts.append("</p>")
    if row.get("notes"):
        parts.append(f"<p><b>{esc(t('panel.notes'))}:</b> {named(dataset, row['notes'])}</p>")
    parts.append(sources_html(dataset, row))
    return "".join(parts)


def adds_to(note: str, publisher: str, date: str) -> bool:
    """Whether a source's note says more than its publisher and date ("bne 2019-03-05" or "GEM" do not)."""
    rest = (note or "").casefold().replace(publisher.casefold(), "").replace(date, "")
    return any(c.isalnum() for c in rest)


def sources_html(dataset: Dataset, row: pd.Series) -> str:
    """The same source block at the end of every panel."""
    items = [f"<li>{source_link(row['source_url'], row['publisher'])}, {esc(published(row['published']))} "
             f"({esc(t('panel.primary_source'))})</li>"]
    for s in dataset.sources_of(row["id"]):
        note = f": {named(dataset, s['note'])}" if adds_to(s["note"], s["publisher"], s["published"]) else ""
        items.append(f"<li>{source_link(s['source_url'], s['publisher'])}, {esc(published(s['published']))}{note}</li>")
    return f"<h4>{esc(t('panel.sources'))}</h4><ol class='wb-sources'>{''.join(items)}</ol>"


def citation_html(name: str, what: str, app_url: str | None, params: dict[str, str], accessed: str) -> str:
    """How to cite what the panel shows, with a link that opens it again (the reader's own address for the app, so
    a link copied inside an embedding article still leads here); without a usable address, the citation alone."""
    address = None
    if app_url and SAFE_URL.match(app_url):  # the app's own address: any query or fragment on it is dropped
        scheme, host, path, _, _ = urlsplit(app_url)
        address = urlunsplit((scheme, host, path.rstrip("/") + "/", urlencode(params, safe=","), ""))
    text = t("cite.text", name=name, what=what, work=cited_work(), accessed=accessed)
    return (f"<h4>{esc(t('cite.title'))}</h4><p class='wb-cite'>{esc(text)}"
            + (f" {link(address, address)}" if address else "") + "</p>")


def cited_work() -> str:
    """The work's title with its version, as citations name it."""
    return t("cite.work_version", work=t("cite.work"), version=DATASET_VERSION) if DATASET_VERSION else t("cite.work")


@dataclass
class Profile:
    country: str
    year: int
    status_html: str = ""
    sentiment_html: str = ""
    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # layer id -> [(record id, label)]
    chinese_vendor: int = 0  # of the surveillance section, the deployments whose sources name a Chinese vendor


def status_row(dataset: Dataset, country: str, year: int) -> pd.Series | None:
    """A country's diplomatic status record for a year (None without one, or when the status file did not load)."""
    status = dataset.layers["diplomacy"].frame
    current = np.flatnonzero(shown_mask(status, year, {country}))
    return status.iloc[current[0]] if len(current) else None


def country_profile(dataset: Dataset, country: str, year: int) -> Profile:
    profile = Profile(country, year)
    current = status_row(dataset, country, year)
    if current is not None:
        rows = _rows(dataset, "diplomacy", current, year, True)
        rows = [(label, value) for label, value in rows if label not in (t("field.country"), t("field.year_from"))]
        profile.status_html = "<table class='wb-facts'>" + "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in rows) + "</table>"
    polls = dataset.layers["sentiment"].frame
    if len(polls):
        since = polls["year_from"].to_numpy(dtype=float, na_value=np.nan)
        mask = (polls["country"].to_numpy() == country) & (since <= year)
        latest = mask & (since == since[mask].max()) if mask.any() else mask
        columns = ("id", "value", "value_qualifier", "metric", "pollster", "year_from", "question", "source_url",
                   "publisher", "confidence", "conflicts_with")
        waves = rows_of(polls, latest, columns)
        profile.sentiment_html = "".join(
            f"<p><b>{esc(qualified(w))}</b> {esc(w['metric'])} ({esc(w['pollster'])}, {w['year_from']}); "
            f"{esc(t('profile.question'))}: <i>{esc(w['question'])}</i>. {link(w['source_url'], w['publisher'])}; "
            f"{esc(w['confidence'])}{_disagreement(w, waves)}</p>" for w in waves
        )
    for layer_id in ("infrastructure", "surveillance", "events", "vaccines"):
        frame = dataset.layers[layer_id].frame  # two columns of the shown rows, not a copy of the frame
        keep = shown_mask(frame, year, {country})
        ids, names = frame["id"].to_numpy()[keep].tolist(), frame["name"].to_numpy()[keep].tolist()
        profile.sections[layer_id] = list(zip(ids, names))
        if layer_id == "surveillance":
            profile.chinese_vendor = int((chinese_vendor(frame) & keep).sum())
    return profile


def _disagreement(wave: dict, waves: list[dict]) -> str:
    """Where another figure shown beside this one reports the same poll differently, say so and name it, so that
    neither reads as settled (the record's own panel explains the conflict)."""
    named = set(str(wave["conflicts_with"] or "").split(";"))
    others = [w for w in waves if w["id"] in named]
    if not others:
        return ""
    figures = ", ".join(f"{qualified(w)} ({w['publisher']})" for w in others)
    return f" <b>{esc(t('profile.disagree', others=figures))}</b>"


def _rgba(colour: str, opacity: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{opacity})"


def legend_html(title: str, swatches: list) -> str:
    """A legend block: one small CSS sample per entry (dot, line or fill) and its meaning."""
    rows = []
    for s in swatches:
        if s.shape == "note":
            rows.append(f'<div class="wb-legend-note">{esc(s.label)}</div>')
            continue
        border = "dashed" if s.dash and s.dash.split()[0] != "1" else "dotted" if s.dash else "solid"
        if s.shape == "count":  # a group of marks (static/map/cluster.css), drawn small
            rows.append(f'<div class="wb-swatch"><span class="wb-sample wb-cluster wb-cluster-sample">'
                        f'<span class="wb-cluster-count">3</span></span><span>{esc(s.label)}</span></div>')
            continue
        if s.shape == "line":
            style = f"width:22px;height:0;border-top:4px {border} {s.colour};border-radius:0"
        elif s.shape == "fill":
            style = f"width:20px;height:13px;background:{s.colour};border:1px {border} #5d574b;border-radius:2px"
        else:
            style = f"width:12px;height:12px;background:{_rgba(s.colour, s.fill_opacity)};border:1.6px {border} #1f1f1f;border-radius:50%"
        rows.append(f'<div class="wb-swatch"><span class="wb-sample" style="{style}"></span><span>{esc(s.label)}</span></div>')
    return f"<div class='wb-legend'><div class='wb-legend-title'>{esc(title)}</div>{''.join(rows)}</div>"
