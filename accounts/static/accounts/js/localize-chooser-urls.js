// wagtail-localize's translation editor needs the chooser addresses as window.chooserUrls.
// (Its own template set them in an inline script, which the admin's CSP does not run.)
(function (script) {
  "use strict";
  if (typeof window.chooserUrls === "undefined") {
    window.chooserUrls = {
      imageChooser: script.dataset.imageChooser,
      documentChooser: script.dataset.documentChooser,
      pageChooser: script.dataset.pageChooser,
    };
  }
})(document.currentScript);
