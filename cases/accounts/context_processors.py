import time

from django.conf import settings

from . import middleware


def session_limits(request):
    """For the idle warning in base.html: the seconds this session has left, and how
    long before its end the warning shows."""
    if not request.user.is_authenticated:
        return {}
    return {
        "session_seconds_left": middleware.seconds_left(request.session, time.time()),
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }
