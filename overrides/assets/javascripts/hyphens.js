// The build writes soft hyphens (U+00AD) into long words (hooks/actionplan/site/hyphenation.py);
// Chromium copies them along, so a pasted "Aus\u00adbil\u00addungs\u00adbrücke" would not match
// the word elsewhere. On copy: the selection as text and as HTML, without them.
(function () {
  "use strict";
  var SOFT_HYPHEN = /\u00ad/g;
  document.addEventListener("copy", function (event) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || !event.clipboardData) return;
    var text = selection.toString();
    if (text.indexOf("\u00ad") < 0) return;
    var box = document.createElement("div");
    for (var i = 0; i < selection.rangeCount; i++) box.appendChild(selection.getRangeAt(i).cloneContents());
    event.clipboardData.setData("text/plain", text.replace(SOFT_HYPHEN, ""));
    event.clipboardData.setData("text/html", box.innerHTML.replace(SOFT_HYPHEN, ""));
    event.preventDefault();
  });
})();
