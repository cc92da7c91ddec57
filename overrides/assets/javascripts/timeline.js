// The timeline across measures (overrides/plan/timeline.html). The page is built with "today"
// as the date its data shows, so two builds are identical; here the line and the date move to
// the reader's own day. The filters by field of action and neighbourhood keep their state in
// the address (?feld=…&quartier=…) so a filtered view can be shared; without JavaScript every
// measure is shown and the filters stay hidden.
(function () {
  "use strict";
  var DAY = 86400000;

  function moveToday(root) {
    var first = Date.parse(root.dataset.first + "T00:00:00Z");
    var end = Date.parse(root.dataset.last + "T00:00:00Z") + DAY;
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    var label = root.querySelector(".plan-gantt__today-date");
    if (label) {
      label.dateTime = new Date(today).toISOString().slice(0, 10);
      label.textContent = new Intl.DateTimeFormat(root.dataset.lang, { dateStyle: "long" }).format(now);
    }
    var inside = today >= first && today < end;
    var x = ((today - first) / (end - first)) * 1000;
    if (root.dataset.rtl === "true") x = 1000 - x;
    root.querySelectorAll(".plan-gantt__today").forEach(function (line) {
      line.setAttribute("x", (x - 1.5).toFixed(1));
      line.classList.toggle("plan-gantt__today--outside", !inside);
    });
  }

  function filters(root) {
    var form = root.querySelector(".plan-gantt__filters");
    if (!form) return;
    var field = form.elements.namedItem("feld");
    var quarter = form.elements.namedItem("quartier");
    var status = form.querySelector(".plan-gantt__count");
    var rows = root.querySelectorAll(".plan-gantt__row");
    var cells = root.querySelectorAll("tr[data-field]");
    var params = new URLSearchParams(window.location.search);
    [field, quarter].forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
    });

    function matches(element) {
      var quarters = element.dataset.quarters.split(" ");
      return (!field.value || element.dataset.field === field.value) && (!quarter.value || quarters.indexOf(quarter.value) >= 0);
    }

    function apply(remember) {
      var shown = 0;
      rows.forEach(function (row) {
        row.hidden = !matches(row);
        if (!row.hidden) shown += 1;
      });
      cells.forEach(function (row) {
        row.hidden = !matches(row);
      });
      status.textContent = status.dataset.template.replace("{shown}", shown).replace("{total}", rows.length);
      if (remember) {
        var query = new URLSearchParams(window.location.search);
        [field, quarter].forEach(function (select) {
          if (select.value) query.set(select.name, select.value);
          else query.delete(select.name);
        });
        var search = query.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }

    form.addEventListener("change", function () {
      apply(true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.hidden = false;
    apply(false);
  }

  document.querySelectorAll(".plan-gantt").forEach(function (root) {
    moveToday(root);
    filters(root);
  });
})();
