"""Dated events: visits, joint exercises, police patrols, arms, Confucius Institutes, statements and claims."""

from ._layer import Layer
from ._schema import Field

LAYER = Layer(
    id="events",
    title="Diplomacy and influence events",
    description=__doc__,
    file_format="geojson",
    style="features",
    palettes={
        "category": {
            "military_exercise": ("#00563f", "military, police and security"),
            "security": ("#00563f", "military, police and security"),
            "arms": ("#00563f", "military, police and security"),
            "soft_power": ("#3fa34d", "Confucius Institutes and soft power"),
            "tech_security": ("#8c9a1f", "technology cooperation"),
            "diplomatic": ("#9ccf8f", "diplomacy, visits and visas"),
            "visit": ("#9ccf8f", "diplomacy, visits and visas"),
            "visa": ("#9ccf8f", "diplomacy, visits and visas"),
            "eu": ("#9ccf8f", "diplomacy, visits and visas"),
            "nato": ("#9ccf8f", "diplomacy, visits and visas"),
            "multilateral": ("#9ccf8f", "diplomacy, visits and visas"),
            "statement": ("#d9d9d9", "statements and media"),
            "media": ("#d9d9d9", "statements and media"),
        }
    },
    order=40,
    fields=(
        Field("date", "date", True, "when it happened (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)"),
        Field("category", "vocab:event_category", True, "what kind of event"),
        Field("details", "text", False, "what happened, as the source reports it"),
    ),
)
