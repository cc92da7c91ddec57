// Material for MkDocs 9.8 (partials/javascripts/content.html), moved from an inline <script> into a file: the CSP allows no inline script.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
