(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("wb-data").textContent);
  const M = D.messages, F = D.fills, Y0 = D.years[0];
  const byId = {}, views = window.wbUnpack(D.views);  // each record's panel (static/export/unpack.js), in order
  D.records.forEach((r, i) => { byId[r.id] = r; r.view = views[i]; });
  // Records drawn on one point (to ~1 m, as layers._details.shared_points finds them): only the top mark takes a click.
  const atPoint = {}, pointKey = ([lat, lng]) => lat.toFixed(5) + "," + lng.toFixed(5);
  D.records.forEach((r) => (r.points || []).forEach((p) => { (atPoint[pointKey(p)] = atPoint[pointKey(p)] || []).push(r.id); }));
  function sharing(r) {
    const ids = new Set();
    (r.points || []).forEach((p) => atPoint[pointKey(p)].forEach((id) => { if (id !== r.id) ids.add(id); }));
    return D.records.filter((o) => ids.has(o.id));  // in file order
  }
  // The app's one year rule (layers._layer.in_year): year_from <= Y and (year_to empty or Y <= year_to).
  const inYear = (r, y) => r.from !== null && r.from <= y && (r.to === null || y <= r.to);
  const fmt = (key, values) => ((values && values.count === 1 && M[key + ".one"]) || M[key])  // a count of 1: singular
    .replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const tip = (title, lines, italic) => {  // tooltips are built from text nodes: data never becomes markup here
    const box = el("div");
    box.appendChild(el("b", title));
    lines.forEach((line) => { box.appendChild(el("br")); box.appendChild(el("span", line)); });
    if (italic) { box.appendChild(el("br")); box.appendChild(el("i", italic)); }
    return box;
  };
  const render = window.wbRenderer(el, D.words);  // static/export/render.js
  const state = {year: D.year, fill: document.getElementById("wb-fill").value, series: null, selected: null, notices: [],
                 layers: new Set(Array.from(document.querySelectorAll("input[name=layer]:checked"), (b) => b.value))};

  const map = L.map("wb-map", {center: D.view.center, zoom: D.view.zoom, zoomSnap: D.view.zoomSnap, minZoom: D.view.minZoom,
                                  maxZoom: 13});
  map.attributionControl.setPrefix("Leaflet");  // plain text: the page links nowhere but to the data's sources
  map.attributionControl.addAttribution(D.attribution);  // escaped in Python: Leaflet shows it as HTML
  L.control.scale().addTo(map);
  ["wb-labels", "wb-lines", "wb-points", "wb-marks"].forEach((name, i) => {
    const pane = map.createPane(name);
    pane.style.zIndex = 450 + 10 * i;
    pane.style.pointerEvents = "none";  // each pane's svg would otherwise swallow clicks meant for the panes below
  });

  L.geoJSON(D.base.neighbours, {style: D.styles.neighbour, interactive: false}).addTo(map);
  const countries = L.geoJSON(D.base.focus, {
    style: (f) => countryStyle(f.properties.iso_a2),
    onEachFeature: (f, layer) => {
      const code = f.properties.iso_a2;
      layer.bindTooltip(() => countryTip(code), {sticky: true});
      layer.on("click", () => select(["country", code]));
      layer.on("mouseover", () => layer.setStyle({weight: 2.8, color: "#222"}));
      layer.on("mouseout", () => layer.setStyle(countryStyle(code)));
    },
  }).addTo(map);
  // Frame the six countries in whatever size the page is embedded at (the app's fixed view suits its 600 px map).
  map.fitBounds(countries.getBounds(), {padding: [12, 12], animate: false});
  D.base.labels.forEach((d) => {  // as the app's map draws them (layers._map.map_labels)
    if (d.dot) L.circleMarker([d.lat, d.lng], {pane: "wb-labels", radius: d.dot, color: "#555", weight: 1, fillColor: "#555",
                                               fillOpacity: 1, interactive: false}).addTo(map);
  });
  window.wbTownLabels(map, D.base, (d, text, at) => L.marker([d.lat, d.lng], {
    pane: "wb-labels", interactive: false, keyboard: false,
    icon: L.divIcon({className: "wb-icon", html: el("div", text, "wb-label " + at.css), iconSize: [d.w, 16], iconAnchor: at.anchor}),
  }).addTo(map));

  const before = (r) => r.since !== undefined && state.year < r.since;  // its status that year was an earlier one
  const isSelected = (r) => state.selected !== null && state.selected[0] === "record" && state.selected[1] === r.id;
  const styleOf = (r) => Object.assign({}, before(r) ? r.styleBefore : r.style,
                                       isSelected(r) ? {weight: r.lines ? 8 : 3.5, color: r.lines ? r.style.color : "#000"} : {});
  const marks = {};
  const cluster = window.wbClusterGroup().addTo(map);  // points grouped where they would overlap (map/cluster.js)
  const holder = (layer) => (layer.getLatLng ? cluster : map);  // lines stay on the map itself
  D.records.forEach((r) => {
    if (!r.points && !r.lines) return;
    const parts = (r.lines ? [L.polyline(r.lines, Object.assign({pane: "wb-lines"}, r.style))] : [])
      .concat((r.points || []).map((p) => L.circleMarker(p, Object.assign({pane: "wb-points"}, r.style))));
    parts.forEach((layer) => {
      layer.bindTooltip(() => tip(r.name, [before(r) ? r.tipBefore : r.tip]), {sticky: true});
      layer.on("click", () => select(["record", r.id]));
      layer.on("mouseover", () => layer.setStyle({weight: r.lines ? 8 : 3}));
      layer.on("mouseout", () => layer.setStyle(styleOf(r)));
    });
    marks[r.id] = parts;
  });
  const vaccineMarks = L.layerGroup().addTo(map);

  function fillOf(code) {  // {colour, tip lines} for the chosen country colours, null = no data, undefined = no fill
    const y = state.year, [kind, dim] = state.fill.split(":");
    if (kind === "diplomacy") {
      const row = F.diplomacy.find((r) => r.country === code && inYear(r, y));
      if (!row) return null;
      const [colour, text] = F.palettes[dim][row.values[dim]];
      return {colour: colour, lines: [F.dimensions[dim] + ": " + text]};
    }
    if (kind === "sentiment") {
      const waves = F.sentiment.filter((w) => w.country === code && w.series === state.series && inYear(w, y));
      if (!waves.length) return null;
      return {colour: waves.length === 1 ? waves[0].colour : F.disagree, lines: [waves.map((w) => w.figure).join(" or ")],
              italic: waves[0].question};
    }
    return undefined;
  }
  function countryStyle(code) {
    const fill = fillOf(code);
    if (fill === undefined) return D.styles.focus;
    return {fillColor: fill ? fill.colour : F.noData, fillOpacity: 0.8, color: "#5d574b", weight: 1.4,
            dashArray: fill ? null : "3 4"};  // no data: grey with a dashed border, as in the app
  }
  function countryTip(code) {
    const fill = fillOf(code);
    if (fill === null && state.fill === "sentiment") return tip(D.countryNames[code] + " " + state.year, [M["tip.no_poll"]]);
    if (!fill) return tip(D.countryNames[code], [M["export.country_tip"]]);
    return tip(D.countryNames[code] + " " + state.year, fill.lines, fill.italic);
  }

  function seriesOf(y) {  // survey waves fielded in the year, most countries first (as in the app)
    const counts = {}, titles = {};
    F.sentiment.filter((w) => inYear(w, y)).forEach((w) => {
      (counts[w.series] = counts[w.series] || new Set()).add(w.country);
      if (!(w.series in titles)) titles[w.series] = w.title;
    });
    return Object.keys(counts).sort((a, b) => counts[b].size - counts[a].size || (a < b ? -1 : a > b ? 1 : 0))
      .map((s) => [s, titles[s]]);
  }
  function updateSeries() {
    const box = document.getElementById("wb-series-box"), select = document.getElementById("wb-series");
    const waves = seriesOf(state.year), on = state.fill === "sentiment";
    if (!waves.some(([s]) => s === state.series)) state.series = waves.length ? waves[0][0] : null;
    select.replaceChildren(...waves.map(([s, title]) => {
      const option = el("option", title);
      option.value = s;
      option.selected = s === state.series;
      return option;
    }));
    box.hidden = !on || !waves.length;
    const none = document.getElementById("wb-no-waves");
    none.hidden = !on || waves.length > 0;
    none.textContent = fmt("control.no_waves", {year: state.year, years: F.pollYears[""]});
    document.getElementById("wb-series-years").textContent =
      state.series ? fmt("control.series_years", {years: F.pollYears[state.series]}) : "";
  }

  function updateVaccines() {
    vaccineMarks.clearLayers();
    if (!state.layers.has("vaccines")) return;
    const byCountry = {};
    D.records.filter((r) => r.layer === "vaccines" && r.mode !== "eu_grant" && inYear(r, state.year))
      .forEach((r) => (byCountry[r.countries.join(";")] = byCountry[r.countries.join(";")] || []).push(r));
    Object.keys(byCountry).sort().forEach((code) => {
      if (!D.base.vaccineAt[code]) return;
      const rows = byCountry[code], chinese = rows.some((r) => r.mode !== "none");
      const mark = L.circleMarker(D.base.vaccineAt[code], {pane: "wb-marks", radius: 9, color: "#5c4400", weight: 2,
                                                          fillColor: chinese ? F.vaccine : "#ffffff", fillOpacity: 0.95});
      mark.bindTooltip(() => tip(D.countryNames[code] + " " + state.year, rows.map((r) => r.name)), {sticky: true});
      mark.on("click", () => select(["country", code]));
      vaccineMarks.addLayer(mark);
    });
  }

  function updateLegend() {
    const layers = D.markLayers.concat(["vaccines"]).filter((l) => state.layers.has(l));
    const keys = [state.fill].filter((k) => k !== "none").concat(layers, ["confidence", "precision"]);
    const box = document.getElementById("wb-legend");
    box.innerHTML = keys.map((k) => D.legends[k]).join("");  // pre-rendered and escaped in Python (legend_html)
    const level = D.records.filter((r) => !marks[r.id] && r.layer !== "vaccines" && state.layers.has(r.layer)
                                   && inYear(r, state.year)).length;  // records with no place of their own
    document.getElementById("wb-country-level").textContent = level ? fmt("legend.country_level", {count: level}) : "";
  }

  function span(r) {  // a record's years in words, as layers._find.years_label gives them to the app's panel
    if (r.to === null) return fmt("panel.span_open", {start: r.from});
    return r.from === r.to ? String(r.from) : r.from + "–" + r.to;
  }
  function showInYear(r, year) {  // the year that shows a record, with its layer on (the app's "Show it on the map")
    state.year = year;
    document.getElementById("wb-year").value = String(year);
    if (POINT_LAYERS.includes(r.layer) && !state.layers.has(r.layer)) {
      state.layers.add(r.layer);
      document.querySelector(`input[name=layer][value="${r.layer}"]`).checked = true;
    }
    update();
  }
  function recordPanel(box, r) {
    const y = state.year;
    if (!inYear(r, y)) {
      box.appendChild(el("p", fmt("panel.not_in_year", {year: y, span: span(r)}), "wb-note"));
      const shows = Math.min(Math.max(y, r.from === null ? D.years[0] : r.from), r.to === null ? D.years[1] : r.to);
      if (shows >= D.years[0] && shows <= D.years[1] && inYear(r, shows)) {  // as the app's panel offers it
        const go = box.appendChild(el("button", fmt("panel.show_in_year", {year: shows}), "wb-back"));
        go.type = "button";
        go.addEventListener("click", () => showInYear(r, shows));
      }
    }
    else if (before(r)) box.appendChild(el("p", fmt("export.earlier_status", {year: y, before: r.statusBefore, now: r.statusNow, since: r.since}), "wb-note"));
    const body = box.appendChild(el("div", undefined, "wb-panel-body"));
    body.appendChild(render.record(Object.assign({title: r.name}, r.view)));  // the view model Python built
    const here = sharing(r).filter((o) => inYear(o, y));
    if (here.length) {  // their marks lie under each other: only the top one takes a click
      box.appendChild(el("p", fmt("panel.same_place", {year: y}), "wb-help"));
      const list = box.appendChild(el("ul", undefined, "wb-list wb-here"));
      here.forEach((o) => {
        const button = el("button", o.name, "wb-link");
        button.type = "button";
        button.addEventListener("click", () => select(["record", o.id]));
        list.appendChild(el("li")).appendChild(button);
      });
    }
    citation(box, r.name, fmt("cite.record", {id: r.id}));
    if (r.countries.length === 1 && D.countryNames[r.countries[0]]) {
      const back = el("button", fmt("export.back", {country: D.countryNames[r.countries[0]]}), "wb-back");
      back.type = "button";
      back.addEventListener("click", () => select(["country", r.countries[0]]));
      box.appendChild(back);
    }
  }
  function countryPanel(box, code) {
    const y = state.year, snippet = (i) => { const d = el("div"); d.innerHTML = F.snippets[i]; return d; };
    box.appendChild(el("h3", fmt("profile.title", {country: D.countryNames[code], year: y})));
    const status = F.status[code][y - Y0], poll = F.latestPoll[code][y - Y0];
    const blocks = [[M["profile.status"], status !== null ? snippet(status) : el("p", fmt("profile.no_status", {year: y}))],
                    [M["profile.sentiment"], poll !== null ? snippet(poll) : el("p", fmt("profile.no_sentiment", {year: y}))]];
    if (state.fill === "sentiment") blocks.reverse();  // coloured by a poll: its figures first, under the click
    blocks.forEach(([heading, body]) => { box.appendChild(el("h4", heading)); box.appendChild(body); });
    D.profileLayers.forEach(([layerId, key]) => {
      const items = D.records.filter((r) => r.layer === layerId && r.countries.includes(code) && inYear(r, y));
      const section = el("details");
      section.open = items.length > 0 && layerId !== "events";
      const count = layerId === "surveillance" && items.length  // not every one is Chinese: how many are, as in the app
        ? fmt("profile.deployments_count", {count: items.length, chinese: items.filter((r) => r.chinese).length}) : items.length;
      section.appendChild(el("summary", M[key] + " (" + count + ")"));
      if (!items.length) section.appendChild(el("p", fmt("profile.none", {year: y}), "wb-help"));
      const list = el("ul", undefined, "wb-list");
      items.forEach((r) => {
        const button = el("button", r.name, "wb-link");
        button.type = "button";
        button.addEventListener("click", () => select(["record", r.id]));
        list.appendChild(el("li")).appendChild(button);
      });
      section.appendChild(list);
      box.appendChild(section);
    });
  }
  function citation(box, name, what) {  // as the app's "Cite or share"; the link only where the page has a web address
    box.appendChild(el("h4", M["cite.title"]));
    const now = new Date(), two = (n) => String(n).padStart(2, "0");
    const accessed = now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());  // the reader's day
    const text = box.appendChild(el("p", fmt("cite.text", {name: name, what: what, work: M["cite.work"], accessed: accessed}),
                                    "wb-cite"));
    if (/^https?:$/.test(location.protocol)) {  // without any query the page was opened with (a tracker's, say)
      const address = location.origin + location.pathname + location.hash, a = el("a", address);
      a.href = address;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      text.append(" ", a);
    }
  }
  function showPanel() {
    writeLink();  // first: the citation's link is the address of what it cites
    const box = document.getElementById("wb-panel");
    box.replaceChildren();
    if (state.notices.length) {  // what a link asked for and did not get, until the reader's next choice
      box.appendChild(el("p", fmt("permalink.notice", {details: state.notices.join("; ")}), "wb-note"));
      state.notices = [];
    }
    const [kind, key] = state.selected || [];
    if (kind === "record" && byId[key]) recordPanel(box, byId[key]);
    else if (kind === "country" && D.countryNames[key]) {
      countryPanel(box, key);
      citation(box, D.countryNames[key], fmt("cite.profile", {year: state.year}));
    } else {
      box.appendChild(el("p", M["panel.empty"], "wb-empty"));
      box.appendChild(el("h3", fmt("compare.title", {year: state.year})));
      box.appendChild(el("div")).innerHTML = D.compare[state.year - Y0];  // pre-rendered in Python (comparison_html)
      box.appendChild(el("p", fmt("compare.note", {year: state.year}), "wb-compare-note"));
    }
  }
  // A link into the page opens a view, as the app's links do, in the address's #fragment (a static host passes no
  // query to the page): year, layers, dimension, series, and a country or a record for the panel; so an article can
  // embed the map open at one project in one year. Whatever is not valid is named in a notice and left out; the address follows the reader.
  function readLink() {
    const params = new URLSearchParams(location.hash.slice(1)), value = (key) => {
      const v = params.getAll(key).pop();  // the last of repeated keys, as the app takes
      if (v === undefined) return null;
      if (v.length > 500) { state.notices.push(fmt("permalink.too_long", {param: key})); return null; }
      return v.trim();
    };
    // read in the app's order (layers._permalink), so that notices come in the same order
    const year = value("year"), layers = value("layers"), dimension = value("dimension"), series = value("series");
    const country = value("country"), record = value("record");
    if (year !== null) {
      const slider = document.getElementById("wb-year");
      const digits = /^[0-9]+$/.test(year);
      if (digits && +year >= D.years[0] && +year <= D.years[1]) slider.value = String(+year);
      else state.notices.push(fmt(digits ? "permalink.bad_year" : "permalink.not_a_year",
                                  {value: year.slice(0, 40), low: D.years[0], high: D.years[1]}));
    }
    showLayers(layers === null ? DEFAULT_LAYERS : layersIn(layers));  // no layers in a link: the page's first set
    if (dimension !== null && !DIMENSIONS.includes(dimension)) state.notices.push(fmt("permalink.bad_dimension", {value: dimension.slice(0, 30)}));
    if (state.fill.startsWith("diplomacy:")) {  // no dimension in a link: the first, as the app writes its links
      state.fill = "diplomacy:" + (DIMENSIONS.includes(dimension) ? dimension : DIMENSIONS[0]);
      document.getElementById("wb-fill").value = state.fill;
    }
    const known = series !== null && F.sentiment.some((w) => w.series === series);
    if (series !== null && !known) state.notices.push(fmt("permalink.bad_series", {value: series.slice(0, 40)}));
    state.series = known ? series : null;  // none: the year's first series (updateSeries)
    const linkYear = Number(document.getElementById("wb-year").value);
    if (country !== null) {
      if (D.countryNames[country.toUpperCase()]) state.selected = ["country", country.toUpperCase()];
      else state.notices.push(fmt("permalink.bad_country", {value: country.slice(0, 20)}));
    }
    if (record !== null) {
      const id = [record, record.toUpperCase()].find((r) => Object.prototype.hasOwnProperty.call(byId, r));
      if (id !== undefined) state.selected = ["record", id];  // ids are upper case: a link in lower case still finds it
      else state.notices.push(fmt("permalink.bad_record", {value: record.slice(0, 40)}));
    }
    if (known && !seriesOf(linkYear).some(([s]) => s === series)) {  // last, as the app adds it
      state.notices.push(fmt("permalink.series_not_in_year", {value: series.slice(0, 40), year: linkYear}));
    }
  }
  // Layers in a link as the app writes them (layers._permalink): the point layers shown, then the one country
  // colouring; its diplomatic status (`dimension`) or survey series (`series`) only where not the first.
  const POINT_LAYERS = D.markLayers.concat(["vaccines"]), LAYER_IDS = POINT_LAYERS.concat(D.fillLayers);
  const DIMENSIONS = Array.from(document.getElementById("wb-fill").options, (o) => o.value)
    .filter((v) => v.startsWith("diplomacy:")).map((v) => v.split(":")[1]);  // the default first
  function shownLayers() {
    const fill = state.fill === "none" ? [] : [state.fill.split(":")[0]];
    return POINT_LAYERS.filter((l) => state.layers.has(l)).concat(fill);
  }
  // The page's first set, from its markup (a reload may have restored other choices into the controls).
  const DEFAULT_LAYERS = POINT_LAYERS.filter((l) => document.querySelector(`input[name=layer][value="${l}"]`).defaultChecked)
    .concat(Array.from(document.getElementById("wb-fill").options).filter((o) => o.defaultSelected && o.value !== "none")
    .map((o) => o.value.split(":")[0]));
  function layersIn(text) {  // the app's rules: unknown ids and a second colouring are named and left out
    const wanted = text.split(",").map((part) => part.trim()).filter(Boolean);
    const unknown = wanted.filter((part) => !LAYER_IDS.includes(part));
    const known = Array.from(new Set(wanted.filter((part) => LAYER_IDS.includes(part))));
    if (unknown.length) {  // with nothing known left, the page's first set rather than an empty map
      const value = unknown.slice(0, 5).map((p) => p.slice(0, 30)).join(", ");
      state.notices.push(fmt(known.length ? "permalink.bad_layers" : "permalink.bad_layers_default",
                             {value: value, count: unknown.length}));
      if (!known.length) return DEFAULT_LAYERS;
    }
    const fills = known.filter((part) => D.fillLayers.includes(part));
    if (fills.length > 1) state.notices.push(fmt("permalink.one_fill", {kept: fills[0]}));
    return known.filter((part) => !fills.slice(1).includes(part));
  }
  function showLayers(ids) {  // the switches and the colouring menu follow, so the page reads as the link says
    document.querySelectorAll("input[name=layer]").forEach((box) => { box.checked = ids.includes(box.value); });
    state.layers = new Set(POINT_LAYERS.filter((l) => ids.includes(l)));
    const fill = ids.find((l) => D.fillLayers.includes(l));
    if (fill !== state.fill.split(":")[0]) state.fill = fill === "diplomacy" ? "diplomacy:" + DIMENSIONS[0] : fill || "none";
    document.getElementById("wb-fill").value = state.fill;
  }
  function writeLink() {
    const params = new URLSearchParams({year: String(state.year)}), layers = shownLayers();
    if (layers.join() !== DEFAULT_LAYERS.join()) params.set("layers", layers.join(","));  // short links for the first view
    const [kind, dimension] = state.fill.split(":"), waves = seriesOf(state.year);
    if (kind === "diplomacy" && dimension !== DIMENSIONS[0]) params.set("dimension", dimension);
    if (kind === "sentiment" && state.series && waves.length && state.series !== waves[0][0]) params.set("series", state.series);
    if (state.selected) params.set(state.selected[0], state.selected[1]);
    const hash = "#" + params.toString();
    try {
      if (location.hash !== hash) history.replaceState(null, "", hash);
    } catch (e) {  // a browser that limits how often the address may change, or a sandbox: the view matters more
    }
  }
  function select(selection) {
    const was = state.selected && byId[state.selected[1]];
    state.selected = selection;
    [was, byId[selection[1]]].forEach((r) => (r && marks[r.id] || []).forEach((layer) => layer.setStyle(styleOf(r))));
    showPanel();
    ring();
    const panel = document.getElementById("wb-panel");
    panel.scrollTop = 0;
    if (window.matchMedia("(max-width: 900px)").matches) panel.scrollIntoView({block: "start"});  // stacked: panel is below
  }

  const rings = L.layerGroup().addTo(map);
  function ring() {  // a chosen record's point drawn inside a group of marks: a ring round the group, as in the app
    rings.clearLayers();
    const chosen = state.selected && state.selected[0] === "record" ? marks[state.selected[1]] || [] : [];
    window.wbGroupRings(cluster, chosen.filter((layer) => window.wbClusterOf(cluster, layer)), {pane: "wb-marks"})
      .forEach((r) => rings.addLayer(r));
  }
  map.on("zoomend", () => setTimeout(ring, 0));  // groups form and part as the reader zooms (drawn again first)
  function update() {  // redraws content only: the map's centre and zoom are never touched
    const y = state.year;
    document.getElementById("wb-year-out").textContent = String(y);
    updateSeries();
    D.records.forEach((r) => {
      const shown = state.layers.has(r.layer) && inYear(r, y);
      (marks[r.id] || []).forEach((layer) => {
        if (!shown) { holder(layer).removeLayer(layer); return; }
        layer.setStyle(styleOf(r));
        if (!holder(layer).hasLayer(layer)) holder(layer).addLayer(layer);
      });
    });
    countries.setStyle((f) => countryStyle(f.properties.iso_a2));
    updateVaccines();
    updateLegend();
    showPanel();
    ring();
  }

  document.getElementById("wb-year").addEventListener("input", (e) => { state.year = Number(e.target.value); update(); });
  document.getElementById("wb-fill").addEventListener("change", (e) => { state.fill = e.target.value; update(); });
  document.getElementById("wb-series").addEventListener("change", (e) => { state.series = e.target.value; update(); });
  document.querySelectorAll("input[name=layer]").forEach((box) => box.addEventListener("change", () => {
    if (box.checked) state.layers.add(box.value); else state.layers.delete(box.value);
    update();
  }));
  function openLink() {  // the view the address names (the slider holds its year, or the one a reload kept)
    readLink();
    state.year = Number(document.getElementById("wb-year").value);
    update();
  }
  openLink();
  window.addEventListener("hashchange", () => {  // a new link into the page already open (an embedding page's, say)
    state.selected = null;
    openLink();
  });

  // A small read-only hook for tests and embedding pages.
  window.wbExport = Object.freeze({
    year: () => state.year,
    visibleIds: () => Object.keys(marks).filter((id) => marks[id].some((layer) => holder(layer).hasLayer(layer))).sort(),
    view: () => { const c = map.getCenter(); return [c.lat, c.lng, map.getZoom()]; },
    point: (lat, lng) => { const p = map.latLngToContainerPoint([lat, lng]); return [p.x, p.y]; },
  });
})();
