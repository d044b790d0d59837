"""Dated events: visits, joint exercises, police patrols, arms, Confucius Institutes, statements and claims."""

from ._layer import Layer
from ._schema import Field

LAYER = Layer(
    id="events",
    title="Diplomacy and influence events",
    description=__doc__,
    file_format="geojson",
    style="features",
    order=40,
    fields=(
        Field("date", "date", True, "when it happened (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)"),
        Field("category", "vocab:event_category", True, "what kind of event"),
        Field("details", "text", False, "what happened, as the source reports it"),
    ),
)
