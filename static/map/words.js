// A message a Python module gave the page (window.wbText, the export's messages), filled: {name} placeholders from
// `values`. One that takes a count comes as its forms by CLDR plural category ({one: …, few: …, other: …}); the
// browser's own Intl.PluralRules for the page's language picks the form, as Babel's rules did for the same count.
(function (root) {
  "use strict";
  function say(message, values, lang) {
    values = values || {};
    if (message && typeof message === "object") {
      const category = new Intl.PluralRules(lang || "en").select(Number(values.count));
      message = message[category] || message.other;
    }
    return String(message === undefined || message === null ? "" : message)
      .replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }
  root.wbSay = say;
  if (typeof module === "object" && module.exports) module.exports = say;
})(typeof window === "undefined" ? globalThis : window);
