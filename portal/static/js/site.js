// Progressive enhancement only: the site works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setupNavigation() {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site-nav");
    if (!toggle || !nav) return;
    var wide = window.matchMedia("(min-width: 60rem)");
    function collapse(collapsed) {
      nav.setAttribute("data-collapsed", collapsed ? "true" : "false");
      toggle.setAttribute("aria-expanded", collapsed ? "false" : "true");
    }
    toggle.hidden = false;
    collapse(!wide.matches);
    toggle.addEventListener("click", function () {
      collapse(toggle.getAttribute("aria-expanded") === "true");
    });
    wide.addEventListener("change", function (event) { collapse(!event.matches); });
  }

  // Forms marked data-once are sent once: a double click does not post twice.
  function setupSubmitOnce() {
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.sent === "true") { event.preventDefault(); return; }
        form.dataset.sent = "true";
        form.querySelectorAll("button[type=submit]").forEach(function (button) {
          button.setAttribute("aria-disabled", "true");
        });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setupNavigation(); setupSubmitOnce(); });
  } else {
    setupNavigation();
    setupSubmitOnce();
  }
})();
