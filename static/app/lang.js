// The page's lang attribute follows the dashboard's language (the title carries it): screen readers pronounce the
// page in it, and browsers hyphenate and offer translation by it. Streamlit's page says "en" whatever it shows.
(function () {
  "use strict";
  var marked = document.querySelectorAll("[data-wb-lang]");
  if (marked.length) document.documentElement.lang = marked[marked.length - 1].getAttribute("data-wb-lang");
})();
