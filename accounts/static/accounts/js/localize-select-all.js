// wagtail-localize's "submit translation" form: the "select all" box ticks every language.
// (Its own template did this in an inline script, which the admin's CSP does not run.)
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var selectAll = document.querySelector('[name="select_all"]');
  var locales = document.querySelectorAll('[name="locales"]');
  if (!selectAll) return;
  selectAll.addEventListener("change", function () {
    locales.forEach(function (box) {
      box.checked = selectAll.checked;
    });
  });
});
