"""The dashboard in Debian's Chromium: map drawn, clicks fill the panel, the year moves the map's content and not
its view, and no request leaves the machine."""

from __future__ import annotations

import io
import time

from PIL import Image
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

import numpy as np
import shapely
from shapely.geometry import box, shape

from layers._map import CENTER, LABEL_ZOOMS, NARROW_ZOOM_OUT, ZOOM, map_labels
from layers._preview import project, project_array
from layers._records import DATA_DIR, read_boundaries
from layers._style import FOCUS_LAND, NEIGHBOUR_LAND

from helpers import (MAP_IFRAME, TOWN_NAMES_JS, click_at, drawn_ids, map_frame, open_app, panel_text, set_year,
                     town_names_at, view, wait_for, wait_idle)

STANARI = (44.759289, 17.823207)
MAP_READY_WAIT_S = 2.0  # app.py's wait for the map's report before it draws the controls anyway
KOSOVO_INSIDE = (42.55, 20.85)


def test_map_is_drawn_with_layers(page, app_url, blocked) -> None:
    open_app(page, app_url)
    assert page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()["height"] > 400
    assert {"INF01", "SUR01", "DIP063"} <= drawn_ids(page)  # a project, a deployment, a Confucius Institute
    page.get_by_text("Legend").first.wait_for(timeout=20_000)  # with the controls, once the map reports it is drawn
    assert blocked == []


def test_clicking_stanari_opens_its_panel(page, app_url, blocked) -> None:
    open_app(page, app_url)
    click_at(page, *STANARI)
    assert wait_for(lambda: "300 MW" in panel_text(page)), panel_text(page)[-1500:]
    text = panel_text(page)
    assert "Stanari Thermal Power Plant" in text and "EUR 350 million" in text
    reuters = page.locator('a[href="http://uk.reuters.com/article/bosnia-energy-eft-idUKL5E8HK4FX20120620"]')
    assert reuters.count() >= 1 and reuters.first.get_attribute("rel") == "noopener noreferrer"
    assert blocked == []


def elements(frames: list) -> list[str]:
    """The kinds of element the server sent in these websocket frames (e.g. 'component_instance', 'html')."""
    kinds = []
    for payload in frames:
        msg = ForwardMsg.FromString(payload if isinstance(payload, bytes) else payload.encode())
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            kinds.append(msg.delta.new_element.WhichOneof("type"))
    return kinds


def script_runs(frames: list) -> int:
    return sum(ForwardMsg.FromString(p if isinstance(p, bytes) else p.encode()).WhichOneof("type") == "script_finished"
               for p in frames)


def test_the_controls_follow_once_the_map_is_drawn_and_nothing_keeps_running(page, app_url) -> None:
    """A session's first run sends the map before any widget; the map's report that it is drawn brings the controls
    in one more run, and the fallback timer that waits for that report stops."""
    sent, received = [], []
    page.on("websocket", lambda ws: (ws.on("framesent", lambda payload: sent.append(payload)),
                                     ws.on("framereceived", lambda payload: received.append(payload))))
    open_app(page, app_url)
    page.locator('[data-testid="stSlider"]').first.wait_for(timeout=20_000)
    assert sum(b"wb_ready" in (p if isinstance(p, bytes) else p.encode()) for p in sent) == 1  # the map's report
    time.sleep(0.5)
    wait_idle(page)
    assert script_runs(received) == 2, script_runs(received)
    quiet = len(received)
    page.wait_for_timeout(MAP_READY_WAIT_S * 2 * 1000)  # the fallback's timer would have fired (and Playwright
    # delivers websocket events while it waits, unlike time.sleep)
    assert len(received) == quiet, f"{len(received) - quiet} messages after the page was idle"
    assert page.get_by_role("checkbox", name="Vaccine diplomacy").is_checked()


def test_the_controls_come_anyway_when_the_map_cannot_load(page, app_url) -> None:
    page.route("**/app/static/vendor/wb/**", lambda route: route.abort())  # the map script: no map, no report
    page.goto(app_url)
    page.locator('[data-testid="stSlider"]').first.wait_for(timeout=20_000)
    assert page.get_by_role("checkbox", name="Infrastructure and investment").is_checked()
    assert map_frame_has_no_marks(page)
    still = page.locator(".st-key-map_preview img")  # the still picture keeps the map's place: the reader sees a map
    assert still.count() == 1 and still.is_visible() and still.bounding_box()["height"] > 300


def map_frame_has_no_marks(page) -> bool:
    return page.frame_locator(MAP_IFRAME).locator("path.leaflet-interactive").count() == 0


def test_a_click_is_reported_at_once_and_reruns_the_panel_alone(page, app_url) -> None:
    """streamlit-folium would report a click 250 ms later; the map reports it during the click itself, and the late
    report then finds nothing new to send. Each kind of clickable thing: a mark, a country's area, a vaccine dot.
    The click reruns the panel alone: neither the map nor the sidebar's widgets are sent again."""
    sent, received = [], []
    page.on("websocket", lambda ws: (ws.on("framesent", lambda payload: sent.append(payload)),
                                     ws.on("framereceived", lambda payload: received.append(payload))))
    open_app(page, app_url)
    set_year(page, "Home")
    set_year(page, "ArrowRight", presses=9)  # 2021: vaccine deliveries, so the dots are drawn
    serbia_dot = map_frame(page).evaluate("""() => { let p = null; window.map.eachLayer(l => {
        if (!p && l.getLatLng && l.feature && l.feature.properties.iso_a2 === "RS") p = l.getLatLng(); });
        return [p.lat, p.lng]; }""")
    for (lat, lng), shown in ((STANARI, "300 MW"), (KOSOVO_INSIDE, "Kosovo in 2021"), (serbia_dot, "Serbia in 2021")):
        before, before_received = len(sent), len(received)
        click_at(page, lat, lng)
        assert wait_for(lambda: shown in panel_text(page)), panel_text(page)[-1500:]
        time.sleep(1)  # past streamlit-folium's debounce: its own report must not cause a second rerun
        wait_idle(page)
        assert len(sent) - before == 1, (shown, sent[before:])
        kinds = elements(received[before_received:])
        assert "html" in kinds or "markdown" in kinds, (shown, kinds)  # the panel came
        assert not {"component_instance", "slider", "checkbox", "radio"} & set(kinds), (shown, kinds)
    # "during the click": fire one and read what was sent before any timer can run
    assert map_frame(page).evaluate("""() => {
        let mark = null;
        window.map.eachLayer(l => { if (l.feature && l.feature.properties.id === "INF01") mark = l; });
        mark.fire("click", {latlng: mark.getLatLng()}, true);
        const drawing = (window.__GLOBAL_DATA__.previous_data || {}).last_active_drawing;
        return drawing && drawing.properties.id;
    }""") == "INF01"


def test_clicking_the_same_mark_after_a_detour_opens_it_again(page, app_url) -> None:
    open_app(page, app_url)
    click_at(page, *STANARI)
    assert wait_for(lambda: "300 MW" in panel_text(page))
    page.get_by_role("button", name="← Bosnia and Herzegovina").click()
    assert wait_for(lambda: "Bosnia and Herzegovina in 2025" in panel_text(page))
    time.sleep(0.5)
    wait_idle(page)
    click_at(page, *STANARI)
    assert wait_for(lambda: "300 MW" in panel_text(page)), panel_text(page)[-1500:]


def test_year_change_shows_bar_boljare_and_keeps_the_view(page, app_url, blocked) -> None:
    open_app(page, app_url)
    set_year(page, "Home")
    assert wait_for(lambda: "INF02" not in drawn_ids(page))
    frame_view = view(page)
    set_year(page, "ArrowRight", presses=8)
    assert page.locator('[data-testid="stSlider"] input[type="range"]').first.input_value() == "2020"
    assert wait_for(lambda: "INF02" in drawn_ids(page))
    assert view(page) == frame_view
    assert blocked == []


def test_panned_view_survives_a_year_change(page, app_url) -> None:
    open_app(page, app_url)
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] - 120, start[1] - 80, steps=8)
    page.mouse.up()
    time.sleep(1)
    wait_idle(page)
    panned = view(page)
    set_year(page, "ArrowLeft", presses=3)
    assert wait_for(lambda: "DIP020" not in drawn_ids(page) and "SUR01" in drawn_ids(page))
    assert wait_for(lambda: "INF17" in drawn_ids(page) and "GUNS09" not in drawn_ids(page))  # 2022: no 2025 school cameras
    assert view(page) == panned


def test_clicking_kosovo_shows_non_recognition(page, app_url, blocked) -> None:
    open_app(page, app_url)
    click_at(page, *KOSOVO_INSIDE)
    assert wait_for(lambda: "Kosovo in 2025" in panel_text(page)), panel_text(page)[-1500:]
    assert wait_for(lambda: "not recognised by the PRC as a state" in panel_text(page))  # the panel fills as it renders
    assert blocked == []


BELGRADE = (44.80401, 20.46513)  # towns.geojson


def pixels(page, x: float, y: float, half: int = 2) -> list[tuple[int, int, int]]:
    """The page's pixels in a small square around (x, y)."""
    shot = page.screenshot(clip={"x": x - half, "y": y - half, "width": 2 * half + 1, "height": 2 * half + 1})
    rgb = Image.open(io.BytesIO(shot)).convert("RGB").tobytes()
    return [tuple(rgb[i:i + 3]) for i in range(0, len(rgb), 3)]


def opening_zoom(width: float) -> float:
    """The map's opening zoom for its width: a narrow map zooms out to keep the six countries in view."""
    return ZOOM - max([out for below, out in NARROW_ZOOM_OUT if width < below], default=0)


def land_points(picture: dict) -> dict[str, tuple[float, float]]:
    """A page point well inside each country's land in view (clear of borders, names and dots), for the picture's box;
    for a narrow map the picture, names and dots included, is scaled to its opening zoom."""
    countries, towns = read_boundaries(DATA_DIR)
    zoom = opening_zoom(picture["width"])
    scale = 2 ** (zoom - ZOOM)  # names and dots are drawn at the opening zoom's size, then scaled with the picture
    middle = np.array(project(CENTER[1], CENTER[0], zoom))
    half_w, half_h = picture["width"] / 2 - 12, picture["height"] / 2 - 12
    view = box(-half_w, -half_h, half_w, half_h)
    # (lon, lat, half width, above, below) of each name's and town's box, generous
    marks = [(f["properties"]["label_lon"], f["properties"]["label_lat"], 95, 12, 12) for f in countries["features"]]
    marks += [(*f["geometry"]["coordinates"], 85, 18, 8) for f in towns["features"]]
    boxes = []
    for lon, lat, w, up, down in marks:
        x, y = project_array(np.array([[lon, lat]]), zoom)[0] - middle
        boxes.append(box(x - w * scale, y - up * scale, x + w * scale, y + down * scale))
    clear = view.difference(shapely.union_all(boxes))
    out = {}
    for f in countries["features"]:
        land = shapely.transform(shape(f["geometry"]), lambda c, zoom=zoom: project_array(c, zoom) - middle).buffer(-6)
        inside = land.intersection(clear)
        if inside.area > 50:
            p = inside.representative_point()
            out[f["properties"]["iso_a2"]] = (picture["x"] + picture["width"] / 2 + p.x, picture["y"] + 330 + p.y)
    return out


def test_the_still_picture_holds_the_maps_place_until_the_map_draws_it(page, app_url, blocked) -> None:
    """Until the map's script comes, the page shows a still picture of the base map where the map will be; the map
    then draws the same places at the same pixels, and the picture goes."""
    held = []
    page.route("**/app/static/vendor/wb/base-*.js", lambda route: held.append(route))  # answered below
    land = {True: FOCUS_LAND, False: NEIGHBOUR_LAND}
    focus = {f["properties"]["iso_a2"]: f["properties"]["focus"] for f in read_boundaries(DATA_DIR)[0]["features"]}
    for width in (1400, 420):  # side by side, and a phone's stacked columns
        held.clear()
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(app_url)
        still = page.locator(".wb-preview img")
        still.wait_for(timeout=30_000)
        assert wait_for(lambda: still.evaluate("img => img.complete && img.naturalWidth > 0"))
        for _ in range(300):  # Playwright hands the route over only while the page is being waited on
            if held:
                break
            page.wait_for_timeout(100)
        assert held, "the map's script was never asked for"
        picture = page.locator(".wb-preview").bounding_box()
        assert picture["height"] == 660 and picture["width"] > 300
        # Belgrade's dot where the picture's middle is the map's centre, and every country in view drawn in its land;
        # a phone's narrower map opens zoomed out, and the picture with it
        zoom = opening_zoom(picture["width"])
        assert (zoom < ZOOM) == (width == 420)
        cx, cy = project(CENTER[1], CENTER[0], zoom)
        bx, by = project(BELGRADE[1], BELGRADE[0], zoom)
        expected = (picture["x"] + picture["width"] / 2 + bx - cx, picture["y"] + 330 + by - cy)
        assert min(sum(p) for p in pixels(page, *expected)) < 3 * 120  # the dot's dark grey
        inside = land_points(picture)
        assert {"RS", "XK", "BA", "ME", "MK", "AL"} <= set(inside) and len(inside) >= (9 if width == 1400 else 7)
        for code, (x, y) in inside.items():
            colour = tuple(int(land[focus[code]][i:i + 2], 16) for i in (1, 3, 5))
            seen = pixels(page, x, y, half=0)[0]
            assert all(abs(a - b) <= 4 for a, b in zip(seen, colour)), (code, seen, colour)
        # the picture takes no pointer: what is under it gets the events
        under = "([x, y]) => !document.querySelector('.st-key-map_preview').parentElement.contains(document.elementFromPoint(x, y))"
        assert page.evaluate(under, list(expected))
        held[0].continue_()
        page.frame_locator(MAP_IFRAME).locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
        assert wait_for(lambda: page.evaluate(
            "() => { const p = document.querySelector('.wb-preview'); return !p || getComputedStyle(p).visibility === 'hidden'; }"))
        frame = page.locator(MAP_IFRAME).bounding_box()
        assert all(abs(frame[k] - picture[k]) < 1 for k in ("x", "y", "width", "height")), (frame, picture)
        x, y = map_frame(page).evaluate(
            "([lat, lng]) => { const p = window.map.latLngToContainerPoint([lat, lng]); return [p.x, p.y]; }", list(BELGRADE))
        assert abs(frame["x"] + x - expected[0]) < 1 and abs(frame["y"] + y - expected[1]) < 1, ((x, y), expected, frame)
        page.locator('[data-testid="stSidebar"]').get_by_text("Legend").first.wait_for(state="attached", timeout=30_000)
        wait_idle(page)
        assert page.locator(".wb-preview").count() == 0  # the run that brings the controls leaves its place empty
        assert page.locator(MAP_IFRAME).bounding_box()["y"] == frame["y"]  # and the map stays where it was
    # What the map does with a picture (put back by hand: the drawn map's has gone): while the page has not given the
    # frame its height, the picture stays; then it goes. A rerun's view does the same (a reconnected page).
    page.evaluate("() => { const d = document.createElement('div'); d.className = 'wb-preview'; d.id = 'still';"
                  " document.body.appendChild(d); }")
    visibility = "() => getComputedStyle(document.getElementById('still')).visibility"
    page.locator(MAP_IFRAME).evaluate("f => { f.style.height = '0px'; }")
    map_frame(page).evaluate("() => window.wbHideStill()")
    page.wait_for_timeout(300)
    assert page.evaluate(visibility) == "visible"
    page.locator(MAP_IFRAME).evaluate("f => { f.style.height = ''; }")
    assert wait_for(lambda: page.evaluate(visibility) == "hidden")
    page.evaluate("() => { document.getElementById('still').style.visibility = ''; }")
    map_frame(page).evaluate("() => window.wbView(window.wbGroup, window.wbLastArgs)")
    assert page.evaluate(visibility) == "hidden"
    assert blocked == []


def test_where_the_sidebar_is_folded_away_the_key_is_under_the_map(page, app_url) -> None:
    """Streamlit folds the sidebar, and its legend, away up to 768 px: there the same key is under the map; wider,
    it is not there twice and takes no room."""
    for width, under_the_map in ((390, True), (768, True), (769, False), (1400, False)):
        page.set_viewport_size({"width": width, "height": 844})
        open_app(page, app_url + "?year=2019")
        page.locator('[data-testid="stSlider"]').first.wait_for(state="attached", timeout=20_000)
        main_key = page.locator(".st-key-narrow_legend")
        main_key.wait_for(state="attached", timeout=20_000)
        assert main_key.is_visible() == under_the_map, width
        if under_the_map:  # open from the start
            assert wait_for(lambda: "stalled, cancelled or sold" in main_key.inner_text())
            assert "Partnership for Peace" in main_key.inner_text()  # the fill of the view, as in the sidebar
            assert "tap » at the top left" in main_key.inner_text()  # where the controls went
        else:
            wrapper = page.locator("[data-testid='stLayoutWrapper']:has(> .st-key-narrow_legend)")
            assert wrapper.evaluate("e => getComputedStyle(e).display") == "none"


def test_zoomed_out_the_town_names_are_placed_again_clear_of_each_other(page, app_url) -> None:
    """Names placed for the opening zoom would run into each other and into the countries' names further out: the map
    places them again at each step (a phone's map opens there)."""
    labels = map_labels(*read_boundaries(DATA_DIR))
    open_app(page, app_url)
    frame = map_frame(page)
    assert frame.evaluate(TOWN_NAMES_JS) == town_names_at(labels, LABEL_ZOOMS, ZOOM)
    page.frame_locator(MAP_IFRAME).locator(".leaflet-control-zoom-out").click()
    assert wait_for(lambda: view(page)[2] == ZOOM - 1)
    out = town_names_at(labels, LABEL_ZOOMS, ZOOM - 1)
    assert wait_for(lambda: frame.evaluate(TOWN_NAMES_JS) == out)
    assert out["Podgorica"] == "left" and "Zenica" not in out  # clear of MONTENEGRO's name, and of Sarajevo's
    page.frame_locator(MAP_IFRAME).locator(".leaflet-control-zoom-in").click()
    assert wait_for(lambda: frame.evaluate(TOWN_NAMES_JS) == town_names_at(labels, LABEL_ZOOMS, ZOOM))
