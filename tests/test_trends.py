"""The trend charts (layers/_trends.py, layers/_charts.py, layers/_trend_export.py): their numbers are the records',
series and currencies are kept apart, the reader's filters choose the rows, and the export's SVG is there in each
language with nothing fetched from elsewhere."""

from __future__ import annotations

import re

import pytest

from layers import LAYERS
from layers._charts import CHARTS, poll_caption
from layers._dataset import load_dataset
from layers._filters import NO_FILTERS, Filters
from layers._i18n import LANGUAGES, speaking
from layers._messages import t
from layers._records import DATA_DIR
from layers._schema import YEARS
from layers._table import largest_amount
from layers._trend_export import svg, trends_section
from layers._trends import (CURRENCIES, DEBT_FIGURES, PROJECTS, count_layers, debts, money, per_year, poll_series,
                            polls, trend_tables_of)
from layers._view import country_name, word

DATA = load_dataset(LAYERS, DATA_DIR)
SENTIMENT = DATA.layers["sentiment"].frame
TABLES = trend_tables_of(DATA, NO_FILTERS)
CHARTS_MAKE = {name: make for name, (make, _) in CHARTS.items()}


def data_of(chart) -> list[dict]:
    """The rows a chart draws (Altair puts them in its spec's datasets)."""
    spec = chart.to_dict()
    return [row for rows in spec["datasets"].values() for row in rows]


@pytest.mark.parametrize("series", sorted(set(SENTIMENT["series"])))
def test_each_poll_series_chart_holds_exactly_that_series_rows(series: str) -> None:
    rows = SENTIMENT[SENTIMENT["series"] == series]
    drawn = data_of(CHARTS_MAKE["poll"](TABLES, series))
    assert sorted(r["id"] for r in drawn) == sorted(rows["id"])
    expected = {rid: (country, int(year), float(value))
                for rid, country, year, value in zip(rows["id"], rows["country"], rows["year_from"], rows["value"])}
    assert {r["id"]: (r["country"], r["year"], r["value"]) for r in drawn} == expected


def test_no_two_series_share_a_line_and_a_year_with_two_figures_has_none() -> None:
    """A line is drawn per country within one chart (one series); where sources disagree on a year (Montenegro's
    two figures for IRI's 2024 wave), that country's figures are points only."""
    table = polls(DATA, NO_FILTERS)
    assert set(poll_series(table)) == set(zip(table["series"], table["title"]))
    montenegro = table[(table["series"] == "iri-xi-favourable") & (table["country"] == "ME")]
    assert sorted(montenegro["value"]) == [39.0, 46.0] and not montenegro["lines"].any()
    assert table[(table["series"] == "iri-mk-relations-interest")]["lines"].all()
    spec = CHARTS_MAKE["poll"](TABLES, "iri-xi-favourable").to_dict()
    line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    assert {"filter": "datum.lines"} in line["transform"] and line["encoding"]["detail"]["field"] == "line"
    # one series asked in other words (IEA's "friend" and "friendly country") is never joined by a line
    friend = table[table["series"] == "iea-china-friend"]
    assert friend["line"].nunique() == 2 and "differs" in poll_caption(table, "iea-china-friend")
    interest = table[table["series"] == "iri-mk-relations-interest"].set_index("id")["line"]
    assert interest["SEN_IRI2020_MK_REL"] == interest["SEN_IRI2021_MK"] != interest["SEN_IRI2022_MK_GCT"]
    # the two reports of one IRI question (Netpress and RFE/RL) are two series, never one chart
    assert not set(table[table["series"] == "iri-mk-relations-rferl"]["id"]) & set(
        r["id"] for r in data_of(CHARTS_MAKE["poll"](TABLES, "iri-mk-relations-interest")))


def test_a_poll_chart_says_its_question_and_its_sources() -> None:
    caption = poll_caption(TABLES.polls, "iri-xi-favourable")
    for question in SENTIMENT[SENTIMENT["series"] == "iri-xi-favourable"]["question"]:
        assert question in caption
    assert "A News (Anadolu)" in caption and "mne.news" in caption and "Montenegro 2024" in caption


@pytest.mark.parametrize("layer_id", count_layers())
@pytest.mark.parametrize("by", ["kind", "country"])
def test_per_year_counts_are_the_records_that_began_that_year(layer_id: str, by: str) -> None:
    frame = DATA.layers[layer_id].frame
    table = per_year(DATA, layer_id, by, NO_FILTERS)
    for year in range(YEARS[0], YEARS[1] + 1):
        began = frame[frame["year_from"] == year]
        drawn = table[table["year"] == year]
        if by == "kind":
            assert drawn["count"].sum() == len(began), year
        else:  # a record in several countries counts in each
            assert drawn["count"].sum() == sum(len(str(c).split(";")) for c in began["country"]), year
        for _, group in drawn.iterrows():
            assert set(group["ids"].split(", ")) <= set(began["id"])
    assert set(table["year"]) <= set(range(YEARS[0], YEARS[1] + 1))


def test_the_filters_choose_the_charts_rows() -> None:
    albania = Filters(countries=("AL",))
    table = per_year(DATA, "infrastructure", "country", albania)
    assert set(table["group"]) == {"AL"} and table["count"].sum() > 0
    assert table["count"].sum() < per_year(DATA, "infrastructure", "country", NO_FILTERS)["count"].sum()
    assert set(polls(DATA, Filters(countries=("RS",)))["country"]) == {"RS"}
    assert polls(DATA, Filters(financier="Exim")).empty  # a poll has no financier: a filter on one leaves none
    assert set(money(DATA, albania)["id"]) <= set(DATA.layers[PROJECTS].frame.query("country == 'AL'")["id"])
    assert debts(DATA, albania).empty and not debts(DATA, Filters(countries=("ME",))).empty
    # a status filter reads each year's status: a project completed later counts as under construction before
    building = per_year(DATA, "infrastructure", "kind", Filters(statuses=("under_construction",)))
    operating = per_year(DATA, "infrastructure", "kind", Filters(statuses=("operating",)))
    assert building["count"].sum() > 0 and not set(building["ids"]) & set(operating["ids"]) - {""}


def test_money_is_each_projects_largest_figure_in_its_own_currency() -> None:
    table = money(DATA, NO_FILTERS)
    assert set(table["unit"]) <= set(CURRENCIES)
    for _, row in table.iterrows():
        assert row["value"] == largest_amount(DATA, row["id"], row["unit"])
    stanari = table[table["id"] == "INF01"]  # its sources give euros and dollars: in both charts, never converted
    assert dict(zip(stanari["unit"], stanari["value"])) == {"EUR": 600.0, "USD": 415.0}
    spec = CHARTS_MAKE["money"](TABLES, "EUR", PROJECTS, "kind").to_dict()
    assert all(r["unit"] == "EUR" for r in data_of(CHARTS_MAKE["money"](TABLES, "EUR", PROJECTS, "kind")))
    assert "not converted" in str(spec["encoding"]["y"]["title"])


def test_money_by_country_colours_each_project_by_its_countries_never_splitting_it() -> None:
    frame = DATA.layers[PROJECTS].frame.set_index("id")
    spec = CHARTS_MAKE["money"](TABLES, "EUR", PROJECTS, "country").to_dict()
    assert spec["encoding"]["color"]["field"] == "place"
    for row in data_of(CHARTS_MAKE["money"](TABLES, "EUR", PROJECTS, "country")):
        codes = frame.loc[row["id"], "country"].split(";")
        assert row["place"] == ", ".join(country_name(code) for code in codes)
    albania = money(DATA, Filters(countries=("AL",)))
    assert set(albania["place"]) == {"Albania"}


def test_a_debt_chart_holds_every_dated_figure_with_its_date_and_source() -> None:
    expected = [f for f in DATA.figures_of("INF02") if f["figure"] in DEBT_FIGURES and f["as_of"]]
    table = debts(DATA, NO_FILTERS)
    assert set(table["id"]) == {"INF02"}  # the only project with such figures at two dates or more
    drawn = data_of(CHARTS_MAKE["debt"](TABLES, "INF02", "EUR")) + data_of(CHARTS_MAKE["debt"](TABLES, "INF02", "USD"))
    assert sorted((r["figure"], r["value"], r["unit"]) for r in drawn) == sorted(
        (f["figure"], float(f["value"]), f["unit"]) for f in expected)
    owed = sorted(r["value"] for r in drawn if r["figure"] == "debt_outstanding")
    assert owed == [603.0, 640.0, 663.55, 693.7]  # sources that disagree are all kept
    assert all(r["source"] and r["as_of"] for r in drawn)
    # a kind of figure looks the same in each currency's chart (the loan: blue, whatever follows it)
    colours = [dict(zip(s["encoding"]["color"]["scale"]["domain"], s["encoding"]["color"]["scale"]["range"]))
               for s in (CHARTS_MAKE["debt"](TABLES, "INF02", unit).to_dict() for unit in ("EUR", "USD"))]
    loan = word("figure", "loan")
    assert colours[0][loan] == colours[1][loan] and len(set(colours[0].values()) | set(colours[1].values())) == 3


def test_every_chart_point_names_its_record_or_year() -> None:
    for name, args, field in [("poll", ("iri-xi-favourable",), "id"), ("per_year", ("events", "kind"), "year"),
                              ("money", ("USD", PROJECTS, "country"), "id"), ("debt", ("INF02", "EUR"), "id")]:
        spec = CHARTS_MAKE[name](TABLES, *args).to_dict()
        params = spec.get("params") or [p for layer in spec.get("layer", []) for p in layer.get("params", [])]
        assert [p["select"]["fields"] for p in params] == [[field]], name
        assert spec["description"], name
        assert all(row[field] for row in data_of(CHARTS_MAKE[name](TABLES, *args))), name


def test_a_charts_title_marks_the_records_own_words_and_names_the_project() -> None:
    assert CHARTS["poll"][1](TABLES, "iri-xi-favourable") == '<span lang="en">IRI: favourable view of Xi Jinping</span>'
    title = CHARTS["debt"][1](TABLES, "INF02", "EUR")
    assert title.startswith('<span lang="en">Bar–Boljare motorway') and "EUR" in title


def test_a_chart_speaks_the_readers_language() -> None:
    with speaking("mk"):
        tables = trend_tables_of(DATA, NO_FILTERS)
        spec = CHARTS_MAKE["per_year"](tables, "infrastructure", "country").to_dict()
        assert spec["encoding"]["y"]["title"] == t("trends.records_axis") != "Records"
        assert "Србија" in spec["encoding"]["color"]["scale"]["domain"]
        assert spec["config"]["locale"]["number"]["decimal"] == ","


@pytest.mark.parametrize("tag", list(LANGUAGES))
def test_the_exports_charts_are_svg_text_in_each_language_with_nothing_from_outside(tag: str) -> None:
    with speaking(tag):
        html = trends_section(DATA)
        title = t("trends.title")
        axis = t("trends.share_axis")
    assert html.startswith('<section id="wb-trends"') and title in html
    pictures = re.findall(r"<svg .*?</svg>", html, re.S)
    debt_charts = set(zip(TABLES.debts["id"], TABLES.debts["unit"]))
    assert len(pictures) == len(set(SENTIMENT["series"])) + len(count_layers()) + len(CURRENCIES) + len(debt_charts)
    assert all('role="img" aria-label="' in p and "<text" in p for p in pictures)
    assert f">{axis}</text>" in html  # its words as text, not outlines
    assert not re.search(r"href|url\(|@import|<image|@font-face|https?://", html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""))
    assert html.count("<figcaption>") == html.count("<h4>") == len(pictures)


def test_an_svg_that_would_fetch_something_is_refused(monkeypatch) -> None:
    import vl_convert

    fetching = '<svg ><image href="https://x.org/a.png"/></svg>'
    monkeypatch.setattr(vl_convert, "vegalite_to_svg", lambda spec, **_: fetching)
    with pytest.raises(ValueError):
        svg(CHARTS_MAKE["debt"](TABLES, "INF02", "EUR"))


def test_the_exports_page_has_the_trends_after_its_key_and_the_maps_screen() -> None:
    from layers._export import page

    with speaking("sq"):
        html = page(DATA, {}, "")  # (the payload is only encoded into the page: none is needed here)
    trends = html.index('<section id="wb-trends"')
    assert html.count('<section id="wb-trends"') == 1 and 'lang="sq"' in html
    assert html.index("</aside>", html.index('<aside id="wb-key">')) < trends
    after = html[html.index("</section>", trends):]
    assert "<section" not in after.split('<script type="application/octet-stream"')[0]  # the page's last section
