// static/map/words.js: a message filled, its plural form picked by the browser's rules for the page's language.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {load} = require("./load.js");

const say = load("map/words.js").wbSay;

test("placeholders are filled; one with no value is left as it is", () => {
  assert.equal(say("{year}: {count} records", {year: 2016, count: 3}), "2016: 3 records");
  assert.equal(say("unknown {value}", {}), "unknown {value}");
  assert.equal(say(undefined, {}), "");
});

test("a count picks its plural form by each language's CLDR rule", () => {
  const forms = {one: "one", few: "few", other: "other"};
  const pick = (lang, counts) => counts.map((n) => say(forms, {count: n}, lang));
  assert.deepEqual(pick("en", [1, 2, 21]), ["one", "other", "other"]);
  assert.deepEqual(pick("sr-Latn", [1, 2, 5, 11, 21, 22, 111]), ["one", "few", "other", "other", "one", "few", "other"]);
  assert.deepEqual(pick("sr-Cyrl", [1, 4, 14]), ["one", "few", "other"]);
  assert.deepEqual(pick("mk", [1, 2, 11, 21]), ["one", "other", "other", "one"]);
  assert.deepEqual(pick("sq", [1, 2, 21]), ["one", "other", "other"]);
  assert.equal(say({one: "one", other: "other"}, {count: 3}, "sr-Latn"), "other");  // a form it lacks: "other"
});
