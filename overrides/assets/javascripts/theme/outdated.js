// Material for MkDocs 9.8 (partials/javascripts/outdated.html), moved from an inline <script> into a file: the CSP allows no inline script.
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.dataset.base),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
