"""Town names on the map and in the export: right of the dot unless they would run into another dot or name."""

from __future__ import annotations

import json

from layers._export import payload
from layers._map import LABEL_ZOOMS, ZOOM, basemap_script
from layers._records import DATA_DIR
from layers._towns import shown_towns, town_label_sides
from layers import LAYERS
from layers._dataset import load_dataset


def sides(named: list[tuple[int, float, float]], unnamed: list[tuple[int, float, float]] = ()) -> dict:
    """Labels 1° long that clash within 0.2° of latitude; every named town has a dot too."""
    return town_label_sides([(key, lon, lat, 1.0) for key, lon, lat in named], [*named, *unnamed], 0.2)


def test_a_name_moves_left_of_its_dot_or_is_left_out_rather_than_run_into_another() -> None:
    # keys in priority order. Town 1's dot is 0.5° east of town 2, so 2's name goes left; with town 3's dot 0.8° west
    # of it too, 2 keeps its dot alone, and 3 (lower in priority, whose name on the right would cover 2's dot) goes left.
    assert sides([(1, 10.0, 40.0), (2, 9.5, 40.05)]) == {1: "right", 2: "left"}
    assert sides([(1, 10.0, 40.0), (2, 9.5, 40.05), (3, 8.7, 40.1)]) == {1: "right", 2: None, 3: "left"}
    # a town close on either side: town 1 keeps its dot alone, whatever its priority
    assert sides([(1, 10.0, 40.0), (2, 10.5, 40.05), (3, 9.5, 39.95)]) == {1: None, 2: "right", 3: "left"}
    assert sides([(1, 10.0, 40.0), (2, 9.5, 40.3)]) == {1: "right", 2: "right"}  # rows apart
    assert sides([(1, 10.0, 40.0)], unnamed=[(9, 10.5, 40.05)]) == {1: "left"}  # nor over a small town's dot


def test_a_longer_name_needs_more_room() -> None:
    towns = {"features": [
        {"properties": {"name": name, "country": "RS", "population": pop, "capital": False, "geonameid": gid},
         "geometry": {"type": "Point", "coordinates": [lon, 44.0]}}
        for name, pop, gid, lon in (("A", 300_000, 1, 20.0), ("Long-named town", 200_000, 2, 19.3))]}
    assert [side for *_, side in shown_towns(towns, {"RS"}, ZOOM)] == ["right", "left"]
    towns["features"][1]["properties"]["name"] = "B"  # a short name ends before the next dot
    assert [side for *_, side in shown_towns(towns, {"RS"}, ZOOM)] == ["right", "right"]


def geo(name: str) -> dict:
    return json.loads((DATA_DIR / f"{name}.geojson").read_text(encoding="utf-8"))


def labels_of_the_app() -> list[dict]:
    """The labels the app's map script carries (window.wbBase), read from the script itself."""
    return json.loads(basemap_script(geo("countries"), geo("towns")).split("window.wbBase = ", 1)[1].split(";\n", 1)[0])["labels"]


def town_labels_of_the_app() -> dict[str, dict]:
    return {label["text"]: label for label in labels_of_the_app() if label["text"] and "wb-town" in label["css"]}


def test_the_apps_map_names_durres_left_of_its_dot_so_it_does_not_run_into_tirana() -> None:
    towns = town_labels_of_the_app()
    assert "wb-town-left" in towns["Durrës"]["css"] and towns["Durrës"]["anchor"][0] > towns["Durrës"]["w"]
    # Tirana's own name: east runs into NORTH MACEDONIA's, west onto Durrës's dot, so it goes above its dot
    assert towns["Tirana"]["css"] == "wb-town wb-town-above" and towns["Tirana"]["anchor"] == [60.0, 27]
    assert {"Belgrade", "Sarajevo", "Podgorica", "Skopje", "Pristina", "Tirana"} <= set(towns)


def test_the_export_places_the_names_as_the_app_does() -> None:
    assert payload(load_dataset(LAYERS, DATA_DIR), geo("countries"), geo("towns"))["base"]["labels"] == labels_of_the_app()


def test_a_name_keeps_clear_of_the_countries_names_but_a_capital_is_always_named() -> None:
    town = [(1, 10.0, 40.0, 1.0)]
    # a country's name (fixed) east of the dot sends the town's name west; on both sides, the dot stands alone
    assert town_label_sides(town, [(1, 10.0, 40.0)], 0.2, fixed=[(10.5, 12.0, 40.1)]) == {1: "left"}
    both = [(10.5, 12.0, 40.1), (8.0, 9.5, 39.9)]
    assert town_label_sides(town, [(1, 10.0, 40.0)], 0.2, fixed=both) == {1: None}
    # a capital is named above its dot when neither side is clear; failing that, over a country's name rather than
    # not at all, and over a small town's dot if it must be
    assert town_label_sides(town, [(1, 10.0, 40.0)], 0.2, fixed=both, insist={1}) == {1: "above"}
    overhead = [*both, (9.0, 11.0, 40.25)]
    assert town_label_sides(town, [(1, 10.0, 40.0)], 0.2, fixed=overhead, insist={1}) == {1: "right"}
    crowded = [(1, 10.0, 40.0), (8, 9.5, 40.0), (9, 10.5, 40.0), (7, 10.2, 40.15)]
    assert town_label_sides(town, crowded, 0.2, insist={1}) == {1: "right"}
    assert town_label_sides(town, crowded, 0.2) == {1: None}
    assert town_label_sides(town, crowded[:3], 0.2, insist={1}) == {1: "above"}  # the dots only on its line


def test_further_out_the_maps_place_the_names_again_and_name_every_capital() -> None:
    labels = labels_of_the_app()
    towns = {d.get("name") or d["text"]: d for d in labels if "wb-town" in d["css"]}
    for capital in ("Belgrade", "Sarajevo", "Podgorica", "Skopje", "Pristina", "Tirana"):
        assert towns[capital]["text"] == capital and all(towns[capital].get("sides", ["right"])), capital
    # at a phone's zoom (half a step out) Podgorica's name goes west, off MONTENEGRO's; a step out Zenica's goes
    assert towns["Podgorica"]["sides"][LABEL_ZOOMS.index(ZOOM - 0.5)] == "left"
    assert towns["Zenica"]["sides"][LABEL_ZOOMS.index(ZOOM - 1)] is None
    assert LABEL_ZOOMS[0] == ZOOM and all(len(d["sides"]) == len(LABEL_ZOOMS) for d in towns.values() if "sides" in d)
