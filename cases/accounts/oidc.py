"""Single sign-on for staff through the municipality's OpenID Connect provider.

mozilla-django-oidc runs the authorization code flow (with PKCE and a nonce): the
login page's "Inloggen met je gemeente-account" goes to /inloggen/gemeente/, the
provider sends the browser back to /inloggen/gemeente/terug/, and the ID token's
signature is checked against the provider's keys. This module decides what the
provider's answer means here:

- Which account: the claim `OIDC_USERNAME_CLAIM`, compared with the account's
  username or e-mail address (`OIDC_MATCH_FIELD`), ignoring case. An unknown person
  gets an account only with `OIDC_CREATE_USERS`; otherwise the login page says to ask
  the beheerder. The ID token must come from `OIDC_ISSUER` and be meant for this
  client, which mozilla-django-oidc does not check itself.
- The role, with `OIDC_ROLES_CLAIM`: the provider decides it at every login, and a
  change is kept for the team leads and logged as a beheerder's is. Teams stay with
  the beheerder: a consultant or team lead without one cannot log in until they have
  one (the model's rule, as in /beheer/); a beheerder or privacy officer has none.
- The second factor: the provider's login counts when its ID token shows it
  (`OIDC_MFA`: two factors in `amr`, an agreed `acr`, or the provider's policy
  unseen); when it does not, the application asks its own second factor after it.
- The lockout: an account locked at an address (django-axes) is refused there through
  the provider too, and a refused login through the provider counts as a failure for
  the account it named. Logins, failures and logouts reach the security log through
  Django's signals, as password logins do (receivers.py).
- Logging out (/uitloggen/) ends the provider's session too when it has an
  end-session endpoint.
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

import jwt
import requests
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from cases.backends import ModelBackendWithTeam
from cases.models import User
from cases.text import CONTROL_CHARACTERS

from . import audit, second_factor
from .services import PLACE, record_place_change

BACKEND = f"{__name__}.ProviderBackend"
# In the session: the ID token, as the hint at the provider's end-session endpoint;
# why the last login through the provider was refused, for the login page.
ID_TOKEN = "oidc_id_token"  # noqa: S105 - a session key, not a secret
REFUSED = "oidc_refused"

REFUSALS = {
    "provider": _(
        "Inloggen met je gemeente-account is niet gelukt. Probeer het nog eens. Lukt het "
        "weer niet, meld het dan bij de servicedesk."
    ),
    "no_name": _(
        "Je gemeente-account geeft niet door wie je bent, dus Samen Beslissen herkent je "
        "niet. Meld dit bij de servicedesk."
    ),
    "unknown": _(
        "Je bent ingelogd bij de gemeente, maar je hebt nog geen account in Samen "
        "Beslissen. Vraag de functioneel beheerder om je toegang te geven."
    ),
    "ambiguous": _(
        "Er zijn meer accounts in Samen Beslissen met jouw gegevens. Vraag de functioneel "
        "beheerder dit recht te zetten."
    ),
    "inactive": _(
        "Je account in Samen Beslissen staat uit. Vraag de functioneel beheerder om het "
        "weer aan te zetten."
    ),
    "no_team": _(
        "Je account in Samen Beslissen hoort nog niet bij een team. De functioneel "
        "beheerder zet je in je team; daarna kun je inloggen."
    ),
}

# RFC 8176's authentication methods by kind of factor: something one has, and
# something one knows or is. Two kinds, or "mfa" itself, make a second factor.
POSSESSION = {"hwk", "swk", "sc", "otp", "sms", "tel"}
KNOWLEDGE_OR_INHERENCE = {"pwd", "pin", "kba", "fpt", "face", "iris", "retina", "vbm"}
# What the provider says about the login itself is taken from the signed ID token only.
LOGIN_CLAIMS = {"amr", "acr"}

logger = logging.getLogger(__name__)


@dataclass
class ProviderLogin:
    """What the backend learnt of one login through the provider, on the request for
    the callback view, django-axes and the security log."""

    account: str = ""  # the username of the account the claims named, or the name itself
    refusal: str = ""  # a key of REFUSALS
    second_factor: bool = False  # the ID token shows the provider asked one
    id_token: str = ""


def provider_login(request) -> ProviderLogin | None:
    return getattr(request, "provider_login", None)


def shows_second_factor(id_token: dict) -> bool:
    """Whether the ID token shows that the provider asked a second factor (OIDC_MFA)."""
    if settings.OIDC_MFA == "provider":
        return True
    if settings.OIDC_MFA == "acr":
        return id_token.get("acr") in settings.OIDC_MFA_ACR_VALUES
    methods = id_token.get("amr")
    methods = {methods} if isinstance(methods, str) else set(methods or ())
    return "mfa" in methods or bool(methods & POSSESSION and methods & KNOWLEDGE_OR_INHERENCE)


def role_from(claims: dict) -> str | None:
    """The role the provider's roles claim gives, or None without OIDC_ROLES_CLAIM."""
    if not settings.OIDC_ROLES_CLAIM:
        return None
    values = claims.get(settings.OIDC_ROLES_CLAIM) or []
    values = {values} if isinstance(values, str) else set(values)
    # The first that applies; roles without case data first.
    if settings.OIDC_BEHEERDER_ROLE in values:
        return User.Role.BEHEERDER
    if settings.OIDC_PRIVACY_OFFICER_ROLE in values:
        return User.Role.PRIVACY_OFFICER
    if settings.OIDC_TEAM_LEAD_ROLE in values:
        return User.Role.TEAM_LEAD
    return User.Role.CONSULTANT


def _text(claims: dict, name: str, field: str) -> str:
    """A claim as the account's `field` keeps it: text without control characters, cut
    to the field's length."""
    value = claims.get(name)
    if not isinstance(value, str):
        return ""
    value = CONTROL_CHARACTERS.sub("", value.replace("\x00", "")).strip()
    return value[: User._meta.get_field(field).max_length]


class ProviderBackend(OIDCAuthenticationBackend):
    """The provider's login: mozilla-django-oidc's code flow, and our rules for what its
    answer means (see the module's text)."""

    def __init__(self, *args, **kwargs):
        # Django makes every backend for every authenticate(), a password login's too:
        # without a provider this one stays idle instead of asking for its settings.
        self.UserModel = get_user_model()
        if settings.OIDC_ENABLED:
            super().__init__(*args, **kwargs)

    # Sessions of either login load the user with their team, and end when the account
    # is set inactive (mozilla-django-oidc's own get_user checks neither).
    get_user = ModelBackendWithTeam.get_user

    def authenticate(self, request, **kwargs):
        # The callback only: a password login posted with ?code=&state= in its address
        # is no login through the provider.
        if not (
            settings.OIDC_ENABLED
            and request is not None
            and request.path_info == reverse("accounts:oidc_callback")
        ):
            return None
        login = request.provider_login = ProviderLogin()
        try:
            user = super().authenticate(request, **kwargs)
        except PermissionDenied:  # locked out: django-axes answers
            raise
        except (requests.RequestException, jwt.PyJWTError, SuspiciousOperation, KeyError) as error:
            # The provider could not be reached, or its answer does not hold. The
            # type only: messages can carry what the provider said about the person.
            logger.warning("Login through the provider failed: %s", type(error).__name__)
            user = None
        if user is None and not login.refusal:
            login.refusal = "provider"
        return user

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        client_id = settings.OIDC_RP_CLIENT_ID
        if (
            payload.get("iss") != settings.OIDC_ISSUER
            or client_id not in audiences
            or (len(audiences) > 1 and payload.get("azp") != client_id)
        ):
            raise SuspiciousOperation("The ID token is not from the issuer for this client.")
        return payload

    def store_tokens(self, access_token, id_token):
        # Into the session only once the login succeeded (the callback view).
        self.request.provider_login.id_token = id_token

    def get_or_create_user(self, access_token, id_token, payload):
        claims = dict(payload)
        if settings.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("The userinfo is about someone else.")
            claims |= {key: value for key, value in userinfo.items() if key not in LOGIN_CLAIMS}
        return self.account_for(claims, payload)

    def account_for(self, claims: dict, id_token: dict):
        login = self.request.provider_login
        name = claims.get(settings.OIDC_USERNAME_CLAIM)
        unverified = settings.OIDC_MATCH_FIELD == "email" and claims.get("email_verified") is False
        if (
            not isinstance(name, str)
            or not name.strip()
            or len(name) > User._meta.get_field("username").max_length
            or "\x00" in name
            or unverified
        ):
            return self._refuse("no_name")
        name = name.strip()
        field = settings.OIDC_MATCH_FIELD
        matches = list(self.UserModel._default_manager.filter(**{f"{field}__iexact": name})[:2])
        # Failures count against the account under the name its password login uses.
        login.account = matches[0].get_username() if len(matches) == 1 else name
        if not AxesProxyHandler.is_allowed(self.request, {"username": login.account}):
            self.request.axes_locked_out = True
            raise PermissionDenied
        if len(matches) > 1:
            return self._refuse("ambiguous")
        if matches:
            user = matches[0]
            if not user.is_active:
                return self._refuse("inactive")
            self._update(user, claims)
        elif settings.OIDC_CREATE_USER:
            user = self._create(name, claims)
        else:
            return self._refuse("unknown")
        if user.role not in User.ROLES_WITHOUT_TEAM and user.team_id is None:
            return self._refuse("no_team")
        login.second_factor = shows_second_factor(id_token)
        return user

    def _refuse(self, refusal: str) -> None:
        self.request.provider_login.refusal = refusal
        return None

    def _create(self, name: str, claims: dict):
        user = User(
            username=name,
            email=_text(claims, "email", "email"),
            first_name=_text(claims, "given_name", "first_name"),
            last_name=_text(claims, "family_name", "last_name"),
            role=role_from(claims) or User.Role.CONSULTANT,
        )
        user.set_unusable_password()  # they log in through the provider
        user.save()
        record_place_change(
            user=user, before=None, by=None, at=timezone.now(), request=self.request
        )
        return user

    def _update(self, user, claims: dict) -> None:
        """The provider keeps the name and e-mail address, and with a roles claim the role."""
        before = {field: getattr(user, field) for field in PLACE}
        changed = []
        for claim, field in (("given_name", "first_name"), ("family_name", "last_name")):
            if (value := _text(claims, claim, field)) and value != getattr(user, field):
                setattr(user, field, value)
                changed.append(field)
        if (email := _text(claims, "email", "email")) and email != user.email:
            user.email = email
            changed.append("email")
        if (role := role_from(claims)) and role != user.role:
            user.role = role
            changed.append("role")
            if role in User.ROLES_WITHOUT_TEAM:
                user.team = None
                changed.append("team")
        if changed:
            user.save(update_fields=changed)
            record_place_change(
                user=user, before=before, by=None, at=timezone.now(), request=self.request
            )


class StartView(OIDCAuthenticationRequestView):
    """/inloggen/gemeente/: on to the provider's login, remembering ?next=."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().get(request)

    def get_extra_params(self, request):
        # With OIDC_MFA=acr the provider is asked for a login of that level.
        if settings.OIDC_MFA == "acr":
            return {"acr_values": " ".join(settings.OIDC_MFA_ACR_VALUES)}
        return {}


class CallbackView(OIDCAuthenticationCallbackView):
    """/inloggen/gemeente/terug/: the provider's answer. A refusal goes back to the login
    page, which says why in Dutch."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation:
            # A state this browser did not start: an old tab, a link followed twice.
            return self.login_failure()

    def login_success(self):
        response = super().login_success()
        login = self.request.provider_login
        session = self.request.session
        session[second_factor.VERIFIED_BY_PROVIDER] = login.second_factor
        if settings.OIDC_OP_END_SESSION_ENDPOINT:
            session[ID_TOKEN] = login.id_token
        return response

    def login_failure(self):
        request = self.request
        login = provider_login(request)
        if login is None:
            # The backend never ran (the provider answered with an error, or the state
            # was unknown), so no signal logged it.
            audit.record(
                "login", request=request, result="failed", method="oidc", reason="provider"
            )
        if not getattr(request, "axes_locked_out", False):
            request.session[REFUSED] = login.refusal if login else "provider"
        return redirect(settings.LOGIN_URL)


def logged_in_through_provider(request) -> bool:
    return request.session.get(BACKEND_SESSION_KEY) == BACKEND


def refusal_message(request) -> str:
    """Why the last login through the provider was refused, once, for the login page."""
    return REFUSALS.get(request.session.pop(REFUSED, ""), "")


def end_session_url(request) -> str | None:
    """After a login through the provider, its end-session endpoint, so that logging out
    here ends the session there too, and then back to the login page."""
    id_token = request.session.get(ID_TOKEN)
    endpoint = settings.OIDC_OP_END_SESSION_ENDPOINT
    if not (endpoint and id_token):
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse(settings.LOGIN_URL)),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
