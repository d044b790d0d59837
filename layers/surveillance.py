"""Safe City cameras, municipal camera contracts, telecom and cyber deals."""

from ._layer import Apart, Layer
from ._schema import Field


def tooltip(row, status: str | None = None) -> str:
    """The vendor and the year: "Huawei · 2019"."""
    return f"{row['vendor']} · {row['year_from']}"


LAYER = Layer(
    id="surveillance",
    record_columns={"kind": "kind", "company": "vendor"},
    title="Surveillance and digital",
    description=__doc__,
    file_format="geojson",
    style="features",
    shape="diamond",
    palettes={
        "vendor_origin": {
            "chinese": ("#6a2c91", "Chinese vendor or Chinese-made equipment"),
            "classified": ("#3b3b3b", "vendor kept secret"),
            "not_identified": ("#b5b5b5", "vendor not identified (not shown as Chinese)"),
            "non_chinese": ("#4f94cd", "named vendor, not Chinese"),
        }
    },
    order=20,
    tooltip=tooltip,
    profile="profile.deployments",
    # not every deployment is Chinese: those whose sources name a Chinese vendor are counted apart
    apart=Apart("vendor_origin", "chinese", profile_count="profile.deployments_count", table_count="compare.chinese"),
    search_fields=("vendor",),  # "Huawei" finds its deployments
    fields=(
        Field("kind", "vocab:surveillance_kind", True, "what sort of deployment"),
        Field("programme", "text", False, "the programme or contract as the sources describe it"),
        Field("buyer", "text", True, "who bought or operates it"),
        Field("vendor", "text", True, "vendor as named in the sources, or `not identified`"),
        Field("vendor_origin", "vocab:vendor_origin", True, "only `chinese` is styled as Chinese"),
        Field("facial_recognition", "text", False, "what the sources say about face recognition"),
    ),
)
