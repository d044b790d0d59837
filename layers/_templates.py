"""HTML from Jinja2 templates (layers/templates/), autoescaped: data is always text, never markup (`Markup` marks
HTML a template already made)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ._i18n import SOURCE, language
from ._messages import t

__all__ = ["Markup", "emphasis", "environment", "panel_words", "part", "render", "rich_html"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


class OneLineLoader(FileSystemLoader):
    """The templates are written over several lines for reading; the HTML they make has no breaks between its tags
    (line breaks in the data are kept)."""

    def get_source(self, environment: Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        return source.replace("\n", ""), filename, uptodate


SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")
CATALOGUE_EMPHASIS = ((re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
                      (re.compile(r"\*(.+?)\*"), r"<em>\1</em>"))


def emphasis(text: str) -> Markup:
    """A catalogue message as HTML: escaped, then its own **bold** and *italic* (never used on data)."""
    html = str(escape(text))
    for pattern, tag in CATALOGUE_EMPHASIS:
        html = pattern.sub(tag, html)
    return Markup(html)


@cache
def environment() -> Environment:
    env = Environment(loader=OneLineLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined)
    env.tests["http"] = lambda url: bool(url) and bool(SAFE_URL.match(str(url)))  # only http(s) links, ever
    env.filters["emphasis"] = emphasis
    return env


def panel_words() -> dict[str, str]:
    """The panel's own headings and labels, from the catalogue."""
    return {"basis": t("profile.basis"), "figures": t("panel.figures"), "confidence": t("panel.confidence"),
            "location": t("panel.precision"), "coord_source": t("panel.coord_source"), "notes": t("panel.notes"),
            "sources": t("panel.sources"), "primary": t("panel.primary_source"),
            "english": "" if language() == SOURCE else t("data.english")}  # the mark on a record's English text


def render(name: str, **values: Any) -> str:
    """A template filled with plain values."""
    return environment().get_template(name).render(**values)


def part(name: str, *args: Any) -> str:
    """One of the small pieces of layers/templates/parts.html (`tip`, `app_title`, `heading`, `panel`)."""
    return str(getattr(environment().get_template("parts.html").module, name)(*args))


def rich_html(runs: list) -> str:
    """A rich text (layers._panel) as HTML: plain runs escaped, [text, url] runs as links."""
    return environment().from_string('{% from "macros.html" import rich %}{{ rich(runs) }}').render(runs=runs)
