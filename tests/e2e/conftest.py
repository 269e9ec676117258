"""Browser tests: the system Chromium driven by Playwright against the live server.

Without /usr/bin/chromium these tests are skipped, unless REQUIRE_BROWSER_TESTS=1
(as in CI), where a missing browser fails them instead of passing silently.
Every test fails when the page logged an error to the console: under the strict
Content-Security-Policy that is how a blocked script or style shows itself.
"""

import contextlib
import os
import re
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.checks import HtmlChecker, as_document, axe_violations, html_checker_missing
from tests.totp import unused_code

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "geheim-wachtwoord-123"  # the factories' password
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

BROWSER_ERRORS = pytest.StashKey[list[str]]()
BROWSER_PAGE = pytest.StashKey[object]()


def pytest_collection_modifyitems(config, items):
    """Skip the browser tests without Chromium, unless they are required."""
    if CHROMIUM.exists() or os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        return
    skip = pytest.mark.skip(
        reason=f"Chromium is not installed at {CHROMIUM}: browser tests skipped "
        "(apt-get install chromium; REQUIRE_BROWSER_TESTS=1 makes this a failure)"
    )
    here = Path(__file__).resolve().parent
    for item in items:
        if here in item.path.resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _chromium_is_required():
    # Session-scoped and autouse, so it runs before the browser is launched.
    if not CHROMIUM.exists() and os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        pytest.fail(
            f"Chromium is missing: {CHROMIUM} does not exist, and REQUIRE_BROWSER_TESTS=1 "
            "requires the browser tests to run (apt-get install chromium).",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _every_browser_test_has_the_method(method_content):
    """The live server needs real transactions: see `method_content` in tests/conftest.py."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
        "viewport": {"width": 1280, "height": 900},
    }


# A CSP violation is logged to the console by Chromium; this makes sure each one
# also reaches the console as an error a test can see, whatever the browser logs.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(
    `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
    ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
});
"""


REFUSED_FORM = re.compile(
    r"^Failed to load resource: the server responded with a status of 40[09]\b"
)


@pytest.fixture
def page(page, request):
    """Playwright's page, recording console errors, CSP violations and uncaught exceptions."""
    errors = request.node.stash[BROWSER_ERRORS] = []
    request.node.stash[BROWSER_PAGE] = page
    page.add_init_script(REPORT_CSP_VIOLATIONS)

    def on_console(message):
        # A refused form comes back as 400 (or 409 when someone else saved first) and is
        # shown in place; the browser logs those statuses as errors, but they are answers.
        if REFUSED_FORM.search(message.text):
            return
        if message.type == "error":
            source = message.location.get("url") or page.url
            errors.append(f"console error on {page.url} ({source}): {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught exception on {page.url}: {error}"))
    return page


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test that passed while the browser reported errors."""
    result = yield
    page = item.stash.get(BROWSER_PAGE, None)
    if page is not None and not page.is_closed():
        # A round trip, so that events still on their way are delivered.
        with contextlib.suppress(Exception):
            page.evaluate("0")
    if errors := item.stash.get(BROWSER_ERRORS, []):
        pytest.fail("The browser reported errors:\n" + "\n".join(errors), pytrace=False)
    return result


@pytest.fixture
def login(page, live_server):
    """Log a user in through the real login form; returns the page on the start page."""

    def log_in(user, password=PASSWORD, page=page):
        # The persona has an authenticator app set up; its code is computed as the app would.
        # (Setting one up in the browser: test_login_journeys.py.)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)
        page.goto(f"{live_server.url}/inloggen/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(re.compile(r"/inloggen/code/"))
        page.fill("#id_code", unused_code(device))
        page.get_by_role("button", name="Inloggen").click()
        # The start page: / itself, or where it sends this role (the privacy officer's log).
        page.wait_for_url(lambda url: "/inloggen/" not in url)
        return page

    return log_in


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot to var/screenshots/<name>.png."""

    def save(name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return save


# 320 CSS px: the width WCAG 1.4.10 (reflow) asks, a 1280 px screen at 400 % zoom.
WIDTHS = {"telefoon": 320, "tablet": 768, "bureau": 1366}


@pytest.fixture
def at_each_width(page, screenshot):
    """Screenshots of the page at phone, tablet and desktop width, each one failing the
    test when the page is wider than the screen (only tables may scroll sideways)."""

    def take(name):
        for label, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            screenshot(f"{name}-{label}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, label

    return take


@pytest.fixture(scope="session")
def html_checker():
    """The Nu Html Checker, started once (tests/e2e/checks.py). Without Java or vnu.jar
    the tests that use it are skipped, unless REQUIRE_BROWSER_TESTS=1 (as in CI)."""
    if missing := html_checker_missing():
        message = f"The Nu Html Checker cannot run: {missing}"
        if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    checker = HtmlChecker.start()
    yield checker
    checker.stop()


@pytest.fixture
def accessibility(page, html_checker):
    """`accessibility.check(where)`: axe-core on the page as it is now, and the Nu Html
    Checker on every page and htmx answer the browser received since the last check;
    the test fails on any violation or error."""
    return AccessibilityCheck(page, html_checker)


class AccessibilityCheck:
    def __init__(self, page, html_checker):
        self.page = page
        self.html_checker = html_checker
        self.received = []
        page.on("response", self._keep)

    def _keep(self, response):
        request = response.request
        is_htmx = "hx-request" in request.headers
        if (
            (request.resource_type == "document" or is_htmx)
            and response.url.startswith("http")  # not the browser's own PDF viewer
            and not 300 <= response.status < 400
            and "text/html" in response.headers.get("content-type", "")
        ):
            path = "/" + response.url.split("://", 1)[1].split("/", 1)[1]
            # Read at once: a page's body is gone once the browser has left it (and one left
            # before its body came, as when a dialog stops leaving it, has none to read).
            with contextlib.suppress(PlaywrightError):
                self.received.append((path, response.text(), is_htmx))

    def problems(self, where: str) -> list[str]:
        """What axe finds in the page now, and the checker in what came since the last call."""
        problems = axe_violations(self.page, where)
        for path, body, is_htmx in self.received:
            html = as_document(body) if is_htmx else body
            kind = "htmx answer" if is_htmx else "page"
            problems += self.html_checker.errors(html, f"{where}, {kind} {path}", fragment=is_htmx)
        self.received.clear()
        return problems

    def check(self, where: str):
        if problems := self.problems(where):
            pytest.fail("\n".join(problems), pytrace=False)
