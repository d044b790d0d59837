"""Each country's standing by year: recognition by and relations with the PRC, NATO, EU, 16+1, visas."""

from __future__ import annotations

import pandas as pd

from ._layer import Colouring, Layer, in_year, shown_mask
from ._templates import part
from ._messages import t
from ._schema import Field
from ._style import NO_DATA, Swatch


def draw(layer: Layer, frame: pd.DataFrame, year: int, dimension: str | None) -> tuple[dict, dict, list[Swatch]]:
    """Colour and tooltip by country for one status (`dimension`, a palette of the layer), and the key."""
    from ._view import country_name, palette_swatches  # (the registry is being built when this module loads)

    dimension = dimension if dimension in layer.palettes else next(iter(layer.palettes))
    palette = layer.palettes[dimension]
    keep = in_year(frame, year)
    colours, tips = {}, {}
    for country, value in zip(frame["country"].to_numpy()[keep], frame[dimension].to_numpy()[keep]):  # two columns
        colour, label = palette[value]
        colours[country] = colour
        tips[country] = part("tip", f"{country_name(country)} {year}", [f"{t('field.' + dimension)}: {label}"])
    swatches = palette_swatches(layer, dimension, shape="fill") + [Swatch(t("legend.no_data"), NO_DATA, shape="fill",
                                                                          dash="3 4")]
    return colours, tips, swatches


def dimensions(layer: Layer, frame: pd.DataFrame, year: int) -> list[tuple[str, str]]:
    """The statuses a reader may colour the countries by, NATO's first."""
    return [(dimension, t("field." + dimension)) for dimension in layer.palettes]


def status_table(dataset, country: str, year: int) -> str:
    """A country's standing in `year`, each field with the event records it rests on (its profile's first block)."""
    from ._panel import facts
    from ._templates import render

    frame = dataset.layers[LAYER.id].frame
    current = shown_mask(frame, year, {country})
    if not current.any():
        return ""
    row = frame[current].iloc[0]
    rows = [f for f in facts(dataset, LAYER.id, row, year, True) if f["label"] not in (t("field.country"),
                                                                                       t("field.year_from"))]
    return render("facts.html", rows=rows, basis_word=t("profile.basis"))


LAYER = Layer(
    id="diplomacy",
    title="Diplomatic status",
    description=__doc__,
    file_format="csv",
    style="country_fill",
    palettes={
        "nato": {
            "member": ("#2c5d8f", "NATO member"),
            "partnership_for_peace": ("#8fb8de", "Partnership for Peace"),
            "not_member": ("#f3e3b5", "not a NATO member"),
        },
        "eu": {
            "candidate": ("#2c5d8f", "EU candidate"),
            "applicant": ("#8fb8de", "applied for EU membership"),
            "not_candidate": ("#f3e3b5", "not an EU candidate"),
        },
        "prc_recognition": {
            "recognised": ("#f3e3b5", "recognised by the PRC"),
            "not_recognised": ("#9db4b0", "not recognised by the PRC as a state"),  # a neutral hue: no alarm on a contested matter
        },
        "china_cee": {
            "participant": ("#d6604d", "takes part in 16+1 / 17+1"),
            "not_participant": ("#f3e3b5", "not part of 16+1"),
        },
        # greens dark to light for Chinese citizens' exemptions, then a blue and an orange of other lightness: the
        # light greens and the sand ran together under red-green colour blindness
        "visa_china": {
            "mutual_visa_free": ("#025f3e", "mutual visa exemption with China"),
            "visa_free_for_chinese": ("#07885b", "visa-free for Chinese citizens (unilateral)"),
            "seasonal_waiver_for_chinese": ("#aecc6e", "seasonal waiver for Chinese citizens"),
            "visa_free_by_china": ("#069ec0", "China waives visas for this country's citizens"),
            "visa_required_for_chinese": ("#e08214", "Chinese citizens need a visa"),
            "none_recorded": ("#f3e3b5", "no visa waiver recorded"),
        },
    },
    order=30,
    fields=(
        Field("prc_recognition", "vocab:prc_recognition", True, "whether the PRC recognises the country"),
        Field("prc_relations", "vocab:prc_relations", True, "state of relations with the PRC"),
        Field("prc_basis", "ref", True, "event record(s) the PRC fields rest on"),
        Field("nato", "vocab:nato", True, "NATO membership or partnership"),
        Field("nato_basis", "ref", True, "event record(s) the NATO field rests on"),
        Field("eu", "vocab:eu", True, "EU accession status"),
        Field("eu_basis", "ref", False, "event record(s) the EU field rests on"),
        Field("china_cee", "vocab:china_cee", True, "16+1 / 17+1 participation"),
        Field("china_cee_basis", "ref", True, "event record(s) the 16+1 field rests on"),
        Field("visa_china", "vocab:visa_china", True, "visa regime with China"),
        Field("visa_basis", "ref", False, "event record(s) the visa field rests on"),
    ),
    searchable=False,  # a country's status is in its profile, which the search offers
    colouring=Colouring(draw=draw, choices=dimensions, param="dimension", control="control.dimension"),
    profile_block=("profile.status", "profile.no_status", status_table),
    table_fields=("nato", "eu", "prc_recognition"),
    basis={"prc_recognition": "prc_basis", "nato": "nato_basis", "eu": "eu_basis", "china_cee": "china_cee_basis",
           "visa_china": "visa_basis"},
)
