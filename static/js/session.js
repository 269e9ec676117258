// The idle warning. The page says how many seconds its session has left; a couple of
// minutes before the end this asks the server (activity elsewhere, htmx or another tab,
// may have extended it) and, if it really ends soon, shows the dialog with a countdown.
// "Ingelogd blijven" extends the session; at the end the browser goes to the login page.
// Loaded as a file: the CSP allows no inline script.
(() => {
  const dialog = document.getElementById("sessie-waarschuwing");
  if (!dialog) return;
  const data = dialog.dataset;
  const warning = Number(data.warningSeconds) || 120;
  const countdown = dialog.querySelector("[data-countdown]");
  let timer = null;
  let deadline = 0;

  const csrfToken = () => JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];

  function describe(seconds) {
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} ${minutes === 1 ? data.minute : data.minutes}`;
    }
    return `${seconds} ${data.seconds}`;
  }

  function schedule(secondsLeft) {
    clearTimeout(timer);
    deadline = Date.now() + secondsLeft * 1000;
    if (secondsLeft <= 0) {
      ended();
    } else if (secondsLeft > warning) {
      if (dialog.open) dialog.close();
      timer = setTimeout(ask, (secondsLeft - warning) * 1000);
    } else {
      if (!dialog.open) dialog.showModal();
      tick();
    }
  }

  function tick() {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    countdown.textContent = describe(left);
    timer = left > 0 ? setTimeout(tick, 1000) : null;
    if (left === 0) ask();
  }

  async function ask(options = {}) {
    try {
      const response = await fetch(options.url || data.statusUrl, {
        method: options.method || "GET",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
        redirect: "manual",
      });
      if (!response.ok) return ended(); // a redirect to the login page: the session is over
      schedule((await response.json()).seconds_left);
    } catch {
      timer = setTimeout(ask, 15000); // offline for a moment: ask again
    }
  }

  function ended() {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`${data.loginUrl}?next=${encodeURIComponent(here)}`);
  }

  dialog.querySelector("[data-stay]").addEventListener("click", () => {
    ask({ url: data.extendUrl, method: "POST" });
  });
  // Escape would only hide the warning, not extend the session.
  dialog.addEventListener("cancel", (event) => event.preventDefault());

  schedule(Number(data.secondsLeft));
})();

// Back and Forward may show a page from the browser's memory (the back-forward cache),
// as it was before an htmx change: fetch it again instead.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) window.location.reload();
});
