"""App logic without a browser (Streamlit's AppTest): year changes, simulated clicks filling the panel."""

from __future__ import annotations

import json
import time
from pathlib import Path

import streamlit
from markupsafe import escape
from streamlit.testing.v1 import AppTest

from layers import LAYERS
from layers._dataset import load_dataset
from map_view import country_tips, view_args

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def make_app(map_drawn: bool = True) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if map_drawn:  # as after the map reported it is drawn: the controls are there
        at.session_state["map_ready"] = True
    return at


def map_args(at: AppTest) -> dict:
    components = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    assert len(components) == 1
    return json.loads(components[0].proto.json_args)


def drawn_ids(at: AppTest) -> set[str]:
    return set(view_args(map_args(at)["feature_group"])["view"]["ids"])


def labels(at: AppTest) -> list[str]:
    """Button labels as shown (labels are Markdown-escaped by the app)."""
    return [b.label.replace("\\", "") for b in at.button]


def panel_text(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.get("html")) + " ".join(m.value for m in at.markdown)


def test_app_runs_with_a_year_slider_and_the_map() -> None:
    at = make_app().run()
    assert not at.exception
    year = at.slider(key="year")
    assert year.label == "Year" and year.min == 2012 and year.max >= 2025
    args = map_args(at)
    assert args["returned_objects"] == ["last_active_drawing"]  # pan and zoom never rerun the script
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])


def test_the_about_section_comes_with_the_controls() -> None:
    at = make_app().run()
    about = [e for e in at.expander if e.label == "About this map"]
    assert len(about) == 1 and "distinct sources" in " ".join(m.value for m in about[0].markdown)
    assert not [e for e in make_app(map_drawn=False).run().expander if e.label == "About this map"]  # not in a first run


def test_the_countries_compared_follow_the_year() -> None:
    at = make_app().run()
    assert [e.label for e in at.expander if e.label.startswith("The six countries")] == ["The six countries in 2025"]
    at.slider(key="year").set_value(2019).run()
    table = [e for e in at.expander if e.label == "The six countries in 2019"]
    html = " ".join(h.proto.body for h in table[0].get("html"))
    assert len(table) == 1 and "Status at the end of 2019" in html
    assert "<th scope='row'>North Macedonia</th><td>Partnership for Peace</td>" in html  # a NATO member from March 2020
    at.slider(key="year").set_value(2020).run()
    html = " ".join(h.proto.body for e in at.expander if e.label == "The six countries in 2020" for h in e.get("html"))
    assert "<th scope='row'>North Macedonia</th><td>member</td>" in html


def test_a_first_run_sends_the_map_and_panel_and_no_widget_until_the_map_is_drawn() -> None:
    at = make_app(map_drawn=False).run()
    assert not at.exception
    assert "INF01" in drawn_ids(at) and any("Click a mark" in i.value for i in at.info)
    assert len(at.slider) == 0 and len(at.checkbox) == 0 and len(at.radio) == 0  # no widget before the map is drawn
    at.session_state["map_ready"] = True  # what the map's report sets (`on_map_report`)
    at.run()
    assert at.slider(key="year").value == 2025 and at.checkbox(key="layer_infrastructure").value


def stills(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if "wb-preview" in h.proto.body]


def test_a_first_run_shows_a_still_picture_of_the_map_until_the_map_is_drawn() -> None:
    at = make_app(map_drawn=False).run()
    assert not at.exception
    assert len(stills(at)) == 1 and "data:image/svg+xml," in stills(at)[0]
    at.session_state["map_ready"] = True
    at.run()
    assert stills(at) == [] and map_args(at)  # the run that brings the controls leaves its place empty


def test_a_still_picture_that_fails_leaves_the_map(monkeypatch) -> None:
    import layers._map

    def broken(*_):
        raise ValueError("no picture")

    monkeypatch.setattr(layers._map, "preview_svg", broken)
    streamlit.cache_resource.clear()  # a picture made by an earlier test would be served from the cache
    at = make_app(map_drawn=False).run()
    assert not at.exception and stills(at) == []
    assert "INF01" in drawn_ids(at)
    streamlit.cache_resource.clear()  # not the failed picture for the tests after this one


def test_the_controls_come_anyway_when_the_map_never_reports() -> None:
    """The fallback's check, run here inside a full run (in the browser its timer's rerun runs it; a browser test
    covers that path)."""
    at = make_app(map_drawn=False)
    at.session_state["controls_wait_since"] = time.monotonic() - 60  # no report came in a minute
    at.run()
    assert not at.exception
    assert at.slider(key="year").value == 2025
    assert len(stills(at)) == 1  # the map has not drawn itself: its picture keeps its place


def test_year_change_redraws_layers_but_keeps_the_map_component() -> None:
    at = make_app()
    at.run()
    key_before = map_args(at)["key"]
    at.slider(key="year").set_value(2012).run()
    assert "INF02" not in drawn_ids(at)
    at.slider(key="year").set_value(2020).run()
    assert "INF02" in drawn_ids(at)
    assert map_args(at)["key"] == key_before  # same component: the browser keeps its view


def test_switching_a_layer_off_removes_its_marks() -> None:
    at = make_app().run()
    assert "SUR01" in drawn_ids(at)
    at.checkbox(key="layer_surveillance").uncheck().run()
    assert "SUR01" not in drawn_ids(at) and "INF01" in drawn_ids(at)


def test_the_key_names_the_colouring_and_keeps_the_marks_key_for_views_with_marks() -> None:
    def key(at: AppTest) -> str:
        return "".join(e.proto.body for e in at.sidebar if type(e).__name__ == "Html")

    at = make_app().run()
    at.selectbox(key="dimension").set_value("eu").run()
    assert "Diplomatic status: European Union" in key(at) and "Confidence (fill)" in key(at)
    for lid in ("infrastructure", "surveillance", "events", "vaccines"):
        at.checkbox(key=f"layer_{lid}").uncheck()
    at.run()  # country colours alone: no marks, so nothing for their fill and outline to mean
    assert "Diplomatic status: European Union" in key(at) and "Confidence (fill)" not in key(at)


def test_clicking_stanari_fills_the_panel(click) -> None:
    click({"kind": "record", "id": "INF01", "layer": "infrastructure"})
    at = make_app().run()
    text = panel_text(at)
    assert "Stanari Thermal Power Plant" in text
    assert "300 MW" in text and "EUR 350 million" in text
    assert 'href="http://uk.reuters.com/article/bosnia-energy-eft-idUKL5E8HK4FX20120620"' in text
    assert "approximate" in text and "confirmed" in text
    assert "Cite or share" in text and "“Stanari Thermal Power Plant”, record INF01." in text


def test_clicking_kosovo_shows_its_profile(click) -> None:
    click({"kind": "country", "iso_a2": "XK"})
    at = make_app()
    at.run()
    text = panel_text(at)
    assert "Kosovo in 2025" in text
    assert "not recognised by the PRC as a state" in text
    assert "“Kosovo”, country profile, 2025." in text
    assert "Dahua recorders for Serb-community schools in Kosovo" in labels(at)
    assert "Kosovo applies for EU membership" not in labels(at)  # an event of 2022 only
    at.slider(key="year").set_value(2022).run()
    assert "Kosovo applies for EU membership" in labels(at)
    status, polls = "**Diplomatic status**", "**Latest public-opinion figure**"
    headings = lambda: [m.value for m in at.markdown if m.value in (status, polls)]  # noqa: E731
    assert headings() == [status, polls]
    at.radio(key="fill").set_value("sentiment").run()  # coloured by a poll: the polls come first
    assert headings() == [polls, status]


def test_a_profile_says_how_many_surveillance_deployments_name_a_chinese_vendor(click) -> None:
    click({"kind": "country", "iso_a2": "RS"})
    at = make_app().run()
    headings = [e.label for e in at.expander if e.label.startswith("Surveillance and digital")]
    assert headings == ["Surveillance and digital (17; 8 with a Chinese vendor named)"], headings


def test_a_country_profile_keeps_a_polls_qualifier(click) -> None:
    """IRI reported "more than 50%" for Bosnia and Herzegovina in 2020: the profile must not turn it into 50%."""
    click({"kind": "country", "iso_a2": "BA"})
    at = make_app()
    at.query_params["year"] = "2020"
    at.run()
    assert "<b>more than 50%</b> <span lang='en'>positive attitude to China</span> (<span translate='no'>IRI</span>, 2020)" in panel_text(at)


def test_profile_item_opens_its_own_details(click) -> None:
    click({"kind": "country", "iso_a2": "ME"})
    at = make_app().run()
    at.button(key="open_INF02").click().run()
    text = panel_text(at)
    assert "Bar–Boljare motorway" in text and "according to RFE/RL (2025)" in text


def test_unknown_record_click_is_a_notice_not_an_error(click) -> None:
    click({"kind": "record", "id": "NOPE"})
    at = make_app().run()
    assert not at.exception
    assert any("NOPE" in w.value for w in at.warning)


def test_country_colour_controls_drive_the_map_in_the_same_run() -> None:
    """The map is sent before the sidebar is drawn, so it reads the widgets' values first; they must agree."""
    frame = load_dataset(LAYERS).layers["sentiment"].frame
    question = lambda series: str(escape(frame.loc[frame["series"] == series, "question"].iloc[0]))  # noqa: E731
    at = make_app().run()
    at.selectbox(key="dimension").set_value("prc_recognition").run()
    assert '"XK":{"fillColor":"#9db4b0"' in map_args(at)["feature_group"]  # Kosovo: not recognised by the PRC
    at.slider(key="year").set_value(2024).run()
    at.radio(key="fill").set_value("sentiment").run()
    assert at.selectbox(key="series_2024").value == "iri-xi-favourable"  # the wave most countries answered
    assert question("iri-xi-favourable") in tips(at)
    at.selectbox(key="series_2024").set_value("iri-most-important-ally").run()
    assert question("iri-most-important-ally") in tips(at) and question("iri-xi-favourable") not in tips(at)
    assert "This series' polls: 2024–2025. Only waves of one series compare." in captions(at)  # IRI asked Serbia about its ally in 2024 and 2025
    at.slider(key="year").set_value(2013).run()
    assert "No survey wave in 2013. Polls are on the map for 2018, 2020–2025." in captions(at)
    at.radio(key="fill").set_value(None).run()
    assert '"fillColor":"#9db4b0"' not in map_args(at)["feature_group"]


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption]


def tips(at: AppTest) -> str:
    """The country tooltips of the current fill, as the browser receives them (JSON-decoded)."""
    return country_tips(map_args(at)["feature_group"])


def test_a_new_click_on_the_mark_already_reported_opens_it_again(click) -> None:
    """st_folium keeps returning the last click; the map's stamp tells a new click on the same mark from it."""
    click({"kind": "record", "id": "INF01", "layer": "infrastructure", "clicked_at": 100.5})
    at = make_app().run()
    assert "Stanari Thermal Power Plant" in panel_text(at)
    at.button(key="back_to_country").click().run()
    assert "Bosnia and Herzegovina in 2025" in panel_text(at)
    at.run()  # the same value again: the profile stays
    assert "Bosnia and Herzegovina in 2025" in panel_text(at)
    click({"kind": "record", "id": "INF01", "layer": "infrastructure", "clicked_at": 2000.25})
    at.run()
    assert "Stanari Thermal Power Plant" in panel_text(at)


def test_a_failing_panel_leaves_the_map_and_controls_working(click, monkeypatch) -> None:
    import dashboard.cached

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(dashboard.cached, "record_html", broken)
    streamlit.cache_resource.clear()  # a panel made by an earlier test would be served from the cache
    click({"kind": "record", "id": "INF01", "layer": "infrastructure"})
    at = make_app().run()
    assert not at.exception
    assert any("record INF01" in e.value for e in at.error)
    assert at.slider(key="year").value == 2025 and "INF01" in drawn_ids(at)
    assert "boom" not in " ".join(e.value for e in at.error)  # no error details for viewers


def test_a_year_picked_on_the_maps_timeline_moves_the_whole_app_once() -> None:
    """The map's own year control reports the year with a stamp: the app takes it once (slider, map, address bar)
    and tells the map which report it took; a bad year is answered with the app's year and changes nothing."""
    at = make_app()
    at.session_state["map"] = {"last_active_drawing": None, "wb_year": 2019, "wb_year_at": 1000.5}
    at.run()
    args = view_args(map_args(at)["feature_group"])
    assert at.slider(key="year").value == 2019 and args["year"] == 2019 and args["taken"] == 1000.5
    assert at.query_params["year"] == "2019"
    at.slider(key="year").set_value(2022).run()  # the map's report is still its value: not taken a second time
    assert at.slider(key="year").value == 2022 and view_args(map_args(at)["feature_group"])["year"] == 2022
    for stamp, year in ((1001.5, 1999), (1002.5, "2015"), (1003.5, True), (1004.5, 2015.5), (10**400, 2015)):
        at.session_state["map"] = {"last_active_drawing": None, "wb_year": year, "wb_year_at": stamp}
        at.run()
        args = view_args(map_args(at)["feature_group"])
        assert not at.exception, at.exception
        assert at.slider(key="year").value == 2022 and args["year"] == 2022, year
        assert args["taken"] == (stamp if stamp < 1e300 else 1004.5), year  # too large for a float: no report


def test_the_map_gets_every_years_fill_for_its_timeline() -> None:
    """The map draws other years from the timeline script with the keys of this choice: the sentiment series the
    reader chose for a year is the one the map uses for that year."""
    at = make_app().run()
    args = view_args(map_args(at)["feature_group"])
    assert args["timeline"].startswith("/app/static/vendor/wb/timeline-") and args["taken"] is None
    assert args["choice"]["layers"] == ["infrastructure", "surveillance", "events", "vaccines"]
    assert set(args["choice"]["fills"].values()) == {"diplomacy:nato"} and len(args["choice"]["fills"]) == 15
    at.slider(key="year").set_value(2024).run()
    at.radio(key="fill").set_value("sentiment").run()
    at.selectbox(key="series_2024").set_value("iri-most-important-ally").run()
    fills = view_args(map_args(at)["feature_group"])["choice"]["fills"]
    assert fills["2024"] == "sentiment:iri-most-important-ally" and fills["2012"] == "sentiment:"  # no wave in 2012
    assert fills["2020"].startswith("sentiment:") and fills["2020"] != "sentiment:"


def test_finding_a_poll_colours_the_countries_by_its_series_in_its_year() -> None:
    at = make_app().run()
    at.selectbox(key="find").set_value(("record", "SEN_IEA2021_RS")).run()
    assert not at.exception
    assert at.slider(key="year").value == 2021 and at.radio(key="fill").value == "sentiment"
    assert at.selectbox(key="series_2021").value == "iea-relations-grade"
    assert 'IEA: Serbia–China relations graded 5 of 5' in panel_text(at)
    assert at.query_params["series"] == "iea-relations-grade" and at.query_params["record"] == "SEN_IEA2021_RS"


def test_a_record_opened_outside_its_years_offers_to_show_it_in_one_of_them() -> None:
    at = make_app()
    at.query_params["year"], at.query_params["record"], at.query_params["layers"] = "2012", "SUR01", "infrastructure"
    at.run()
    assert "Not on the map in 2012: this record is for 2017 onwards." in panel_text(at)
    at.button(key="show_in_year").click().run()
    assert at.slider(key="year").value == 2017 and at.checkbox(key="layer_surveillance").value
    assert "SUR01" in drawn_ids(at) and "Not on the map" not in panel_text(at)
    assert not [b for b in at.button if b.key == "show_in_year"]  # shown now: nothing to offer
    before = make_app()  # the 1999 embassy bombing: before any year the map has, so no year to offer
    before.query_params["year"], before.query_params["record"] = "2020", "DIP011"
    before.run()
    assert "Not on the map in 2020" in panel_text(before) and not [b for b in before.button if b.key == "show_in_year"]


def test_marks_drawn_on_one_point_are_offered_in_the_panel(click) -> None:
    """Belgrade's Confucius Institute, its Safe City cameras and Huawei's smart-city agreement share a town-centre
    point: only the top mark takes a click, so the panel of one opens the others."""
    click({"kind": "record", "id": "DIP017"})
    at = make_app()
    at.query_params["year"] = "2021"
    at.run()
    assert at.button(key="here_SUR01") and at.button(key="here_SUR10")
    at.button(key="here_SUR01").click().run()
    assert "Safe City" in panel_text(at) and "record SUR01" in panel_text(at)
    assert at.button(key="here_DIP017")
