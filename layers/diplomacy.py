"""Each country's standing by year: recognition by and relations with the PRC, NATO, EU, 16+1, visas."""

from ._layer import Layer
from ._schema import Field

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
        "visa_china": {
            "mutual_visa_free": ("#1b7837", "mutual visa exemption with China"),
            "visa_free_for_chinese": ("#7fbf7b", "visa-free for Chinese citizens (unilateral)"),
            "seasonal_waiver_for_chinese": ("#c2e4b8", "seasonal waiver for Chinese citizens"),
            "visa_free_by_china": ("#a6cee3", "China waives visas for this country's citizens"),
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
)
