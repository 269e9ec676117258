// Escape in a form opened in place (htmx) closes it without saving, as its "Annuleren"
// link (marked data-cancel) does; htmx then puts the focus back where the form was opened.
// Loaded as a file: the CSP allows no inline script.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || event.defaultPrevented) return;
  const cancel = event.target.closest?.("form")?.querySelector("a[data-cancel]");
  if (cancel) {
    event.preventDefault();
    cancel.click();
  }
});
