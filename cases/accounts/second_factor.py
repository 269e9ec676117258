"""The second factor, with django-otp: an authenticator app (TOTP) and one-time recovery codes.

A user logged in with a password reaches nothing but these pages until the
second factor is verified (SecondFactorMiddleware). Someone without an app set
up is walked through enrolment first; the recovery codes are shown once, on
the page that confirms it. A login through the municipality's OpenID Connect
provider counts as verified: the provider asked its own second factor.
"""

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit

APP_NAME = "Authenticator-app"
RECOVERY_NAME = "Herstelcodes"
RECOVERY_CODES = 10
# Set in the session by a login through the OpenID Connect provider.
VERIFIED_BY_PROVIDER = "second_factor_by_provider"


def is_done(request) -> bool:
    """Whether this session may see the application: the second factor is verified,
    the provider vouched for it, or the setting switched the second factor off."""
    if not settings.REQUIRE_SECOND_FACTOR:
        return True
    user = request.user
    if not user.is_authenticated:
        return False
    return bool(request.session.get(VERIFIED_BY_PROVIDER)) or user.is_verified()


def has_app(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def unconfirmed_app(user) -> TOTPDevice:
    """The app being set up: the same key until it is confirmed, so a reload shows the
    same QR code."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_for_typing(device: TOTPDevice) -> str:
    """The key as an app asks for it when it is typed instead of scanned: base32, in fours."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code(device: TOTPDevice) -> str:
    """The app's configuration as a QR code, drawn here as an SVG data URI (no outside service)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=4, light="#fff")


class Throttled(Exception):
    """Too many wrong codes in a row: django-otp refuses any code for a while."""


def confirm_app(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with its first code; returns the new recovery codes, or None when
    the code is wrong. The session counts as verified from here."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_is_allowed()[0]:
            audit.record("second_factor_enrol", request=request, result="throttled")
            raise Throttled
        if not device.verify_token(code):
            audit.record("second_factor_enrol", request=request, result="failed")
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(request.user)
    django_otp.login(request, device)
    request.session.cycle_key()
    audit.record("second_factor_enrol", request=request)
    return codes


def new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(request, code: str):
    """Check a code against the user's app and recovery codes. Returns the kind of what
    accepted it ("app" or "herstelcode"), or None; raises Throttled while django-otp
    makes the user wait after wrong codes."""
    user = request.user
    with transaction.atomic():
        devices = [
            *TOTPDevice.objects.devices_for_user(user).select_for_update(),
            *StaticDevice.objects.devices_for_user(user).select_for_update(),
        ]
        throttled = False
        for device in devices:
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(code):
                break
        else:
            device = None
    if device is None:
        audit.record(
            "second_factor", request=request, result="throttled" if throttled else "failed"
        )
        if throttled:
            raise Throttled
        return None
    django_otp.login(request, device)
    request.session.cycle_key()
    kind = "herstelcode" if isinstance(device, StaticDevice) else "app"
    fields = {"left": device.token_set.count()} if kind == "herstelcode" else {}
    audit.record("second_factor", request=request, device=kind, **fields)
    return kind


def reset(user, *, by, request=None) -> None:
    """The beheerder's reset: every device of `user` goes; they enrol again at their next
    login, and a session their old app verified is no longer verified."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record("second_factor_reset", request=request, user_id=by.pk, target_user_id=user.pk)


def log_in_verified(client, user):
    """Log a test client in as `user` the way the login pages leave a session after both
    steps: verified by a confirmed authenticator app of theirs, as django_otp.login()
    does. For the tests and the bench, which measure pages, not the login; it makes
    an app for a user who has none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
