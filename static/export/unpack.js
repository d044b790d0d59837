// The inverse of layers/_pack.py: a list led by a negative number is an object (its keys are keys[-1 - n]), a
// non-negative integer is a shared string, anything else is itself.
(function (root) {
  "use strict";
  function unpack(data) {
    const keys = data.keys, strings = data.strings;
    function one(value) {
      if (typeof value === "number") return strings[value];
      if (!Array.isArray(value)) return value;
      if (value.length && typeof value[0] === "number" && value[0] < 0) {
        const out = {}, names = keys[-1 - value[0]];
        names.forEach((name, i) => { out[name] = one(value[i + 1]); });
        return out;
      }
      return value.map(one);
    }
    return data.values.map(one);
  }
  root.wbUnpack = unpack;
  if (typeof module === "object" && module.exports) module.exports = unpack;
})(typeof window === "object" ? window : globalThis);
