"""Rendering the resident's documents to PDF with WeasyPrint.

One font configuration and one parsed stylesheet serve every render: a fresh
FontConfiguration per render leaks memory, and parsing the stylesheet and
loading the fonts again would cost more than drawing a short document.
WeasyPrint takes about a second to import, so it is imported on first use
and warmed by `warm_up()` when a server process starts (samenbeslissen/wsgi.py),
not by every management command or test run.

A render has a time limit (PDF_SECONDS): the text limits keep each part of a document
short, but not the number of parts (goals, actions, agreements), and a document of a
hundred pages takes seconds of a worker's time. Past the limit the render stops
with the usual error page, and the worker is free for the next request. The limit
is an alarm signal, which only the main thread receives: gunicorn's sync workers
serve each request there; the development server's threads render without one.

The documents read nothing from the network and nothing from disk beyond the
Lato font files and our own stylesheet: `LocalFilesOnly` refuses every other
address, and a refused address fails the render rather than quietly drawing a
document without it.
"""

import atexit
import functools
import logging
import signal
import threading
import time
import traceback
from contextlib import contextmanager
from pathlib import Path

import font_lato
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

STYLESHEET = Path(settings.BASE_DIR, "static", "pdf", "document.css").resolve()
FONT_DIRECTORY = Path(font_lato.font_directory).resolve()
# Only the weights the stylesheet uses; static/pdf/document.css keeps to these two.
FONT_FACES = {"normal": "Lato-Regular.ttf", "bold": "Lato-Bold.ttf"}


class DocumentFailed(Exception):
    """A document could not be rendered; the cause is logged, without its data."""


def render_pdf(template_name: str, context: dict) -> bytes:
    """The whole PDF of a template rendered with `context`, or DocumentFailed.

    The template extends "documents/base.html" (A4, Lato, `<html lang="nl">`
    and the document's title) and sees only what `context` passes to it.
    """
    try:
        with time_limit(settings.PDF_SECONDS):
            return html_to_pdf(render_to_string(template_name, context))
    except Exception as error:
        log_failure(f"Rendering {template_name} failed", error)
        raise DocumentFailed(template_name) from None


@contextmanager
def time_limit(seconds: float):
    """Raise TimeoutError in the block once `seconds` have passed (0: no limit).

    A signal handler's exception raised while Python runs a finalizer (`__del__`) is
    printed and dropped, and the render would go on past its limit; so the alarm
    rings again every 50 ms until the block ends, and a block that ends past its
    limit after every ring was dropped fails all the same.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise TimeoutError(f"the render took more than {seconds} seconds")

    previous = signal.signal(signal.SIGALRM, stop)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - started > seconds:
        stop(signal.SIGALRM, None)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """The PDF's bytes, shown in the browser (to read or print) and saved under `filename`."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # A resident's document is not kept by the browser's or a proxy's cache.
    response["Cache-Control"] = "private, no-store"
    return response


def log_failure(message: str, error: BaseException) -> None:
    """Log where `error` happened but not what it says: messages can quote resident data."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    logger.error("%s: %s\n%s", message, type(error).__name__, frames)


def warm_up() -> None:
    """Import WeasyPrint, load the fonts and draw one page, so the first resident waits no
    longer than the next."""
    html_to_pdf('<html lang="nl"><title>-</title><p>Samen Beslissen</p></html>')


def html_to_pdf(html: str) -> bytes:
    """Draw an HTML page with the documents' stylesheet and fonts."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    font_config, stylesheet, fetcher = _renderer()
    document = HTML(string=html, base_url=STYLESHEET.parent.as_uri(), url_fetcher=fetcher)
    try:
        return document.write_pdf(
            stylesheets=[stylesheet],
            font_config=font_config,
            # Tagged, with the language and title that reading software announces.
            pdf_variant="pdf/ua-1",
        )
    except FatalURLFetchingError as refused:
        # WeasyPrint raises it as a BaseException, which would pass every `except Exception`.
        raise OSError(f"A document may only read its fonts and stylesheet: {refused}") from None


@functools.cache
def _renderer():
    """The process's one font configuration, parsed stylesheet and URL fetcher."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    fetcher = _local_files_only()
    font_faces = "".join(
        f"@font-face {{ font-family: Lato; font-weight: {weight}; "
        f"src: url({(FONT_DIRECTORY / name).as_uri()}); }}"
        for weight, name in FONT_FACES.items()
    )
    stylesheet = CSS(
        string=font_faces + _fetch_text(fetcher, STYLESHEET.as_uri()),
        base_url=STYLESHEET.as_uri(),
        url_fetcher=fetcher,
        font_config=font_config,
    )
    # Let go of the font configuration while Python can still remove its folder of
    # font files; at interpreter shutdown its own clean-up fails.
    atexit.register(_renderer.cache_clear)
    return font_config, stylesheet, fetcher


def _fetch_text(fetcher, url: str) -> str:
    response = fetcher.fetch(url)
    try:
        return response.read().decode()
    finally:
        response.close()


def _local_files_only():
    """A WeasyPrint URL fetcher that reads the Lato fonts and our stylesheet, and nothing
    else: no network, no other file, no data: address."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFilesOnly(URLFetcher):
        def __init__(self):
            # fail_on_errors: a refused address stops the render.
            super().__init__(allowed_protocols={"file"}, fail_on_errors=True)

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise PermissionError(f"Not a local file: {url[:80]}")
            path = Path(unquote(parts.path)).resolve()
            if path != STYLESHEET and not path.is_relative_to(FONT_DIRECTORY):
                raise PermissionError(f"Not a file a document may read: {path}")
            return URLFetcherResponse(path.as_uri(), path.read_bytes())

    return LocalFilesOnly()
