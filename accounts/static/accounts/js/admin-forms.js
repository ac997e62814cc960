// What the admin's forms need besides Wagtail's own scripts (and js/current-csrf.js, the site's too).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;

  // Typing in an admin form is being there: at most once a minute while someone types, the admin
  // asks /admin/presence/, which moves the staff session's idle clock on (accounts/sessions.py).
  // A coordinator writing a long note without sending a page for half an hour is no longer signed
  // out when they save it, and what they typed is not lost. A page left open untouched asks
  // nothing, so the idle timeout still ends a session at an unattended desk.
  var url = script.getAttribute("data-presence-url");
  var every = Number(script.getAttribute("data-presence-every") || 60) * 1000;
  var last = Date.now(); // the page itself was a request
  if (url && window.fetch) {
    document.addEventListener("input", function () {
      var now = Date.now();
      if (now - last < every) return;
      last = now;
      window.fetch(url, { credentials: "same-origin", cache: "no-store" }).catch(function () {});
    }, true);
  }
})();
