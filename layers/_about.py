"""The "About this map" text (no streamlit): what the dataset holds, counted from the data itself, and how to read
it, from the schema's own vocabularies, so it cannot drift from the records or the legend."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._dataset import Dataset
from ._details import md_escape
from ._messages import t
from ._schema import VOCABULARIES
from ._view import layer_title

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


def about_markdown(dataset: Dataset) -> str:
    """The section's Markdown; data-derived text is escaped (a title or date cannot become markup)."""
    held = holdings(dataset)
    layers = "\n".join(f"- **{md_escape(layer_title(dataset.layers[lid].layer))}** ({count}): "
                       f"{md_escape(dataset.layers[lid].layer.description)}" for lid, count in held.records)
    confidence = "\n".join(f"- **{word}**: {meaning}" for word, meaning in VOCABULARIES["confidence"].items())
    precision = "\n".join(f"- **{word.replace('_', ' ')}**: {meaning}" for word, meaning in VOCABULARIES["precision"].items())
    newest = t("about.newest", date=md_escape(held.newest)) if held.newest else ""
    return "\n\n".join([
        t("about.holdings", sources=held.sources, figures=held.figures, newest=newest),
        layers,
        f"**{t('about.confidence')}**\n\n{confidence}",
        f"**{t('about.precision')}**\n\n{precision}",
        t("about.disagree"),
        t("about.year_rule"),
        t("about.gaps"),
    ])
