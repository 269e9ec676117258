"""What a production server (DEBUG off) refuses to run without.

`check --deploy` reports each of these as an error; `wsgi.py` and `asgi.py` stop
before serving anything (`refuse_unsafe_production`).
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

MISSING = "SECRET_KEY is required when DEBUG is off: set SECRET_KEY or SECRET_KEY_FILE."
NO_MAIL_SERVER = (
    "SMTP_HOST is required when DEBUG is off: without a mail server, mail to residents "
    "(their documents included) would be written to the console log."
)

NO_SECOND_FACTOR = (
    "REQUIRE_SECOND_FACTOR is off: accounts that reach residents' data need a second "
    "factor (BIO2 5.17.01). Turn it off for the demo only."
)


def secret_key_missing() -> bool:
    return not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY


def mail_server_missing() -> bool:
    backend = settings.MAILERS["default"]["BACKEND"]
    return not settings.DEBUG and backend != "django.core.mail.backends.smtp.EmailBackend"


def production_problems() -> list[Error]:
    problems = []
    if secret_key_missing():
        problems.append(Error(MISSING, id="samenbeslissen.E001"))
    if mail_server_missing():
        problems.append(Error(NO_MAIL_SERVER, id="samenbeslissen.E002"))
    if not settings.DEBUG and not settings.REQUIRE_SECOND_FACTOR:
        problems.append(Error(NO_SECOND_FACTOR, id="samenbeslissen.E003"))
    return problems


@register(Tags.security, deploy=True)
def check_production_settings(app_configs, **kwargs):
    return production_problems()


def refuse_unsafe_production() -> None:
    """Called by wsgi.py and asgi.py before they serve anything."""
    if problems := production_problems():
        raise ImproperlyConfigured(" ".join(problem.msg for problem in problems))
