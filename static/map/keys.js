// Keyboard access to what the map draws. The countries, the marks and the groups of marks are one stop in the Tab
// order (a roving tabindex, as WAI-ARIA's composite widgets have it): Tab reaches the map's controls and the panel in a
// few presses, not one per mark, and the search and the records' table still list every record. Within the stop the
// arrow keys go to the next or previous one (the countries first, then the marks from west to east), Home and End to
// the ends; Enter or Space opens one as a click does (a group zooms in until its marks part, or spreads them out at the
// closest zoom); Escape gives the keys back to the map, whose arrows pan it. Each is a button with a spoken name: a
// record's name and its layer, a country's name, a group's count. Used by the app's map and by the static export; the
// maps call `wbKeysHeld` and `wbKeysRefresh` around each redraw (map/draw.js).
window.wbKeyOrder = function (items) {
  // The countries first, in their own order; then the rest from west to east (top to bottom where they line up).
  return items.map(function (item, i) { return [item, i]; }).sort(function (a, b) {
    var x = a[0], y = b[0];
    return (x.kind === "country" ? 0 : 1) - (y.kind === "country" ? 0 : 1) ||
      (x.kind === "country" ? a[1] - b[1] : x.x - y.x || x.y - y.y || a[1] - b[1]);
  }).map(function (pair) { return pair[0]; });
};
window.wbKeyStep = function (key, index, count) {
  // Where a key moves the focus within `count` stops, or null for a key that does not move it.
  if (key === "ArrowRight" || key === "ArrowDown") { return Math.min(index + 1, count - 1); }
  if (key === "ArrowLeft" || key === "ArrowUp") { return Math.max(index - 1, 0); }
  if (key === "Home") { return 0; }
  if (key === "End") { return count - 1; }
  return null;
};
window.wbKeyName = function (props, record, words) {
  // A stop's spoken name: a record's name and its layer; a country's name (with the layer of a country's dot).
  var titles = words.layers || {};
  if (props.kind === "record" && record) {
    return window.wbSay(words.markLabel, {name: record.name, layer: titles[record.layer] || record.layer});
  }
  var name = (window.wbBase && window.wbBase.names || {})[props.iso_a2] || props.iso_a2;
  return props.layer ? window.wbSay(words.markLabel, {name: name, layer: titles[props.layer] || props.layer}) : name;
};

(function () {
  "use strict";
  // The stop's element and who it is (`current`, kind:id, known again when a redraw makes it anew); `focused`: the
  // keyboard is in the stop; `pending`: a stop to give the focus back to once it is drawn; `want`: the mark a group
  // that was opened held. The stops are gathered only when a key needs them, not on every redraw (a map of thousands
  // of marks redraws on every year).
  var state = {el: null, item: null, current: null, focused: false, pending: null, want: null, hooked: null, timer: null,
               tip: null};
  var identity = function (item) { return item.kind + ":" + item.id; };

  function collect(map) {
    // What a keyboard can reach now: the countries, the marks drawn on their own, the groups' circles. Marks in a
    // group are reached through it; marks the group plugin keeps off the screen (out of view), once the map moves.
    var words = window.wbText || {}, index = window.wbMarkIndex || {}, cluster = window.wbCluster, out = [], seen = {};
    var add = function (el, layer, kind, id, name) {
      if (!el || seen[L.stamp(layer)]) { return; }
      seen[L.stamp(layer)] = true;
      var at = map.latLngToContainerPoint(layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter());
      out.push({el: el, layer: layer, kind: kind, id: id, name: name, x: at.x, y: at.y});
    };
    var feature = function (layer) {
      var p = layer.feature && layer.feature.properties;
      if (!p || !layer._path || !layer._map) { return; }
      var id = p.kind === "record" ? p.id : p.iso_a2 + (p.layer ? ":" + p.layer : "");
      add(layer._path, layer, p.kind === "record" ? "record" : "country", id, window.wbKeyName(p, index[p.id], words));
    };
    if (window.wbCountries) { window.wbCountries.eachLayer(feature); }
    if (window.wbGroup) {
      window.wbGroup.eachLayer(function (layer) {
        if (layer !== cluster) { feature(layer); return; }
        cluster.getLayers().forEach(function (mark) {
          var group = window.wbClusterOf(cluster, mark);
          if (!group) { feature(mark); return; }
          if (seen[L.stamp(group)]) { return; }
          var first = group.getAllChildMarkers()[0];  // a group is known by its first mark, across redraws
          add(group._icon, group, "group", first.feature.properties.id, group._icon && group._icon.getAttribute("aria-label"));
        });
      });
    }
    return window.wbKeyOrder(out);
  }

  function tabbable(item) {
    // The one stop in the Tab order, dressed as a button with its spoken name and the hint.
    if (state.el && state.el !== item.el) { state.el.setAttribute("tabindex", "-1"); }
    var el = item.el;
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", item.name || "");
    el.setAttribute("aria-describedby", "wb-keys-hint");
    el.setAttribute("tabindex", "0");
    el.classList.add("wb-key");
    state.el = el;
    state.item = item;
    state.current = identity(item);
  }

  function firstCountry() {
    var first = null, words = window.wbText || {};
    if (window.wbCountries) {
      window.wbCountries.eachLayer(function (layer) {
        var p = layer.feature.properties;
        if (!first && layer._path) {
          first = {el: layer._path, layer: layer, kind: "country", id: p.iso_a2, name: window.wbKeyName(p, null, words)};
        }
      });
    }
    return first;
  }

  function hint(map) {
    // How to use the stop, read after a stop's name (hidden on the screen: the stop's focus ring shows where it is).
    if (document.getElementById("wb-keys-hint")) { return; }
    var box = document.createElement("div");
    box.id = "wb-keys-hint";
    box.className = "wb-hidden";
    box.textContent = (window.wbText || {}).keysHint || "";
    map.getContainer().appendChild(box);
  }

  window.wbKeysHeld = function () {
    // The stop that has the focus now (who it is), so that a redraw can give it back; else null.
    return state.el && document.activeElement === state.el ? state.current : null;
  };

  window.wbKeysRefresh = function (held) {
    // After anything is drawn: the focus given back to `held` (or, after a group opened, to where its first mark is
    // now) once it is drawn; else the stop kept, or the first country once its element is gone.
    var map = window.wbMap;
    if (!map || !map._loaded) { return; }
    hook(map);
    var active = document.activeElement, lost = !active || active === document.body;
    held = held || (state.focused && lost && document.hasFocus() ? state.current : null) || state.pending;
    if (held || state.want) {
      var items = collect(map), want = state.want, cluster = window.wbCluster;
      var group = want && cluster && window.wbClusterOf(cluster, want);
      var found = want ? items.filter(function (i) { return i.layer === want || (group && i.layer === group); })[0]
        : items.filter(function (i) { return identity(i) === held; })[0];
      if (found) {
        state.want = state.pending = null;
        tabbable(found);
        if (document.activeElement !== found.el) { found.el.focus({preventScroll: true}); }
        return;
      }
      state.pending = held;  // not drawn yet (a view whose marks come a moment later): once they are
    }
    if (!state.el || !state.el.isConnected) {
      var first = firstCountry();
      if (first) { tabbable(first); }
    }
  };

  function open(item, event) {
    var map = window.wbMap;
    if (item.kind === "group") {
      var group = item.layer, bounds = group.getBounds();
      state.want = group.getAllChildMarkers()[0];
      if (map.getZoom() >= map.getMaxZoom() || bounds.getNorthEast().equals(bounds.getSouthWest())) {
        group.spiderfy();  // (on one point, or as close as the map goes: spread out)
      } else {
        group.zoomToBounds({padding: [30, 30]});
      }
      return;
    }
    // As a click on it: the layer's groups hear it (map/draw.js `wbReportClicks`, the export's `wbPicked`).
    var latlng = item.layer.getLatLng ? item.layer.getLatLng() : item.layer.getBounds().getCenter();
    item.layer.fire("click", {originalEvent: event, latlng: latlng, containerPoint: map.latLngToContainerPoint(latlng)}, true);
  }

  function onKey(e) {
    if (e.target !== state.el) { return; }
    var items = collect(window.wbMap), here = items.map(function (item) { return item.el; }).indexOf(e.target);
    if (here < 0) { return; }
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      open(items[here], e);
      return;
    }
    if (e.key === "Escape") {
      e.preventDefault();
      state.want = state.pending = null;  // a group opening no longer takes the focus to its marks
      window.wbMap.getContainer().focus({preventScroll: true});
      return;
    }
    var next = window.wbKeyStep(e.key, here, items.length);
    if (next === null) { return; }
    e.preventDefault();  // the page does not scroll, the map does not pan
    e.stopPropagation();
    tabbable(items[next]);
    items[next].el.focus({preventScroll: true});
  }

  function onFocus(e) {
    if (e.target !== state.el) { return; }
    state.focused = true;
    var map = window.wbMap, size = map.getSize(), item = state.item, layer = item.layer;
    var at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
    // a mark drawn beyond the edge (the plugin draws a little around the view) is brought into view; a country stays
    if (item.kind !== "country" && !L.bounds([0, 0], [size.x, size.y]).contains(map.latLngToContainerPoint(at))) {
      map.panTo(at);
    }
    if (layer.openTooltip && layer.getTooltip && layer.getTooltip()) {  // what a pointer sees, beside a point (not on it)
      var p = map.latLngToContainerPoint(at), gap = layer.getRadius ? layer.getRadius() + 3 : 0;
      // (Leaflet puts a tooltip right of a point on the map's left half, left of one on its right half)
      layer.openTooltip(map.containerPointToLatLng(p.add([p.x < size.x / 2 ? gap : -gap, 0])));
      state.tip = layer;
    }
  }

  function onBlur(e) {
    if (e.target !== state.el) { return; }
    if (state.tip) { state.tip.closeTooltip(); state.tip = null; }
    if (e.relatedTarget) { state.focused = false; }  // gone elsewhere (none: the element was removed, or the window left)
  }

  function hook(map) {
    if (state.hooked === map) { return; }
    state.hooked = map;
    hint(map);
    var container = map.getContainer(), later = function () {
      // once for a burst (a view adds its layers one by one): after the last, when its marks are on the map
      clearTimeout(state.timer);
      state.timer = setTimeout(function () { window.wbKeysRefresh(window.wbKeysHeld()); }, 0);
    };
    container.addEventListener("keydown", onKey);
    container.addEventListener("focusin", onFocus);
    container.addEventListener("focusout", onBlur);
    // The group plugin draws its groups again after the map moves or zooms, and when a group spreads out; a view's
    // marks may come after its run's redraw.
    map.on("zoomend moveend layeradd", later);
    map.on("layeradd", function (e) {
      if (e.layer === window.wbCluster && !e.layer.wbKeyed) {
        e.layer.wbKeyed = true;
        e.layer.on("spiderfied unspiderfied", later);
      }
    });
  }
})();
