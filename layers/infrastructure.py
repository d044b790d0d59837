"""Chinese-built, Chinese-financed or Chinese-owned infrastructure, energy and industrial projects."""

from ._layer import Layer
from ._schema import Field


def tooltip(row, status: str | None = None) -> str:
    """What it is and its status in the year drawn: "lignite power plant (300 MW) · operating"."""
    from ._view import word  # (the registry is being built when this module loads)
    return f"{row['type']} · {word('status', status or row['status'])}"


LAYER = Layer(
    id="infrastructure",
    record_columns={"kind": "sector", "company": "chinese_company", "financier": "financier"},
    title="Infrastructure and investment",
    description=__doc__,
    file_format="geojson",
    style="features",
    shape="square",
    palettes={
        "status": {
            "operating": ("#a50f15", "operating or completed"),
            "completed": ("#a50f15", "operating or completed"),
            "under_construction": ("#f16913", "under construction"),
            "agreed": ("#fdb863", "agreed, or status not verified"),
            "unverified": ("#fdb863", "agreed, or status not verified"),
            "stalled": ("#8c8c8c", "stalled, cancelled or sold"),
            "cancelled": ("#8c8c8c", "stalled, cancelled or sold"),
            "sold": ("#8c8c8c", "stalled, cancelled or sold"),
        }
    },
    order=10,
    tooltip=tooltip,
    profile="profile.projects",
    search_fields=("chinese_company",),  # "CRBC" or "Zijin" finds their projects
    covered=True,  # geodata/COVERAGE.md
    fields=(
        Field("sector", "vocab:sector", True, "broad sector"),
        Field("type", "text", True, "what was built or bought, e.g. `coal power plant`, `motorway`"),
        Field("chinese_company", "text", True, "Chinese contractor, owner or investor"),
        Field("financier", "text", False, "who lent or paid, as the sources say"),
        Field("status", "vocab:status", True, "lifecycle status as of the latest source"),
        Field("status_detail", "text", False, "dated milestones behind the status"),
        Field("completion_year", "year", False, "year works finished or the asset opened; before it, a project counts as under construction"),
        Field("status_since", "year", False, "first year the sources show the project's status as of the latest source (works begun; stalled, cancelled or sold); before it, the project counts as `earlier_status`"),
        Field("earlier_status", "vocab:status", False, "the project's status before `status_since`, as its sources date it"),
        Field("length_note", "text", False, "why a line's drawn length differs by more than a quarter from its stated "
              "length (a `length_km` figure, or the `(N km)` in `type`)"),
    ),
)
