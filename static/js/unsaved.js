// A form marked data-warn-unsaved asks before the page is left with text typed in it and
// not saved. Listening on the document also covers forms htmx puts in later.
(function () {
  "use strict";
  const FORMS = "form[data-warn-unsaved]";

  document.addEventListener("input", (event) => {
    const form = event.target.closest && event.target.closest(FORMS);
    if (form) form.dataset.unsaved = "1";
  });
  document.addEventListener("submit", (event) => {
    if (event.target.matches(FORMS)) delete event.target.dataset.unsaved;
  }, true);
  window.addEventListener("beforeunload", (event) => {
    if (document.querySelector(FORMS + "[data-unsaved]")) {
      event.preventDefault();
      event.returnValue = "";  // older browsers show their own message for this
    }
  });
})();
