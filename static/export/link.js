// The view a link names, for the static export (which reads its address's #fragment in the browser): the same rules
// as the app's layers/_permalink.py `parse`, giving the same value (year, layers, choices, country, record, notices).
// tests/test_frontend.py runs both on the same links and compares them. `spec`: years [low, high], layerIds, fillIds,
// countries, records (ids), choices ({param: allowed values}), languages (tags), filters (layers._filters.link_spec:
// the values each list filter takes) and maxText; `fmt(key, values)` words a notice.
(function (root) {
  "use strict";
  const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, MAX_PARAM = 500, DIGITS = /^[0-9]+$/;
  // Python's str.strip(): its whitespace, which is not quite JavaScript's trim() (\x1c-\x1f and \x85 in, \uFEFF out)
  const WS = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  const EDGES = new RegExp("^" + WS + "+|" + WS + "+$", "g"), strip = (text) => text.replace(EDGES, "");

  function readLink(query, spec, fmt) {
    const params = new URLSearchParams(query), state = {lang: null, year: null, since: null, layers: null, choices: {}, country: null, record: null, notices: []};
    const names = ["lang", "year", "since", "layers", ...Object.keys(spec.choices), "country", "record", ...Object.values(FILTERS)], raw = {};
    names.forEach((key) => {
      const all = params.getAll(key), value = all.length ? all[all.length - 1] : null;  // the last of repeated keys
      if (value !== null && value.length > MAX_PARAM) state.notices.push(fmt("permalink.too_long", {param: key}));
      raw[key] = value !== null && value.length > MAX_PARAM ? null : value;
    });
    if (raw.lang !== null) {  // a language the page speaks: "sr-latn" and "sr_Latn" read as "sr-Latn"
      const wanted = strip(raw.lang).replace(/_/g, "-").toLowerCase();
      state.lang = (spec.languages || []).find((tag) => tag.toLowerCase() === wanted) || null;
      if (state.lang === null) state.notices.push(fmt("permalink.bad_lang", {value: cut(raw.lang, 20)}));
    }
    state.year = readYear(raw.year, spec, fmt, state.notices);
    state.since = readYear(raw.since, spec, fmt, state.notices);
    if (raw.layers !== null) {
      const wanted = raw.layers.split(",").map(strip).filter(Boolean), known = (part) => spec.layerIds.includes(part);
      const unknown = wanted.filter((part) => !known(part));
      let found = Array.from(new Set(wanted.filter(known)));
      if (unknown.length) {  // with nothing known left, the default set rather than an empty map
        const value = unknown.slice(0, 5).map((part) => cut(part, 30)).join(", ");
        state.notices.push(fmt(found.length ? "permalink.bad_layers" : "permalink.bad_layers_default", {value: value, count: unknown.length}));
      }
      const fills = found.filter((part) => spec.fillIds.includes(part));
      if (fills.length > 1) {
        state.notices.push(fmt("permalink.one_fill", {kept: fills[0]}));
        found = found.filter((part) => !fills.slice(1).includes(part));
      }
      state.layers = found.length || !unknown.length ? found : null;
    }
    Object.keys(spec.choices).forEach((param) => {
      if (raw[param] === null) return;
      if (spec.choices[param].includes(strip(raw[param]))) state.choices[param] = strip(raw[param]);
      else state.notices.push(fmt("permalink.bad_" + param, {value: cut(raw[param], 40)}));
    });
    if (raw.country !== null) {
      const code = strip(raw.country).toUpperCase();
      if (spec.countries.includes(code)) state.country = code;
      else state.notices.push(fmt("permalink.bad_country", {value: cut(raw.country, 20)}));
    }
    state.filters = readFilters(raw, spec, fmt, state.notices);
    if (raw.record !== null) {  // ids are upper case: a link typed in lower case still finds its record
      const id = strip(raw.record), found = [id, id.toUpperCase()].find((r) => ID.test(r) && spec.records.includes(r));
      if (found !== undefined) state.record = found;
      else state.notices.push(fmt("permalink.bad_record", {value: cut(id, 40)}));
    }
    return state;
  }
  function readYear(value, spec, fmt, notices) {  // a year of the map's (`year`, `since`), or null with a notice
    if (value === null) return null;
    const text = strip(value), digits = DIGITS.test(text);
    if (digits && +text >= spec.years[0] && +text <= spec.years[1]) return +text;
    notices.push(fmt(digits ? "permalink.bad_year" : "permalink.not_a_year", {value: cut(text, 40), low: spec.years[0], high: spec.years[1]}));
    return null;
  }
  const cut = (text, n) => Array.from(text).slice(0, n).join("");  // by characters, as Python slices
  // layers._filters.PARAMS: each filter's link parameter, and which take a part of a name
  const FILTERS = {countries: "countries", kinds: "kind", company: "company", financier: "financier", statuses: "status",
                   confidence: "confidence"}, TEXT = ["company", "financier"];

  function readFilters(raw, spec, fmt, notices) {  // layers._filters.from_link
    const out = {countries: [], kinds: [], company: "", financier: "", statuses: [], confidence: []};
    Object.keys(FILTERS).forEach((name) => {
      const param = FILTERS[name], value = raw[param];
      if (value === null) return;
      if (TEXT.includes(name)) {
        const text = strip(value);
        if (Array.from(text).length > spec.maxText) notices.push(fmt("permalink.bad_text", {param: param, count: spec.maxText}));
        else out[name] = text;
        return;
      }
      let wanted = value.split(",").map(strip).filter(Boolean);
      if (name === "countries") wanted = wanted.map((part) => part.toUpperCase());
      const allowed = spec.filters[name], unknown = wanted.filter((part) => !allowed.includes(part));
      if (unknown.length) {
        notices.push(fmt("permalink.bad_filter", {param: param, value: unknown.slice(0, 5).map((p) => cut(p, 30)).join(", "), count: unknown.length}));
      }
      out[name] = Array.from(new Set(wanted.filter((part) => allowed.includes(part))));
    });
    return out;
  }

  root.wbReadLink = readLink;
  if (typeof module === "object" && module.exports) module.exports = readLink;
})(typeof window === "undefined" ? globalThis : window);
