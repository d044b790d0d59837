"""The trend charts (Altair, no streamlit), from the tables of layers/_trends.py, in the reader's language: axes,
keys, tooltips, the titles and captions beside them and the accessible description (Vega-Lite's `description`). Each
point carries the record (`id`) or the year it stands for, in a point selection the app reads; the export renders the
same charts to SVG (layers/_trend_export.py).

Colours: a layer's own palette where it colours the grouped field (events by category, as on the map's key), else the
Okabe–Ito set, which stays apart under the common colour-vision deficiencies; shapes tell countries apart too."""

from __future__ import annotations

import altair as alt
import pandas as pd
from markupsafe import Markup, escape

from . import LAYERS
from ._i18n import babel_locale
from ._messages import t, template
from ._schema import FOCUS_COUNTRIES, YEARS, vocabulary
from ._trends import DEBT_FIGURES
from ._view import country_name, layer_title

OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999", "#F0E442"]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
ALL_YEARS = list(range(YEARS[0], YEARS[1] + 1))
Width = int | str  # pixels, or "container" (the app's column)


def year_axis() -> alt.X:
    """The bar charts' years: every one of the map's, so an empty year shows as one."""
    return alt.X("year:O", title=t("trends.start_year"), scale=alt.Scale(domain=ALL_YEARS),
                 axis=alt.Axis(labelAngle=-45))


def number_locale() -> dict:
    """d3's number format in the reader's language (decimal and group signs from CLDR), for the axes' numbers."""
    symbols = babel_locale().number_symbols["latn"]
    return {"decimal": symbols["decimal"], "thousands": symbols["group"], "grouping": [3], "currency": ["", ""]}


def _finish(chart: alt.TopLevelMixin, description: str) -> alt.TopLevelMixin:
    if chart.width == "container":  # the column's width, the height as given (Streamlit would fit both)
        chart = chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return (chart.properties(description=description)
            .configure(locale=alt.Locale(number=number_locale()))
            .configure_axis(labelFontSize=11, titleFontSize=12)
            # the key under the chart, one entry a line: two columns of sector names are wider than a phone
            .configure_legend(orient="bottom", columns=1, labelFontSize=11, titleFontSize=12, labelLimit=300))


def _countries(places: list[str]) -> tuple[alt.Scale, alt.Scale]:
    """Colour and shape scales of the countries, in the map's order, so a country looks the same in every chart; a
    label naming several (a project in two countries) is grey, after them."""
    names = [country_name(code) for code in FOCUS_COUNTRIES]
    kept = [name for name in names if name in places] + sorted(set(places) - set(names))
    colours = [OKABE_ITO[names.index(name)] if name in names else "#999999" for name in kept]
    shapes = [SHAPES[names.index(name)] if name in names else "circle" for name in kept]
    return alt.Scale(domain=kept, range=colours), alt.Scale(domain=kept, range=shapes)


def poll_chart(table: pd.DataFrame, series: str, width: Width = "container") -> alt.TopLevelMixin:
    """One survey series: a point per result (country, wave year, share), each country beside the others in its year
    (no two hide each other), labelled with its figure; a line only through a country's results asked in the same
    words, where no year has two figures. No other series is ever on it."""
    rows = table[table["series"] == series]
    colour, shape = _countries(list(rows["place"]))
    years = sorted(set(rows["year"]))
    x = alt.X("year:O", title=t("trends.wave_year"), scale=alt.Scale(domain=list(range(years[0], years[-1] + 1))),
              axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=t("trends.share_axis"), scale=alt.Scale(domain=[0, 100]))
    tips = [alt.Tooltip("place:N", title=t("trends.country")), alt.Tooltip("year:O", title=t("trends.wave_year")),
            alt.Tooltip("figure:N", title=t("trends.share")), alt.Tooltip("metric:N", title=t("trends.answer")),
            alt.Tooltip("question:N", title=t("trends.question")), alt.Tooltip("source:N", title=t("trends.source"))]
    pick = alt.selection_point(name="poll", fields=["id"], on="click")
    base = alt.Chart(rows).encode(x=x, y=y, xOffset=alt.XOffset("place:N", scale=alt.Scale(domain=colour.domain)),
                                  color=alt.Color("place:N", scale=colour, title=t("trends.country")))
    lines = base.transform_filter("datum.lines").mark_line(strokeWidth=1.5).encode(detail="line:N")
    points = base.mark_point(filled=True, size=90, opacity=1, cursor="pointer").encode(
        shape=alt.Shape("place:N", scale=shape, title=t("trends.country")), tooltip=tips).add_params(pick)
    # a label above its point; where sources disagree on a year, the figures share a place: theirs go to the right
    above = base.transform_filter("datum.lines").mark_text(dy=-12, fontSize=11)
    beside = base.transform_filter("!datum.lines").mark_text(dx=9, align="left", fontSize=11)
    labels = [layer.encode(text="figure:N", color=alt.value("#333")) for layer in (above, beside)]
    title = rows["title"].iloc[0]
    chart = alt.layer(lines, points, *labels).properties(width=width, height=200)
    return _finish(chart, t("trends.poll_description", series=title, count=len(rows)))


def _kinds(layer_id: str, by: str, groups: list[tuple[str, str]]) -> alt.Scale:
    """Colours of a chart's groups, (group, label) pairs: the countries' own, or each sector or kind's, the same in
    every chart (the layer's palette where it colours that field, else by the word's place in its vocabulary)."""
    if by == "country":
        return _countries([label for _, label in groups])[0]
    layer = LAYERS[layer_id]
    name = layer.record_columns.get("kind", "")
    palette = layer.palettes.get(name, {})
    words = list(vocabulary(layer.kind_of(name)) or {})
    pairs = list(dict.fromkeys(groups))
    colours = [palette[group][0] if group in palette
               else OKABE_ITO[(words.index(group) if group in words else i) % len(OKABE_ITO)]
               for i, (group, _) in enumerate(pairs)]
    return alt.Scale(domain=[label for _, label in pairs], range=colours)


def per_year_chart(table: pd.DataFrame, layer_id: str, by: str, width: Width = "container") -> alt.TopLevelMixin:
    """A layer's records by the year they began, stacked by country or by sector or kind; a bar stands for its year."""
    title = layer_title(LAYERS[layer_id])
    group = t("trends.country") if by == "country" else t("trends.kind")
    pick = alt.selection_point(name="year", fields=["year"], on="click")
    chart = alt.Chart(table).mark_bar(cursor="pointer", stroke="#fff", strokeWidth=0.5).encode(
        x=year_axis(),
        y=alt.Y("sum(count):Q", title=t("trends.records_axis"), axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("label:N", scale=_kinds(layer_id, by, list(zip(table["group"], table["label"]))), title=group),
        order=alt.Order("group:O"),
        tooltip=[alt.Tooltip("year:O", title=t("trends.start_year")), alt.Tooltip("label:N", title=group),
                 alt.Tooltip("count:Q", title=t("trends.records_axis")), alt.Tooltip("ids:N", title=t("trends.ids"))],
    ).add_params(pick).properties(width=width, height=200)
    return _finish(chart, t("trends.per_year_description", layer=title, count=int(table["count"].sum()),
                            by=group, first=YEARS[0], last=YEARS[1]))


def money_chart(table: pd.DataFrame, unit: str, layer_id: str, by: str = "kind",
                width: Width = "container") -> alt.TopLevelMixin:
    """The money figures of the projects started each year, in one currency as the sources give it: a bar segment per
    project (its largest figure), coloured by its sector or its country, which opens that project."""
    rows = table[table["unit"] == unit]
    pick = alt.selection_point(name="record", fields=["id"], on="click")
    field, title = ("place", t("trends.country")) if by == "country" else ("kind", t("trends.kind"))
    colour = (_countries(list(rows["place"]))[0] if by == "country"
              else _kinds(layer_id, "kind", list(zip(rows["group"], rows["kind"]))))
    chart = alt.Chart(rows).mark_bar(cursor="pointer", stroke="#fff", strokeWidth=0.5).encode(
        x=year_axis(),
        y=alt.Y("sum(value):Q", title=t("trends.money_axis", currency=unit)),
        color=alt.Color(f"{field}:N", scale=colour, title=title),
        order=alt.Order("id:O"),
        tooltip=[alt.Tooltip("name:N", title=t("trends.record")), alt.Tooltip("amount:N", title=t("trends.amount")),
                 alt.Tooltip("year:O", title=t("trends.start_year")), alt.Tooltip(f"{field}:N", title=title)],
    ).add_params(pick).properties(width=width, height=200)
    return _finish(chart, t("trends.money_description", currency=unit, count=len(rows)))


def debt_chart(table: pd.DataFrame, record_id: str, unit: str, width: Width = "container") -> alt.TopLevelMixin:
    """A record's loan, debt still owed and amount repaid in one currency, each figure at the date its source gives it
    (figures that disagree are all there); a point opens the record."""
    rows = table[(table["id"] == record_id) & (table["unit"] == unit)]
    pick = alt.selection_point(name="record", fields=["id"], on="click")
    # each kind of figure its own colour and shape in every such chart, in DEBT_FIGURES' order
    kinds = sorted(dict.fromkeys(zip(rows["figure"], rows["label"])), key=lambda kind: DEBT_FIGURES.index(kind[0]))
    labels = [label for _, label in kinds]
    colours = [OKABE_ITO[DEBT_FIGURES.index(figure)] for figure, _ in kinds]
    shapes = [SHAPES[DEBT_FIGURES.index(figure)] for figure, _ in kinds]
    chart = alt.Chart(rows).mark_point(filled=True, size=90, opacity=1, cursor="pointer").encode(
        x=alt.X("date:T", title=t("trends.as_of"), axis=alt.Axis(format="%Y", tickCount="year"),
                scale=alt.Scale(padding=14)),  # a point on the first or last date stays whole
        y=alt.Y("value:Q", title=t("trends.money_axis", currency=unit), scale=alt.Scale(zero=True)),
        color=alt.Color("label:N", title=t("trends.figure"), scale=alt.Scale(domain=labels, range=colours)),
        shape=alt.Shape("label:N", title=t("trends.figure"), scale=alt.Scale(domain=labels, range=shapes)),
        tooltip=[alt.Tooltip("label:N", title=t("trends.figure")), alt.Tooltip("amount:N", title=t("trends.amount")),
                 alt.Tooltip("as_of:N", title=t("trends.as_of")), alt.Tooltip("source:N", title=t("trends.source"))],
    ).add_params(pick).properties(width=width, height=200)
    return _finish(chart, t("trends.debt_description", name=rows["name"].iloc[0], currency=unit, count=len(rows)))


# The captions: where each chart's numbers come from, said under it (in the app and the export alike), as HTML: the
# records' own words (questions, answers, publishers) are marked as English, as every panel marks them.

def _own(values) -> Markup:
    """The records' own words, each once, in the order met, marked as English."""
    return Markup("; ").join(Markup('<span lang="en">{}</span>').format(v) for v in dict.fromkeys(map(str, values)))


def _sources(rows: pd.DataFrame) -> Markup:
    """"Publisher, date; …": each source once, its date in the reader's language (without a closing point: the
    sentence has its own)."""
    pairs = dict.fromkeys(zip(rows["publisher"], rows["published"]))
    return Markup("; ").join(Markup('<span lang="en">{}</span>, {}').format(who, when.rstrip("."))
                             for who, when in pairs)


def _said(key: str, **values) -> Markup:
    """A catalogue message as HTML, its placeholders filled (text escaped, marked-up values kept)."""
    return Markup(escape(template(key))).format(**values)


def poll_caption(table: pd.DataFrame, series: str) -> Markup:
    rows = table[table["series"] == series]
    text = _said("trends.poll_caption", questions=_own(rows["question"]), metrics=_own(rows["metric"]),
                 pollsters=_own(rows["title"].str.split(":").str[0]), sources=_sources(rows))
    if rows["question"].nunique() > 1:
        text += Markup(" ") + _said("trends.poll_wordings")
    apart = rows[~rows["lines"].astype(bool)]
    places = "; ".join(dict.fromkeys(apart["place"] + " " + apart["year"].astype(str)))
    return text + (Markup(" ") + _said("trends.poll_disagree", places=places) if len(apart) else "")


def count_caption(layer_id: str, earlier: int) -> Markup:
    text = _said("trends.count_caption", layer=layer_title(LAYERS[layer_id]))
    return text + (Markup(" ") + escape(t("trends.earlier", count=earlier, year=YEARS[0])) if earlier else "")


def money_caption(others: list[str]) -> Markup:
    text = _said("trends.money_caption")
    return text + (Markup(" ") + _said("trends.money_others", currencies=", ".join(others)) if others else "")


def debt_caption(table: pd.DataFrame, record_id: str) -> Markup:
    return _said("trends.debt_caption", sources=_sources(table[table["id"] == record_id]))


# Each chart by name: (make, title), each made from the tables of one set of filters (layers._trends.TrendTables)
# and the chart's own arguments (make's `width`: pixels, or the app's column). The app keeps each chart's Vega-Lite
# spec by these (making one from Altair takes ~70 ms, too long for every rerun). A title is HTML beside the picture,
# not in it: it wraps on a phone, and a record's own words in it are marked English.

def _series_title(tables, series: str) -> Markup:
    rows = tables.polls[tables.polls["series"] == series]
    return Markup('<span lang="en">{}</span>').format(rows["title"].iloc[0])


def _debt_title(tables, record_id: str, unit: str) -> Markup:
    name = tables.debts[tables.debts["id"] == record_id]["name"].iloc[0]
    return Markup('<span lang="en">{}</span>: {}').format(name, t("trends.debt_title", currency=unit))


CHARTS = {
    "poll": (lambda tables, series, width="container": poll_chart(tables.polls, series, width), _series_title),
    "per_year": (lambda tables, layer_id, by, width="container":
                 per_year_chart(tables.per_year[layer_id, by], layer_id, by, width),
                 lambda tables, layer_id, by: escape(t("trends.per_year_title", layer=layer_title(LAYERS[layer_id])))),
    "money": (lambda tables, unit, layer_id, by, width="container":
              money_chart(tables.money, unit, layer_id, by, width),
              lambda tables, unit, layer_id, by: escape(t("trends.money_title", currency=unit))),
    "debt": (lambda tables, record_id, unit, width="container": debt_chart(tables.debts, record_id, unit, width),
             _debt_title),
}
