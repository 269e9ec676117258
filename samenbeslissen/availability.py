"""Whether the service can answer: `/gezond/` for a load balancer, and the page a user
gets while the database does not answer.

A database that is down or hangs makes every request fail within seconds
(settings.py, samenbeslissen/postgresql/base.py), wherever it touches the database:
in a view, in a middleware reading the session, in saving it afterwards. Django
answers each such failure with its server error handler, so that handler is where
an unreachable database becomes a 503 ("even niet bereikbaar") instead of a 500.
The page touches no database itself, and a form that was being sent comes back
with what was typed in it, to send again once the database answers.
"""

import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samenbeslissen.postgresql.base import NotReached

BROKE_OFF = "database_connection_broke_off"
# Sent back as they came, but never shown or echoed into the page.
NOT_SHOWN = ("csrfmiddlewaretoken", "submission", "version", "TOTAL_FORMS", "INITIAL_FORMS")
NOT_SENT_BACK = ("password", "code")  # passwords and second-factor codes


@login_not_required
@never_cache
@require_GET
def health(request):
    """200 when this server can reach its database, else 503; nothing about anyone."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database niet bereikbaar\n", status=503, content_type="text/plain")
    return HttpResponse("gezond\n", content_type="text/plain")


def server_error(request):
    """Django's handler500: the 503 page when the database could not be reached, else the
    usual error page."""
    error = sys.exception()
    if not isinstance(error, OperationalError | InterfaceError):
        return HttpResponseServerError(loader.render_to_string("500.html"))
    if not isinstance(error.__cause__, NotReached):
        request.__dict__[BROKE_OFF] = True  # for RetryReadingOnce
    typed = _typed(request) if request.method == "POST" else []
    page = loader.render_to_string(
        "503.html",
        {
            "here": request.get_full_path() if request.method == "GET" else "/",
            "again": request.get_full_path() if typed else "",
            "typed": typed,
            "shown": [(name, value) for name, value in typed if _shown(name, value)],
        },
    )
    response = HttpResponse(page, status=503)
    response["Retry-After"] = "10"
    response["Cache-Control"] = "no-store"
    return response


class RetryReadingOnce:
    """A page read (GET or HEAD) whose database connection broke off halfway, as when the
    database restarts, is read once more on a new connection, which waits for a
    restarting database within the connect timeout: the user sees the page, not the
    503. Not a form's post, which may have been saved (its 503 page offers to send it
    again, and the one-time key keeps that from saving twice); not a database that did
    not answer or could not be reached, which would only make the user wait twice.
    First in the stack: the second reading is a whole request, access log included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.__dict__.pop(BROKE_OFF, False) and request.method in ("GET", "HEAD"):
            connection.close()
            response = self.get_response(request)
        return response


def _typed(request) -> list[tuple[str, str]]:
    """What the form sent, to send it again, passwords and codes left out."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if not any(word in name.lower() for word in NOT_SENT_BACK)
        for value in values
    ]


def _shown(name: str, value: str) -> bool:
    """A text the user typed, as opposed to a hidden field or a ticked box."""
    return bool(value.strip()) and not name.endswith(NOT_SHOWN) and value not in ("on", "1")
