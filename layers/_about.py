"""The "About this map" text (no streamlit): what the dataset holds, counted from the data itself, and how to read
it, from the schema's own vocabularies, so it cannot drift from the records or the legend."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ._coverage import headline
from ._dataset import Dataset
from ._details import md_escape
from ._messages import t
from ._schema import VOCABULARIES
from ._templates import render
from ._view import layer_description, layer_title, word

FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Holdings:
    """What the loaded dataset holds: records per layer (in registry order), distinct source URLs (a record's own,
    its further sources and its figures' sources), figures, and the newest dated source."""

    records: tuple[tuple[str, int], ...]  # (layer id, records)
    sources: int
    figures: int
    newest: str | None  # YYYY-MM-DD


def holdings(dataset: Dataset) -> Holdings:
    tables = [loaded.frame for loaded in dataset.layers.values() if loaded.ok] + [dataset.sources, dataset.figures]
    urls, dates = set(), []
    for table in tables:
        if "source_url" not in table:
            continue
        urls.update(table["source_url"].dropna())
        dates += [str(d) for d in table["published"].dropna() if FULL_DATE.match(str(d))]
    return Holdings(records=tuple((lid, len(loaded.frame)) for lid, loaded in dataset.layers.items() if loaded.ok),
                    sources=len(urls), figures=len(dataset.figures),
                    newest=max(dates, default=None))


@dataclass(frozen=True)
class About:
    """The section's parts, plain text, for Markdown in the app and HTML in the static export."""

    held: Holdings
    layers: tuple[tuple[str, int, str], ...]  # (title, records, description)
    confidence: tuple[tuple[str, str], ...]  # (word, meaning)
    precision: tuple[tuple[str, str], ...]
    closing: tuple[str, ...]  # catalogue paragraphs, with the catalogue's own **bold** and *italic*


def coverage_text(dataset: Dataset, where: str) -> str:
    """The coverage paragraph: COVERAGE.md's headline figures, and the credit AidData's licence asks for."""
    head = headline(dataset)
    return t("about.coverage", projects=head.projects, rows=head.gcdf_rows, mapped=head.gcdf_mapped,
             listed=head.gcdf_listed, where=where)


def about_parts(dataset: Dataset, gaps_key: str = "about.gaps") -> About:
    """What the section says; `gaps_key` names where the corrections are (the app's ZIP, or the repository)."""
    held = holdings(dataset)
    where = t("about.coverage_where") if gaps_key == "about.gaps" else ""
    return About(
        held=held,
        layers=tuple((layer_title(dataset.layers[lid].layer), count, layer_description(dataset.layers[lid].layer))
                     for lid, count in held.records),
        confidence=tuple((t(f"term.confidence.{level}"), word("confidence", level)) for level in VOCABULARIES["confidence"]),
        precision=tuple((t(f"term.precision.{level}"), word("precision", level)) for level in VOCABULARIES["precision"]),
        closing=(coverage_text(dataset, where), t("about.disagree"), t("about.year_rule"), t(gaps_key)),
    )


def holdings_text(held: Holdings, escape: Callable[[str], str]) -> str:
    """The opening sentence, with the newest date escaped for its renderer (it comes from the data)."""
    newest = t("about.newest", date=escape(held.newest)) if held.newest else ""
    return t("about.holdings", sources=held.sources, figures=held.figures, newest=newest)


def about_markdown(dataset: Dataset) -> str:
    """The section's Markdown; data-derived text is escaped (a title or date cannot become markup)."""
    about = about_parts(dataset)
    layers = "\n".join(f"- **{md_escape(title)}** ({count}): {md_escape(description)}"
                       for title, count, description in about.layers)
    confidence = "\n".join(f"- **{word}**: {meaning}" for word, meaning in about.confidence)
    precision = "\n".join(f"- **{word}**: {meaning}" for word, meaning in about.precision)
    return "\n\n".join([holdings_text(about.held, md_escape), layers,
                        f"**{t('about.confidence')}**\n\n{confidence}", f"**{t('about.precision')}**\n\n{precision}",
                        *about.closing])


def about_html(dataset: Dataset) -> str:
    """The section for the static export (layers/templates/about.html), which has no Markdown renderer; its
    corrections point to the repository."""
    about = about_parts(dataset, gaps_key="export.about_gaps")
    return render("about.html", holdings=holdings_text(about.held, str),
                  layers=[(title, f" ({count}): {description}") for title, count, description in about.layers],
                  confidence_title=t("about.confidence"), confidence=[(w, f": {m}") for w, m in about.confidence],
                  precision_title=t("about.precision"), precision=[(w, f": {m}") for w, m in about.precision],
                  closing=about.closing)
