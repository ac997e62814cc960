// Progressive enhancement only: the site works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The header: on a narrow screen, or on a wide one where its links do not fit in their rows,
  // a menu button opens them (Escape closes the menu and gives the focus back to the button).
  function setupNavigation() {
    var header = document.querySelector(".site-header");
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site-nav");
    if (!header || !toggle || !nav) return;
    var wide = window.matchMedia("(min-width: 60rem)");

    function collapse(collapsed) {
      nav.setAttribute("data-collapsed", collapsed ? "true" : "false");
      toggle.setAttribute("aria-expanded", collapsed ? "false" : "true");
    }
    function overflows() {
      var rows = nav.querySelectorAll(".site-nav__list, .site-nav__tools, .site-nav__account");
      for (var i = 0; i < rows.length; i++) {
        if (rows[i].scrollWidth > rows[i].clientWidth + 1) return true;
      }
      return header.scrollWidth > header.clientWidth + 1;
    }
    function layout() {
      var wasCompact = header.classList.contains("site-header--compact");
      var open = toggle.getAttribute("aria-expanded") === "true";
      header.classList.remove("site-header--compact");
      collapse(false);
      var compact = !wide.matches || overflows();
      header.classList.toggle("site-header--compact", compact);
      toggle.hidden = !compact;
      collapse(compact && !(wasCompact && open));
    }

    toggle.addEventListener("click", function () {
      collapse(toggle.getAttribute("aria-expanded") === "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || toggle.hidden || toggle.getAttribute("aria-expanded") !== "true") return;
      collapse(true);
      toggle.focus();
    });
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; layout(); });
    });
    layout();
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

  // A page that the browser keeps whole for Back (the back/forward cache: Safari on a phone does)
  // comes back with its form marked as sent, and its button would do nothing. Make it sendable again,
  // as it is when the browser loads the page anew (a pledge or a meeting sent twice is then recognised
  // and asked about by the server).
  function setupSendAgainAfterBack() {
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) return;
      document.querySelectorAll("form[data-once]").forEach(function (form) {
        delete form.dataset.sent;
        form.querySelectorAll("button[type=submit]").forEach(function (button) {
          button.removeAttribute("aria-disabled");
        });
      });
    });
  }

  // "Back to the form" after a refused form: Back, where the browser keeps what was typed (the link
  // itself loads the form anew).
  function setupHistoryBack() {
    document.querySelectorAll("a[data-history-back]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (window.history.length < 2) return;
        event.preventDefault();
        window.history.back();
      });
    });
  }

  // A form that came back with errors: its summary is focused, so that it is seen and read out at once
  // (its autofocus does that without JavaScript; focusing it here too serves browsers that autofocus
  // only form fields); a link in it puts the cursor in its field, with the field's label in view
  // (GOV.UK's pattern).
  function setupErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) return;
      event.preventDefault();
      var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
      var label = legend || document.querySelector("label[for='" + input.id + "']") || input;
      label.scrollIntoView({ block: "start" });
      input.focus({ preventScroll: true });
    });
    // A summary that the page's first screen shows stays where it is, under the page's heading; one
    // further down comes to the top of the window, with the fields it names below it (autofocus alone
    // would only bring it into view, at the bottom of the window).
    var bottom = summary.getBoundingClientRect().bottom + window.scrollY;
    if (bottom > window.innerHeight) summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
  }

  // Fields that only one choice needs ("please pick up": the address) show once it is chosen:
  // <div data-show-when="delivery=pickup">. Without JavaScript they always show, with a note.
  function setupShowWhen() {
    document.querySelectorAll("[data-show-when]").forEach(function (group) {
      var rule = group.getAttribute("data-show-when").split("=");
      var form = group.closest("form");
      if (!form) return;
      var inputs = form.querySelectorAll("input[name='" + rule[0] + "']");
      function update() {
        var chosen = form.querySelector("input[name='" + rule[0] + "']:checked");
        group.hidden = !(chosen && chosen.value === rule[1]);
      }
      group.classList.add("show-when--ready");
      inputs.forEach(function (input) { input.addEventListener("change", update); });
      update();
    });
  }

  function start() {
    setupNavigation();
    setupSubmitOnce();
    setupSendAgainAfterBack();
    setupShowWhen();
    setupErrorSummary();
    setupHistoryBack();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
