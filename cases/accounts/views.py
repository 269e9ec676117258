"""The login pages under /inloggen/ and the session's time left under /sessie/."""

import time

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import middleware, oidc, second_factor
from .forms import CodeForm, EnrolForm
from .middleware import second_factor_not_required


class LoginView(auth_views.LoginView):
    """/inloggen/: "Inloggen met je gemeente-account" when the municipality's provider is
    configured, and the local accounts' username and password."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timed_out"] = self.request.session.pop(middleware.TIMED_OUT, False)
        context["second_factor_off"] = not settings.REQUIRE_SECOND_FACTOR
        context["provider"] = settings.OIDC_ENABLED
        context["provider_refused"] = oidc.refusal_message(self.request)
        return context


class LogoutView(auth_views.LogoutView):
    """/uitloggen/: ends the session here and, after a login through the provider, goes
    on to end the provider's session too."""

    def post(self, request, *args, **kwargs):
        provider_logout = oidc.end_session_url(request)  # before the session is gone
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_logout) if provider_logout else response


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else settings.LOGIN_REDIRECT_URL


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def enrol(request):
    """First login with the second factor on: set up the authenticator app with a QR code,
    confirm it with its first code, then see the recovery codes, once."""
    if not settings.REQUIRE_SECOND_FACTOR or second_factor.is_done(request):
        return redirect(_next(request))
    if second_factor.has_app(request.user):
        return _step("accounts:verify", request)
    device = second_factor.unconfirmed_app(request.user)
    form = EnrolForm(request.POST or None)
    if form.is_valid():
        try:
            codes = second_factor.confirm_app(request, device, form.cleaned_data["code"])
        except second_factor.Throttled:
            form.add_error("code", _THROTTLED)
        else:
            if codes is not None:
                context = {
                    "codes": codes,
                    "next": _next(request),
                    "via_provider": oidc.logged_in_through_provider(request),
                }
                return render(request, "registration/recovery_codes.html", context)
            form.add_error("code", _WRONG_CODE)
    context = {
        "form": form,
        "via_provider": oidc.logged_in_through_provider(request),
        "qr_code": second_factor.qr_code(device),
        "secret": second_factor.secret_for_typing(device),
        "next": _next(request),
    }
    return render(request, "registration/enrol.html", context, status=400 if form.errors else 200)


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of a login: a code from the app, or one of the recovery codes."""
    if not settings.REQUIRE_SECOND_FACTOR or second_factor.is_done(request):
        return redirect(_next(request))
    if not second_factor.has_app(request.user):
        return _step("accounts:enrol", request)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            kind = second_factor.verify(request, form.cleaned_data["code"])
        except second_factor.Throttled:
            form.add_error("code", _THROTTLED)
        else:
            if kind is not None:
                return redirect(_next(request))
            form.add_error("code", _WRONG_CODE)
    context = {"form": form, "next": _next(request)}
    return render(request, "registration/verify.html", context, status=400 if form.errors else 200)


def _step(name, request):
    return redirect(f"{reverse(name)}?{urlencode({'next': _next(request)})}")


_WRONG_CODE = _(
    "Deze code klopt niet. Vul de code in die de app nu laat zien; staat de tijd op je "
    "telefoon goed?"
)
_THROTTLED = _(
    "Er zijn net een paar verkeerde codes ingevuld. Wacht een halve minuut en probeer het "
    "dan met de code die de app nu laat zien."
)


@second_factor_not_required
@require_GET
def session_status(request):
    """The seconds left before the session ends, for the idle warning (static/js/session.js).
    Asking is no activity: the middleware does not count this request."""
    return _time_left(request)


@second_factor_not_required
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
    context = {
        "form": form,
        "locked_until": until,
        "next": request.POST.get("next", ""),
        "provider": settings.OIDC_ENABLED,
    }
    return render(request, "registration/login.html", context, status=429)
