// The page's lang attribute follows the dashboard's language (the title carries it): screen readers pronounce the
// page in it, and browsers hyphenate and offer translation by it. Streamlit's page says "en" whatever it shows.
// Streamlit runs this script when the title first appears, not when it changes: so it watches the title itself, once.
(function () {
  "use strict";
  function follow() {
    var marked = document.querySelectorAll("[data-wb-lang]");
    if (marked.length) document.documentElement.lang = marked[marked.length - 1].getAttribute("data-wb-lang");
  }
  follow();
  if (window.wbLangWatch) return;
  window.wbLangWatch = true;
  new MutationObserver(follow).observe(document.body, {subtree: true, childList: true, attributes: true,
                                                       attributeFilter: ["data-wb-lang"]});
})();
