// The text a reader sees in a document (its innerText, which only rendered text has), without what the page marks as
// the records' own words: elements in English (lang="en", other than the page itself) and names (translate="no").
(() => {
  const hidden = [];
  document.querySelectorAll('[lang="en"]:not(html), [translate="no"], script, style, noscript').forEach((el) => {
    hidden.push([el, el.style.getPropertyValue("display"), el.style.getPropertyPriority("display")]);
    el.style.setProperty("display", "none", "important");
  });
  const text = document.body ? document.body.innerText : "";
  hidden.forEach(([el, value, priority]) => {
    if (value) el.style.setProperty("display", value, priority); else el.style.removeProperty("display");
  });
  return text;
})()
