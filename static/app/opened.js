// A record or country the app opened (the search, a button in the panel, a row of the records' table): the reader is
// taken to its title, and the keyboard's focus with them, instead of staying where they chose it (a profile's button
// is far below the title it opens); on a phone, where the sidebar lies over the page, the sidebar folds away after a
// pick in its search. A map click opens details too but leaves the reader on the map (a phone's "Details ↓" button
// leads on). The page's first view, from its link, is read from the top.
// The panel marks what it shows with a token new with each opening (data-wb-opened) and its title (data-wb-title).
// The page loads this script once, with its title (app.py), so it watches the page for a new mark itself.
(function () {
  "use strict";
  if (window.wbOpenedWatch) return;
  window.wbOpenedWatch = true;
  var seen;  // the mark last acted on (the first one, the link's view, only noted)

  function latest() {
    var marks = document.querySelectorAll("[data-wb-opened]");
    return marks.length ? marks[marks.length - 1] : null;
  }
  function focusTitle(heading) {  // the opened title, with the focus; null while it is not on the page yet
    var title = Array.prototype.find.call(document.querySelectorAll("h2.wb-title"), function (h) {
      return h.textContent === heading;
    });
    if (!title) return null;
    title.setAttribute("tabindex", "-1");
    title.focus({preventScroll: true});
    return title;
  }
  function open(key, heading) {
    var sidebar = document.querySelector('[data-testid="stSidebar"]'), wait = 0;
    if (sidebar && sidebar.getAttribute("data-collapsed") === "false" && window.matchMedia("(max-width: 640px)").matches) {
      var fold = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (fold) { fold.click(); wait = 500; }  // the focus, after the sidebar (which held it) has folded away
    }
    var tries = 0;
    setTimeout(function first() {  // the panel may draw the title a while after its mark
      if (seen !== key) return;  // something else was opened meanwhile
      var title = focusTitle(heading);
      if (!title) { if (++tries < 200) setTimeout(first, 50); return; }
      title.scrollIntoView({block: "start"});
      var checks = 0, hold = setInterval(function () {
        // the runs that follow may draw the panel again, and the focus falls to the page: to the new title, then
        if (seen === key && document.activeElement === document.body) focusTitle(heading);
        if (++checks >= 15) clearInterval(hold);
      }, 200);
    }, wait);
  }
  function check() {
    var mark = latest();
    if (!mark) return;
    var key = mark.getAttribute("data-wb-opened");
    if (key === seen) return;
    var first = seen === undefined;
    seen = key;
    if (!first && key) open(key, mark.getAttribute("data-wb-title"));
  }
  check();
  new MutationObserver(check).observe(document.body, {subtree: true, childList: true, attributes: true,
                                                       attributeFilter: ["data-wb-opened"]});
})();
