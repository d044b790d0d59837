"""The year control on the map (the timeline) in Debian's Chromium: a year picked there is drawn at once from the
timeline script, the app follows after one rerun, and each year looks the same whichever control picked it."""

from __future__ import annotations

from helpers import MAP_IFRAME, address, drawn_ids, map_frame, open_app, set_year, view, wait_for, wait_idle

SLIDER = '[data-testid="stSlider"] input[type="range"]'
PICK_JS = """(year) => {
  const range = document.querySelector('.wb-timeline-range');
  range.value = year;
  range.dispatchEvent(new Event('input', {bubbles: true}));
  const ids = [], add = (l) => { const p = l.feature && l.feature.properties; if (p && p.id) ids.push(p.id); };
  window.map.eachLayer(add);
  if (window.wbCluster) window.wbCluster.getLayers().forEach(add);  // marks in a group of overlapping ones too
  return ids.sort();
}"""
# What a reader sees of a year: every mark's id, look and tooltip text, every country's fill and tooltip, every dot.
STATE_JS = """() => {
  const out = [];
  window.map.eachLayer(l => {
    const p = l.feature && l.feature.properties, o = l.options || {};
    if (!p) return;
    const tooltip = l.getTooltip && l.getTooltip();
    let tip = tooltip ? tooltip._content : '';
    if (typeof tip === 'function') { tip = tip(l); }
    if (tip && typeof tip === 'object') { tip = tip.textContent; }
    out.push([p.kind, p.id || p.iso_a2, o.color, o.fillColor, o.fillOpacity, o.dashArray || null, o.radius || null, String(tip)]);
  });
  return out.map(JSON.stringify).sort();
}"""
# The map has drawn the arguments of the app's run that took its last year report (not only composed the year).
ANSWERED_JS = "() => window.wbYear.sent !== null && window.wbYear.taken === window.wbYear.sent"


def timeline_ready(page):
    frame = map_frame(page)
    assert wait_for(lambda: frame.evaluate("() => !!document.querySelector('.wb-timeline-range')")), "no timeline"
    return frame


def app_year(page) -> str:
    return page.locator(SLIDER).first.input_value()


def settled_on(page, year: int) -> bool:
    wait_idle(page)
    return app_year(page) == str(year) and f"year={year}" in address(page)


def test_a_year_picked_on_the_map_is_drawn_at_once_and_the_app_follows(page, app_url, blocked) -> None:
    open_app(page, app_url)
    frame = timeline_ready(page)
    start_view, before = view(page), drawn_ids(page)
    at_once = frame.evaluate(PICK_JS, 2019)  # read in the same task as the pick: no round trip to Python possible
    assert set(at_once) != before and "GUNS09" not in at_once and "INF02" in at_once  # 2019: no 2025 school cameras
    assert frame.evaluate("() => document.querySelector('.wb-timeline-year').textContent") == "2019"
    assert wait_for(lambda: settled_on(page, 2019)), (app_year(page), address(page))
    assert drawn_ids(page) == set(at_once) and view(page) == start_view
    page.frame_locator(MAP_IFRAME).locator(".wb-timeline-range").press("ArrowLeft")  # the keyboard works too
    assert wait_for(lambda: settled_on(page, 2018)), (app_year(page), address(page))
    assert blocked == []


def test_each_year_looks_the_same_from_the_timeline_and_from_the_app(page, app_url) -> None:
    """Drawn in the browser from the timeline, then again from the app's own plan once it has the year: the same
    marks, styles, fills, tooltips and dots, for each country colouring."""
    open_app(page, app_url)
    sidebar = page.locator('[data-testid="stSidebar"]')
    for choice, years in (("Diplomatic status", (2012, 2017, 2020, 2021, 2024)), ("Public sentiment", (2012, 2020, 2024)),
                          ("None", (2016, 2021)), ("Show a street-map background", (2013, 2022))):
        if choice != "Diplomatic status":
            sidebar.get_by_text(choice, exact=True).click()  # a fill, or the tiles (the map is drawn anew)
            page.wait_for_timeout(400)
            wait_idle(page)
        frame = timeline_ready(page)
        for year in years:
            frame.evaluate(PICK_JS, year)
            composed = frame.evaluate(STATE_JS)
            assert wait_for(lambda year=year: settled_on(page, year)), (choice, year, app_year(page))
            frame.wait_for_function(ANSWERED_JS)
            assert frame.evaluate(STATE_JS) == composed, (choice, year)


def test_the_sidebar_year_moves_the_timeline(page, app_url) -> None:
    open_app(page, app_url)
    frame = timeline_ready(page)
    set_year(page, "ArrowLeft", presses=2)
    assert wait_for(lambda: frame.evaluate("() => document.querySelector('.wb-timeline-year').textContent") == "2023")
    assert frame.evaluate("() => document.querySelector('.wb-timeline-range').value") == "2023"


# Spies on the map: each year followed from the sidebar's slider (with the year shown after it), each run's view,
# and every year shown, frame by frame.
SPY_JS = """() => {
  window.calls = [];
  const follow = window.wbFollowYear, view = window.wbView;
  window.wbFollowYear = (year) => { follow(year); window.calls.push(['follow', year, window.wbYear.shown]); };
  window.wbView = (group, args) => { window.calls.push(['run', args.year]); view(group, args); };
  window.shownYears = [window.wbYear.shown];
  const watch = () => { const y = window.wbYear.shown;
    if (y !== window.shownYears[window.shownYears.length - 1]) window.shownYears.push(y); requestAnimationFrame(watch); };
  watch();
}"""


def test_the_map_follows_the_sidebar_slider_before_the_apps_run_comes(page, app_url) -> None:
    open_app(page, app_url)
    frame = timeline_ready(page)
    frame.evaluate(SPY_JS)
    set_year(page, "ArrowLeft")
    assert wait_for(lambda: settled_on(page, 2024)), (app_year(page), address(page))
    calls = frame.evaluate("() => window.calls")
    assert calls[0] == ["follow", 2024, 2024], calls  # drawn from the timeline, before any run's view came
    assert ["run", 2024] in calls[1:], calls  # and the app's run for it still comes
    assert frame.evaluate("() => document.querySelector('.wb-timeline-year').textContent") == "2024"


def test_a_run_for_a_year_the_sidebar_has_left_does_not_take_the_map_back(page, app_url) -> None:
    """Deterministic: the map has followed the slider to 2022 when a run's view for 2023 (a step the reader passed
    through) reaches it; the map stays on 2022 until the run for 2022 comes, and then follows the app again."""
    open_app(page, app_url)
    frame = timeline_ready(page)
    set_year(page, "ArrowLeft")  # a real step first, so the watch on the sidebar is known to work
    assert wait_for(lambda: settled_on(page, 2024)) and frame.evaluate("() => window.wbYear.shown") == 2024
    frame.evaluate("() => window.wbFollowYear(2022)")  # what the watch does as the reader steps on
    run = """(year) => { window.wbView(window.wbGroup, {year: year, view: window.wbCompose(year), choice: window.wbChoice,
      timeline: window.wbTimelineUrl, taken: window.wbYear.taken}); return window.wbYear.shown; }"""
    assert frame.evaluate(run, 2023) == 2022  # a run that started before the reader moved on
    assert frame.evaluate("() => document.querySelector('.wb-timeline-year').textContent") == "2022"
    assert frame.evaluate(run, 2022) == 2022  # the reader's own year's run
    assert frame.evaluate(run, 2020) == 2020  # from then on the app's year holds (a link, a pick on the map)


def test_the_map_follows_a_drag_on_the_sidebar_slider_before_it_is_let_go(page, app_url) -> None:
    open_app(page, app_url)
    frame = timeline_ready(page)
    box = page.locator('.st-key-year [data-testid="stSliderThumbValue"]').first.bounding_box()
    y = box["y"] + box["height"] + 8  # the thumb, below its value label
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    page.wait_for_timeout(400)  # a slow drag: its moves come well after the pointer went down
    page.mouse.move(box["x"] - 60, y, steps=6)
    page.wait_for_timeout(100)
    during = app_year(page)
    assert during < "2025" and frame.evaluate("() => String(window.wbYear.shown)") == during  # still held down
    page.mouse.up()
    assert wait_for(lambda: settled_on(page, int(during))), (app_year(page), address(page))
    assert frame.evaluate("() => window.wbYear.shown") == int(during)


def test_a_followed_year_gives_way_to_a_map_pick_python_took_and_to_silence(page, app_url) -> None:
    """Deterministic: a run that took a year picked on the map (a new `taken` stamp) is the app's year even while the
    map holds a year followed from the sidebar; and a followed year whose run never comes is let go after 5 s."""
    open_app(page, app_url)
    frame = timeline_ready(page)
    frame.evaluate("() => window.wbFollowYear(2020)")
    run = """([year, taken]) => { window.wbView(window.wbGroup, {year: year, view: window.wbCompose(year),
      choice: window.wbChoice, timeline: window.wbTimelineUrl, taken: taken}); return window.wbYear.shown; }"""
    assert frame.evaluate(run, [2025, None]) == 2020  # an older run: the followed year holds
    assert frame.evaluate(run, [2018, 12345.5]) == 2018  # Python took a pick on the map: its year is the app's
    frame.evaluate("() => window.wbFollowYear(2016)")
    assert frame.evaluate("() => window.wbYear.shown") == 2016
    page.wait_for_timeout(5300)  # no run for 2016 comes
    assert frame.evaluate("() => window.wbYear.shown") == 2018  # the last run's year again
    assert frame.evaluate("() => document.querySelector('.wb-timeline-year').textContent") == "2018"


def test_the_map_does_not_follow_the_sidebar_slider_when_the_app_moves_it(page, app_url) -> None:
    """After a year picked on the map, the app sets the sidebar's slider: that is not the reader's change."""
    open_app(page, app_url)
    frame = timeline_ready(page)
    frame.evaluate(SPY_JS)
    frame.evaluate(PICK_JS, 2019)
    assert wait_for(lambda: settled_on(page, 2019)), (app_year(page), address(page))
    page.wait_for_timeout(300)
    assert [call for call in frame.evaluate("() => window.calls") if call[0] == "follow"] == []
    assert frame.evaluate("() => window.shownYears") == [2025, 2019]


def test_play_runs_to_the_last_year_and_stops(page, app_url) -> None:
    open_app(page, app_url)
    frame = timeline_ready(page)
    frame.evaluate(PICK_JS, 2024)
    assert wait_for(lambda: settled_on(page, 2024))
    page.frame_locator(MAP_IFRAME).get_by_role("button", name="Play through the years").click()
    assert frame.evaluate("() => document.querySelector('.wb-timeline button:last-child').title") == "Pause"
    assert wait_for(lambda: settled_on(page, 2026), timeout=15)
    assert frame.evaluate("() => document.querySelector('.wb-timeline button:last-child').title") == "Play through the years"
    buttons = "(i) => document.querySelectorAll('.wb-timeline-button')[i].getAttribute('aria-disabled')"
    assert frame.evaluate(buttons, 0) == "false" and frame.evaluate(buttons, 1) == "true"  # previous; next, at the end


def test_a_later_pick_is_not_undone_by_the_answer_to_an_earlier_one(page, app_url) -> None:
    """The app's run for the first year arrives after the reader has picked another: the map stays on the newer year
    and never shows the older one again."""
    open_app(page, app_url)
    frame = timeline_ready(page)
    frame.evaluate("""() => { window.shownYears = [window.wbYear.shown];
      const watch = () => { const y = window.wbYear.shown;
        if (y !== window.shownYears[window.shownYears.length - 1]) window.shownYears.push(y); requestAnimationFrame(watch); };
      watch(); }""")
    frame.evaluate(PICK_JS, 2020)
    frame.wait_for_function("() => window.wbYear.sent !== null")  # reported: Python's run for 2020 is on its way
    frame.evaluate(PICK_JS, 2017)
    assert wait_for(lambda: settled_on(page, 2017)), (app_year(page), address(page))
    page.wait_for_timeout(300)
    assert frame.evaluate("() => window.shownYears") == [2025, 2020, 2017]
    assert frame.evaluate("() => document.querySelector('.wb-timeline-year').textContent") == "2017"


def test_an_answer_to_an_older_pick_does_not_move_the_map_back(page, app_url) -> None:
    """Deterministic: the app's run for 2020 is handed to the map only after 2017 has been picked and reported."""
    open_app(page, app_url)
    frame = timeline_ready(page)
    frame.evaluate(PICK_JS, 2020)
    stamp_2020 = frame.wait_for_function("() => window.wbYear.sent").json_value()
    frame.evaluate(PICK_JS, 2017)
    frame.wait_for_function("(old) => window.wbYear.sent !== old", arg=stamp_2020)
    stale = """([year, taken]) => { window.wbView(window.wbGroup, {year: year, view: window.wbCompose(year),
      choice: window.wbChoice, timeline: window.wbTimelineUrl, taken: taken}); return window.wbYear.shown; }"""
    assert frame.evaluate(stale, [2020, stamp_2020]) == 2017  # an answer to the older report: the map stays
    latest = frame.evaluate("() => window.wbYear.sent")
    assert frame.evaluate(stale, [2019, latest]) == 2019  # Python has taken the latest report: its year holds


def test_on_a_narrow_screen_the_maps_year_control_is_there_while_the_sidebar_is_folded(page, app_url) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_app(page, app_url)
    frame = timeline_ready(page)
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').bounding_box()
    assert box is None or box["x"] + box["width"] <= 0, box  # the sidebar's slider is folded away, off screen
    inside = frame.evaluate("""() => { const c = document.querySelector('.wb-timeline').getBoundingClientRect();
      return c.left >= 0 && c.right <= window.innerWidth && c.top >= 0 && c.bottom <= window.innerHeight; }""")
    assert inside, "the control is cut off by the map's edge"
    page.frame_locator(MAP_IFRAME).get_by_role("button", name="Previous year").click()
    assert wait_for(lambda: settled_on(page, 2024)), (app_year(page), address(page))
