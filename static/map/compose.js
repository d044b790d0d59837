// Any year's view from the timeline's parts that the reader's choice names (layers._timeline.timeline and
// choice_keys): the fill of the year's choice, and the marks and dots of the layers shown. The app's map composes
// a year picked on its own year control with it; the static export composes every view with it.
window.wbComposeFrom = function (tl, choice, year) {
  var y = String(year);
  var view = {fills: [], ids: [], early: [], dots: []};
  var deref = function (refs) {
    var out = {};
    Object.keys(refs).forEach(function (code) { out[code] = tl.table[refs[code]]; });
    return out;
  };
  var fill = tl.fills[choice.fills[y]] || {}, refs = fill[y] || fill["*"];
  if (refs) { view.fills.push([deref(refs[0]), deref(refs[1])]); }
  choice.layers.forEach(function (lid) {
    var marks = tl.marks[lid] && tl.marks[lid][y], dots = tl.dots[lid] && tl.dots[lid][y];
    if (marks) { view.ids = view.ids.concat(marks[0]); view.early = view.early.concat(marks[1]); }
    if (dots) { view.dots = view.dots.concat(dots); }
  });
  // the reader's filters keep some marks (the app's `keep`, layers._filters.marks_kept: by year, or "*" for all)
  var keep = choice.keep && (choice.keep[y] || choice.keep["*"]);
  if (keep) {
    var kept = Object.create(null);
    keep.forEach(function (id) { kept[id] = true; });
    view.ids = view.ids.filter(function (id) { return kept[id]; });
    view.early = view.early.filter(function (id) { return kept[id]; });
  }
  return view;
};
window.wbCompose = function (year) {
  return window.wbComposeFrom(window.wbTimeline, window.wbChoice, year);
};
