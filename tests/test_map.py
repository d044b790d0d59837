"""Map building and the per-year view, tested by rendering the map HTML and reading it."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import folium
import pytest

from layers import LAYERS
from layers._dataset import Dataset, load_dataset
from layers._map import (DOT_STYLE, DRAW_JS, base_map, basemap_script, clicked, clicked_at, rerun_after_report,
                         selection_args)
from layers._marks import MARK_LAYERS, all_marks, mark
from layers._messages import MESSAGES, t
from layers._records import DATA_DIR
from layers._details import legend_html
from layers._schema import VOCABULARIES
from map_view import view_args
from layers._view import build_view, earlier, plan_view, shown, status_at, view_of, years_text
from layers.sentiment import poll_years, sentiment_series  # the polls' own helpers, in their layer's module

ROOT = Path(__file__).resolve().parents[1]
VOCAB_OF = {"status": "status", "vendor_origin": "vendor_origin", "category": "event_category", "mode": "vaccine_mode"}


@cache
def dataset() -> Dataset:
    return load_dataset(LAYERS)


@cache
def geo(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def render(groups: list[folium.FeatureGroup]) -> str:
    m = folium.Map(tiles=None)
    for group in groups:
        group.add_to(m)
    return m.get_root().render()


def drawn(html: str) -> tuple[list[str], list[str]]:
    """The ids a view asks the browser to draw, and those drawn as still being built."""
    view = view_args(html)["view"]
    return view["ids"], view["early"]


def ids_in(html: str) -> set[str]:
    return set(drawn(html)[0])


def view_html(year: int, layers: list[str], dimension: str = "nato", series: str | None = None) -> str:
    return render(build_view(dataset(), geo("countries.geojson"), year, layers, dimension, series).groups)


def test_base_map_loads_leaflet_and_borders_from_the_app_and_nothing_from_cdns() -> None:
    html = base_map("/app/static/vendor/wb/base-test.js").get_root().render()
    for asset in ("leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/markercluster/leaflet.markercluster.js",
                  "leaflet/markercluster/MarkerCluster.css", "wb/base-test.js"):
        assert f"/app/static/vendor/{asset}" in html
    assert re.findall(r'(?:src|href)="(https?://[^"]+)"', html) == []
    assert "window.wbBaseLayers(" in html and "window.wbCountries = countries" in DRAW_JS  # static/map/base_layers.js


def test_basemap_script_has_kosovo_as_its_own_clickable_unit_and_keeps_text_inert() -> None:
    countries = geo("countries.geojson")
    script = basemap_script(countries, geo("towns.geojson"))
    data = json.loads(script.split("window.wbBase = ", 1)[1].split(";\n", 1)[0])
    assert script.startswith('L.Icon.Default.imagePath = "/app/static/vendor/leaflet/images/"')
    kosovo = next(f for f in data["countries"]["features"] if f["properties"]["iso_a2"] == "XK")
    assert kosovo["properties"]["kind"] == "country" and kosovo["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert len(data["countries"]["features"]) == 6 and len(data["neighbours"]["features"]) == 7
    assert {"Kosovo", "Pristina"} <= {label["text"] for label in data["labels"]}
    hostile = json.loads(json.dumps(countries))
    hostile["features"][0]["properties"]["name"] = "</script><script>alert(1)</script>"
    assert "</script>" not in basemap_script(hostile, geo("towns.geojson"))


def test_street_map_tiles_only_when_asked() -> None:
    plain = base_map("/x.js").get_root().render()
    tiles = base_map("/x.js", tiles=True).get_root().render()
    assert "tile.openstreetmap.org" not in plain
    assert "tile.openstreetmap.org" in tiles


def test_year_drives_which_records_are_drawn() -> None:
    assert "INF02" not in ids_in(view_html(2012, ["infrastructure"]))
    in_2020 = ids_in(view_html(2020, ["infrastructure"]))
    assert {"INF02", "INF01", "INF03"} <= in_2020
    assert "INF28" in ids_in(view_html(2019, ["infrastructure"])) and "INF28" not in ids_in(view_html(2021, ["infrastructure"]))


def test_hidden_layers_are_not_drawn() -> None:
    html = view_html(2020, ["surveillance"])
    assert "SUR01" in ids_in(html) and "INF01" not in ids_in(html)


def test_country_level_records_have_no_mark() -> None:
    html = view_html(2024, ["surveillance"])
    assert "SUR01" in ids_in(html) and "SUR04" not in ids_in(html)


def test_kosovo_fill_shows_non_recognition() -> None:
    view = build_view(dataset(), geo("countries.geojson"), 2020, ["diplomacy"], "prc_recognition", None)
    html = render(view.groups)
    colour = LAYERS["diplomacy"].palettes["prc_recognition"]["not_recognised"][0]
    [(styles, _)] = view_args(html)["view"]["fills"]
    assert styles["XK"]["fillColor"] == colour
    assert any("not recognised by the PRC" in s.label for s in view.legend["diplomacy"])


def test_sentiment_fill_has_no_data_style_and_shows_disagreement() -> None:
    waves = dict(sentiment_series(dataset().layers["sentiment"].frame, 2024))
    assert "iri-xi-favourable" in waves
    html = view_html(2024, ["sentiment"], series="iri-xi-favourable")
    assert "46% favourable view of Xi Jinping (IRI Western Balkans Regional Poll, as reported by A News (Anadolu))" in html
    assert "39%" in html  # Montenegro: both figures, each with its pollster and who reported it
    [(styles, _)] = view_args(html)["view"]["fills"]
    assert styles["XK"]["dashArray"] == "3 4"  # Kosovo has no figure in that wave: dashed, and its tooltip says so
    assert "No poll of this series here in this year" in view_args(html)["view"]["fills"][0][1]["XK"]


def test_the_sentiment_key_says_what_its_percentages_count() -> None:
    view = build_view(dataset(), geo("countries.geojson"), 2024, ["sentiment"], "", "iri-xi-favourable")
    [note, *fills] = view.legend["sentiment"]
    assert note.shape == "note" and "answer named in each country's tooltip" in note.label
    assert [s.label for s in fills[:5]] == ["10%", "30%", "50%", "70%", "90%"]
    html = legend_html("Public sentiment", list(view.legend["sentiment"]))
    assert "<div class=\"wb-legend-note\">Share of respondents" in html and html.count("class=\"wb-sample ") == len(fills)


def test_poll_years_read_as_runs() -> None:
    polls = dataset().layers["sentiment"].frame
    assert years_text(poll_years(polls, "iri-most-important-ally")) == "2024–2025"
    assert years_text([2012, 2014, 2015, 2016, 2020]) == "2012, 2014–2016, 2020" and years_text([]) == ""
    assert poll_years(polls) == sorted({int(y) for y in polls["year_from"]})  # each poll is shown in its own year


def test_status_before_completion_is_under_construction() -> None:
    road = dataset().record("INF02")[1]
    assert status_at(road, 2018) == "under_construction" and status_at(road, 2022) == "operating"


def test_text_from_data_stays_text_in_the_marks_script() -> None:
    frame = dataset().layers["infrastructure"].frame.head(1).copy()
    frame.loc[frame.index[0], "name"] = '<img src=x onerror="alert(1)"></script>'
    hostile = mark("infrastructure", frame.iloc[0])
    script = basemap_script(geo("countries.geojson"), geo("towns.geojson"), [hostile])
    assert "<img" not in script and "</script>" not in script
    marks = json.loads(script.split("window.wbMarks = ", 1)[1].split(";\n", 1)[0])
    assert marks[0]["name"] == '<img src=x onerror="alert(1)"></script>'  # the same text, shown with textContent
    assert "textContent" in DRAW_JS and "innerHTML" not in DRAW_JS


def test_every_placed_record_has_one_mark_with_style_and_tooltip() -> None:
    marks = all_marks(dataset())
    placed = {row["id"] for lid in MARK_LAYERS for _, row in dataset().layers[lid].frame.iterrows() if row.geometry is not None}
    assert [m["id"] for m in marks if m["id"] in placed] == [m["id"] for m in marks] and {m["id"] for m in marks} == placed
    for m in marks:
        assert (m.get("points") or m.get("lines")) and m["tip"] and m["style"], m["id"]
    road = next(m for m in marks if m["id"] == "INF02")
    assert road["since"] == 2022 and "under construction" in road["tipBefore"] and road["lines"]


def test_an_empty_geometry_counts_as_no_place() -> None:
    from shapely.geometry import Point

    frame = dataset().layers["infrastructure"].frame.copy()
    drawn_before, _, level_before = shown(frame, 2020)
    frame.loc[frame["id"] == "INF01", "geometry"] = Point()
    drawn_after, _, level_after = shown(frame, 2020)
    assert "INF01" in drawn_before and "INF01" not in drawn_after and level_after == level_before + 1


def test_no_year_shows_a_status_the_project_reached_later() -> None:
    assert "INF02" in drawn(view_html(2018, ["infrastructure"]))[1]  # Bar–Boljare: being built until 2022
    assert "INF02" not in drawn(view_html(2022, ["infrastructure"]))[1]
    frame = dataset().layers["infrastructure"].frame
    airport = frame[frame["id"] == "INF28"].iloc[0]  # Tirana airport: Chinese-owned from 2016, sold in December 2020
    assert [status_at(airport, year) for year in (2016, 2019, 2020)] == ["operating", "operating", "sold"]
    assert "INF28" in drawn(view_html(2018, ["infrastructure"]))[1] and "INF28" not in drawn(view_html(2020, ["infrastructure"]))[1]
    sold = next(m for m in all_marks(dataset()) if m["id"] == "INF28")
    assert sold["since"] == 2020 and sold["tipBefore"].endswith("· operating") and sold["tip"].endswith("· sold")
    for year in range(2005, 2030):
        expected = [status_at(row, year) != row["status"] for _, row in frame.iterrows()]
        assert list(earlier(frame, year)) == expected, year


@pytest.mark.parametrize("layer_id", [lid for lid, layer in LAYERS.items() if layer.palettes])
def test_palettes_cover_their_vocabulary(layer_id: str) -> None:
    layer = LAYERS[layer_id]
    fields = {f.name: f for f in layer.fields}
    for field_name, palette in layer.palettes.items():
        vocab = VOCABULARIES[fields[field_name].kind.split(":", 1)[1]]
        assert set(palette) == set(vocab), f"{layer_id}.{field_name}"


def test_clicked_reads_records_and_countries_only() -> None:
    assert clicked({"last_active_drawing": {"properties": {"kind": "record", "id": "INF01"}}}) == ("record", "INF01")
    assert clicked({"last_active_drawing": {"properties": {"kind": "country", "iso_a2": "XK"}}}) == ("country", "XK")
    assert clicked({"last_active_drawing": {"properties": {"name": "Zagreb"}}}) is None
    assert clicked({"last_active_drawing": "not a feature"}) is None
    assert clicked(None) is None


def test_clicked_at_reads_the_maps_stamp_and_nothing_else() -> None:
    stamped = {"last_active_drawing": {"properties": {"kind": "record", "id": "INF01", "clicked_at": 1234.5}}}
    assert clicked_at(stamped) == 1234.5
    for odd in ("1234.5", True, None, [1]):
        assert clicked_at({"last_active_drawing": {"properties": {"kind": "record", "id": "INF01", "clicked_at": odd}}}) is None
    assert clicked_at({"last_active_drawing": "not a feature"}) is None and clicked_at(None) is None


def test_every_message_used_in_code_is_in_the_catalogue() -> None:
    sources = [ROOT / "app.py", *sorted((ROOT / "layers").glob("*.py"))]
    keys = {k for path in sources for k in re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8"))}
    assert keys, "no message keys found"
    assert keys <= set(MESSAGES["en"]), keys - set(MESSAGES["en"])
    assert t("profile.title", country="Kosovo", year=2020) == "Kosovo in 2020"


def test_a_count_of_one_reads_in_the_singular() -> None:
    assert t("legend.country_level", count=1).startswith("1 country-level record has no place of its own")
    assert t("legend.country_level", count=14).startswith("14 country-level records have no place of their own")
    assert t("download.help", count=1) == "1 record in this view, with its sources and figures."
    assert not any("(s)" in text for text in MESSAGES["en"].values())  # every plural is written out


def test_point_marks_are_filled() -> None:
    """Leaflet draws circle markers hollow (and clickable only on the outline) unless fill is on."""
    points = [m for m in all_marks(dataset()) if m.get("points")]
    assert points and all(m["style"]["fill"] is True for m in points)
    assert view_args(view_html(2021, ["vaccines"]))["view"]["dots"]  # vaccine dots, drawn with the base script's style
    script = basemap_script(geo("countries.geojson"), geo("towns.geojson"), [])
    base = json.loads(re.search(r"window\.wbBase = (\{.*\});", script).group(1))
    assert base["dot"] == DOT_STYLE and base["dot"]["fill"] is True


def test_the_map_is_told_which_page_slider_to_follow_and_follows_none_by_default() -> None:
    countries, towns = geo("countries.geojson"), geo("towns.geojson")
    widget = lambda script: json.loads(re.search(r"window\.wbYearWidget = (.*);", script).group(1))  # noqa: E731
    assert widget(basemap_script(countries, towns, [], year_widget="year")) == ".st-key-year"
    assert widget(basemap_script(countries, towns, [])) is None


def test_a_view_plan_is_plain_read_only_data_that_renders_the_same_every_time() -> None:
    """Plans are cached and shared by every session: what they hold is right, and rendering leaves them as they were."""
    layers = ["infrastructure", "surveillance", "events", "vaccines", "diplomacy"]
    plan = plan_view(dataset(), geo("countries.geojson"), 2021, layers, "nato", None)
    nato = LAYERS["diplomacy"].palettes["nato"]
    [(_, styles, tips)] = plan.fills
    assert styles["ME"]["fillColor"] == nato["member"][0] and styles["RS"]["fillColor"] == nato["partnership_for_peace"][0]
    assert styles["XK"]["fillColor"] == nato["not_member"][0] and "not a NATO member" in tips["XK"]
    assert "INF01" in plan.marks[0] and {name for name, _ in plan.dots} == {LAYERS["vaccines"].title}
    assert {f["properties"]["iso_a2"] for _, features in plan.dots for f in features} >= {"RS", "BA", "ME", "MK", "AL"}
    assert list(plan.legend) == layers[-1:] + layers[:-1]  # the fill first, as the map draws it
    with pytest.raises(TypeError):
        plan.legend["diplomacy"] = ()  # type: ignore[index]
    before = repr(plan)
    first, second = render(view_of(plan).groups), render(view_of(plan).groups)
    assert repr(plan) == before
    assert normalised(first) == normalised(second)
    assert "INF01" in ids_in(first) and '"RS"' in first


def test_the_view_carries_the_apps_selection_for_the_map_to_mark() -> None:
    plan = plan_view(dataset(), geo("countries.geojson"), 2021, ["infrastructure"], "nato", None)
    chosen = selection_args(("record", "INF01"), "a1", 1234.5)
    assert chosen == {"kind": "record", "id": "INF01", "token": "a1", "click": 1234.5}
    assert selection_args(None, None, None) == {"kind": None, "id": None, "token": None, "click": None}
    html = render(view_of(plan, 2021, selected=chosen).groups)
    assert '"selected":{"kind":"record","id":"INF01","token":"a1","click":1234.5}' in html


def normalised(html: str) -> str:
    """Rendered map HTML without folium's random element ids."""
    return re.sub(r"_[0-9a-f]{32}", "_ID", html)


DRAWN = {"wb_ready": True, "last_active_drawing": None}
A_CLICK = {"last_active_drawing": {"properties": {"kind": "record", "id": "INF01"}}}


@pytest.mark.parametrize(("value", "first", "finished", "new_click", "expected"), [
    (DRAWN, True, True, False, "app"),  # the map is drawn: this run brings the controls
    (A_CLICK, True, True, True, "app"),  # a click came first: it also says the map is drawn
    (A_CLICK, False, True, True, "panel"),
    (A_CLICK, False, False, True, "app"),  # it cut a full run (a year change) short: all of it must still come
    (DRAWN, False, True, False, "panel"),  # a map drawn again (a new base layer)
    (DRAWN, False, False, False, "app"),
    ({"last_active_drawing": None}, False, True, False, "app"),  # nothing this module knows: the default full rerun
    (None, False, True, False, "app"),
])
def test_a_map_report_reruns_the_panel_alone_after_a_finished_full_run(value, first, finished, new_click, expected) -> None:
    assert rerun_after_report(value, first, finished, new_click) == expected


def test_a_year_picked_on_the_map_reruns_the_whole_app_even_with_a_click() -> None:
    """A year report and a click that arrive during one run reach Python as one value: the year wins the scope."""
    both = {**A_CLICK, "wb_year": 2019, "wb_year_at": 5.0}
    assert rerun_after_report(both, False, True, True) == "panel"  # what the year would lose without its flag
    assert rerun_after_report(both, False, True, True, new_year=True) == "app"
    assert rerun_after_report(DRAWN, False, True, False, new_year=True) == "app"
