// Events marked past or upcoming by the reader's clock: a static, reproducible build cannot know
// the reader's day, so every date is printed and this script adds the state
// (overrides/plan/events.html, start.html). Without it nothing claims to be upcoming.
(function () {
  "use strict";
  var now = Date.now();
  var lists = document.querySelectorAll("[data-event-list]");
  Array.prototype.forEach.call(lists, function (list) {
    var events = Array.prototype.slice.call(list.querySelectorAll("[data-event-end]"));
    var next = null;
    events.forEach(function (event) {
      var past = Date.parse(event.dataset.eventEnd) < now;
      if (!past && next === null) next = event;
      event.classList.toggle("plan-event--past", past);
      var state = event.querySelector("[data-event-state]");
      state.textContent = past ? state.dataset.past : event === next ? state.dataset.next : state.dataset.upcoming;
      state.hidden = false;
      var calendar = event.querySelector(".plan-event__calendar");
      if (calendar) calendar.hidden = past;  // no "add to calendar" for what is over
      if (past && list.hasAttribute("data-hide-past")) event.hidden = true;
    });
    if (next) next.classList.add("plan-event--next");
    var none = list.parentNode.querySelector("[data-event-none]");
    if (none) none.hidden = next !== null;
  });
})();
