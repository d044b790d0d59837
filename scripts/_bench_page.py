"""The page side of scripts/bench.py's browser measurements (scripts/_bench_browser.py): Debian's Chromium driven by
Playwright with every outside request blocked, the probes and selectors it reads, and the websocket's Streamlit
messages decoded to count script runs and bytes."""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


CHROMIUM = "/usr/bin/chromium"
# Requests off loopback go to a closed port on loopback acting as proxy, so they fail inside the browser; loopback
# itself is never proxied. (Intercepting every request with Playwright's `route` would block too, but each request
# then waits for a round trip to this Python process: ~20-50 ms per sequential fetch, which the map's chain of
# lazy chunks, iframe and scripts pays many times and a one-line floor barely at all.)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1;localhost;[::1]"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
APP = '[data-testid="stApp"]'
IDLE = f'{APP}[data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
SLIDER = '[data-testid="stSlider"] input[type="range"]'
FLOOR_TEXT = "Floor: Streamlit page start"
PREVIEW_IMG = ".wb-preview img"
STANARI = ("INF01", 44.759289, 17.823207)
KOSOVO_INSIDE = (42.55, 20.85)
PANEL_TEXT = "300 MW"
# Five drags (pixels) that end near where they began, so the marks used later stay in view.
DRAGS = [(-120, -60), (120, 60), (-80, 40), (80, -40), (-40, 0)]

IDS_OF_JS = """(w) => {
  if (!w || !w.map) return null;
  const ids = [], add = (l) => { const p = l.feature && l.feature.properties; if (p && p.id) ids.push(p.id); };
  w.map.eachLayer(add);
  if (w.wbCluster) w.wbCluster.getLayers().forEach(add);  // marks drawn inside a group of overlapping ones
  ids.sort();
  let h = 2166136261;
  for (const s of ids) { for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); } h ^= 44; }
  return [ids.length, h >>> 0];
}"""
IDS_JS = f"() => ({IDS_OF_JS})(window)"
CHANGED_JS = f"(before) => {{ const now = ({IDS_JS})(); return now !== null && (now[0] !== before[0] || now[1] !== before[1]); }}"
# What counts as painted, read in the page: the map is a drawn border in a frame the page has given its height (it
# is 0 px high for a frame or two first); the app's still picture of the base map (layers/_preview.py) counts while
# it is shown; the floor shows its text.
MAP_DRAWN_JS = f"""() => {{
  const frame = document.querySelector('{MAP_IFRAME}'), mw = frame && frame.contentWindow;
  const path = mw && mw.document && mw.document.querySelector("path.leaflet-interactive");
  const box = path && path.getBoundingClientRect();
  return !!box && box.width > 0 && box.height > 0 && frame.getBoundingClientRect().height > 0;
}}"""
STILL_SHOWN_JS = f"""() => {{
  const still = document.querySelector("{PREVIEW_IMG}");
  return !!still && still.complete && still.naturalWidth > 0 && still.getBoundingClientRect().height > 0
         && getComputedStyle(still).visibility !== "hidden";
}}"""
FLOOR_SHOWN_JS = f"""() => !!document.body && document.body.textContent.includes("{FLOOR_TEXT}")"""
# Timings taken inside the browser, so the driver's own latency (the CDP round trips of a click or a key press, and
# the delay before a polled condition reaches Python: 20-70 ms, about the same for every target) is not counted:
# from the input event's timestamp (mousedown, keydown, in whichever frame) to the end of the first frame that shows
# the result (a task queued from that frame's animation callback runs once the frame is done); first paint from the
# navigation's start (the page's timeOrigin). One loop per page, in the top frame, reads the map iframe (same origin)
# on every frame, so it follows a map that is remounted. Times from the two frames are comparable: both are
# timeOrigin + a high-resolution offset on the one clock of the browser's renderer process.
PROBE_JS = f"""(() => {{
  const now = () => performance.timeOrigin + performance.now();
  if (window.top !== window) {{  // the map's iframe: report the input event's time to the top frame's probe
    const input = (e) => {{ const w = window.top.__wbProbe && window.top.__wbProbe.watch;
                            if (w && w.tInput === null) w.tInput = performance.timeOrigin + e.timeStamp; }};
    window.addEventListener("mousedown", input, true);  // on the window: the component replaces its first document
    window.addEventListener("keydown", input, true);
    return;
  }}
  const P = window.__wbProbe = {{painted: null, interactive: null, watch: null, arrivals: []}};
  // When each websocket message reaches the page, in the order Wire sees them: the end of a script run is found
  // there (a short run can start and end within one frame, or one render, and never show as running).
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {{
    constructor(...args) {{ super(...args); this.addEventListener("message", () => P.arrivals.push(now())); }}
  }};
  const ids = {IDS_OF_JS};
  const mapWindow = () => {{ const f = document.querySelector('{MAP_IFRAME}'); return f && f.contentWindow; }};
  window.addEventListener("keydown", (e) => {{ const w = P.watch;
    if (w && w.tInput === null) w.tInput = performance.timeOrigin + e.timeStamp; }}, true);
  P.start = (spec) => {{ P.watch = Object.assign({{tInput: null, tIds: null, tText: null}}, spec); }};
  // Seen in this frame: 0 until the frame is done, then the time (a task queued now runs after the frame).
  const after = (o, key, offset) => {{ o[key] = 0; setTimeout(() => {{ o[key] = now() - offset; }}, 0); }};
  const tick = () => {{
    const w = P.watch;
    if (P.painted === null || P.interactive === null) {{
      const map = ({MAP_DRAWN_JS})(), shown = ({STILL_SHOWN_JS})(), text = ({FLOOR_SHOWN_JS})();
      if (P.painted === null && (map || shown || text)) after(P, "painted", performance.timeOrigin);
      if (P.interactive === null && map) after(P, "interactive", performance.timeOrigin);
    }}
    if (w) {{
      if (w.before && w.tIds === null) {{
        const h = ids(mapWindow());
        if (h && (h[0] !== w.before[0] || h[1] !== w.before[1])) after(w, "tIds", 0);
      }}
      if (w.text && w.tText === null) {{
        const main = document.querySelector('[data-testid="stMain"]');
        if (main && main.textContent.includes(w.text)) after(w, "tText", 0);
      }}
    }}
    requestAnimationFrame(tick);
  }};
  requestAnimationFrame(tick);
}})();"""
VIEW_JS = "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"
TARGET_JS = """([id, lat, lng]) => {
  let icon = null;
  window.map.eachLayer(l => { const p = l.feature && l.feature.properties; if (!icon && p && p.id === id && l._icon) icon = l._icon; });
  if (icon) { const r = icon.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }
  const drawn = window.wbDrawn && window.wbDrawn[id] && window.wbDrawn[id][0];  // where a mark is now (spread out, say)
  const at = drawn && drawn.getLatLng ? drawn.getLatLng() : [lat, lng];
  const c = window.map.getContainer().getBoundingClientRect(), p = window.map.latLngToContainerPoint(at);
  return [c.x + p.x, c.y + p.y];
}"""
# A mark drawn inside a group of overlapping ones (a dataset repeated ×10 puts ten on each point): the map zooms in
# until it stands alone or its group spreads out; true once it does (the setting up of a click, not timed).
REVEAL_JS = """(id) => {
  const layer = window.wbDrawn && window.wbDrawn[id] && window.wbDrawn[id][0], cluster = window.wbCluster;
  if (!layer || !cluster || !window.wbClusterOf(cluster, layer)) return true;
  if (!window.wbRevealing) { window.wbRevealing = true; cluster.zoomToShowLayer(layer); setTimeout(() => { window.wbRevealing = false; }, 3000); }
  return false;
}"""
# textContent, not innerText: polled on every frame, innerText would force a layout each time and slow the page down
PANEL_JS = "(text) => { const m = document.querySelector('[data-testid=\"stMain\"]'); return !!m && m.textContent.includes(text); }"


@dataclass
class Frame:
    size: int
    kind: str
    t: float = 0.0  # perf_counter when Playwright delivered it (within ~10 ms of its arrival while we poll)
    finished: bool = False
    ref: bool = False
    component: dict | None = None  # the map component's argument sizes, for its delta


@dataclass
class Wire:
    """Every websocket message a page receives, decoded as a Streamlit ForwardMsg."""

    frames: list[Frame] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)
    sent: list[float] = field(default_factory=list)  # perf_counter of each message the page sent (BackMsg)

    def attach(self, page) -> None:
        def on_socket(ws) -> None:
            ws.on("framereceived", self._received)
            ws.on("framesent", lambda _: self.sent.append(time.perf_counter()))

        page.on("websocket", on_socket)

    def _received(self, payload) -> None:
        now = time.perf_counter()
        data = payload if isinstance(payload, bytes) else payload.encode()
        self.raw.append(data)
        try:
            msg = ForwardMsg.FromString(data)
        except Exception:  # noqa: BLE001 - not a ForwardMsg: count its bytes only
            self.frames.append(Frame(len(data), "?", now))
            return
        kind = msg.WhichOneof("type") or "?"
        frame = Frame(len(data), kind, now, finished=kind == "script_finished", ref=kind == "ref_hash")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "component_instance" and "folium" in element.component_instance.component_name:
                args = json.loads(element.component_instance.json_args)
                frame.component = {"json_args": len(element.component_instance.json_args),
                                   **{k: len(args.get(k) or "") for k in ("script", "feature_group", "header", "html")}}
        self.frames.append(frame)

    def mark(self) -> int:
        return len(self.frames)

    def run_end(self, since: int) -> int | None:
        """The index of the message that ends the first script run after `since` (None while none has)."""
        return next((i for i in range(since, len(self.frames)) if self.frames[i].finished), None)

    def phases(self, start: float, since: int, sent_since: int) -> dict:
        """Seconds from `start` to: the page's first message (the rerun request), the first reply, the map's
        component message, and the end of the first script run after `since`."""
        frames = self.frames[since:]
        first = lambda items: round(items[0] - start, 4) if items else None  # noqa: E731
        return {"request": first(self.sent[sent_since:]), "first_reply": first([f.t for f in frames]),
                "map_message": first([f.t for f in frames if f.component]),
                "script_finished": first([f.t for f in frames if f.finished])}

    def runs(self, since: int) -> int:
        return sum(f.finished for f in self.frames[since:])

    def bytes(self, since: int) -> int:
        return sum(f.size for f in self.frames[since:])

    def payload(self, since: int) -> dict:
        data = b"".join(self.raw[since:])
        components = [f.component for f in self.frames[since:] if f.component]
        return {"raw": len(data), "gzip": len(gzip.compress(data, 6, mtime=0)), "messages": len(self.raw[since:]),
                "ref_hash_messages": sum(f.ref for f in self.frames[since:]),
                "component": components[-1] if components else None}


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_context(browser, blocked: list[str]):
    """A context whose requests off loopback are counted (the dead proxy of CHROMIUM_ARGS makes them fail)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(PROBE_JS)

    def watch(request) -> None:
        url = request.url
        if not url.startswith(("data:", "blob:", "about:")) and (urlparse(url).hostname or "") not in LOOPBACK:
            blocked.append(url)

    context.on("request", watch)
    return context


def new_page(context) -> tuple:
    page = context.new_page()
    wire = Wire()
    wire.attach(page)
    return page, wire


def wait_idle(page, wire: Wire | None = None, since: int = 0, timeout: float = 120) -> None:
    """Connected, no script running, and (when given) at least one script run finished since `since`."""
    deadline = time.monotonic() + timeout
    while wire is not None and wire.runs(since) == 0:
        if time.monotonic() > deadline:
            raise TimeoutError("no script run finished")
        page.wait_for_timeout(20)
    page.wait_for_selector(IDLE, timeout=max(1, deadline - time.monotonic()) * 1000)


def wait_painted(page, floor: bool, timeout: float = 120) -> None:
    if floor:
        page.get_by_text(FLOOR_TEXT).wait_for(timeout=timeout * 1000)
    else:
        page.frame_locator(MAP_IFRAME).locator("path.leaflet-interactive").first.wait_for(timeout=timeout * 1000)


def map_frame(page, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames[1:]:
            try:
                if frame.evaluate("() => typeof window.map === 'object' && window.map !== null"):
                    return frame
            except Exception:  # noqa: BLE001 - a frame may detach while we look
                continue
        page.wait_for_timeout(20)
    raise TimeoutError("map frame not found")


def in_map(page, script: str, arg=None, timeout: float = 60):
    """Evaluate in the map iframe, finding it again if it was replaced (the baseline remounts it)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return map_frame(page, timeout=max(0.1, deadline - time.monotonic())).evaluate(script, arg)
        except TimeoutError:
            raise
        except Exception:  # noqa: BLE001 - detached mid-evaluation
            if time.monotonic() > deadline:
                raise


def view(page) -> tuple[float, float, float]:
    lat, lng, zoom = in_map(page, VIEW_JS)
    return round(lat, 5), round(lng, 5), zoom


def target(page, record_id: str, lat: float, lng: float) -> tuple[float, float]:
    """Page coordinates of a record's mark (the middle of a default marker's icon), else of a map coordinate."""
    x, y = in_map(page, TARGET_JS, [record_id, lat, lng])
    box = page.locator(MAP_IFRAME).bounding_box()
    return box["x"] + x, box["y"] + y


def open_page(context, url: str, floor: bool) -> tuple:
    page, wire = new_page(context)
    page.goto(url, wait_until="commit")
    wait_painted(page, floor)
    wait_idle(page, wire)
    return page, wire


# --- measurements ----------------------------------------------------------------------------------------------


def http_assets(responses: list) -> dict[str, dict]:
    """Bytes of the map's files fetched over HTTP on a first visit, by kind: `map_data` (files the app writes under
    its static folder, e.g. a base-map script), `leaflet` (the library) and `component` (st_folium's bundle)."""
    out: dict[str, dict] = {}
    for response in responses:
        path = urlparse(response.url).path
        if "/app/static/vendor/leaflet/" in path:
            kind = "leaflet"
        elif "/app/static/" in path:
            kind = "map_data"
        elif "/component/" in path and "folium" in path:
            kind = "component"
        else:
            continue
        try:
            body = response.body()
            wire = response.request.sizes()["responseBodySize"]
        except Exception:  # noqa: BLE001 - a redirect or an aborted response has no body
            continue
        entry = out.setdefault(kind, {"raw": 0, "gzip": 0, "wire": 0, "files": []})
        entry["raw"] += len(body)
        entry["gzip"] += len(gzip.compress(body, 6, mtime=0))
        entry["wire"] += wire
        entry["files"].append(path.rsplit("/", 1)[-1])
    return out
