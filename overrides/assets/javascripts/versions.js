// In a published version: shows the banner "a newer version exists" when versions.json (written
// by mike at the root of the site) names a newer version as the newest adopted one ("latest").
(function () {
  "use strict";
  var banner = document.querySelector("[data-plan-outdated]");
  if (!banner || !window.fetch) return;
  var current = banner.getAttribute("data-version");
  fetch(new URL(banner.getAttribute("data-versions"), window.location.href).href)
    .then(function (response) { return response.ok ? response.json() : []; })
    .then(function (versions) {
      // mike lists the newest version first: only a version after "latest" in the list is older
      var names = versions.map(function (v) { return v.version; });
      var latest = versions.filter(function (v) { return v.aliases.indexOf("latest") >= 0; })[0];
      if (latest && names.indexOf(current) > names.indexOf(latest.version)) banner.hidden = false;
    })
    .catch(function () { /* no versions.json (a local preview): nothing to say */ });
})();
