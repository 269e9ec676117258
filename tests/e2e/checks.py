"""The accessibility checks an auditor runs, as the browser tests run them.

- axe-core (axe-playwright-python) in the page, with the rules of WCAG 2.0, 2.1 and 2.2 at
  levels A and AA: `axe_violations(page)`.
- The Nu Html Checker (vnu.jar from the npm package vnu-jar, run with Java) on the HTML the
  server sent: a page as it came, an htmx answer inside the element it is swapped into
  (`HtmlChecker.errors`). htmx's `hx-*` attributes are the one known exception: HTML has no
  such attributes, and htmx reads them as they are.

The statement at /toegankelijkheid/ names these checks (tests/test_accessibility_statement.py).
"""

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def axe_violations(page, where: str) -> list[str]:
    """axe-core's violations of WCAG 2.2 A and AA in the page as it is now, one line each."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{where}: {violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["html"][:160] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]


VNU_JAR = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
HTMX_ATTRIBUTE = re.compile(r"^Attribute “hx-[a-z:-]+” not allowed on element")

# An htmx answer is a fragment; HTML allows some elements only inside others, so it is checked
# inside the element it goes into (a row in a table, an item in a list).
_CONTEXT = {
    "tr": ("<table><tbody>", "</tbody></table>"),
    "td": ("<table><tbody><tr>", "</tr></tbody></table>"),
    "th": ("<table><tbody><tr>", "</tr></tbody></table>"),
    "tbody": ("<table>", "</table>"),
    "li": ("<ul>", "</ul>"),
    "option": ("<select aria-label='x'>", "</select>"),
}
_FIRST_TAG = re.compile(r"<([a-z][a-z0-9]*)")
# Elements htmx swaps elsewhere in the page ("out of band") follow the answer's main part.
_OUT_OF_BAND = re.compile(r"<[a-z][a-z0-9]*\b[^>]*\bhx-swap-oob=")
# A row on its own cannot show which columns the rest of its table fills.
FRAGMENT_ONLY = re.compile(r"^Table columns? .* no cells beginning in (it|them)\.")


def as_document(fragment: str) -> str:
    """An htmx answer as a whole document: its main part inside the element its first
    element needs, the parts swapped out of band after it."""
    first = _FIRST_TAG.search(fragment)
    before, after = _CONTEXT.get(first.group(1) if first else "", ("", ""))
    oob = _OUT_OF_BAND.search(fragment)
    cut = oob.start() if oob else len(fragment)
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Deel</title></head>'
        f"<body><main>{before}{fragment[:cut]}{after}{fragment[cut:]}</main></body></html>"
    )


class HtmlChecker:
    """The Nu Html Checker as a local web service, started once for the test session."""

    def __init__(self, port: int, process: subprocess.Popen):
        self.url = f"http://127.0.0.1:{port}/?out=json"
        self.process = process

    @classmethod
    def start(cls) -> "HtmlChecker":
        with socket.socket() as free:
            free.bind(("127.0.0.1", 0))
            port = free.getsockname()[1]
        process = subprocess.Popen(  # noqa: S603 (a fixed command)
            [
                shutil.which("java") or "java",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(VNU_JAR),
                "nu.validator.servlet.Main",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        checker = cls(port, process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                checker.errors("<!DOCTYPE html><html lang=nl><title>t</title></html>", "start")
                return checker
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("The Nu Html Checker stopped as it started") from None
                time.sleep(0.5)
        process.kill()
        raise RuntimeError("The Nu Html Checker did not answer within a minute")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def errors(self, html: str, where: str, *, fragment: bool = False) -> list[str]:
        """The checker's errors in a whole document, htmx's attributes left out (and for an
        htmx answer, what only its missing surroundings would settle)."""
        request = urllib.request.Request(  # noqa: S310 (our own local service)
            self.url,
            data=html.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            messages = json.load(response)["messages"]
        return [
            f"{where}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]"
            for m in messages
            if m["type"] == "error"
            and not HTMX_ATTRIBUTE.match(m["message"])
            and not (fragment and FRAGMENT_ONLY.match(m["message"]))
        ]


def html_checker_missing() -> str | None:
    """Why the checker cannot run here, or None when it can."""
    if not VNU_JAR.exists():
        return f"{VNU_JAR} is missing (bin/setup installs it with npm from package.json)"
    if not shutil.which("java"):
        return "Java is missing (Debian: apt-get install default-jre-headless)"
    return None
