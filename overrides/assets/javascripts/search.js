// Starts Pagefind's search interface on the search page (the only page with #plan-search)
// and runs the query handed over by the header's search form (?q=…).
(function () {
  "use strict";
  var box = document.getElementById("plan-search");
  if (!box) return;
  var bundle = box.getAttribute("data-bundle");
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = bundle + "pagefind-ui.css";
  document.head.appendChild(style);
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    var ui = new window.PagefindUI({
      element: "#plan-search",
      bundlePath: bundle,
      // result links relative to where the site lives (e.g. /integration/ on GitHub Pages)
      baseUrl: new URL(bundle + "../", window.location.href).pathname,
      showImages: false,
      showSubResults: true,
      resetStyles: false,
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  };
  document.head.appendChild(script);
})();
