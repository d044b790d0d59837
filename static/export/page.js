// The static export's page. The map is drawn by the app's own map scripts (static/map/*.js) from the same data; every
// panel, profile, key and table is HTML the app's templates made (layers/_export.py). This script decodes the data,
// keeps the reader's choices, puts the matching pieces in place and keeps the address's #fragment in step.
(async function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  if (!window.DecompressionStream) { $("wb-panel").textContent = $("wb-data").dataset.old; return; }
  const packed = Uint8Array.from(atob($("wb-data").textContent), (c) => c.charCodeAt(0));
  const D = JSON.parse(await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"))).text());
  const M = D.messages, Y0 = D.years[0], R = D.records;
  const fmt = (key, values) => window.wbSay(M[key], values, D.lang);  // static/map/words.js
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const html = (markup) => Object.assign(el("div"), {innerHTML: markup});  // made by the app's templates, escaped there
  const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  const SHOWN = D.layers.filter((l) => l.kind !== "fill").map((l) => l.id), FILLS = D.layers.filter((l) => l.kind === "fill");
  const state = {year: D.year, fill: $("wb-fill").value, choice: null, selected: null, notices: [], view: null,
                 layers: new Set(Array.from(document.querySelectorAll("input[name=layer]:checked"), (b) => b.value)),
                 filters: null, sort: {column: null, up: true}, since: null};

  // The map, as the app's: its base and marks (window.wbBase, window.wbMarks) drawn by its own functions.
  window.wbBase = D.base;
  window.wbMarks = D.marks;
  window.wbHost = () => null;  // no app to report to: clicks come to `wbPicked`
  window.wbPicked = (kind, id) => select([kind, id], false);
  const map = window.map = L.map("wb-map", Object.assign({zoomSnap: D.view.zoomSnap}, D.view));
  map.attributionControl.setPrefix("Leaflet");  // plain text: the page links nowhere but to the data's sources
  map.attributionControl.addAttribution(D.attribution);  // escaped in Python: Leaflet shows it as HTML
  L.control.scale().addTo(map);
  window.wbBaseLayers(map, D.base, D.styles.focus, D.styles.neighbour);
  map.fitBounds(window.wbCountries.getBounds(), {padding: [12, 12], animate: false});  // whatever size it is embedded at
  const group = window.wbGroup = L.featureGroup().addTo(map);

  const colouring = () => D.colourings[state.fill.split(":")[0]];
  const choices = (y) => { const c = colouring(); return c && c.perYear ? c.choices[String(y)] || [] : []; };
  function updateChoice() {  // a colouring with choices of its own each year (the year's survey series)
    const offered = choices(state.year), c = colouring(), per = !!(c && c.perYear);
    if (!offered.some(([s]) => s === state.choice)) state.choice = offered.length ? offered[0][0] : null;
    if (!$("wb-series-box")) return;
    $("wb-series").replaceChildren(...offered.map(([s, title]) => Object.assign(el("option", title), {value: s, selected: s === state.choice})));
    $("wb-series-box").hidden = !per || !offered.length;
    const note = per && c.notes ? c.notes[String(state.year)][state.choice || ""] : "";
    $("wb-series-years").textContent = offered.length ? note : "";
    $("wb-no-waves").hidden = !per || offered.length > 0;
    $("wb-no-waves").textContent = offered.length ? "" : note;
  }
  // The filters (static/export/filters.js, the app's rule): they choose the marks, the table and its count.
  const LISTS = ["countries", "kinds", "statuses", "confidence"], TEXTS = ["company", "financier"];
  function readFilters() {
    const out = {};
    LISTS.forEach((name) => { out[name] = Array.from(document.querySelectorAll(`input[name=${name}]:checked`), (b) => b.value); });
    TEXTS.forEach((name) => { out[name] = $("wb-" + name).value.trim(); });
    return out;
  }
  function showFilters(filters) {  // a link's filters, put in the controls
    LISTS.forEach((name) => document.querySelectorAll(`input[name=${name}]`).forEach((b) => { b.checked = filters[name].includes(b.value); }));
    TEXTS.forEach((name) => { $("wb-" + name).value = filters[name]; });
    state.filters = readFilters();
  }
  state.filters = readFilters();
  const kept = (id) => window.wbFilters.keeps(D.rows[id], state.filters, state.year);
  const inYear = (row) => row.from !== null && row.from <= state.year && (row.to === null || state.year <= row.to);
  function viewRows() {  // the records the view shows, as the app's table and downloads hold them (layers/_downloads.py)
    const [lid] = state.fill.split(":"), on = (l) => state.layers.has(l) || (l === lid && state.fill !== "none");
    const picks = D.rowsBy[lid] ? state.choice : null;  // a colouring whose choice picks rows: a poll's series
    return Object.keys(D.rows).filter((id) => {
      const row = D.rows[id];
      return on(row.layer) && inYear(row) && (!D.rowsBy[row.layer] || row.pick === picks) && kept(id);
    });
  }
  // Two years compared (static/export/changes.js, the app's rule): the map draws what changed, the table lists it.
  const pair = () => [Math.min(state.since, state.year), Math.max(state.since, state.year)];
  function changed() {
    const [first, second] = pair(), [lid] = state.fill.split(":");
    const layers = SHOWN.filter((l) => state.layers.has(l) && l !== lid);
    return window.wbChanges.changes(D.rows, first, second, layers, state.filters);
  }
  function changeText(c) {
    const r = D.rows[c.id], words = D.table.statusWords;
    if (c.kind === "status") return fmt("changes.status", {before: words[c.before], after: words[c.after]});
    return fmt("changes." + c.kind, {year: c.kind === "ended" ? r.to : r.from});
  }
  function showChanges() {
    const [first, second] = pair(), found = changed();
    $("wb-table-title").textContent = fmt("changes.title", {first: first, second: second});
    const status = D.table.columns.findIndex((c) => c[0] === "status") + 1;
    const rows = found.map((c) => {
      const row = [c.id].concat(D.table.cells[c.id]);
      if (D.rows[c.id].status !== null) row[status] = D.table.statusWords[c.after] || "";
      return [c.id, changeText(c)].concat(row.slice(1));
    });
    const number = new Intl.NumberFormat(D.dateLocale, {minimumFractionDigits: 1, maximumFractionDigits: 1});
    window.wbDrawTable($("wb-table-box"), [["change", M["table.change"]]].concat(D.table.columns), rows,
                       {lang: D.lang, number: (v) => number.format(v), sort: state.sort});
    $("wb-filtered").textContent = fmt("changes.records", {count: rows.length}) + (rows.length ? "" : " " + M["changes.none"]);
    const countries = $("wb-country-changes");
    const byCountry = D.countryChanges[first + "-" + second] || {}, codes = Object.keys(byCountry)
      .filter((code) => !state.filters.countries.length || state.filters.countries.includes(code));  // a country filter
    countries.replaceChildren(el("h3", M["changes.countries"]), ...codes.map((code) => html(byCountry[code])),
                              el("p", M["changes.poll_note"], "wb-help"));
    return found;
  }
  function showTable() {
    const count = LISTS.concat(TEXTS).filter((n) => state.filters[n].length).length;
    $("wb-filters-title").textContent = count ? fmt("filter.title_on", {count: count}) : M["filter.title"];
    if (state.since !== null) return;  // the changes are listed (showChanges, with the map's marks)
    $("wb-country-changes").replaceChildren();
    const ids = viewRows(), on = window.wbFilters.active(state.filters);
    $("wb-table-title").textContent = fmt("table.title", {count: ids.length});
    $("wb-filtered").textContent = on ? fmt("filter.on", {filters: describe()}) : "";
    const number = new Intl.NumberFormat(D.dateLocale, {minimumFractionDigits: 1, maximumFractionDigits: 1});
    const status = D.table.columns.findIndex((c) => c[0] === "status") + 1;
    const rows = ids.map((id) => {
      const row = [id].concat(D.table.cells[id]), r = D.rows[id];
      if (r.status !== null) row[status] = D.table.statusWords[window.wbFilters.statusIn(r, state.year)] || "";
      return row;
    });
    window.wbDrawTable($("wb-table-box"), D.table.columns, rows, {lang: D.lang, number: (v) => number.format(v), sort: state.sort});
  }
  function describe() {  // the filters that are on, in a line, as the app says it (layers._filters.describe)
    const label = (name, value) => { const box = document.querySelector(`input[name=${name}][value="${CSS.escape(value)}"]`);
      return box ? box.parentNode.textContent.trim() : value; };
    const parts = [];
    ["countries", "kinds"].forEach((name) => state.filters[name].forEach((v) => parts.push(label(name, v))));
    TEXTS.forEach((name) => { if (state.filters[name]) parts.push("“" + state.filters[name] + "”"); });
    ["statuses", "confidence"].forEach((name) => state.filters[name].forEach((v) => parts.push(label(name, v))));
    return parts.join(" · ");
  }
  function showYear() {  // the year's view, composed as the app's map composes a year picked on it (map/compose.js)
    const [lid, fixed] = state.fill.split(":"), c = colouring(), y = String(state.year);
    const key = state.fill === "none" ? "base" : lid + ":" + ((c && c.perYear ? state.choice : fixed) || "");
    const choice = {layers: SHOWN.filter((l) => state.layers.has(l)), fills: {[y]: key}};
    if (window.wbFilters.active(state.filters)) choice.keep = {[y]: Object.keys(D.rows).filter(kept)};
    state.view = window.wbComposeFrom(D.timeline, choice, state.year);
    if (state.since !== null) {  // the marks of what changed (layers._changes.changes_plan)
      const marks = new Set(D.layers.filter((l) => l.kind === "marks").map((l) => l.id)), ids = [], early = [];
      showChanges().forEach((c) => {
        const r = D.rows[c.id], last = window.wbChanges.lastStatus(r, c);
        if (!marks.has(c.layer) || !r.placed) return;
        ids.push(c.id);
        if (last && last !== r.status) early.push(c.id);
      });
      state.view.ids = ids;
      state.view.early = early;
    }
    window.wbShow(group, state.view);
    const fill = state.fill === "none" ? [] : [D.legends[state.fill] ? state.fill : lid];
    $("wb-legend").innerHTML = fill.concat(SHOWN.filter((l) => state.layers.has(l)), ["confidence", "precision"])
      .map((k) => D.legends[k] || "").join("");  // made by the app's legend template
    const counts = D.countryLevel[y] || {};  // records with no place of their own (Python counts them; filtered, here)
    const level = !window.wbFilters.active(state.filters) ? SHOWN.filter((l) => state.layers.has(l)).reduce((n, l) => n + (counts[l] || 0), 0)
      : Object.keys(D.rows).filter((id) => { const r = D.rows[id]; return counts[r.layer] !== undefined && state.layers.has(r.layer) && !r.placed && inYear(r) && kept(id); }).length;
    $("wb-country-level").textContent = state.since !== null ? fmt("changes.map_note", {first: pair()[0], second: pair()[1]})
      : level ? fmt("legend.country_level", {count: level}) : "";
  }

  const button = (text, onClick, cls) => {
    const b = Object.assign(el("button", text, cls), {type: "button"});
    b.addEventListener("click", onClick);
    return b;
  };
  const list = (ids, cls) => {  // buttons that open records (the panel's click handler reads data-record)
    const ul = el("ul", undefined, cls);
    ids.forEach((id) => { ul.appendChild(el("li")).appendChild(el("button", R[id].name, "wb-link")).dataset.record = id; });
    return ul;
  };
  function recordPanel(box, id) {
    const r = R[id], y = state.year, shows = r.shows[y - Y0];
    if (shows !== y) {  // the app's note and its offer of the nearest year that shows it, its layer on
      box.append(el("p", fmt("panel.not_in_year", {year: y, span: r.span}), "wb-note"));
      if (shows !== null) box.append(button(fmt("panel.show_in_year", {year: shows}), () => {
        $("wb-year").value = String(shows);
        document.querySelector(`input[name=layer][value="${r.layer}"]`).checked = true;
        state.layers.add(r.layer);
        update();
      }, "wb-back"));
    } else if (state.view.early.includes(id)) {
      box.append(el("p", fmt("export.earlier_status", {year: y, before: r.statusBefore, now: r.statusNow, since: r.since}), "wb-note"));
    }
    box.append(html(D.panels[id]));
    const here = (D.samePoint[id] || []).filter((other) => R[other].shows[y - Y0] === y);
    if (here.length) {  // their marks lie under each other: only the top one takes a click
      box.append(el("p", fmt("panel.same_place", {year: y}), "wb-help"), list(here, "wb-list wb-here"));
    }
    citation(box, r.name, fmt("cite.record", {id: id}));
    const home = r.countries.length === 1 && r.countries[0];
    if (D.countryNames[home]) box.append(button(fmt("export.back", {country: D.countryNames[home]}), () => select(["country", home], true), "wb-back"));
  }
  function countryPanel(box, code) {
    const profile = html(D.profiles[code][state.year - Y0]), first = profile.querySelector(`[data-layer="${state.fill.split(":")[0]}"]`);
    if (first) first.parentNode.prepend(first);  // the colouring on the map first, under the click
    box.append(profile);
    citation(box, D.countryNames[code], fmt("cite.profile", {year: state.year}));
  }
  function citation(box, name, what) {  // as the app's "Cite or share"; the link only where the page has a web address
    const now = new Date();
    // the reader's day, as the page's language writes a date (the app's Babel "long" format, from the same CLDR data)
    const accessed = now.toLocaleDateString(D.dateLocale, {year: "numeric", month: "long", day: "numeric"});
    const text = el("p", fmt("cite.text", {name: name, what: what, work: M["cite.work"], accessed: accessed}), "wb-cite");
    if (/^https?:$/.test(location.protocol)) {  // without any query the page was opened with (a tracker's, say)
      const address = location.origin + location.pathname + location.hash;
      text.append(" ", Object.assign(el("a", address), {href: address, target: "_blank", rel: "noopener noreferrer"}));
      if (navigator.clipboard) {  // a copy-link button beside it (the clipboard needs a web page: https or localhost)
        const copy = button(M["cite.copy_button"], () => navigator.clipboard.writeText(address).then(
          () => { copy.textContent = M["cite.copied"]; }, () => {}), "wb-copy");
        box.append(el("h3", M["cite.title"]), text, copy);
        return;
      }
    }
    box.append(el("h3", M["cite.title"]), text);
  }
  function showPanel() {
    writeLink();  // first: the citation's link is the address of what it cites
    const box = $("wb-panel"), [kind, key] = state.selected || [];
    box.replaceChildren();
    if (state.notices.length) {  // what a link asked for and did not get, until the reader's next choice
      box.append(el("p", fmt("permalink.notice", {details: state.notices.join("; ")}), "wb-note"));
      state.notices = [];
    }
    if (kind === "record" && has(R, key)) recordPanel(box, key);
    else if (kind === "country" && has(D.countryNames, key)) countryPanel(box, key);
    else box.append(el("p", M["panel.empty"], "wb-empty"), html(D.compare[state.year - Y0]));
  }
  $("wb-panel").addEventListener("click", (e) => {
    const b = e.target.closest("button[data-record]");
    if (b) select(["record", b.dataset.record], true);
  });

  // Links: the app's parameters in the address's #fragment (a static host passes no query to the page), read by the
  // app's rules (export/link.js, checked against layers/_permalink.py): bad values are named and left out.
  const FIRST = SHOWN.filter((l) => D.layers.find((x) => x.id === l).first).concat(FILLS.filter((l) => l.first).map((l) => l.id));
  const OPTIONS = Array.from($("wb-fill").options, (o) => o.value);
  function readLink() {
    const link = window.wbReadLink(location.hash.slice(1), D.link, fmt);
    if (link.lang && link.lang !== D.lang) return speak(link.lang);  // another language's page, with the same link
    state.notices = link.notices;
    if (link.year !== null) $("wb-year").value = String(link.year);
    $("wb-compare").checked = link.since !== null;
    if (link.since !== null) $("wb-since").value = String(link.since);
    showLayers(link.layers === null ? FIRST : link.layers);  // none in the link: the page's first set
    FILLS.forEach((l) => {  // each colouring's choice (`dimension`, `series`); one the year does not offer is named
      const c = D.colourings[l.id], v = c.param && link.choices[c.param], year = $("wb-year").value;
      if (!v) return;
      if (!c.perYear && state.fill.startsWith(l.id + ":")) state.fill = l.id + ":" + v;
      if (c.perYear) state.choice = v;
      if (c.perYear && !(c.choices[year] || []).some(([s]) => s === v)) state.notices.push(fmt(`permalink.${c.param}_not_in_year`, {value: v, year: year}));
    });
    $("wb-fill").value = state.fill;
    showFilters(link.filters);
    state.selected = link.record ? ["record", link.record] : link.country ? ["country", link.country] : null;
  }
  function showLayers(ids) {  // the switches and the colouring menu follow, so the page reads as the link says
    document.querySelectorAll("input[name=layer]").forEach((box) => { box.checked = ids.includes(box.value); });
    state.layers = new Set(SHOWN.filter((l) => ids.includes(l)));
    const fill = ids.find((l) => FILLS.some((f) => f.id === l));
    if (fill !== state.fill.split(":")[0]) state.fill = fill ? OPTIONS.find((o) => o.split(":")[0] === fill) : "none";
  }
  function writeLink() {
    const params = new URLSearchParams(D.lang === "en" ? {} : {lang: D.lang}), [lid, fixed] = state.fill.split(":"), c = D.colourings[lid];
    params.set("year", String(state.year));
    if (state.since !== null) params.set("since", String(state.since));
    const layers = SHOWN.filter((l) => state.layers.has(l)).concat(state.fill === "none" ? [] : [lid]);
    if (layers.join() !== FIRST.join()) params.set("layers", layers.join(","));  // short links for the first view
    if (fixed && fixed !== OPTIONS.find((o) => o.startsWith(lid + ":")).split(":")[1]) params.set(c.param, fixed);
    const offered = choices(state.year);
    if (c && c.perYear && state.choice && offered.length && state.choice !== offered[0][0]) params.set(c.param, state.choice);
    // the filters, by the app's link parameters (layers._filters.PARAMS)
    const FILTER_PARAMS = {countries: "countries", kinds: "kind", company: "company", financier: "financier", statuses: "status", confidence: "confidence"};
    Object.keys(FILTER_PARAMS).forEach((name) => {
      const value = state.filters[name];
      if (value.length) params.set(FILTER_PARAMS[name], Array.isArray(value) ? value.join(",") : value);
    });
    if (state.selected) params.set(state.selected[0], state.selected[1]);
    try {
      if (location.hash !== "#" + params) history.replaceState(null, "", "#" + params);
    } catch (e) {  // a browser that limits how often the address may change, or a sandbox: the view matters more
    }
  }

  function select(selection, fromPage) {  // marked on the map as the app marks it; from the page: brought into view
    state.selected = selection;
    window.wbSelect(selection[0], selection[1], fromPage);
    showPanel();
    $("wb-panel").scrollTop = 0;
    if (window.matchMedia("(max-width: 900px)").matches) $("wb-panel").scrollIntoView({block: "start"});  // stacked
  }
  function update() {
    state.year = Number($("wb-year").value);
    $("wb-year-out").textContent = String(state.year);
    $("wb-since-box").hidden = !$("wb-compare").checked;
    $("wb-since-out").textContent = $("wb-since").value;
    state.since = $("wb-compare").checked && Number($("wb-since").value) !== state.year ? Number($("wb-since").value) : null;
    updateChoice();
    showYear();  // (the selection stays marked: map/draw.js's wbShow marks it again)
    showTable();
    showPanel();
  }
  $("wb-year").addEventListener("input", update);
  $("wb-since").addEventListener("input", update);
  $("wb-compare").addEventListener("change", update);
  $("wb-filters").addEventListener("change", () => { state.filters = readFilters(); update(); });
  TEXTS.forEach((name) => $("wb-" + name).addEventListener("input", () => { state.filters = readFilters(); update(); }));
  $("wb-clear").addEventListener("click", () => { showFilters({countries: [], kinds: [], company: "", financier: "", statuses: [], confidence: []}); update(); });
  $("wb-table-box").addEventListener("click", (e) => {
    const b = e.target.closest("button[data-record]");
    if (b) select(["record", b.dataset.record], true);
  });
  $("wb-fill").addEventListener("change", (e) => { state.fill = e.target.value; update(); });
  if ($("wb-series")) $("wb-series").addEventListener("change", (e) => { state.choice = e.target.value; update(); });
  document.querySelectorAll("input[name=layer]").forEach((box) => box.addEventListener("change", () => {
    if (box.checked) state.layers.add(box.value); else state.layers.delete(box.value);
    update();
  }));
  // Each language is a page of its own (index.html in English, index.<lang>.html): choosing one opens it with this
  // view's link, whose `lang` it then matches.
  function speak(lang) {
    const params = new URLSearchParams(location.hash.slice(1));
    params.set("lang", lang);
    location.replace(D.pages[lang] + "#" + params);
    return true;
  }
  $("wb-lang").addEventListener("change", (e) => { writeLink(); speak(e.target.value); });
  function openLink() {  // the view the address names (the slider holds its year), brought into view
    if (readLink() === true) return;
    update();
    window.wbSelect(...(state.selected || [null, null]), true);
  }
  openLink();
  window.addEventListener("hashchange", openLink);  // an embedding page's link

  // A small read-only hook for tests and embedding pages.
  window.wbExport = Object.freeze({
    year: () => state.year,
    visibleIds: () => Object.keys(window.wbDrawn || {}).sort(),
    view: () => { const c = map.getCenter(); return [c.lat, c.lng, map.getZoom()]; },
    point: (lat, lng) => { const p = map.latLngToContainerPoint([lat, lng]); return [p.x, p.y]; },
  });
})();
