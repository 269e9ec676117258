// Buttons marked data-print print the page (the agenda, the dossier). Loaded as a file: the CSP allows no inline script.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
