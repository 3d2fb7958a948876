// Starts the Wagtail admin widgets whose templates would otherwise use inline scripts,
// which the admin's Content-Security-Policy forbids. Our overrides of those templates
// (templates/wagtailadmin/, templates/wagtail_localize/) leave a <template data-inpud-init=...>
// element instead; this runs each one once, at load and whenever the admin inserts new
// HTML (modals, listings).
(function () {
  "use strict";

  var initialisers = {
    initDateChooser: function (el, options) { window.initDateChooser(el.dataset.inpudId, options); },
    initDateTimeChooser: function (el, options) { window.initDateTimeChooser(el.dataset.inpudId, options); },
    initTimeChooser: function (el, options) { window.initTimeChooser(el.dataset.inpudId, options); },
    InlinePanel: function (el, options) { new window.InlinePanel(options); },
    MultipleChooserPanel: function (el, options) { new window.MultipleChooserPanel(options); },
    chooser: function (el, options) {
      var Constructor = el.dataset.inpudConstructor.split(".").reduce(function (scope, key) {
        return scope[key];
      }, window);
      new Constructor(el.dataset.inpudId, options);
    },
    // wagtail-localize's translation editor opens its page, image and document choosers
    // from these URLs (templates/wagtail_localize/admin/edit_translation.html).
    chooserUrls: function (el) {
      if (typeof window.chooserUrls !== "undefined") return;
      window.chooserUrls = {
        imageChooser: el.dataset.inpudImageChooser,
        documentChooser: el.dataset.inpudDocumentChooser,
        pageChooser: el.dataset.inpudPageChooser,
      };
    },
    // wagtail-localize's "Translate page" form: "Select all" ticks every language
    // (templates/wagtail_localize/admin/submit_translation.html).
    selectAllLocales: function () {
      var selectAll = document.querySelector('[name="select_all"]');
      var locales = document.querySelectorAll('[name="locales"]');
      if (!selectAll) return;
      selectAll.addEventListener("change", function () {
        Array.prototype.forEach.call(locales, function (locale) {
          locale.checked = selectAll.checked;
        });
      });
    },
  };

  function start(root) {
    var elements = root.querySelectorAll ? root.querySelectorAll("template[data-inpud-init]") : [];
    Array.prototype.forEach.call(elements, function (el) {
      if (el.dataset.inpudStarted) return;
      el.dataset.inpudStarted = "true";
      var initialiser = initialisers[el.dataset.inpudInit];
      if (initialiser) initialiser(el, JSON.parse(el.dataset.inpudOptions || "null"));
    });
  }

  function watch() {
    start(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        Array.prototype.forEach.call(mutation.addedNodes, function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) start(node.parentNode || node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
