"""The login pages under /inloggen/ and the session's time left under /sessie/."""

import time

from axes.helpers import get_cool_off
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
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


def locked_out(request, response, credentials):
    """django-axes' answer after too many failed logins for one account from one address:
    the login page, saying until when, the same whether the account exists or not."""
    until = timezone.localtime(timezone.now() + get_cool_off(request))
    form = AuthenticationForm(request)
    context = {"form": form, "locked_until": until, "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)
