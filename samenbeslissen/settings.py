"""Settings for Samen Beslissen, configured from the environment.

Every variable read here is listed in the README. Development needs none of
them: SQLite in a local file, DEBUG off unless asked for, and a development
secret key that no production server accepts.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


def env_secret(name: str) -> str:
    """A secret from NAME, or from the file NAME_FILE points at (container secrets)."""
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text().strip()
    return os.environ.get(name, "")


# pytest sets PYTEST_VERSION while it runs (pytest 8.2 and newer).
TESTING = "PYTEST_VERSION" in os.environ
DEBUG = env_bool("DEBUG", False)

# Without SECRET_KEY the development key is used, so that commands that sign
# nothing (makemigrations, the tests) run anywhere. A server refuses it when
# DEBUG is off: wsgi.py and asgi.py stop, and so does check --deploy
# (samenbeslissen/checks.py).
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-in-production"  # noqa: S105
SECRET_KEY = env_secret("SECRET_KEY") or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "cases",
    "steps",
    "samenbeslissen.apps.BeheerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
]

MIDDLEWARE = [
    "samenbeslissen.availability.RetryReadingOnce",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cases.logbook.middleware.AccessLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cases.accounts.middleware.NoStoreMiddleware",
    "cases.accounts.middleware.SessionLimitsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "cases.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cases.access.HandedOverMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samenbeslissen.urls"
WSGI_APPLICATION = "samenbeslissen.wsgi.application"
# The largest form is a resident's with the network at its limit (about 370 fields). Django's
# 1,000 left a network that had grown to 150 members (about 1,100 fields) unable to reach the
# form that says to make it smaller; a bound stays, since parsing many fields costs time.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Widgets drawn from Django's Jinja2 templates for them (samenbeslissen/forms.py); the
# pages themselves stay Django templates.
FORM_RENDERER = "samenbeslissen.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cases.accounts.context_processors.session_limits",
                "cases.rights.context_processors.restriction",
            ],
        },
    },
]

# SQLite in a local file unless DATABASE_URL names another database.
# Persistent connections with health checks rather than psycopg's pool: the
# pool waits 30 seconds for a connection when the database is down, which
# hangs every page; a failed health check fails the request at once.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
# A database that fails or hangs answers within seconds, with the 503 page
# (samenbeslissen/availability.py), instead of hanging every worker: PostgreSQL
# connects within DATABASE_CONNECT_TIMEOUT seconds, cancels a statement after
# DATABASE_STATEMENT_TIMEOUT, and when the server does not answer at all, the
# connection gives up half a second after that (samenbeslissen/postgresql/base.py).
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 2)  # libpq's least is 2
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT") or 3)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "samenbeslissen.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DATABASE_CONNECT_TIMEOUT,
        options=f"-c statement_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}",
        answer_timeout=DATABASE_STATEMENT_TIMEOUT + 0.5 if DATABASE_STATEMENT_TIMEOUT else None,
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cases.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "cases.backends.ModelBackendWithTeam",
    # The municipality's OpenID Connect provider, when OIDC_ISSUER names one.
    "cases.accounts.oidc.ProviderBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Residents' data is on screen: a session lasts a working day at most, ends
# when the browser closes, and after half an hour without a request (with a
# warning two minutes before). cases/accounts/middleware.py keeps both limits.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 9 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 2 * 60)

# A second factor for every account (django-otp): an authenticator app (TOTP)
# with one-time recovery codes; a login through the OpenID Connect provider
# counts as verified. Off only for the demo (bin/demo), and then no production
# server starts and check --deploy fails (samenbeslissen/checks.py).
REQUIRE_SECOND_FACTOR = env_bool("REQUIRE_SECOND_FACTOR", True)
OTP_TOTP_ISSUER = os.environ.get("SECOND_FACTOR_ISSUER", "Samen Beslissen")

# Lockout (django-axes): after LOGIN_FAILURE_LIMIT failed logins for one
# username from one address, that username is refused from that address for
# LOGIN_LOCKOUT_MINUTES, counted from the last attempt, whether the account
# exists or not. A successful login resets the count. Attempts are kept in the
# database, so every app server sees them. Axes' own log of logins is off: the
# access log (its own issue) keeps those, and cases/accounts/audit.py logs
# failures and lockouts meanwhile. /beheer/ logs in through the same page.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cases.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "cases.logbook.services.client_address"
# A login through the provider names its account only once the provider has
# answered (cases/accounts/oidc.py); an attempt that names none locks nobody.
AXES_USERNAME_CALLABLE = "cases.accounts.receivers.attempted_username"
AXES_WHITELIST_CALLABLE = "cases.accounts.receivers.names_no_account"
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Single sign-on for staff through the municipality's OpenID Connect provider
# (mozilla-django-oidc, with the code flow, PKCE and a nonce), on when
# OIDC_ISSUER names the provider. The endpoints are those of the provider's
# /.well-known/openid-configuration; they are configured rather than fetched,
# so that no command or start-up depends on the provider being reachable.
# cases/accounts/oidc.py matches the account, takes the role from a claim and
# decides whether the provider's login counts as the second factor.
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "")
OIDC_ENABLED = bool(OIDC_ISSUER)
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_secret("OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_JWKS_URI", "")
OIDC_OP_END_SESSION_ENDPOINT = os.environ.get("OIDC_END_SESSION_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGNING_ALGORITHM", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "openid email profile")
# Which claim names the account, and which field of the account it is compared
# with (username or email, ignoring case).
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_MATCH_FIELD = os.environ.get("OIDC_MATCH_FIELD", "username")
# With a roles claim the provider decides the role at every login: beheerder,
# privacy officer, team lead, or else consultant. Without one the beheerder keeps
# roles in /beheer/.
OIDC_ROLES_CLAIM = os.environ.get("OIDC_ROLES_CLAIM", "")
OIDC_BEHEERDER_ROLE = os.environ.get("OIDC_BEHEERDER_ROLE", "beheerder")
OIDC_PRIVACY_OFFICER_ROLE = os.environ.get("OIDC_PRIVACY_OFFICER_ROLE", "privacy")
OIDC_TEAM_LEAD_ROLE = os.environ.get("OIDC_TEAM_LEAD_ROLE", "teamleider")
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USERS", False)
# What shows that the provider asked a second factor: the ID token's amr, its
# acr (one of OIDC_MFA_ACR_VALUES, which are then asked for), or "provider":
# its policy, unseen in the token. Without it the application's own second
# factor is asked after the provider's login.
OIDC_MFA = os.environ.get("OIDC_MFA", "amr")
OIDC_MFA_ACR_VALUES = env_list("OIDC_MFA_ACR_VALUES", [])
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10  # seconds for each call to the provider, rather than waiting forever
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"

# The team overview counts residents with an open trajectory and no
# conversation for this many weeks.
TEAM_NO_CONTACT_WEEKS = env_int("TEAM_NO_CONTACT_WEEKS", 6)
# A resident's PDF that takes longer is stopped with the error page (cases/pdf.py).
PDF_SECONDS = float(os.environ.get("PDF_SECONDS") or 10)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; plain files in development
        # and tests, which never run collectstatic.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# Outside production WhiteNoise looks for files as they change, and does not
# expect a collectstatic directory.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING


def origin(url: str) -> str:
    """scheme://host[:port] of a URL, for the Content-Security-Policy."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# Nothing is loaded from outside the server; scripts run only with the
# request's nonce, and no inline style is allowed at all. Forms post here only;
# logging out may go on to the provider's end-session endpoint (the browser
# holds a form's redirects to form-action too).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF]
    + ([origin(OIDC_OP_END_SESSION_ENDPOINT)] if OIDC_OP_END_SESSION_ENDPOINT else []),
    "frame-ancestors": [CSP.NONE],
}

# Mail to residents (a document they asked to get by e-mail) goes through the
# municipality's mail server when SMTP_HOST names one. Without it mail is
# written to the console, which `check --deploy` refuses for production.
if SMTP_HOST := os.environ.get("SMTP_HOST", ""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": SMTP_HOST,
                "port": env_int("SMTP_PORT", 587),
                "username": os.environ.get("SMTP_USERNAME", ""),
                "password": env_secret("SMTP_PASSWORD"),
                "use_tls": env_bool("SMTP_STARTTLS", True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("MAIL_FROM", "Samen Beslissen <samenbeslissen@localhost>")

# Slow work, such as mail to residents, waits in the database for a worker
# (`manage.py db_worker`, cases/tasks.py): a click never waits for the mail server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Production runs behind the municipality's HTTPS proxy, which terminates TLS
# and says so in X-Forwarded-Proto. Development and the tests use plain HTTP.
HTTPS = env_bool("HTTPS", not (DEBUG or TESTING))
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# Over HTTPS the cookies carry the __Host- prefix: the browser then accepts them
# only from this host, over HTTPS, for the whole site, and no subdomain can set them.
if HTTPS:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# The client's address (in the security log and for the lockout) is the one the
# nearest of this many proxies saw, from X-Forwarded-For; 0: the connection's own.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 1 if HTTPS else 0)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Preloading HSTS commits the municipality's whole domain to HTTPS in every
# browser: that is the domain owner's decision (SECURE_HSTS_PRELOAD), not a
# default of this application.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# The held conversations' index carries the columns the team's check-in figures read
# (INCLUDE, cases/models/conversations.py), a PostgreSQL matter: on SQLite, the one-machine
# default, it is an index on its key alone, as Django's warning says.
SILENCED_SYSTEM_CHECKS += ["models.W040"]

# Errors go to the console without request bodies: what a resident's
# consultant typed never reaches a log. One line per request (request id, user
# id, method, path without query string, status, duration) and the security
# events go there too, as JSON objects with LOG_FORMAT=json for the
# municipality's log collector. Who read which file is in the access log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "samenbeslissen.log_format.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "samenbeslissen.security": {"level": "INFO"},
        "samenbeslissen.requests": {"level": "INFO"},
    },
}

# The access log (cases/logbook/): rows older than this are removed by
# `manage.py prune_access_log`; NEN 7513 and the municipality's own policy decide it.
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 5 * 365)
# Working hours, for the privacy officer's "outside working hours": weekdays from
# WORKING_HOURS_START to WORKING_HOURS_END o'clock, local time.
WORKING_HOURS_START = env_int("WORKING_HOURS_START", 7)
WORKING_HOURS_END = env_int("WORKING_HOURS_END", 19)
