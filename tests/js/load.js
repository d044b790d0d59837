// Loads a front-end file written for the browser (it assigns to `window`) into a fresh context for a test, with the
// globals it needs (a stand-in for Leaflet's `L`, say): node's own vm, no test library.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const STATIC = path.join(__dirname, "..", "..", "static");

function load(files, globals = {}) {
  const window = Object.assign({}, globals.window || {});
  const context = vm.createContext(Object.assign({console, setTimeout, clearTimeout, performance}, globals, {window}));
  context.globalThis = context;
  for (const file of [].concat(files)) {
    vm.runInContext(fs.readFileSync(path.join(STATIC, file), "utf8"), context, {filename: file});
  }
  return context.window;
}

module.exports = {load, STATIC};
