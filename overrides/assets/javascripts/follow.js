// The "copy code" buttons beside a measure's embed snippets (overrides/plan/follow.html).
// Without JavaScript the buttons stay hidden and the code is selected by hand in its field.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-plan-copy]");
  if (!buttons.length) return;
  var status = document.querySelector(".plan-embed__status");
  function say(key) {
    if (status) status.textContent = status.getAttribute(key) || "";
  }
  function fallback(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }
  Array.prototype.forEach.call(buttons, function (button) {
    var field = document.getElementById(button.getAttribute("data-plan-copy"));
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(
          function () { say("data-copied"); },
          function () { say(fallback(field) ? "data-copied" : "data-failed"); }
        );
      } else {
        say(fallback(field) ? "data-copied" : "data-failed");
      }
    });
  });
})();
