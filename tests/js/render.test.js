// The export's renderer (static/export/render.js) turns the panel's view model into elements: text stays text,
// links go only to http(s) addresses, in a new tab told nothing.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const renderer = require("../../static/export/render.js");

function make(tag, text, cls) {  // a stand-in for document.createElement: enough of an element to read back
  const node = {tag, text: text === undefined ? "" : String(text), cls: cls || "", children: []};
  node.appendChild = (child) => { node.children.push(child); return child; };
  return node;
}
const textOf = (node) => node.text + node.children.map(textOf).join("");
const find = (node, tag) => [node].concat(...node.children.map((c) => find(c, tag))).filter((n) => n.tag === tag);
const WORDS = {basis: "Rests on", figures: "Figures", confidence: "Confidence", location: "Location",
               coord_source: "Coordinates from", notes: "Notes", sources: "Sources", primary: "primary source"};
const VIEW = {
  title: "<script>alert(1)</script> Stanari", note: null,
  facts: [{label: "Country", value: ["Bosnia and Herzegovina"], basis: null},
          {label: "In AidData's GCDF 3.0", value: [["project 42189", "https://china.aiddata.org/projects/42189"]], basis: null},
          {label: "Status", value: ["operating"], basis: [["a", "javascript:alert(1)"]]}],
  figures: [{amount: "EUR 350 million", label: "loan", as_of: "", published: "published 2012-06-20",
             source: {url: "http://uk.reuters.com/x", publisher: "Reuters", host: "uk.reuters.com"}, confidence: "confirmed",
             notes: ""}],
  confidence: {word: "confirmed", meaning: "read in the cited source"},
  location: {word: "approximate", meaning: "near the site", coord_source: ["GEM ", ["https://gem.wiki/S", "https://gem.wiki/S"]]},
  notes: "<img src=x onerror=alert(1)>",
  sources: [{url: "http://uk.reuters.com/x", publisher: "Reuters", host: "", published: "published 2012-06-20", note: null, primary: true},
            {url: "", publisher: "a copy", host: "", published: "undated", note: "what it adds", primary: false}],
};

test("a record's panel holds its facts, figures, location, notes and sources, in that order", () => {
  const box = renderer(make, WORDS).record(VIEW);
  const text = textOf(box);
  assert.ok(text.startsWith("<script>alert(1)</script> Stanari"));  // the title, as text
  const order = ["Country", "Figures", "EUR 350 million", "Confidence:", "Location:", "Notes:", "Sources", "primary source"];
  const at = order.map((word) => text.indexOf(word));
  assert.ok(at.every((i) => i >= 0) && at.every((i, k) => k === 0 || i > at[k - 1]), JSON.stringify(at));
  assert.ok(text.includes("<img src=x onerror=alert(1)>"));  // data is text: the page sets it with textContent
  assert.ok(text.includes("a copy, undated: what it adds"));
});

test("links go only to http(s) addresses and open in a new tab told nothing", () => {
  const links = find(renderer(make, WORDS).record(VIEW), "a");
  assert.deepEqual(links.map((a) => a.href), ["https://china.aiddata.org/projects/42189", "http://uk.reuters.com/x",
                                             "https://gem.wiki/S", "http://uk.reuters.com/x"]);
  assert.ok(links.every((a) => a.target === "_blank" && a.rel === "noopener noreferrer nofollow"));
});

test("a source names the site its link leads to, once", () => {
  const small = find(renderer(make, WORDS).record(VIEW), "small").filter((n) => n.cls === "wb-host");
  assert.deepEqual(small.map((n) => n.text), ["(uk.reuters.com)"]);
});
