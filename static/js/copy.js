// A button marked data-copy="<id>" copies the text of that field to the clipboard, and
// says so in the page's [data-copy-status]. Without JavaScript the button stays hidden
// and the text is there to select by hand.
for (const button of document.querySelectorAll("[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector("[data-copy-status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = button.dataset.copied;
    } catch {
      field.select();
      status.textContent = button.dataset.notCopied;
    }
  });
}
