// The filter and sort order of the measures on /massnahmen/ (overrides/plan/finder.html).
// Without this script the form stays hidden and every measure shows. The state lives in the
// address (?status=verzoegert&quartier=nordstadt&sortierung=faellig), so a filtered list can be shared.
(function () {
  "use strict";
  var root = document.querySelector("[data-finder]");
  if (!root) return;
  var form = root.querySelector("[data-finder-form]");
  var list = root.querySelector("[data-finder-list]");
  var count = root.querySelector("[data-finder-count]");
  var items = Array.prototype.slice.call(list.children);
  var names = ["status", "feld", "quartier", "federfuehrend", "sortierung"];

  function value(name) {
    return form.elements.namedItem(name).value;
  }

  function shows(item) {
    var d = item.dataset;
    var quarter = value("quartier");
    return (
      (!value("status") || d.status === value("status")) &&
      (!value("feld") || d.field === value("feld")) &&
      (!quarter || d.quarters.split(" ").some(function (q) { return q === quarter || q === "alle"; })) &&
      (!value("federfuehrend") || d.lead === value("federfuehrend"))
    );
  }

  function compare(a, b) {
    var order = value("sortierung");
    if (order === "faellig") {
      var x = a.item.dataset.due, y = b.item.dataset.due;  // "2027-12": text order is date order
      if (x !== y) return !x ? 1 : !y ? -1 : x < y ? -1 : 1;
    } else if (order === "fortschritt") {
      var p = Number(a.item.dataset.progress) - Number(b.item.dataset.progress);
      if (p) return p;
    }
    return a.index - b.index;  // the plan's own order (by number) breaks ties
  }

  function apply() {
    var shown = 0;
    items
      .map(function (item, index) { return { item: item, index: index }; })
      .sort(compare)
      .forEach(function (entry) {
        entry.item.hidden = !shows(entry.item);
        if (!entry.item.hidden) shown += 1;
        list.appendChild(entry.item);
      });
    count.textContent = count.dataset.template
      .replace("{shown}", String(shown))
      .replace("{total}", String(items.length));
    var params = new URLSearchParams(location.search);
    names.forEach(function (name) {
      if (value(name)) params.set(name, value(name));
      else params.delete(name);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  var params = new URLSearchParams(location.search);
  names.forEach(function (name) {
    var select = form.elements.namedItem(name);
    var wanted = params.get(name);
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
    if (wanted && known) select.value = wanted;
  });
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  root.querySelector("[data-finder-reset]").addEventListener("click", function () {
    names.forEach(function (name) { form.elements.namedItem(name).value = ""; });
    apply();
  });
  apply();
})();
