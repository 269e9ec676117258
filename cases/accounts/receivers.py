"""Logins, failed logins, lockouts and logouts into the security log (audit.py).

Connected in CasesConfig.ready(). What was typed is never logged: not the
password, not the username (a mistyped password in the username field would
end up in the log); the account's id when the username names one.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from . import audit
from .middleware import start_session_clock


def _account_id(username):
    if not username:
        return None
    return (
        get_user_model()._default_manager.filter(username=username).values_list("pk", flat=True)
    ).first()


def logged_in(sender, request, user, **kwargs):
    audit.record("login", request=request, user_id=user.pk)


def login_failed(sender, credentials, request=None, **kwargs):
    audit.record(
        "login", request=request, result="failed", user_id=_account_id(credentials.get("username"))
    )


def locked_out(sender, request, username, ip_address, **kwargs):
    audit.record("lockout", request=request, result="locked", user_id=_account_id(username))


def logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record("logout", request=request, user_id=user.pk)


def connect():
    user_logged_in.connect(start_session_clock, dispatch_uid="accounts.session_clock")
    user_logged_in.connect(logged_in, dispatch_uid="accounts.logged_in")
    user_login_failed.connect(login_failed, dispatch_uid="accounts.login_failed")
    user_logged_out.connect(logged_out, dispatch_uid="accounts.logged_out")
    user_locked_out.connect(locked_out, dispatch_uid="accounts.locked_out")
