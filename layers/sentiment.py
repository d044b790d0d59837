"""Public opinion on China: poll results per country and survey wave, with the question as reported."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._formats import percent
from ._layer import Colouring, Layer, by_country, filter_records, in_year, rows_of
from ._templates import part
from ._messages import t
from ._schema import FOCUS_COUNTRIES, Field
from ._style import NO_DATA, Swatch, ramp

DISAGREE = "#a0522d"  # a warm brown, off the ramp's cool hues in every colour vision


def sentiment_series(frame: pd.DataFrame, year: int) -> list[tuple[str, str]]:
    """(series id, title) of the survey waves fielded in `year`, most countries first."""
    rows = filter_records(frame, year)
    counts = rows.groupby("series")["country"].nunique().sort_values(ascending=False, kind="stable")
    titles = rows.drop_duplicates("series").set_index("series")["name"].str.split(" – ").str[0]
    return [(series, titles[series]) for series in counts.index]


def poll_years(frame: pd.DataFrame, series: str | None = None) -> list[int]:
    """The years a poll (of `series`, or of any series) is shown in, ascending."""
    rows = frame if series is None else frame[frame["series"].to_numpy() == series]
    ends = rows["year_to"].fillna(rows["year_from"])
    return sorted({year for start, end in zip(rows["year_from"], ends) for year in range(int(start), int(end) + 1)})


def qualified(wave: pd.Series | dict) -> str:
    value = percent(float(wave["value"]))
    return (t("qualifier.amount", qualifier=t("qualifier." + wave["value_qualifier"]), amount=value)
            if wave["value_qualifier"] else value)


def poll_figure(wave: pd.Series | dict) -> str:
    """'85% positive attitude to China (IRI, as reported by RFE/RL)': the share, the answer it counts, the pollster and
    who reported the figure, when that is someone else (not escaped)."""
    pollster, publisher = str(wave["pollster"]), str(wave["publisher"])
    short = pollster.split(" (")[0]
    who = (publisher if short.casefold() in publisher.casefold()
           else t("poll.reported_by", pollster=short, publisher=publisher))
    return f"{qualified(wave)} {wave['metric']} ({who})"


def swatches() -> list[Swatch]:
    """The sentiment key, first saying what its percentages count (the answer varies by survey wave)."""
    out = [Swatch(t("legend.sentiment.share"), "", shape="note")]
    out += [Swatch(percent(v), ramp(v), shape="fill") for v in (10, 30, 50, 70, 90)]
    return out + [Swatch(t("legend.disagree"), DISAGREE, shape="fill"),
                  Swatch(t("legend.no_data"), NO_DATA, shape="fill", dash="3 4")]


def draw(layer: Layer, frame: pd.DataFrame, year: int, series: str | None) -> tuple[dict, dict, list[Swatch]]:
    """Colour and tooltip by country for one survey series (sources that disagree get their own colour)."""
    from ._view import country_name  # (the registry is being built when this module loads)

    keep = in_year(frame, year) & (frame["series"].to_numpy() == series)
    colours, tips = {}, {}
    columns = ("country", "value", "value_qualifier", "metric", "pollster", "publisher", "question")
    for country, waves in by_country(rows_of(frame, keep, columns)).items():
        colours[country] = ramp(float(waves[0]["value"])) if len(waves) == 1 else DISAGREE
        tips[country] = part("tip", f"{country_name(country)} {year}", [" or ".join(poll_figure(w) for w in waves)],
                             waves[0]["question"])
    for country in FOCUS_COUNTRIES:  # a country this wave did not poll says so, rather than only "click for more"
        if country not in tips:
            tips[country] = part("tip", f"{country_name(country)} {year}", [t("tip.no_poll")])
    return colours, tips, swatches()


def series_of(layer: Layer, frame: pd.DataFrame, year: int) -> list[tuple[str, str]]:
    return sentiment_series(frame, year)


def polled(layer: Layer, frame: pd.DataFrame, year: int, series: str | None) -> str:
    """Under the series control: the years its series was polled in (only waves of one series compare), or, in a year
    without a wave, the years there are polls."""
    from ._view import years_text

    if series is None:
        return t("control.no_waves", year=year, years=years_text(poll_years(frame)))
    return t("control.series_years", years=years_text(poll_years(frame, series)))


def latest_polls(dataset, country: str, year: int) -> str:
    """A country's latest poll figures up to `year`, each with its question and source (a block of its profile)."""
    from ._templates import render

    polls = dataset.layers[LAYER.id].frame
    if not len(polls):
        return ""
    since = polls["year_from"].to_numpy(dtype=float, na_value=np.nan)
    mask = (polls["country"].to_numpy() == country) & (since <= year)
    latest = mask & (since == since[mask].max()) if mask.any() else mask
    columns = ("id", "value", "value_qualifier", "metric", "pollster", "year_from", "question", "source_url",
               "publisher", "confidence", "conflicts_with")
    waves = rows_of(polls, latest, columns)
    for wave in waves:  # where another figure shown beside it reports the same poll differently, it is named
        named = set(str(wave["conflicts_with"] or "").split(";"))
        others = [w for w in waves if w["id"] in named]
        wave["figure"] = qualified(wave)
        wave["disagree"] = (t("profile.disagree", others=", ".join(f"{qualified(w)} ({w['publisher']})" for w in others))
                            if others else "")
    for wave in waves:
        wave["confidence"] = t(f"term.confidence.{wave['confidence']}")
    return render("polls.html", waves=waves, question_word=t("profile.question"))


LAYER = Layer(
    id="sentiment",
    record_columns={"company": "pollster"},
    title="Public sentiment",
    description=__doc__,
    file_format="csv",
    style="country_fill",
    order=50,
    fields=(
        Field("series", "text", True, "waves with the same pollster and question share a series; only these compare"),
        Field("pollster", "text", True, "who ran the poll"),
        Field("fieldwork", "text", False, "when the interviews were done, as reported"),
        Field("question", "text", True, "question wording as reported (paraphrases say so)"),
        Field("metric", "text", True, "which answer the value counts"),
        Field("value", "number", True, "percentage of respondents"),
        Field("value_qualifier", "vocab:qualifier", False, "`more_than` for figures reported as `>50%`"),
        Field("sample_n", "int", False, "sample size"),
        Field("conflicts_with", "ref", False, "record(s) reporting a different figure for the same item"),
    ),
    search_label=qualified,  # a poll's figure: the search's list reads as a table of the polls
    first_view=False,
    colouring=Colouring(draw=draw, choices=series_of, param="series", control="control.series", per_year=True,
                        rows_field="series", note=polled),
    profile_block=("profile.sentiment", "profile.no_sentiment", latest_polls),
)
