window.wbYearReport = function () {
  // The last year reported, sent again with every later report (a click, the ready report) until Python has taken
  // it: Streamlit keeps only the newest value when reports arrive during a run. Python ignores a stamp it has taken.
  var state = window.wbYear;
  return state && state.sent !== null && state.sent !== state.taken ? {wb_year: state.sentYear, wb_year_at: state.sent} : {};
};
window.wbTimelineLoad = function (url) {
  // After the map's first frame is painted: the timeline is not needed for it, and its script would hold it up.
  if (window.wbTimelineUrl === url) { return; }
  window.wbTimelineUrl = url;
  requestAnimationFrame(function () { setTimeout(function () {
    var script = document.createElement("script");
    script.src = url;
    script.onload = function () { window.wbTimelineControl(); };
    script.onerror = function () { window.wbTimelineUrl = null; };  // no year control; the next rerun tries again
    document.head.appendChild(script);
  }, 0); });
};
window.wbPickYear = function (year) {
  // A year picked on the map: drawn now from the timeline; Python hears of it once the reader pauses.
  var state = window.wbYear, tl = window.wbTimeline;
  year = Math.max(tl.years[0], Math.min(tl.years[1], year));
  if (!window.wbGroup || !window.wbChoice || year === state.shown) { return; }
  state.shown = year;
  state.unsent = true;
  window.wbShow(window.wbGroup, window.wbCompose(year));
  window.wbTimelineSync();
  clearTimeout(state.timer);
  state.timer = setTimeout(function () { window.wbReportYear(year); }, 250);
};
window.wbReportYear = function (year) {
  // The year with a stamp (a new one on every report, also across page loads), sent by `wbSend` as a report not yet
  // taken.
  var host = window.wbHost(), state = window.wbYear;
  state.unsent = false;
  if (!host) { return; }
  state.sent = performance.timeOrigin + performance.now();
  state.sentYear = year;
  state.sentAt = performance.now();
  window.wbSend(host, {});
};
window.wbTimelineControl = function () {
  // The year control on the map: previous, a slider, next, the year, play. Built once; text set as text only.
  var tl = window.wbTimeline, map = window.wbMap;
  if (!tl || !map || window.wbTimelineSync) { if (window.wbTimelineSync) { window.wbTimelineSync(); } return; }
  var labels = tl.labels, control = L.control({position: "bottomleft"}), playing = null;
  var box = L.DomUtil.create("div", "wb-timeline leaflet-bar");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", labels.label);
  var button = function (text, label, onClick) {
    var b = L.DomUtil.create("button", "wb-timeline-button", box);
    b.type = "button";
    b.textContent = text;
    b.title = label;
    b.setAttribute("aria-label", label);
    L.DomEvent.on(b, "click", onClick);
    return b;
  };
  var stop = function () {
    if (playing) { clearInterval(playing); playing = null; window.wbTimelineSync(); }
  };
  var previous = button("‹", labels.previous, function () { stop(); window.wbPickYear(window.wbYear.shown - 1); });
  var range = L.DomUtil.create("input", "wb-timeline-range", box);
  range.type = "range";
  range.min = tl.years[0];
  range.max = tl.years[1];
  range.step = 1;
  range.setAttribute("aria-label", labels.slider);
  L.DomEvent.on(range, "input", function () { var year = Number(range.value); stop(); window.wbPickYear(year); });
  var next = button("›", labels.next, function () { stop(); window.wbPickYear(window.wbYear.shown + 1); });
  var out = L.DomUtil.create("output", "wb-timeline-year", box);
  out.setAttribute("aria-live", "polite");
  var play = button("▶", labels.play, function () {
    if (playing) { stop(); return; }
    if (window.wbYear.shown >= tl.years[1]) { window.wbPickYear(tl.years[0]); }
    playing = setInterval(function () {
      window.wbPickYear(window.wbYear.shown + 1);
      if (window.wbYear.shown >= tl.years[1]) { stop(); }
    }, 1200);
    window.wbTimelineSync();
  });
  window.wbTimelineSync = function () {
    var year = window.wbYear.shown;
    range.value = year;
    if (out.textContent !== String(year)) { out.textContent = String(year); }  // announced only when it changes
    // aria-disabled, not disabled: a disabled button drops the keyboard focus of whoever just pressed it
    previous.setAttribute("aria-disabled", String(year <= tl.years[0]));
    next.setAttribute("aria-disabled", String(year >= tl.years[1]));
    play.textContent = playing ? "❚❚" : "▶";
    play.title = playing ? labels.pause : labels.play;
    play.setAttribute("aria-label", play.title);
  };
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);
  control.onAdd = function () { return box; };
  control.addTo(map);
  window.wbTimelineSync();
  window.wbFollowSidebar();
};
window.wbFollowSidebar = function () {
  // The sidebar's year slider is in the page around this iframe (same origin). A year the reader sets there is drawn
  // from the timeline at once, as the attribute changes, instead of after the app's run for it (which still comes and
  // moves everything else). Only the reader's own changes count (the render of a key that moves that slider or of a
  // pointer on it, or a drag, which react-aria marks on the thumb): the app sets the slider too, after a year picked
  // on the map, and may be a step behind then.
  var selector = window.wbYearWidget, page = null, top = null;
  try { top = window.parent; page = top !== window && top.document; } catch (e) { page = null; }  // another origin
  if (!selector || !page || window.wbSidebarWatch) { return; }
  var touched = -1e9, keys = /^(Arrow|Home$|End$|Page)/;
  var mine = function (e) { return e.target && e.target.closest && e.target.closest(selector); };
  var listeners = {
    keydown: function (e) { if (mine(e) && keys.test(e.key)) { touched = performance.now(); } },
    pointerdown: function (e) { if (mine(e)) { touched = performance.now(); } }
  };
  Object.keys(listeners).forEach(function (type) { top.addEventListener(type, listeners[type], true); });
  var stop = function () {
    watch.disconnect();
    Object.keys(listeners).forEach(function (type) { top.removeEventListener(type, listeners[type], true); });
  };
  var slider = page.querySelector(selector + " input"), last = slider ? slider.value : null;
  var watch = window.wbSidebarWatch = new MutationObserver(function (changes) {
    if (!window.frameElement || !window.frameElement.isConnected) { stop(); return; }  // this map is gone
    for (var i = changes.length - 1; i >= 0; i--) {
      var input = changes[i].target;
      if (input.tagName !== "INPUT" || !input.closest(selector)) { continue; }
      // A render may write the same value again (while a run goes on): only a new value counts.
      var value = input.value, changed = value !== last;
      last = value;
      var dragging = !!page.querySelector(selector + " [data-dragging]");
      if (changed && (dragging || performance.now() - touched < 250)) { window.wbFollowYear(Number(value)); }
      return;
    }
  });
  watch.observe(page.body, {subtree: true, attributes: true, attributeFilter: ["aria-valuetext"]});
  window.addEventListener("pagehide", stop);  // the iframe replaced (the map drawn anew)
};
window.wbFollowYear = function (year) {
  // A year set on the sidebar's slider: drawn now from the timeline; the slider's own run reports it to Python, and
  // until that run's view arrives, an earlier run's view does not take the map back (`wbView`).
  var state = window.wbYear, tl = window.wbTimeline;
  if (!tl || !window.wbGroup || !window.wbChoice || !(year >= tl.years[0] && year <= tl.years[1])) { return; }
  if (year === state.shown) { return; }
  state.followed = year;
  state.unsent = false;  // the reader moved on from a pick on the map not reported yet: the sidebar's year wins
  clearTimeout(state.timer);
  clearTimeout(state.followTimer);
  state.followTimer = setTimeout(function () {  // no run for it in 5 s: the last run's year holds again
    if (state.followed === year && window.wbLastArgs) { state.followed = null; window.wbView(window.wbGroup, window.wbLastArgs); }
  }, 5000);
  state.shown = year;
  window.wbShow(window.wbGroup, window.wbCompose(year));
  window.wbTimelineSync();
};
