"""What every request of a logged-in user passes: the session's limits and no caching."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

from . import audit, second_factor

LOGIN_AT = "login_at"  # seconds since the epoch, set when the user logged in
ACTIVE_AT = "active_at"  # the last request, to within ACTIVITY_PRECISION
TIMED_OUT = "timed_out"  # set in the fresh session after a time-out, for the login page
# The last activity is written at most once a minute: a session write on every
# request would cost a query on every page, and a minute is precise enough for
# a limit of half an hour.
ACTIVITY_PRECISION = 60


def start_session_clock(sender, request, user, **kwargs):
    """On login (the user_logged_in signal): the absolute and the idle limit start now."""
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[ACTIVE_AT] = now


def seconds_left(session, now: float) -> int:
    """Seconds until the idle or the absolute limit ends the session, whichever is first."""
    login_at = session.get(LOGIN_AT, 0)
    active_at = session.get(ACTIVE_AT, 0)
    return int(
        min(
            active_at + settings.SESSION_IDLE_SECONDS - now,
            login_at + settings.SESSION_COOKIE_AGE - now,
        )
    )


def touch(session, now: float) -> None:
    session[ACTIVE_AT] = int(now)


class SessionLimitsMiddleware:
    """Ends a session after `SESSION_IDLE_SECONDS` without a request, and after
    `SESSION_COOKIE_AGE` whatever happens (the database session's own expiry moves
    with every write, so it is no absolute limit by itself).

    After AuthenticationMiddleware and before LoginRequiredMiddleware, which then
    sends the logged-out user to the login page. An htmx request gets an
    HX-Redirect instead, so the login page is not swapped into a part of a page.
    Asking for the time left (`accounts:session_status`) is no activity.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.status_path = reverse("accounts:session_status")

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            if seconds_left(request.session, now) <= 0:
                user_id = request.user.pk
                logout(request)
                request.session[TIMED_OUT] = True
                audit.record("session_timeout", request=request, user_id=user_id)
                if request.headers.get("HX-Request") == "true":
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = reverse(settings.LOGIN_URL)
                    return response
            elif request.path_info != self.status_path and (
                now - request.session.get(ACTIVE_AT, 0) >= ACTIVITY_PRECISION
            ):
                touch(request.session, now)
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every response to a logged-in user: pages,
    htmx parts, CSV, PDF and calendar files. Neither the browser (a shared computer,
    the Back button after an htmx change) nor a proxy keeps a copy of what they show.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


def second_factor_not_required(view):
    """Marks a view a user may reach between password and second factor."""
    view.second_factor_required = False
    return view


class SecondFactorMiddleware:
    """With REQUIRE_SECOND_FACTOR on, a user who logged in with a password reaches only
    the second factor's pages (and logging out) until it is verified: enrolment when
    they have no app set up, else the code. The admin too: it has no login of its own.
    After LoginRequiredMiddleware, so anonymous users go to the login page first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.REQUIRE_SECOND_FACTOR or not request.user.is_authenticated:
            return None
        if not getattr(view_func, "second_factor_required", True):
            return None
        if not getattr(view_func, "login_required", True):  # public views
            return None
        if second_factor.is_done(request):
            return None
        step = "accounts:verify" if second_factor.has_app(request.user) else "accounts:enrol"
        url = f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)
