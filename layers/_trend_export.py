"""The export's trends: the app's charts (layers/_charts.py) of every record, drawn to SVG when the page is made, by
vl-convert (Vega's own renderer, no browser and no chart library in the page). The SVG keeps its text as text, in the
page's language, and refers to nothing outside itself."""

from __future__ import annotations

import re

import altair as alt
import vl_convert

from . import _charts as charts
from . import _trends as trends
from ._dataset import Dataset
from ._filters import NO_FILTERS
from ._messages import t
from ._templates import Markup, render

WIDTH = 330  # pixels of a chart's plot; the page scales the picture down to a phone's width (static/export/trends.css)
VL_VERSION = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]  # the Vega-Lite Altair writes, e.g. "6.4"
# What Vega writes for an interactive page and a picture does not need: classes, hidden empty paths, default values.
NOT_NEEDED = [re.compile(p) for p in (r' class="[^"]*"', r' pointer-events="none"', r' aria-hidden="true"',
                                       r' opacity="1"', r' stroke-width="1"(?=[ />])', r' xmlns:xlink="[^"]*"',
                                       r' version="1\.1"', r' role="graphics-[a-z]+"', r' aria-roledescription="[^"]*"',
                                       r' aria-label="Title text [^"]*"')]
LONG = re.compile(r"(\d+\.\d\d)\d+")  # 46.99999999999999: two decimals of a pixel are more than the eye sees
EMPTY = re.compile(r'<path d="(M0,0h0v0h0Z)?"( display="none")?/>')
OUTSIDE = re.compile(r"href|url\(|@import|<image|<foreignObject", re.I)


def svg(chart: alt.TopLevelMixin) -> str:
    """A chart as an SVG picture: one accessible image named by the chart's description (its marks not read one by
    one: the caption beside it says what the chart holds)."""
    spec = chart.to_dict(validate=False)  # (the same charts are checked against the schema by tests/test_trends.py)
    spec.setdefault("config", {})["aria"] = False
    text = vl_convert.vegalite_to_svg(spec, vl_version=VL_VERSION)
    for pattern in NOT_NEEDED:
        text = pattern.sub("", text)
    text = LONG.sub(r"\1", EMPTY.sub("", text))
    if OUTSIDE.search(text):
        raise ValueError("a chart's SVG refers to something outside itself")
    label = str(Markup.escape(spec.get("description", "")))
    # every text names the same font: said once, on the picture, which its texts inherit
    text = text.replace(' font-family="sans-serif"', "")
    return text.replace("<svg ", f'<svg role="img" aria-label="{label}" font-family="sans-serif" ', 1)


def figures(dataset: Dataset) -> list[tuple[str, list[tuple[Markup, str, Markup]]]]:
    """(heading, [(title, SVG, caption)]) of each group of charts, as the app's Trends section has them (every survey
    series, and each layer's records stacked by sector or kind, where the app lets the reader choose)."""
    tables = trends.trend_tables_of(dataset, NO_FILTERS)
    money, debts = tables.money, tables.debts

    def figure(name: str, *args) -> tuple[Markup, str]:
        make, title = charts.CHARTS[name]
        return title(tables, *args), svg(make(tables, *args, width=WIDTH))

    others = charts.money_caption(tables.other_currencies)
    out = [(t("trends.polls_heading"), [(*figure("poll", series), charts.poll_caption(tables.polls, series))
                                        for series, _ in trends.poll_series(tables.polls)]),
           (t("trends.counts_heading"), [(*figure("per_year", lid, "kind"),
                                          charts.count_caption(lid, tables.earlier[lid]))
                                         for lid in trends.count_layers() if len(tables.per_year[lid, "kind"])]),
           (t("trends.money_heading"), [(*figure("money", unit, trends.PROJECTS, "kind"), others)
                                        for unit in trends.CURRENCIES if (money["unit"] == unit).any()]),
           (t("trends.debt_heading"), [(*figure("debt", rid, unit), charts.debt_caption(debts, rid))
                                       for rid, unit in dict.fromkeys(zip(debts["id"], debts["unit"]))])]
    return [(heading, group) for heading, group in out if group]


def trends_section(dataset: Dataset) -> str:
    """The export's <section id="wb-trends">: a heading, and each chart as a figure with its caption."""
    groups = [(heading, [(title, Markup(picture), caption) for title, picture, caption in group])
              for heading, group in figures(dataset)]
    return render("trends.html", title=t("trends.title"), help=t("trends.export_help"), groups=groups)
