"""HTML from Jinja2 templates (layers/templates/), autoescaped: data is always text, never markup."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ._messages import t

TEMPLATES = Path(__file__).resolve().parent / "templates"


class OneLineLoader(FileSystemLoader):
    """The templates are written over several lines for reading; the HTML they make has no breaks between its tags
    (line breaks in the data are kept)."""

    def get_source(self, environment: Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        return source.replace("\n", ""), filename, uptodate


SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")


@cache
def environment() -> Environment:
    env = Environment(loader=OneLineLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined)
    env.tests["http"] = lambda url: bool(url) and bool(SAFE_URL.match(str(url)))  # only http(s) links, ever
    return env


def panel_words() -> dict[str, str]:
    """The panel's own headings and labels, from the catalogue."""
    return {"basis": t("profile.basis"), "figures": t("panel.figures"), "confidence": t("panel.confidence"),
            "location": t("panel.precision"), "coord_source": t("panel.coord_source"), "notes": t("panel.notes"),
            "sources": t("panel.sources"), "primary": t("panel.primary_source")}


def render(name: str, **values: Any) -> str:
    """A template filled with plain values."""
    return environment().get_template(name).render(**values)


def rich_html(runs: list) -> str:
    """A rich text (layers._panel) as HTML: plain runs escaped, [text, url] runs as links."""
    return environment().from_string('{% from "macros.html" import rich %}{{ rich(runs) }}').render(runs=runs)
