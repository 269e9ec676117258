"""The login pages under /inloggen/ and the session's time left under /sessie/."""

import time

from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_POST

from . import middleware


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timed_out"] = self.request.session.pop(middleware.TIMED_OUT, False)
        return context


@require_GET
def session_status(request):
    """The seconds left before the session ends, for the idle warning (static/js/session.js).
    Asking is no activity: the middleware does not count this request."""
    return _time_left(request)


@require_POST
def session_extend(request):
    """ "Ingelogd blijven" in the idle warning: counts as activity, answers the time left."""
    middleware.touch(request.session, time.time())
    return _time_left(request)


def _time_left(request):
    return JsonResponse({"seconds_left": middleware.seconds_left(request.session, time.time())})
