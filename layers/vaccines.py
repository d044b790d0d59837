"""Deliveries of Chinese COVID-19 vaccines by country and date, bought or donated."""

from __future__ import annotations

import pandas as pd

from ._layer import Colouring, Layer, by_country, in_year, rows_of
from ._templates import part
from ._messages import t
from ._schema import Field
from ._style import Swatch


def draw(layer: Layer, frame: pd.DataFrame, year: int, choice: str | None = None) -> tuple[dict, dict, list[Swatch]]:
    """A dot per country with deliveries that year, gold where a Chinese vaccine came (white: none), and the key."""
    from ._view import country_name  # (the registry is being built when this module loads)

    gold = layer.palettes["mode"]["purchase"][0]
    keep = in_year(frame, year) & (frame["mode"].to_numpy() != "eu_grant")
    colours, tips = {}, {}
    for country, deliveries in by_country(rows_of(frame, keep, ("country", "mode", "name"))).items():
        chinese = any(r["mode"] != "none" for r in deliveries)
        colours[country] = gold if chinese else "#ffffff"
        tips[country] = part("tip", f"{country_name(country)} {year}", [r["name"] for r in deliveries])
    return colours, tips, [Swatch(t("legend.vaccines.delivered"), gold), Swatch(t("legend.vaccines.none"), "#ffffff")]


LAYER = Layer(
    id="vaccines",
    record_columns={"kind": "mode", "company": "donor_or_seller"},
    title="Vaccine diplomacy",
    description=__doc__,
    file_format="csv",
    style="country_points",
    palettes={
        "mode": {
            "purchase": ("#d4a017", "bought from the Chinese maker"),
            "donation": ("#d4a017", "donated by China"),
            "third_country_donation": ("#d4a017", "Chinese vaccine donated by another country"),
            "none": ("#ffffff", "no vaccine received"),
            "eu_grant": ("#ffffff", "EU funding (context)"),
        }
    },
    order=60,
    fields=(
        Field("date", "date", True, "delivery date"),
        Field("vaccine", "text", True, "vaccine as named in the source"),
        Field("doses", "int", False, "doses; empty when the source gives none"),
        Field("mode", "vocab:vaccine_mode", True, "purchase, donation, …"),
        Field("donor_or_seller", "text", False, "who sold or donated"),
        Field("cumulative", "bool", True, "`true` when the doses are a running total (never add it to others)"),
    ),
    colouring=Colouring(draw=draw),
    profile="profile.vaccines",
)
