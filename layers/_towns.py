"""Which towns a map shows and where each name goes (no streamlit), the one rule for the app's map and the export:
a name reads to the right of its dot unless it would run into another dot, a country's name or a name already placed;
then to the left; else the dot stands alone (a capital's name tries above its dot before that)."""

from __future__ import annotations

import math

NAMED_POPULATION = 150_000  # capitals and towns at least this big are named
# The labels' geometry on screen (the 11 px labels of MAP_CSS and the export's page.css): a generous mean advance per
# character, the gap between dot and name (the icons' anchor), and the height within which two names clash.
CHAR_PX, GAP_PX, LINE_PX = 6.2, 4, 14
# Countries' names (11 px capitals, spaced: 7.5-8.7 px a letter measured in Chromium) are centred on their point, while
# a town's name sits on its dot's line, ~6 px higher: so a country's name meets town names as one 6 px lower would.
NAME_CHAR_PX, NAME_DROP_PX = 8.7, 6


def px_per_degree(zoom: float) -> float:
    """Screen pixels per degree of longitude at a web-map zoom level."""
    return 256 * 2**zoom / 360


def town_label_sides(named: list[tuple[int, float, float, float]], dots: list[tuple[int, float, float]],
                     height: float, fixed: list[tuple[float, float, float]] = (),
                     insist: set[int] = frozenset()) -> dict[int, str | None]:
    """Where each named town's label goes: "right", "left", "above" or None (the dot alone). `named` holds (key, lon,
    lat, label length in degrees) in priority order, `dots` (key, lon, lat) every dot drawn, `fixed` (west, east, lat)
    names that are there anyway; two labels, or a label and a dot, clash within `height` degrees of latitude. A town
    in `insist` keeps its name: above its dot when neither side is clear, over a `fixed` name if that makes room,
    else on the right."""
    placed: list[tuple[float, float, float]] = []  # (west, east, lat) of each label placed

    def clear(west: float, east: float, lat: float, own: int, names: list[tuple[float, float, float]]) -> bool:
        return (all(e <= west or w >= east for w, e, y in names if abs(y - lat) < height)
                and not any(west <= lon <= east for key, lon, y in dots if key != own and abs(y - lat) < height))

    sides: dict[int, str | None] = {}
    for key, lon, lat, width in named:
        spans = {"right": (lon, lon + width, lat), "left": (lon - width, lon, lat)}
        if key in insist:  # centred one line up
            spans["above"] = (lon - width / 2, lon + width / 2, lat + height)
        tries = [[*fixed, *placed], placed] if key in insist else [[*fixed, *placed]]
        sides[key] = next((side for names in tries for side, (west, east, y) in spans.items()
                           if clear(west, east, y, key, names)), "right" if key in insist else None)
        if sides[key]:
            placed.append(spans[sides[key]])
    return sides


def shown_towns(towns: dict, countries: set[str], zoom: float,
                names: list[tuple[float, float, str]] = ()) -> list[tuple[dict, float, float, str | None]]:
    """The towns a map of `countries` shows at `zoom`, as (properties, lon, lat, label side): neighbours keep only their
    capitals, to stay quiet; capitals and bigger towns are named and placed first, clear of the countries' `names`
    (lon, lat, text, centred on their point) where they can be; the capitals of `countries` are always named."""
    shown = [(f["properties"], *f["geometry"]["coordinates"]) for f in towns["features"]
             if f["properties"]["country"] in countries or f["properties"]["capital"]]
    named = sorted((t for t in shown if t[0]["capital"] or t[0]["population"] >= NAMED_POPULATION),
                   key=lambda t: (not t[0]["capital"], -t[0]["population"], t[0]["geonameid"]))
    scale = px_per_degree(zoom)
    lengths = [(p["geonameid"], lon, lat, (GAP_PX + CHAR_PX * len(p["name"])) / scale) for p, lon, lat in named]
    # a degree of latitude is longer on screen than one of longitude by 1 / cos(latitude) (Mercator)
    cos = math.cos(math.radians(sum(lat for _, _, lat in shown) / max(len(shown), 1)))
    height = LINE_PX / scale * cos
    fixed = [(lon - half, lon + half, lat - NAME_DROP_PX / scale * cos)
             for lon, lat, text in names for half in [NAME_CHAR_PX * len(text) / 2 / scale]]
    insist = {p["geonameid"] for p, _, _ in named if p["capital"] and p["country"] in countries}
    sides = town_label_sides(lengths, [(p["geonameid"], lon, lat) for p, lon, lat in shown], height, fixed, insist)
    return [(p, lon, lat, sides.get(p["geonameid"])) for p, lon, lat in shown]
