"""Logins, failed logins, lockouts and logouts into the security log (audit.py), whether
with a password or through the municipality's provider (oidc.py).

Connected in CasesConfig.ready(). What was typed is never logged: not the
password, not the username (a mistyped password in the username field would
end up in the log); the account's id when the username names one.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from . import audit, oidc
from .middleware import start_session_clock


def attempted_username(request, credentials=None):
    """The account a login attempt names, for django-axes and the log: the username typed
    in the form, or for a login through the provider the account its claims named
    (oidc.py puts it on the request once the provider answered)."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    if (login := oidc.provider_login(request)) and login.account:
        return login.account
    if credentials is None and request is not None:
        return request.POST.get("username")
    return None


def names_no_account(request, credentials=None) -> bool:
    """django-axes' whitelist: an attempt that names no account counts against none. Only
    a login through the provider can, before the provider named one or when its answer
    could not be used; counted, such failures would lock every login through the
    provider from one address (a whole office behind one) for the provider's trouble."""
    return not attempted_username(request, credentials)


def _account_id(username):
    if not username:
        return None
    return (
        get_user_model()._default_manager.filter(username=username).values_list("pk", flat=True)
    ).first()


def logged_in(sender, request, user, **kwargs):
    fields = {"method": "oidc" if getattr(user, "backend", "") == oidc.BACKEND else "password"}
    if login := oidc.provider_login(request):
        # Whether the provider's login counted as the second factor, or ours is asked next.
        fields["second_factor"] = "provider" if login.second_factor else "asked"
    audit.record("login", request=request, user_id=user.pk, **fields)


def login_failed(sender, credentials, request=None, **kwargs):
    fields = {"method": "password"}
    if login := oidc.provider_login(request):
        fields = {"method": "oidc", "reason": login.refusal or "locked"}
    user_id = _account_id(attempted_username(request, credentials))
    audit.record("login", request=request, result="failed", user_id=user_id, **fields)


def locked_out(sender, request, username, ip_address, **kwargs):
    audit.record("lockout", request=request, result="locked", user_id=_account_id(username))


def logged_out(sender, request, user, **kwargs):
    if user is not None:
        method = "oidc" if oidc.logged_in_through_provider(request) else "password"
        audit.record("logout", request=request, user_id=user.pk, method=method)


def connect():
    user_logged_in.connect(start_session_clock, dispatch_uid="accounts.session_clock")
    user_logged_in.connect(logged_in, dispatch_uid="accounts.logged_in")
    user_login_failed.connect(login_failed, dispatch_uid="accounts.login_failed")
    user_logged_out.connect(logged_out, dispatch_uid="accounts.logged_out")
    user_locked_out.connect(locked_out, dispatch_uid="accounts.locked_out")
