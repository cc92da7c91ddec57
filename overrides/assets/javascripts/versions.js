// In a published version: shows the banner "a newer version exists" when versions.json (written
// by mike at the root of the site) names another version as the newest adopted one ("latest").
(function () {
  "use strict";
  var banner = document.querySelector("[data-plan-outdated]");
  if (!banner || !window.fetch) return;
  var current = banner.getAttribute("data-version");
  fetch(new URL(banner.getAttribute("data-versions"), window.location.href).href)
    .then(function (response) { return response.ok ? response.json() : []; })
    .then(function (versions) {
      var latest = versions.filter(function (v) { return v.aliases.indexOf("latest") >= 0; })[0];
      if (latest && latest.version !== current) banner.hidden = false;
    })
    .catch(function () { /* no versions.json (a local preview): nothing to say */ });
})();
