import time

from django.conf import settings

from . import middleware, second_factor


def session_limits(request):
    """For base.html: the seconds this session has left and how long before its end the
    idle warning shows; whether the second factor is done."""
    if not request.user.is_authenticated:
        return {}
    return {
        "session_seconds_left": middleware.seconds_left(request.session, time.time()),
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        # Between password and second factor the header shows no menu: it leads nowhere yet.
        "second_factor_done": second_factor.is_done(request),
    }
