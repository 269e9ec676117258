"""A production server never runs with the development secret key."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

MISSING = "SECRET_KEY is required when DEBUG is off: set SECRET_KEY or SECRET_KEY_FILE."


def secret_key_missing() -> bool:
    return not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    return [Error(MISSING, id="samenbeslissen.E001")] if secret_key_missing() else []


def require_secret_key() -> None:
    """Called by wsgi.py and asgi.py before they serve anything."""
    if secret_key_missing():
        raise ImproperlyConfigured(MISSING)
