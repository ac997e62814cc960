// The Wagtail admin's widget start-up calls, as data instead of inline scripts (see
// accounts/admin_csp.py): each <script type="application/json" data-csp-init> that enters
// the page, at load or later (an inline panel's "Add", a StreamField block), is run once.
(function () {
  "use strict";
  // The only functions the data may call: those Wagtail 8's inline scripts called.
  var ALLOWED = [
    "initDateChooser",
    "initTimeChooser",
    "initDateTimeChooser",
    "InlinePanel",
    "MultipleChooserPanel",
    "Chooser",
    "PageChooser",
    "ImageChooser",
    "DocumentChooser",
    "SnippetChooser",
  ];
  var SELECTOR = 'script[type="application/json"][data-csp-init]';

  function run(element) {
    if (element.hasAttribute("data-csp-done")) return;
    element.setAttribute("data-csp-done", "");
    var call = JSON.parse(element.textContent);
    var target = ALLOWED.indexOf(call.f) >= 0 ? window[call.f] : undefined;
    if (typeof target !== "function") {
      console.error("admin-csp: not allowed or not loaded: " + call.f);
      return;
    }
    if (call.new) {
      Reflect.construct(target, call.args);
    } else {
      target.apply(window, call.args);
    }
  }

  function scan(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(SELECTOR)) run(node);
    node.querySelectorAll(SELECTOR).forEach(run);
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(scan);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    scan(document.documentElement);
  });
})();
