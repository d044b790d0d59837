// The static export's page: it renders what Python built (layers/_export.py) and derives no rule of its own. Each
// year's view comes from the map's timeline (composed by map/compose.js as the app's map composes it), panels from
// the records' view models (export/render.js), profiles, legends, tables and link notices from the data.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("wb-data").textContent);
  const M = D.messages, P = D.profiles, Y0 = D.years[0], $ = (id) => document.getElementById(id);
  const fmt = (key, values) => ((values && values.count === 1 && M[key + ".one"]) || M[key])  // a count of 1: singular
    .replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const render = window.wbRenderer(el, D.words);  // export/render.js
  const byId = {}, views = window.wbUnpack(D.views), tables = window.wbUnpack(D.compare);  // (export/unpack.js)
  D.records.forEach((r, i) => {  // its panel, and its styles from the shared table
    byId[r.id] = r;
    r.view = views[i];
    ["style", "styleBefore"].forEach((k) => { if (k in r) r[k] = D.markStyles[r[k]]; });
  });
  const kinds = {};
  D.layers.forEach((l) => { kinds[l.id] = l.kind; });
  const SHOWN = D.layers.filter((l) => l.kind !== "fill").map((l) => l.id), FILLS = D.layers.filter((l) => l.kind === "fill");
  const state = {year: D.year, fill: $("wb-fill").value, choice: null, selected: null, notices: [], view: null,
                 layers: new Set(Array.from(document.querySelectorAll("input[name=layer]:checked"), (b) => b.value))};

  const map = L.map("wb-map", {center: D.view.center, zoom: D.view.zoom, zoomSnap: D.view.zoomSnap, minZoom: D.view.minZoom,
                                  maxZoom: 13});
  map.attributionControl.setPrefix("Leaflet");  // plain text: the page links nowhere but to the data's sources
  map.attributionControl.addAttribution(D.attribution);  // escaped in Python: Leaflet shows it as HTML
  L.control.scale().addTo(map);
  ["wb-labels", "wb-lines", "wb-points", "wb-marks"].forEach((name, i) => {
    map.createPane(name).style.zIndex = 450 + 10 * i;
    map.getPane(name).style.pointerEvents = "none";  // each pane's svg would otherwise swallow clicks meant below
  });
  L.geoJSON(D.base.neighbours, {style: D.styles.neighbour, interactive: false}).addTo(map);
  const fillOf = (code) => state.view && state.view.fills.length ? state.view.fills[0] : null;
  const countryStyle = (code) => {
    const fill = fillOf(code), style = fill ? fill[0][code] || fill[0][""] : D.styles.focus;
    const chosen = state.selected && state.selected[0] === "country" && state.selected[1] === code;
    return chosen ? Object.assign({}, style, {color: "#111111", weight: 3.2, dashArray: null}) : style;
  };
  const countries = L.geoJSON(D.base.focus, {
    style: (f) => countryStyle(f.properties.iso_a2),
    onEachFeature: (f, layer) => {
      const code = f.properties.iso_a2;
      layer.bindTooltip(() => { const fill = fillOf(code); return fill ? fill[1][code] : el("b", D.countryNames[code]); },
                        {sticky: true});  // a fill's tooltips are escaped in Python, as the app's are
      layer.on("click", () => select(["country", code]));
      layer.on("mouseover", () => layer.setStyle({weight: 2.8, color: "#222"}));
      layer.on("mouseout", () => layer.setStyle(countryStyle(code)));
    },
  }).addTo(map);
  map.fitBounds(countries.getBounds(), {padding: [12, 12], animate: false});  // whatever size it is embedded at
  D.base.labels.forEach((d) => {  // as the app's map draws them (layers._map.map_labels)
    if (d.dot) L.circleMarker([d.lat, d.lng], {pane: "wb-labels", radius: d.dot, color: "#555", weight: 1, fillColor: "#555",
                                               fillOpacity: 1, interactive: false}).addTo(map);
  });
  window.wbTownLabels(map, D.base, (d, text, at) => L.marker([d.lat, d.lng], {
    pane: "wb-labels", interactive: false, keyboard: false,
    icon: L.divIcon({className: "wb-icon", html: el("div", text, "wb-label " + at.css), iconSize: [d.w, 16], iconAnchor: at.anchor}),
  }).addTo(map));

  const tip = (name, line) => { const box = el("div"); box.appendChild(el("b", name)); box.appendChild(el("br"));
                                box.appendChild(el("span", line)); return box; };
  const early = (r) => state.view && state.view.early.includes(r.id);  // drawn with its status before this year's
  const isSelected = (r) => state.selected && state.selected[0] === "record" && state.selected[1] === r.id;
  const styleOf = (r) => Object.assign({}, early(r) ? r.styleBefore : r.style,
                                       isSelected(r) ? {weight: r.lines ? 8 : 3.5, color: r.lines ? r.style.color : "#000"} : {});
  const marks = {}, cluster = window.wbClusterGroup().addTo(map);  // points grouped where they would overlap
  const holder = (layer) => (layer.getLatLng ? cluster : map);  // lines stay on the map itself
  D.records.filter((r) => r.points || r.lines).forEach((r) => {
    marks[r.id] = (r.lines ? [L.polyline(r.lines, Object.assign({pane: "wb-lines"}, r.style))] : [])
      .concat((r.points || []).map((p) => L.circleMarker(p, Object.assign({pane: "wb-points"}, r.style))));
    marks[r.id].forEach((layer) => {
      layer.bindTooltip(() => tip(r.name, early(r) ? r.tipBefore : r.tip), {sticky: true});
      layer.on("click", () => select(["record", r.id]));
      layer.on("mouseover", () => layer.setStyle({weight: r.lines ? 8 : 3}));
      layer.on("mouseout", () => layer.setStyle(styleOf(r)));
    });
  });
  const dots = L.layerGroup().addTo(map), rings = L.layerGroup().addTo(map);

  const colouring = () => D.colourings[state.fill.split(":")[0]];
  function choices(y) {  // what a colouring with choices of their own each year offers that year (the year's series)
    const c = colouring();
    return c && c.perYear ? c.choices[String(y)] || [] : [];
  }
  function composeView() {  // the year's view, as the app composes a year picked on its map (map/compose.js)
    const [lid, fixed] = state.fill.split(":"), c = colouring(), y = String(state.year);
    const key = state.fill === "none" ? "base" : lid + ":" + ((c && c.perYear ? state.choice : fixed) || "");
    state.view = window.wbComposeFrom(D.timeline, {layers: SHOWN.filter((l) => state.layers.has(l)), fills: {[y]: key}}, state.year);
  }
  function updateChoice() {
    const box = $("wb-series-box"), offered = choices(state.year), c = colouring(), per = !!(c && c.perYear);
    if (!offered.some(([s]) => s === state.choice)) state.choice = offered.length ? offered[0][0] : null;
    if (!box) return;
    $("wb-series").replaceChildren(...offered.map(([s, title]) => {
      const option = el("option", title);
      option.value = s;
      option.selected = s === state.choice;
      return option;
    }));
    box.hidden = !per || !offered.length;
    const note = per && c.notes ? c.notes[String(state.year)][state.choice || ""] : "";
    $("wb-series-years").textContent = offered.length ? note : "";
    $("wb-no-waves").hidden = !per || offered.length > 0;
    $("wb-no-waves").textContent = offered.length ? "" : note;
  }
  function draw() {  // the year's marks, fills and dots: the map's centre and zoom are never touched
    const ids = new Set(state.view.ids);
    Object.keys(marks).forEach((id) => marks[id].forEach((layer) => {
      if (!ids.has(id)) { holder(layer).removeLayer(layer); return; }
      layer.setStyle(styleOf(byId[id]));
      if (!holder(layer).hasLayer(layer)) holder(layer).addLayer(layer);
    }));
    countries.setStyle((f) => countryStyle(f.properties.iso_a2));
    dots.clearLayers();
    state.view.dots.forEach((f) => {
      const c = f.geometry.coordinates, p = f.properties;
      const dot = L.circleMarker([c[1], c[0]], Object.assign({}, D.dot, {fillColor: p.colour, pane: "wb-marks"}));
      dot.bindTooltip(p.tip, {sticky: true});  // escaped in Python, like the countries' tooltips
      dot.on("click", () => select(["country", p.iso_a2]));
      dots.addLayer(dot);
    });
  }
  function updateLegend() {
    const fill = state.fill === "none" ? [] : [D.legends[state.fill] ? state.fill : state.fill.split(":")[0]];
    const keys = fill.concat(SHOWN.filter((l) => state.layers.has(l)), ["confidence", "precision"]);
    $("wb-legend").innerHTML = keys.map((k) => D.legends[k] || "").join("");  // pre-rendered, escaped in Python
    const counts = D.countryLevel[String(state.year)] || {};  // records with no place of their own (Python counts)
    const level = SHOWN.filter((l) => state.layers.has(l)).reduce((n, l) => n + (counts[l] || 0), 0);
    $("wb-country-level").textContent = level ? fmt("legend.country_level", {count: level}) : "";
  }
  // Is a record among the year's records (its layer's timeline lists the ids drawn, and a place-less one is counted in
  // its profiles)? The rule itself is Python's (layers._layer.in_year); the page reads its results.
  const inProfile = (id, y) => Object.values(P.sections).some((years) => Object.values(years[y - Y0] || {})
    .some((ref) => P.sectionTable[ref][0].includes(id)));
  const shownIn = (r, y) => (D.timeline.marks[r.layer] && (D.timeline.marks[r.layer][String(y)] || [[]])[0].includes(r.id))
    || inProfile(r.id, y);

  function button(text, onClick, cls) {
    const b = el("button", text, cls || "wb-link");
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function list(box, ids, cls) {
    const ul = box.appendChild(el("ul", undefined, cls));
    ids.forEach((id) => ul.appendChild(el("li")).appendChild(button(byId[id].name, () => select(["record", id]))));
  }
  function recordPanel(box, r) {
    const y = state.year;
    if (!shownIn(r, y)) {
      box.appendChild(el("p", fmt("panel.not_in_year", {year: y, span: r.span}), "wb-note"));
      const shows = Array.from({length: D.years[1] - Y0 + 1}, (_, i) => Y0 + i).filter((year) => shownIn(r, year))
        .sort((a, b) => Math.abs(a - y) - Math.abs(b - y))[0];
      if (shows !== undefined) {  // as the app's panel offers it: the nearest year that shows it, its layer on
        box.appendChild(button(fmt("panel.show_in_year", {year: shows}), () => {
          state.year = shows;
          $("wb-year").value = String(shows);
          if (SHOWN.includes(r.layer)) { state.layers.add(r.layer); document.querySelector(`input[value="${r.layer}"]`).checked = true; }
          update();
        }, "wb-back"));
      }
    } else if (early(r)) box.appendChild(el("p", fmt("export.earlier_status", {year: y, before: r.statusBefore, now: r.statusNow, since: r.since}), "wb-note"));
    box.appendChild(el("div", undefined, "wb-panel-body")).appendChild(render.record(Object.assign({title: r.name}, r.view)));
    const here = (D.samePoint[r.id] || []).filter((id) => shownIn(byId[id], y));
    if (here.length) {  // their marks lie under each other: only the top one takes a click
      box.appendChild(el("p", fmt("panel.same_place", {year: y}), "wb-help"));
      list(box, here, "wb-list wb-here");
    }
    citation(box, r.name, fmt("cite.record", {id: r.id}));
    if (r.countries.length === 1 && D.countryNames[r.countries[0]]) {
      box.appendChild(button(fmt("export.back", {country: D.countryNames[r.countries[0]]}), () => select(["country", r.countries[0]]), "wb-back"));
    }
  }
  function countryPanel(box, code) {
    const y = state.year, blocks = P.blocks[code][y - Y0];
    box.appendChild(el("h3", fmt("profile.title", {country: D.countryNames[code], year: y})));
    Object.keys(blocks).sort((a, b) => (b === state.fill.split(":")[0]) - (a === state.fill.split(":")[0]))
      .forEach((lid) => {  // the colouring on the map first, under the click
        const [heading, none] = P.headings[lid], body = el("div");
        box.appendChild(el("h4", heading));
        if (blocks[lid] === null) body.appendChild(el("p", none.replace("{year}", y)));
        else body.innerHTML = P.snippets[blocks[lid]];  // built with the app's templates, escaped in Python
        box.appendChild(body);
      });
    Object.entries(P.sections[code][y - Y0]).forEach(([lid, ref]) => {
      const [ids, heading] = P.sectionTable[ref];
      const section = box.appendChild(el("details"));
      section.open = ids.length > 0 && P.open[lid];
      section.appendChild(el("summary", heading));
      if (!ids.length) section.appendChild(el("p", fmt("profile.none", {year: y}), "wb-help"));
      list(section, ids, "wb-list");
    });
    citation(box, D.countryNames[code], fmt("cite.profile", {year: y}));
  }
  function citation(box, name, what) {  // as the app's "Cite or share"; the link only where the page has a web address
    box.appendChild(el("h4", M["cite.title"]));
    const now = new Date(), two = (n) => String(n).padStart(2, "0");
    const accessed = now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());  // the reader's day
    const text = box.appendChild(el("p", fmt("cite.text", {name: name, what: what, work: M["cite.work"], accessed: accessed}), "wb-cite"));
    if (/^https?:$/.test(location.protocol)) {  // without any query the page was opened with (a tracker's, say)
      const a = el("a", location.origin + location.pathname + location.hash);
      a.href = a.textContent;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      text.append(" ", a);
    }
  }
  function showPanel() {
    writeLink();  // first: the citation's link is the address of what it cites
    const box = $("wb-panel");
    box.replaceChildren();
    if (state.notices.length) {  // what a link asked for and did not get, until the reader's next choice
      box.appendChild(el("p", fmt("permalink.notice", {details: state.notices.join("; ")}), "wb-note"));
      state.notices = [];
    }
    const [kind, key] = state.selected || [];
    if (kind === "record" && byId[key]) recordPanel(box, byId[key]);
    else if (kind === "country" && D.countryNames[key]) countryPanel(box, key);
    else {
      box.appendChild(el("p", M["panel.empty"], "wb-empty"));
      box.appendChild(el("h3", fmt("compare.title", {year: state.year})));
      box.appendChild(render.table(tables[state.year - Y0]));  // the view model the app's template renders too
      box.appendChild(el("p", tables[state.year - Y0].note, "wb-compare-note"));
    }
  }
  function ring() {  // a chosen record's point drawn inside a group of marks: a ring round the group, as in the app
    rings.clearLayers();
    const chosen = state.selected && state.selected[0] === "record" ? marks[state.selected[1]] || [] : [];
    window.wbGroupRings(cluster, chosen.filter((layer) => window.wbClusterOf(cluster, layer)), {pane: "wb-marks"})
      .forEach((r) => rings.addLayer(r));
  }
  map.on("zoomend", () => setTimeout(ring, 0));  // groups form and part as the reader zooms (drawn again first)

  // Links: the app's parameters in the address's #fragment (a static host passes no query to the page).
  const LINKED = D.layers.map((l) => l.id), FIRST = SHOWN.filter((l) => D.layers.find((x) => x.id === l).first)
    .concat(FILLS.filter((l) => l.first).map((l) => l.id));
  const OPTIONS = Array.from($("wb-fill").options, (o) => o.value);
  const fillParam = (lid) => D.colourings[lid] && D.colourings[lid].param;
  function readLink() {
    const params = new URLSearchParams(location.hash.slice(1)), value = (key) => {
      const v = params.getAll(key).pop();  // the last of repeated keys, as the app takes
      if (v === undefined) return null;
      if (v.length > 500) { state.notices.push(fmt("permalink.too_long", {param: key})); return null; }
      return v.trim();
    };
    const year = value("year");
    if (year !== null) {
      const digits = /^[0-9]+$/.test(year);
      if (digits && +year >= D.years[0] && +year <= D.years[1]) $("wb-year").value = String(+year);
      else state.notices.push(fmt(digits ? "permalink.bad_year" : "permalink.not_a_year", {value: year.slice(0, 40), low: D.years[0], high: D.years[1]}));
    }
    const layers = value("layers");
    showLayers(layers === null ? FIRST : layersIn(layers));  // no layers in a link: the page's first set
    const linkYear = Number($("wb-year").value);
    FILLS.forEach((l) => {  // each colouring's parameter (`dimension`, `series`), in the app's order
      const param = fillParam(l.id), v = param ? value(param) : null, c = D.colourings[l.id];
      if (v === null) return;
      const known = c.perYear ? c.values.includes(v) : OPTIONS.includes(l.id + ":" + v);
      if (!known) { state.notices.push(fmt("permalink.bad_" + param, {value: v.slice(0, 40)})); return; }
      if (!c.perYear && state.fill.startsWith(l.id + ":")) state.fill = l.id + ":" + v;
      if (c.perYear) {
        state.choice = v;
        if (!(c.choices[String(linkYear)] || []).some(([s]) => s === v)) state.pending = fmt("permalink." + param + "_not_in_year", {value: v.slice(0, 40), year: linkYear});
      }
    });
    $("wb-fill").value = state.fill;
    const country = value("country"), record = value("record");
    if (country !== null) {
      if (D.countryNames[country.toUpperCase()]) state.selected = ["country", country.toUpperCase()];
      else state.notices.push(fmt("permalink.bad_country", {value: country.slice(0, 20)}));
    }
    if (record !== null) {
      const id = [record, record.toUpperCase()].find((r) => Object.prototype.hasOwnProperty.call(byId, r));
      if (id !== undefined) state.selected = ["record", id];  // ids are upper case: a link in lower case still finds it
      else state.notices.push(fmt("permalink.bad_record", {value: record.slice(0, 40)}));
    }
    if (state.pending) { state.notices.push(state.pending); state.pending = null; }  // last, as the app adds it
  }
  function layersIn(text) {  // the app's rules: unknown ids and a second colouring are named and left out
    const wanted = text.split(",").map((part) => part.trim()).filter(Boolean);
    const unknown = wanted.filter((part) => !LINKED.includes(part)), known = Array.from(new Set(wanted.filter((part) => LINKED.includes(part))));
    if (unknown.length) {  // with nothing known left, the page's first set rather than an empty map
      const value = unknown.slice(0, 5).map((p) => p.slice(0, 30)).join(", ");
      state.notices.push(fmt(known.length ? "permalink.bad_layers" : "permalink.bad_layers_default", {value: value, count: unknown.length}));
      if (!known.length) return FIRST;
    }
    const fills = known.filter((part) => kinds[part] === "fill");
    if (fills.length > 1) state.notices.push(fmt("permalink.one_fill", {kept: fills[0]}));
    return known.filter((part) => !fills.slice(1).includes(part));
  }
  function showLayers(ids) {  // the switches and the colouring menu follow, so the page reads as the link says
    document.querySelectorAll("input[name=layer]").forEach((box) => { box.checked = ids.includes(box.value); });
    state.layers = new Set(SHOWN.filter((l) => ids.includes(l)));
    const fill = ids.find((l) => kinds[l] === "fill");
    if (fill !== state.fill.split(":")[0]) state.fill = fill ? OPTIONS.find((o) => o.split(":")[0] === fill) : "none";
  }
  function writeLink() {
    const params = new URLSearchParams({year: String(state.year)});
    const layers = SHOWN.filter((l) => state.layers.has(l)).concat(state.fill === "none" ? [] : [state.fill.split(":")[0]]);
    if (layers.join() !== FIRST.join()) params.set("layers", layers.join(","));  // short links for the first view
    const [lid, fixed] = state.fill.split(":"), c = D.colourings[lid], offered = choices(state.year);
    if (fixed && fixed !== OPTIONS.find((o) => o.startsWith(lid + ":")).split(":")[1]) params.set(c.param, fixed);
    if (c && c.perYear && state.choice && offered.length && state.choice !== offered[0][0]) params.set(c.param, state.choice);
    if (state.selected) params.set(state.selected[0], state.selected[1]);
    try {
      if (location.hash !== "#" + params.toString()) history.replaceState(null, "", "#" + params.toString());
    } catch (e) {  // a browser that limits how often the address may change, or a sandbox: the view matters more
    }
  }
  function select(selection) {
    const was = state.selected && byId[state.selected[1]];
    state.selected = selection;
    [was, byId[selection[1]]].forEach((r) => (r && marks[r.id] || []).forEach((layer) => layer.setStyle(styleOf(r))));
    countries.setStyle((f) => countryStyle(f.properties.iso_a2));
    showPanel();
    ring();
    $("wb-panel").scrollTop = 0;
    if (window.matchMedia("(max-width: 900px)").matches) $("wb-panel").scrollIntoView({block: "start"});  // stacked
  }
  function update() {
    state.year = Number($("wb-year").value);
    $("wb-year-out").textContent = String(state.year);
    updateChoice();
    composeView();
    draw();
    updateLegend();
    showPanel();
    ring();
  }
  $("wb-year").addEventListener("input", update);
  $("wb-fill").addEventListener("change", (e) => { state.fill = e.target.value; update(); });
  if ($("wb-series")) $("wb-series").addEventListener("change", (e) => { state.choice = e.target.value; update(); });
  document.querySelectorAll("input[name=layer]").forEach((box) => box.addEventListener("change", () => {
    if (box.checked) state.layers.add(box.value); else state.layers.delete(box.value);
    update();
  }));
  function openLink() { readLink(); update(); }  // the view the address names (the slider holds its year)
  openLink();
  window.addEventListener("hashchange", () => { state.selected = null; openLink(); });  // an embedding page's link

  // A small read-only hook for tests and embedding pages.
  window.wbExport = Object.freeze({
    year: () => state.year,
    visibleIds: () => Object.keys(marks).filter((id) => marks[id].some((layer) => holder(layer).hasLayer(layer))).sort(),
    view: () => { const c = map.getCenter(); return [c.lat, c.lng, map.getZoom()]; },
    point: (lat, lng) => { const p = map.latLngToContainerPoint([lat, lng]); return [p.x, p.y]; },
  });
})();
