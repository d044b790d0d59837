"""Public opinion on China: poll results per country and survey wave, with the question as reported."""

from ._layer import Layer
from ._schema import Field

LAYER = Layer(
    id="sentiment",
    title="Public sentiment",
    description=__doc__,
    file_format="csv",
    style="country_fill",
    order=50,
    fields=(
        Field("series", "text", True, "waves with the same pollster and question share a series; only these compare"),
        Field("pollster", "text", True, "who ran the poll"),
        Field("fieldwork", "text", False, "when the interviews were done, as reported"),
        Field("question", "text", True, "question wording as reported (paraphrases say so)"),
        Field("metric", "text", True, "which answer the value counts"),
        Field("value", "number", True, "percentage of respondents"),
        Field("value_qualifier", "vocab:qualifier", False, "`more_than` for figures reported as `>50%`"),
        Field("sample_n", "int", False, "sample size"),
        Field("conflicts_with", "ref", False, "record(s) reporting a different figure for the same item"),
    ),
)
