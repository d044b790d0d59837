"""Deliveries of Chinese COVID-19 vaccines by country and date, bought or donated."""

from ._layer import Layer
from ._schema import Field

LAYER = Layer(
    id="vaccines",
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
)
