"""Diplomatic status by country and year: recognition by and relations with the PRC, NATO, EU, 16+1, visas."""

from ._layer import Layer
from ._schema import Field

LAYER = Layer(
    id="diplomacy",
    title="Diplomatic status",
    description=__doc__,
    file_format="csv",
    style="country_fill",
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
)
