"""What a server refuses to run without, or with.

`check --deploy` reports each production problem as an error, and every command
(runserver, migrate, check) a wrong single sign-on configuration; `wsgi.py` and
`asgi.py` stop before serving anything (`refuse_unsafe_production`).
"""

from urllib.parse import urlsplit

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

# What single sign-on needs besides OIDC_ISSUER: environment variable -> setting.
SINGLE_SIGN_ON_NEEDS = {
    "OIDC_CLIENT_ID": "OIDC_RP_CLIENT_ID",
    "OIDC_CLIENT_SECRET": "OIDC_RP_CLIENT_SECRET",
    "OIDC_AUTHORIZATION_ENDPOINT": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_TOKEN_ENDPOINT": "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_JWKS_URI": "OIDC_OP_JWKS_ENDPOINT",
}
# The provider's addresses: environment variable -> setting.
PROVIDER_ADDRESSES = {
    "OIDC_ISSUER": "OIDC_ISSUER",
    "OIDC_AUTHORIZATION_ENDPOINT": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_TOKEN_ENDPOINT": "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_USERINFO_ENDPOINT": "OIDC_OP_USER_ENDPOINT",
    "OIDC_JWKS_URI": "OIDC_OP_JWKS_ENDPOINT",
    "OIDC_END_SESSION_ENDPOINT": "OIDC_OP_END_SESSION_ENDPOINT",
}


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


def single_sign_on_problems() -> list[Error]:
    """A provider configured halfway, or (in production) reached without HTTPS."""
    if not settings.OIDC_ENABLED:
        return []
    problems = []
    needs = SINGLE_SIGN_ON_NEEDS.items()
    if missing := [name for name, setting in needs if not getattr(settings, setting)]:
        problems.append(
            Error(
                f"OIDC_ISSUER is set, so single sign-on also needs {', '.join(missing)}.",
                id="samenbeslissen.E004",
            )
        )
    if settings.OIDC_MATCH_FIELD not in {"username", "email"}:
        problems.append(Error("OIDC_MATCH_FIELD is username or email.", id="samenbeslissen.E005"))
    if settings.OIDC_MFA not in {"amr", "acr", "provider"} or (
        settings.OIDC_MFA == "acr" and not settings.OIDC_MFA_ACR_VALUES
    ):
        problems.append(
            Error(
                "OIDC_MFA is amr, acr (with OIDC_MFA_ACR_VALUES) or provider.",
                id="samenbeslissen.E006",
            )
        )
    plain = [
        name
        for name, setting in PROVIDER_ADDRESSES.items()
        if getattr(settings, setting) and urlsplit(getattr(settings, setting)).scheme != "https"
    ]
    if plain and not settings.DEBUG:
        problems.append(
            Error(
                "The provider's addresses must start with https://, as tokens and the "
                f"client secret travel to them: {', '.join(plain)}.",
                id="samenbeslissen.E007",
            )
        )
    return problems


@register(Tags.security, deploy=True)
def check_production_settings(app_configs, **kwargs):
    return production_problems()


@register(Tags.security)
def check_single_sign_on(app_configs, **kwargs):
    return single_sign_on_problems()


def refuse_unsafe_production() -> None:
    """Called by wsgi.py and asgi.py before they serve anything."""
    if problems := production_problems() + single_sign_on_problems():
        raise ImproperlyConfigured(" ".join(problem.msg for problem in problems))
