"""What the panel shows is marked on the map, in Debian's Chromium: a clicked mark at once, a record from a link or from
a button in the panel with the app's run, a country by its outline; a run that started before a click keeps it."""

from __future__ import annotations

import pytest
from helpers import (MAP_IFRAME, address, click_at, grouped_ids, map_frame, open_app, panel_text, set_year, tab_stops, touch_move, view,
                     wait_for, wait_idle)

STANARI = (44.759289, 17.823207)
KOSOVO_INSIDE = (42.55, 20.85)
# The map's selection, the records its halos stand for (by where they are) and the outlined country.
MARKED_JS = """() => {
  const halos = Array.from(document.querySelectorAll('path.wb-selected'));
  const outlined = [];
  window.wbCountries.eachLayer(l => { if (l.options.weight >= 3) outlined.push(l.feature.properties.iso_a2); });
  return {selected: window.wbSelected, halos: halos.length, outlined: outlined};
}"""


def marked(page) -> dict:
    return map_frame(page).evaluate(MARKED_JS)


def test_a_clicked_mark_is_marked_at_once_and_keeps_its_mark_through_years(page, app_url, blocked) -> None:
    open_app(page, app_url)
    page.get_by_text("Legend").first.wait_for(timeout=20_000)
    assert marked(page)["halos"] == 0
    click_at(page, *STANARI)
    # Checked before the panel's run could have come back: the mark is the map's own doing.
    now = marked(page)
    assert now["selected"] == {"kind": "record", "id": "INF01"} and now["halos"] == 1 and now["outlined"] == []
    ring = map_frame(page).evaluate("() => { const r = window.wbHalos[0][1]; return [r.getLatLng().lat, r.getLatLng().lng]; }")
    assert abs(ring[0] - STANARI[0]) < 0.01 and abs(ring[1] - STANARI[1]) < 0.01
    assert wait_for(lambda: "Stanari Thermal Power Plant" in panel_text(page))
    frame = map_frame(page)
    assert wait_for(lambda: frame.evaluate("() => !!window.wbTimeline"))
    frame.evaluate("() => window.wbPickYear(2012)")  # before Stanari's year: not drawn, so no ring
    assert marked(page)["halos"] == 0
    frame.evaluate("() => window.wbPickYear(2020)")
    assert marked(page)["halos"] == 1
    assert blocked == []


def test_a_linked_record_is_marked_and_a_button_in_the_panel_moves_the_mark(page, app_url) -> None:
    open_app(page, app_url + "?year=2022&record=INF02")
    page.get_by_text("Legend").first.wait_for(timeout=20_000)
    assert wait_for(lambda: marked(page)["selected"] == {"kind": "record", "id": "INF02"})
    assert marked(page)["halos"] == 1  # the motorway's line
    page.get_by_role("button", name="← Montenegro").click()
    wait_idle(page)
    assert wait_for(lambda: marked(page)["selected"] == {"kind": "country", "id": "ME"}), marked(page)
    assert marked(page)["halos"] == 0 and marked(page)["outlined"] == ["ME"]
    page.get_by_role("button", name="Bar–Boljare motorway: priority section Smokovac–Uvač–Mateševo").click()
    wait_idle(page)
    assert wait_for(lambda: marked(page)["selected"] == {"kind": "record", "id": "INF02"}), marked(page)
    assert marked(page)["halos"] == 1 and marked(page)["outlined"] == []


def test_a_clicked_country_is_outlined(page, app_url) -> None:
    open_app(page, app_url)
    page.get_by_text("Legend").first.wait_for(timeout=20_000)
    click_at(page, *KOSOVO_INSIDE)
    assert marked(page)["outlined"] == ["XK"]
    assert wait_for(lambda: "Kosovo in" in panel_text(page))
    click_at(page, *STANARI)
    assert marked(page)["outlined"] == [] and marked(page)["halos"] == 1


@pytest.mark.parametrize("where", [KOSOVO_INSIDE, STANARI], ids=["country", "mark"])
def test_after_a_click_on_a_country_or_a_mark_the_arrow_keys_move_the_map(page, app_url, where) -> None:
    open_app(page, app_url)
    page.get_by_text("Legend").first.wait_for(timeout=20_000)
    click_at(page, *where)
    assert wait_for(lambda: marked(page)["selected"] is not None)  # the click selected
    wait_idle(page)
    before = view(page)
    page.keyboard.press("ArrowRight")
    assert wait_for(lambda: view(page)[1] > before[1] + 0.1, timeout=5), (before, view(page))
    page.wait_for_timeout(600)  # Leaflet takes no key while a pan is animating (0.25 s)
    page.keyboard.press("ArrowUp")
    assert wait_for(lambda: view(page)[0] > before[0] + 0.1, timeout=5), (before, view(page))


def test_the_tab_key_moves_on_past_the_map(page, app_url) -> None:
    """Tab from the map reaches its one stop for marks and countries, its controls, and then leaves it (it used to
    bounce between the map and a mark)."""
    open_app(page, app_url)
    page.get_by_text("Legend").first.wait_for(timeout=20_000)
    page.frame_locator(MAP_IFRAME).locator(".wb-timeline-range").wait_for(timeout=20_000)  # the map's year control
    frame = map_frame(page)
    frame.evaluate("() => window.map.getContainer().focus()")
    focus = "() => document.hasFocus() ? (document.activeElement.getAttribute('aria-label') || document.activeElement.tagName) : null"
    reached = tab_stops(page, lambda: frame.evaluate(focus), 12)
    assert reached[:3] == ["Albania", "Zoom in", "Zoom out"] and "Year" in reached, reached
    assert reached[-1] is None, reached  # the focus left the map's frame for the page after it
    assert page.evaluate("() => document.activeElement.tagName") != "IFRAME"


def ring_at(page) -> list[float] | None:
    """Where the one ring drawn on the map is (a selected point), or None."""
    return map_frame(page).evaluate("""() => { const r = document.querySelectorAll('path.wb-selected');
      if (r.length !== 1 || !window.wbHalos[0][1].getLatLng) return null;
      const p = window.wbHalos[0][1].getLatLng(); return [p.lat, p.lng]; }""")


def test_a_run_that_does_not_know_the_readers_last_click_keeps_its_mark(page, app_url) -> None:
    open_app(page, app_url + "?year=2022&record=INF02")
    page.get_by_text("Legend").first.wait_for(timeout=20_000)
    frame = map_frame(page)
    assert wait_for(lambda: marked(page)["halos"] == 1)
    args = frame.evaluate("() => window.wbLastArgs.selected")
    assert args["id"] == "INF02" and args["token"] and args["click"] is None
    # The reader clicks Stanari; before Python takes that click, runs come: one with the app's selection as it was,
    # one with a new selection made in the app (a button pressed just before the click).
    frame.evaluate("() => { window.wbClick = {at: 42, time: performance.now()}; window.wbSelect('record', 'INF01', false); }")
    rerun = """(selected) => window.wbView(window.wbGroup, Object.assign({}, window.wbLastArgs, {selected: selected}))"""
    frame.evaluate(rerun, args)
    assert marked(page)["selected"]["id"] == "INF01" and ring_at(page) is not None
    frame.evaluate(rerun, {"kind": "country", "id": "ME", "token": "newer", "click": None})
    assert marked(page)["selected"]["id"] == "INF01" and marked(page)["outlined"] == []
    # Once a run has taken the click, the app's selection holds again.
    frame.evaluate(rerun, {"kind": "country", "id": "ME", "token": "newer", "click": 42})
    assert marked(page)["selected"] == {"kind": "country", "id": "ME"} and marked(page)["halos"] == 0
    assert marked(page)["outlined"] == ["ME"]


def test_a_click_never_moves_the_map_later_but_a_selection_made_in_the_app_comes_into_view(page, app_url) -> None:
    open_app(page, app_url + "?year=2022")
    page.get_by_text("Legend").first.wait_for(timeout=20_000)
    click_at(page, *STANARI)
    assert wait_for(lambda: "Stanari Thermal Power Plant" in panel_text(page))
    frame = map_frame(page)
    frame.evaluate("() => window.map.setView([41.3, 19.8], 10)")  # Tirana, Stanari far out of view
    before = view(page)
    set_year(page, "ArrowLeft")  # a full run after the click
    assert wait_for(lambda: frame.evaluate("() => window.wbLastArgs.year") == 2021)
    assert view(page) == before and marked(page)["selected"]["id"] == "INF01"
    assert frame.evaluate("() => window.wbLastArgs.selected.click === window.wbClick.at")  # Python says it took it
    page.get_by_role("button", name="← Bosnia and Herzegovina").click()  # a selection made in the app
    wait_idle(page)
    assert wait_for(lambda: marked(page)["outlined"] == ["BA"]), marked(page)
    assert wait_for(lambda: frame.evaluate("""() => { let inside = false; window.wbCountries.eachLayer(l => {
      if (l.feature.properties.iso_a2 === 'BA') inside = l.getBounds().intersects(window.map.getBounds()); });
      return inside; }""")), view(page)
    assert view(page)[2] == 10  # brought into view, not zoomed


def find(page, text: str) -> None:
    """Type into the sidebar's search and take the first match."""
    page.locator('.st-key-find [data-testid="stSelectbox"]').click()
    page.keyboard.type(text)
    page.get_by_role("option").first.wait_for(timeout=10_000)
    page.keyboard.press("Enter")
    wait_idle(page)


def test_the_search_opens_a_record_in_a_year_and_layer_that_show_it(page, app_url) -> None:
    open_app(page, app_url + "?year=2014&layers=surveillance")
    page.get_by_text("Legend").first.wait_for(timeout=20_000)
    map_frame(page).evaluate("() => window.map.setView([41.3, 19.8], 10)")  # Tirana; Smederevo out of view
    find(page, "Smederevo steel")
    assert wait_for(lambda: "HBIS (HeSteel) Smederevo steel mill" in panel_text(page))
    slider = page.locator('[data-testid="stSlider"] input[type="range"]').first
    # The panel is drawn before the sidebar (a click reruns the panel first), so the slider can lag it by a moment.
    assert wait_for(lambda: slider.input_value() == "2016")  # its first year: in 2014 it was not shown
    assert wait_for(lambda: page.get_by_role("checkbox", name="Infrastructure and investment").is_checked())
    frame = map_frame(page)
    assert wait_for(lambda: marked(page)["selected"] == {"kind": "record", "id": "INF06"} and marked(page)["halos"] == 1)
    assert frame.evaluate("() => window.map.getBounds().contains(window.wbHalos[0][1].getLatLng())")  # brought into view
    assert "record=INF06" in address(page) and "year=2016" in address(page)
    # The box is cleared for the next search, which can be a country's profile.
    search = page.locator('.st-key-find [data-testid="stSelectbox"]')
    assert wait_for(lambda: search.locator("input").input_value() == "")
    assert search.locator("input").get_attribute("placeholder") == "Search by name…"
    find(page, "Kosovo: country")
    assert wait_for(lambda: "Kosovo in 2016" in panel_text(page))
    assert wait_for(lambda: marked(page)["outlined"] == ["XK"])


def test_the_search_lists_only_names_that_hold_what_is_typed(page, app_url) -> None:
    """Part of a name, as its help says; a fuzzy match listed loosely related records (any with k, i, c, e, v, o in
    that order). The plain spelling in each label lets a keyboard without the letters find Kičevo."""
    open_app(page, app_url + "?year=2020")
    page.get_by_text("Legend").first.wait_for(timeout=20_000)
    page.locator('.st-key-find [data-testid="stSelectbox"]').click()
    page.keyboard.type("kicevo")
    page.get_by_role("option").first.wait_for(timeout=10_000)
    options = page.get_by_role("option").all_inner_texts()
    assert options and all("kicevo" in option.casefold() for option in options), options
    assert any(option.startswith("Kičevo–Ohrid") for option in options), options


SCROLL_JS = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"


def press_at(page, lat: float, lng: float, touch: bool) -> None:
    """A press where the map is, as it is on screen now (unlike `click_at`, the map is not scrolled into view first)."""
    point = map_frame(page).evaluate("([lat, lng]) => { const p = window.map.latLngToContainerPoint([lat, lng]); return [p.x, p.y]; }", [lat, lng])
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    x, y = box["x"] + point[0], box["y"] + point[1]
    page.touchscreen.tap(x, y) if touch else page.mouse.click(x, y)


@pytest.mark.parametrize("device", ["short window", "phone"])
def test_the_first_click_on_a_map_partly_out_of_view_selects_and_does_not_scroll(browser, app_url, device) -> None:
    """Leaflet focuses the map on a press; the browser used to scroll the page to the map between press and release,
    so the release landed elsewhere and the reader's first click on the map was lost."""
    phone = device == "phone"
    context = browser.new_context(viewport={"width": 390, "height": 844} if phone else {"width": 1100, "height": 640},
                                  is_mobile=phone, has_touch=phone)
    try:
        page = context.new_page()
        open_app(page, app_url + "?year=2025")
        page.get_by_text("Loading the controls…").wait_for(state="detached", timeout=20_000)
        box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
        assert box["y"] + box["height"] > page.viewport_size["height"]  # the map's bottom is out of view
        press_at(page, *KOSOVO_INSIDE, touch=phone)
        assert wait_for(lambda: "Kosovo in 2025" in panel_text(page)), panel_text(page)[:300]
        assert "country=XK" in address(page) and page.evaluate(SCROLL_JS) == 0
    finally:
        context.close()


DETAILS_BUTTON_JS = "() => { const b = document.querySelector('button.wb-details'); return b && b.offsetParent !== null ? b.textContent : null; }"


def test_on_a_phone_a_button_on_the_map_leads_to_the_details_below_it(browser, app_url, page) -> None:
    """On a narrow screen the panel is stacked below the map, out of sight after a tap on a mark or from a link; side by
    side, the details are in view and the map has no such button."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        open_app(phone, app_url + "?year=2025")
        phone.get_by_text("Loading the controls…").wait_for(state="detached", timeout=20_000)
        assert map_frame(phone).evaluate(DETAILS_BUTTON_JS) is None
        press_at(phone, *STANARI, touch=True)  # on a phone's wider view Stanari stands in a group: a tap zooms in
        assert wait_for(lambda: "INF01" not in grouped_ids(phone))
        press_at(phone, *STANARI, touch=True)
        assert wait_for(lambda: "300 MW" in panel_text(phone))
        assert wait_for(lambda: map_frame(phone).evaluate(DETAILS_BUTTON_JS) == "Details ↓", timeout=5)  # once idle
        panel_top = "() => document.querySelector('.wb-title').getBoundingClientRect().top"  # the record's name
        assert phone.evaluate(panel_top) > 844  # below the fold
        map_frame(phone).locator("button.wb-details").tap()
        assert wait_for(lambda: 0 < phone.evaluate(panel_top) < 200, timeout=5), phone.evaluate(panel_top)
        assert map_frame(phone).evaluate(DETAILS_BUTTON_JS) is None  # done with
        open_app(phone, app_url + "?year=2025&record=INF01")  # a shared link opens with the details below, too
        assert wait_for(lambda: map_frame(phone).evaluate(DETAILS_BUTTON_JS) == "Details ↓")
    finally:
        context.close()
    open_app(page, app_url + "?year=2025")
    page.get_by_text("Loading the controls…").wait_for(state="detached", timeout=20_000)
    click_at(page, *STANARI)
    assert wait_for(lambda: "300 MW" in panel_text(page))
    page.wait_for_timeout(1500)  # past the idle callback's 1 s deadline, when the button would have come
    assert map_frame(page).evaluate(DETAILS_BUTTON_JS) is None


def test_on_a_phone_a_marks_tooltip_stays_inside_the_map(browser, app_url) -> None:
    """A long name tapped just right of the map's middle opens its tooltip to the left, no wider than the room there
    (it used to run off the map's left edge)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        open_app(phone, app_url + "?year=2022&layers=infrastructure")
        phone.get_by_text("Loading the controls…").wait_for(state="detached", timeout=20_000)
        frame = map_frame(phone)
        # Bar–Boljare's motorway: its point nearest the map's middle, a few pixels right of it
        lat, lng = frame.evaluate("""() => { const line = window.wbDrawn['INF02'][0], map = window.map;
          const middle = map.getSize().x / 2 + 8;
          const near = line.getLatLngs().flat().map((p) => [p, Math.abs(map.latLngToContainerPoint(p).x - middle)])
            .sort((a, b) => a[1] - b[1])[0][0];
          return [near.lat, near.lng]; }""")
        press_at(phone, lat, lng, touch=True)
        tip = "() => { const t = document.querySelector('.leaflet-tooltip'); if (!t) return null;" \
              " const r = t.getBoundingClientRect(); return [r.left, r.right, t.textContent]; }"
        assert wait_for(lambda: frame.evaluate(tip) is not None, timeout=5)
        left, right, text = frame.evaluate(tip)
        width = frame.evaluate("() => window.map.getSize().x")
        assert text.startswith("Bar–Boljare motorway") and 0 <= left and right <= width, (left, right, width, text)
    finally:
        context.close()


HINT_JS = """() => { const h = document.querySelector('.wb-touch-hint');
  return h && {text: h.textContent, shown: Number(h.dataset.shown || 0), opacity: h.style.opacity,
               describes: window.map.getContainer().getAttribute('aria-describedby') === h.id}; }"""
DRAGGING_JS = "() => window.map.dragging.enabled()"


def drag_with_mouse(page, box: dict, start: tuple[float, float], by: tuple[float, float]) -> None:
    page.mouse.move(box["x"] + start[0], box["y"] + start[1])
    page.mouse.down()
    page.mouse.move(box["x"] + start[0] + by[0], box["y"] + start[1] + by[1], steps=8)
    page.mouse.up()


def test_on_a_phone_one_finger_scrolls_past_the_map_and_two_fingers_move_it(browser, app_url) -> None:
    """The map fills most of a phone's screen: a one-finger drag on it must scroll the page on to the details (and say
    how to move the map), not pan it; a pinch zooms it; the map's year slider still takes one finger, and a mouse on
    the same device still drags. On a desktop a drag pans the map, with no hint."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        open_app(phone, app_url + "?year=2025")
        frame = map_frame(phone)
        hint = frame.evaluate(HINT_JS)
        assert hint == {"text": "Use two fingers to move the map", "shown": 0, "opacity": "0", "describes": True}
        assert not frame.evaluate(DRAGGING_JS)
        box = phone.locator(MAP_IFRAME).bounding_box()
        middle = (box["x"] + box["width"] / 2, box["y"] + 450)
        before = view(phone)
        touch_move(phone, [middle], [(middle[0], middle[1] - 300)])
        assert wait_for(lambda: phone.evaluate(SCROLL_JS) > 150, timeout=5), phone.evaluate(SCROLL_JS)
        assert view(phone) == before
        assert frame.evaluate(HINT_JS)["shown"] == 1
        assert wait_for(lambda: frame.evaluate(HINT_JS)["opacity"] == "0", timeout=5)  # it fades
        # A tap on the sea, then the map's own year slider, now in view: one finger moves it, and no hint comes.
        box = phone.locator(MAP_IFRAME).bounding_box()
        sea = frame.evaluate("() => { const p = window.map.latLngToContainerPoint([41.6, 18.2]); return [p.x, p.y]; }")
        phone.touchscreen.tap(box["x"] + sea[0], box["y"] + sea[1])
        track = frame.evaluate("() => { const r = document.querySelector('.wb-timeline-range').getBoundingClientRect(); "
                               "return [r.left, r.top + r.height / 2, r.width]; }")
        thumb = (box["x"] + track[0] + track[2] * (2025 - 2012) / (2026 - 2012), box["y"] + track[1])
        touch_move(phone, [thumb], [(thumb[0] - track[2] * 0.6, thumb[1])])
        assert wait_for(lambda: frame.evaluate("() => window.wbYear.shown") < 2020, timeout=5)
        assert frame.evaluate(HINT_JS)["shown"] == 1 and view(phone) == before
        x, y = box["x"] + box["width"] / 2, box["y"] + 250
        touch_move(phone, [(x - 30, y), (x + 30, y)], [(x - 120, y), (x + 120, y)])
        assert wait_for(lambda: view(phone)[2] > before[2], timeout=5), view(phone)
        zooming = "() => !!document.querySelector('.leaflet-map-pane.leaflet-zoom-anim')"  # a drag waits for it
        assert wait_for(lambda: not frame.evaluate(zooming), timeout=5)
        moved = view(phone)
        drag_with_mouse(phone, box, (box["width"] / 2, 300), (-80, -60))
        assert wait_for(lambda: view(phone)[:2] != moved[:2], timeout=5)
        assert wait_for(lambda: not frame.evaluate(DRAGGING_JS), timeout=5)  # for the mouse's press only
        assert frame.evaluate(HINT_JS)["shown"] == 1
    finally:
        context.close()
    desk = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = desk.new_page()
        open_app(page, app_url + "?year=2025")
        assert map_frame(page).evaluate(DRAGGING_JS)
        before = view(page)
        drag_with_mouse(page, page.locator(MAP_IFRAME).bounding_box(), (500, 600), (-100, -100))
        assert wait_for(lambda: view(page)[:2] != before[:2], timeout=5)
        assert map_frame(page).evaluate(HINT_JS) is None and map_frame(page).evaluate(DRAGGING_JS)
    finally:
        desk.close()
