"""Reading back what a view sends to the map: the arguments of its one `window.wbView(group, {...})` call."""

from __future__ import annotations

import json
import re


def view_args(script: str) -> dict:
    """From folium's rendered HTML or st_folium's `feature_group` string: year, view (fills, ids, early, dots),
    choice, timeline URL and the stamp of the last year report taken."""
    calls = re.findall(r"window\.wbView\(\w+, (\{.*\})\);", script or "")
    assert len(calls) == 1, f"one view per map, found {len(calls)}"
    return json.loads(calls[0])


def country_tips(script: str) -> str:
    """The country tooltips of the view's fills, as the browser receives them."""
    return " ".join(tip for _, tips in view_args(script)["view"]["fills"] for tip in tips.values())
