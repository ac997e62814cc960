// A form sends the browser's CSRF secret as it is when the form is sent, not as it was when the page
// was drawn: signing in on another tab gives the browser a new one, and the form's old token
// would be refused, with what was typed in it. Django takes the cookie's value as the token (as its
// guide does for scripts). Loaded by the site's pages (templates/base.html) and by the admin
// (accounts/wagtail_hooks.py); the cookie's name is on this script's tag (data-csrf-cookie).
(function () {
  "use strict";
  var script = document.currentScript;
  var name = script && script.getAttribute("data-csrf-cookie");
  if (!name) return;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var field = form.querySelector && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!field) return;
    var cookies = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < cookies.length; i++) {
      var at = cookies[i].indexOf("=");
      if (cookies[i].slice(0, at) === name) { field.value = decodeURIComponent(cookies[i].slice(at + 1)); return; }
    }
  }, true);
})();
