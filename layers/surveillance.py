"""Safe City cameras, municipal camera contracts, telecom and cyber deals."""

from ._layer import Layer
from ._schema import Field

LAYER = Layer(
    id="surveillance",
    title="Surveillance and digital",
    description=__doc__,
    file_format="geojson",
    style="features",
    palettes={
        "vendor_origin": {
            "chinese": ("#6a2c91", "Chinese vendor or Chinese-made equipment"),
            "classified": ("#3b3b3b", "vendor kept secret"),
            "not_identified": ("#b5b5b5", "vendor not identified (not shown as Chinese)"),
            "non_chinese": ("#4f94cd", "named vendor, not Chinese"),
        }
    },
    order=20,
    fields=(
        Field("kind", "vocab:surveillance_kind", True, "what sort of deployment"),
        Field("programme", "text", False, "the programme or contract as the sources describe it"),
        Field("buyer", "text", True, "who bought or operates it"),
        Field("vendor", "text", True, "vendor as named in the sources, or `not identified`"),
        Field("vendor_origin", "vocab:vendor_origin", True, "only `chinese` is styled as Chinese"),
        Field("facial_recognition", "text", False, "what the sources say about face recognition"),
    ),
)
