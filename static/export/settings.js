// The page's words and settings (layers/_frontend.py settings_data), read from its JSON block before the other
// scripts run: the export has no inline script, so a Content-Security-Policy of scripts from files only holds
// (docs/deploy.md).
(function () {
  "use strict";
  var block = document.getElementById("wb-settings");
  var settings = block ? JSON.parse(block.textContent) : {text: {}, narrowSteps: []};
  window.wbText = Object.assign(window.wbText || {}, settings.text);
  window.wbNarrowSteps = settings.narrowSteps;
})();
