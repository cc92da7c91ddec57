// Tables that scroll inside their own box (Material wraps each table in .md-typeset__scrollwrap):
// where a table is wider than its box, the box becomes a keyboard-focusable region named after
// the table's caption, and a line below says that it scrolls sideways. Runs again on resize.
(function () {
  "use strict";
  var labels = document.getElementById("plan-layout-labels");  // in the page's language (main.html)
  if (!labels) return;
  var hint = labels.getAttribute("data-scroll-hint");
  var named = labels.getAttribute("data-scroll-table") || "{caption}";

  function mark(box) {
    var overflows = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("plan-scroll--overflows", overflows);
    var next = box.nextElementSibling;
    var hasHint = next && next.classList.contains("plan-scroll-hint");
    if (overflows) {
      var caption = box.querySelector("caption");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", named.replace("{caption}", caption ? caption.textContent.trim() : ""));
      if (hint && !hasHint) {
        var line = document.createElement("p");
        line.className = "plan-scroll-hint";
        line.textContent = hint;
        box.parentNode.insertBefore(line, box.nextSibling);
      }
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  // a table that stacks its rows on narrow screens (.plan-stack) names each value by its column
  // (layout.css shows data-label before it); the first column, the row's title, needs no name
  function label(table) {
    if (table.querySelector("td[data-label]")) return;  // labelled by its template
    var heads = table.querySelectorAll("thead th");
    var rows = table.querySelectorAll("tbody tr");
    for (var r = 0; r < rows.length; r++) {
      var cells = rows[r].children;
      for (var c = 1; c < cells.length && c < heads.length; c++) {
        cells[c].setAttribute("data-label", heads[c].textContent.trim());
      }
    }
  }
  var stacked = document.querySelectorAll(".md-typeset .plan-stack table");
  for (var t = 0; t < stacked.length; t++) label(stacked[t]);

  function markAll() {
    var boxes = document.querySelectorAll(".md-typeset .md-typeset__scrollwrap, .md-typeset .plan-scroll");
    for (var i = 0; i < boxes.length; i++) mark(boxes[i]);
  }

  // mike's version titles are German ("2026.2 (beschlossen)", "Entwurf"): the version selector,
  // which Material draws from versions.json after the load, says them in the page's language
  var adopted = labels.getAttribute("data-version-adopted");
  var draft = labels.getAttribute("data-version-draft");
  function translateVersions() {
    var names = document.querySelectorAll(".md-version__current, .md-version__link");
    for (var i = 0; i < names.length; i++) {
      var node = names[i].firstChild;
      if (!node || node.nodeType !== 3) continue;
      var text = node.textContent;
      var translated = text.replace("(beschlossen)", "(" + adopted + ")").replace(/^(\s*)Entwurf(\s*)$/, "$1" + draft + "$2");
      if (translated !== text) node.textContent = translated;
    }
  }
  var header = document.querySelector(".md-header");
  if (header && adopted && draft && window.MutationObserver) {
    new MutationObserver(translateVersions).observe(header, {childList: true, subtree: true});
  }

  var pending = null;
  window.addEventListener("load", markAll);
  window.addEventListener("resize", function () {
    if (pending) window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(markAll);
  });
})();
