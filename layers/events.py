"""Dated events: visits, joint exercises, police patrols, arms, Confucius Institutes, statements and claims."""

from ._layer import Layer
from ._schema import Field


def tooltip(row, status: str | None = None) -> str:
    """The date and the kind of event: "2019-09-18 · security"."""
    from ._view import word  # (the registry is being built when this module loads)
    return f"{row['date']} · {word('event_category', row['category'])}"


LAYER = Layer(
    id="events",
    record_columns={"kind": "category"},
    title="Diplomacy and influence events",
    description=__doc__,
    file_format="geojson",
    style="features",
    shape="triangle",
    # light to dark, with technology in violet: greens alone ran together under red-green colour blindness
    palettes={
        "category": {
            "military_exercise": ("#00563f", "military, police and security"),
            "security": ("#00563f", "military, police and security"),
            "arms": ("#00563f", "military, police and security"),
            "soft_power": ("#41ab5d", "Confucius Institutes and soft power"),
            "tech_security": ("#6a51a3", "technology cooperation"),
            "diplomatic": ("#b8e0a8", "diplomacy, visits and visas"),
            "visit": ("#b8e0a8", "diplomacy, visits and visas"),
            "visa": ("#b8e0a8", "diplomacy, visits and visas"),
            "eu": ("#b8e0a8", "diplomacy, visits and visas"),
            "nato": ("#b8e0a8", "diplomacy, visits and visas"),
            "multilateral": ("#b8e0a8", "diplomacy, visits and visas"),
            "statement": ("#d9d9d9", "statements and media"),
            "media": ("#d9d9d9", "statements and media"),
        }
    },
    order=40,
    tooltip=tooltip,
    profile="profile.events",
    profile_open=False,  # many: the section starts folded
    fields=(
        Field("date", "date", True, "when it happened (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)"),
        Field("category", "vocab:event_category", True, "what kind of event"),
        Field("details", "text", False, "what happened, as the source reports it"),
    ),
)
