"""Single sign-on for staff through the municipality's OpenID Connect provider.

Against a real provider that the tests start as a process of their own
(tests/oidc_provider.py): the test client is the browser on the application's side,
`requests` on the provider's, and the application itself exchanges the code for
signed tokens at the provider, checks them against its keys and asks its userinfo,
over HTTP, as in production.
"""

import logging
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests
from axes.models import AccessAttempt

from cases.logbook.models import Action, Result
from cases.models import AccessLogEntry, AccountChange, User

from .oidc_provider import CALLBACK
from .test_settings import PRODUCTION, manage, run_python

pytestmark = pytest.mark.django_db

MFA = ["pwd", "mfa"]  # amr: a password and a second factor, as RFC 8176 names them
PASSWORD = "geheim-wachtwoord-123"


def to_provider(client, provider, next_="/"):
    """The login page's "Inloggen met je gemeente-account": on to the provider's form."""
    start = client.get(f"/inloggen/gemeente/?next={quote(next_)}")
    assert start.status_code == 302
    assert start.url.startswith(provider.discovery()["authorization_endpoint"] + "?")
    return start.url


def log_in_through_provider(client, provider, subject, next_="/"):
    """The whole code flow as a browser goes through it: to the provider's login form, who
    one is there, back to the application with a code, on to the page asked for."""
    authorize = to_provider(client, provider, next_)
    form = requests.get(authorize, timeout=5)
    assert form.status_code == 200
    assert "Authorize Client" in form.text
    answer = requests.post(authorize, data={"sub": subject}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    back = answer.headers["Location"]
    assert back.startswith(f"http://testserver{CALLBACK}?code=")
    return client.get(back.removeprefix("http://testserver"), follow=True)


def security_events(caplog):
    return [record.security for record in caplog.records if hasattr(record, "security")]


def test_without_a_provider_the_login_page_has_only_the_password(client):
    page = client.get("/inloggen/").content.decode()
    assert "gemeente-account" not in page
    assert client.get("/inloggen/gemeente/").status_code == 404
    assert client.get(f"{CALLBACK}?code=x&state=y").status_code == 404


def test_the_login_page_offers_the_municipal_account(client, provider):
    page = client.get("/inloggen/?next=/werkwijze/").content.decode()
    assert '<a class="button" href="/inloggen/gemeente/?next=/werkwijze/">' in page
    assert "Inloggen met je gemeente-account" in page
    # The local accounts stay, for small municipalities and the demo.
    assert 'name="password"' in page


def test_a_consultant_logs_in_with_their_municipal_account(client, provider, alice, caplog):
    provider.add_person("s-1001", preferred_username="alice", amr=MFA)
    authorize = to_provider(client, provider, "/werkwijze/")
    asked = parse_qs(urlsplit(authorize).query)
    assert asked["response_type"] == ["code"]
    assert asked["scope"] == ["openid email profile"]
    assert asked["redirect_uri"] == [f"http://testserver{CALLBACK}"]
    assert asked["code_challenge_method"] == ["S256"]
    assert asked["nonce"] and asked["state"]
    with caplog.at_level(logging.INFO, logger="samenbeslissen.security"):
        response = log_in_through_provider(client, provider, "s-1001", "/werkwijze/")
    # Straight to the page asked for: the provider's second factor counted.
    assert response.redirect_chain[-1][0] == "/werkwijze/"
    assert response.status_code == 200
    assert client.get("/").content.decode().count("Johan") == 0  # her own (empty) caseload
    assert "<h1>Vandaag</h1>" in client.get("/").content.decode()
    login = next(e for e in security_events(caplog) if e["action"] == "login")
    assert {key: login[key] for key in ("result", "user_id", "client")} == {
        "result": "ok",
        "user_id": alice.pk,
        "client": "127.0.0.1",
    }
    assert (login["method"], login["second_factor"]) == ("oidc", "provider")
    # And a row of the access log, like a password login's.
    row = AccessLogEntry.objects.get(action=Action.LOG_IN, user=alice)
    assert (row.result, row.detail["method"]) == (Result.ALLOWED, "oidc")
    assert not AccountChange.objects.exists()  # she stays a consultant


def test_an_account_is_matched_on_its_e_mail_address_if_configured(
    client, provider, alice, settings
):
    settings.OIDC_USERNAME_CLAIM = "email"
    settings.OIDC_MATCH_FIELD = "email"
    alice.email = "alice.aarts@gemeente.example"
    alice.save()
    provider.add_person("s-1002", email="Alice.Aarts@Gemeente.example", amr=MFA)
    response = log_in_through_provider(client, provider, "s-1002")
    assert "<h1>Vandaag</h1>" in response.content.decode()
    assert client.session["_auth_user_id"] == str(alice.pk)
    # An address the provider did not verify names nobody.
    client.post("/uitloggen/")
    provider.add_person("s-1002", email="alice.aarts@gemeente.example", email_verified=False)
    page = log_in_through_provider(client, provider, "s-1002").content.decode()
    assert "geeft niet door wie je bent" in page
    assert "_auth_user_id" not in client.session


def test_an_unknown_person_is_refused_when_accounts_are_not_made(client, provider, caplog):
    provider.add_person("s-2001", preferred_username="nieuwe.collega", amr=MFA)
    with caplog.at_level(logging.INFO, logger="samenbeslissen.security"):
        response = log_in_through_provider(client, provider, "s-2001")
    assert response.redirect_chain[-1][0] == "/inloggen/"
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "je hebt nog geen account in Samen Beslissen" in page
    assert "Vraag de functioneel beheerder om je toegang te geven" in page
    assert not User.objects.filter(username__iexact="nieuwe.collega").exists()
    assert "_auth_user_id" not in client.session
    failure = next(e for e in security_events(caplog) if e["action"] == "login")
    assert failure["result"] == "failed"
    assert failure["method"] == "oidc"
    assert failure["reason"] == "unknown"
    assert failure["user_id"] is None
    assert "nieuwe.collega" not in caplog.text
    row = AccessLogEntry.objects.get(action=Action.LOG_IN)
    assert (row.result, row.detail["reason"]) == (Result.FAILED, "unknown")
    # The message is shown once.
    assert "nog geen account" not in client.get("/inloggen/").content.decode()


def test_a_beheerder_is_made_on_first_login_with_the_role_from_the_claim(
    client, provider, settings, caplog
):
    settings.OIDC_CREATE_USER = True
    provider.add_person(
        "s-3001",
        preferred_username="b.bakker",
        given_name="Bas",
        family_name="Bakker",
        email="b.bakker@gemeente.example",
        groups=["medewerkers", "beheerder"],
        amr=["pwd", "otp"],
    )
    with caplog.at_level(logging.INFO, logger="samenbeslissen.security"):
        response = log_in_through_provider(client, provider, "s-3001")
    assert "De werkwijze in de applicatie" in response.content.decode()
    user = User.objects.get(username="b.bakker")
    assert (user.first_name, user.last_name, user.email) == (
        "Bas",
        "Bakker",
        "b.bakker@gemeente.example",
    )
    assert user.role == User.Role.BEHEERDER
    assert user.team is None
    assert not user.has_usable_password()
    assert client.get("/beheer/").status_code == 200  # the provider's second factor counts
    created = next(e for e in security_events(caplog) if e["action"] == "user_created")
    assert created["source"] == "provider"
    assert created["target_user_id"] == user.pk
    assert "Bakker" not in caplog.text


def test_a_new_consultant_waits_for_a_team_then_their_lead_sees_them_arrive(
    client, client_for, provider, settings, team, lead, beheerder
):
    settings.OIDC_CREATE_USER = True
    provider.add_person("s-3002", preferred_username="c.cornelis", given_name="Cor", amr=MFA)
    page = log_in_through_provider(client, provider, "s-3002").content.decode()
    assert "hoort nog niet bij een team" in page
    assert "_auth_user_id" not in client.session
    cor = User.objects.get(username="c.cornelis")
    assert cor.role == User.Role.CONSULTANT
    # The beheerder puts Cor in team Noord; Noord's lead sees it on the team page.
    admin = client_for(beheerder)
    response = admin.post(
        f"/beheer/cases/user/{cor.pk}/change/",
        {
            "username": "c.cornelis",
            "first_name": "Cor",
            "role": "consulent",
            "team": team.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    admin.post("/uitloggen/")
    page = log_in_through_provider(client, provider, "s-3002").content.decode()
    assert "<h1>Vandaag</h1>" in page
    client.post("/uitloggen/")
    overview = client_for(lead).get("/team/").content.decode()
    assert "Wijzigingen in het team" in overview
    assert "<strong>Cor</strong>, in het team gekomen" in overview
    assert "door Bea" in overview


def test_the_role_follows_the_claim_at_every_login_and_the_lead_sees_it(
    client, client_for, provider, alice, lead
):
    provider.add_person("s-1001", preferred_username="alice", groups=["teamleider"], amr=MFA)
    page = log_in_through_provider(client, provider, "s-1001").content.decode()
    alice.refresh_from_db()
    assert alice.role == User.Role.TEAM_LEAD
    assert "Team Noord" in page  # a team lead's start page
    client.post("/uitloggen/")
    overview = client_for(lead).get("/team/").content.decode()
    assert "<strong>Alice Aarts</strong>, nu Teamleider, was Consulent" in overview
    assert "door het gemeente-account" in overview
    client.post("/uitloggen/")
    provider.add_person("s-1001", preferred_username="alice", groups=[], amr=MFA)
    log_in_through_provider(client, provider, "s-1001")
    alice.refresh_from_db()
    assert alice.role == User.Role.CONSULTANT
    assert AccountChange.objects.filter(user=alice).count() == 2


def test_a_privacy_officer_from_the_claim_leaves_the_team(
    client, client_for, provider, alice, lead
):
    provider.add_person("s-1001", preferred_username="alice", groups=["privacy"], amr=MFA)
    response = log_in_through_provider(client, provider, "s-1001")
    assert response.status_code == 200
    alice.refresh_from_db()
    assert (alice.role, alice.team) == (User.Role.PRIVACY_OFFICER, None)
    assert client.session["_auth_user_id"] == str(alice.pk)
    client.post("/uitloggen/")
    overview = client_for(lead).get("/team/").content.decode()
    assert (
        "<strong>Alice Aarts</strong>, nu Privacy- en securityfunctionaris, was Consulent, "
        "uit het team"
    ) in overview


def test_without_a_second_factor_in_the_token_the_applications_own_is_asked(
    client, provider, alice, caplog
):
    provider.add_person("s-1001", preferred_username="alice", amr=["pwd"])
    with caplog.at_level(logging.INFO, logger="samenbeslissen.security"):
        response = log_in_through_provider(client, provider, "s-1001")
    assert response.redirect_chain[-1][0] == "/inloggen/instellen/?next=%2F"
    page = response.content.decode()
    assert "Tweede stap instellen" in page
    assert "Je gemeente-account liet niet zien dat je bij het inloggen een tweede stap deed" in page
    assert client.get("/inwoners/").status_code == 302
    login = next(e for e in security_events(caplog) if e["action"] == "login")
    assert login["second_factor"] == "asked"


def test_an_agreed_acr_counts_as_the_second_factor(client, provider, alice, settings):
    settings.OIDC_MFA = "acr"
    settings.OIDC_MFA_ACR_VALUES = ["urn:gemeente:loa:substantieel"]
    authorize = to_provider(client, provider)
    assert parse_qs(urlsplit(authorize).query)["acr_values"] == ["urn:gemeente:loa:substantieel"]
    provider.add_person("s-1001", preferred_username="alice", acr="urn:gemeente:loa:substantieel")
    response = log_in_through_provider(client, provider, "s-1001")
    assert response.redirect_chain[-1][0] == "/"
    client.post("/uitloggen/")
    provider.add_person("s-1001", preferred_username="alice", acr="urn:gemeente:loa:basis")
    response = log_in_through_provider(client, provider, "s-1001")
    assert response.redirect_chain[-1][0].startswith("/inloggen/instellen/")


def test_an_inactive_account_is_refused_and_counts_as_a_failure(client, provider, alice):
    alice.is_active = False
    alice.save()
    provider.add_person("s-1001", preferred_username="alice", amr=MFA)
    page = log_in_through_provider(client, provider, "s-1001").content.decode()
    assert "Je account in Samen Beslissen staat uit" in page
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="alice").failures_since_start == 1


def test_an_account_locked_at_this_address_is_locked_through_the_provider_too(
    client, provider, alice, caplog
):
    for _ in range(5):
        client.post("/inloggen/", {"username": "alice", "password": "fout"})
    provider.add_person("s-1001", preferred_username="alice", amr=MFA)
    with caplog.at_level(logging.INFO, logger="samenbeslissen.security"):
        response = log_in_through_provider(client, provider, "s-1001")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Er is te vaak een verkeerd wachtwoord ingevuld" in page
    assert 'action="/inloggen/"' in page  # not back to the provider's callback
    assert "_auth_user_id" not in client.session
    actions = [(e["action"], e["result"]) for e in security_events(caplog)]
    assert ("lockout", "locked") in actions


def test_a_login_cancelled_at_the_provider_is_refused_in_dutch(client, provider, caplog):
    authorize = to_provider(client, provider)
    denied = requests.post(authorize, data={"action": "deny"}, allow_redirects=False, timeout=5)
    back = denied.headers["Location"]
    assert "error=access_denied" in back
    with caplog.at_level(logging.INFO, logger="samenbeslissen.security"):
        response = client.get(back.removeprefix("http://testserver"), follow=True)
    assert "Inloggen met je gemeente-account is niet gelukt" in response.content.decode()
    failure = next(e for e in security_events(caplog) if e["action"] == "login")
    assert (failure["result"], failure["reason"]) == ("failed", "provider")


def test_a_callback_used_twice_or_not_started_here_is_refused(client, provider, alice):
    provider.add_person("s-1001", preferred_username="alice", amr=MFA)
    authorize = to_provider(client, provider)
    answer = requests.post(authorize, data={"sub": "s-1001"}, allow_redirects=False, timeout=5)
    back = answer.headers["Location"].removeprefix("http://testserver")
    assert client.get(back).status_code == 302
    client.post("/uitloggen/")
    for address in (back, f"{CALLBACK}?code=made-up&state=made-up"):
        response = client.get(address, follow=True)
        assert response.status_code == 200
        assert "Inloggen met je gemeente-account is niet gelukt" in response.content.decode()
        assert "_auth_user_id" not in client.session


def test_an_id_token_from_another_issuer_is_refused(client, provider, alice, settings):
    settings.OIDC_ISSUER = "https://login.andere-gemeente.example"
    provider.add_person("s-1001", preferred_username="alice", amr=MFA)
    page = log_in_through_provider(client, provider, "s-1001").content.decode()
    assert "Inloggen met je gemeente-account is niet gelukt" in page
    assert "_auth_user_id" not in client.session


def test_a_provider_that_does_not_answer_gives_a_dutch_message(client, provider, alice, settings):
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/oauth2/token"  # nothing listens there
    provider.add_person("s-1001", preferred_username="alice", amr=MFA)
    response = log_in_through_provider(client, provider, "s-1001")
    assert response.status_code == 200
    assert "Inloggen met je gemeente-account is niet gelukt" in response.content.decode()


def test_logging_out_ends_the_provider_session_too(client, provider, alice, caplog):
    provider.add_person("s-1001", preferred_username="alice", amr=MFA)
    log_in_through_provider(client, provider, "s-1001")
    with caplog.at_level(logging.INFO, logger="samenbeslissen.security"):
        response = client.post("/uitloggen/")
    assert response.status_code == 302
    end_session = provider.discovery()["end_session_endpoint"]
    assert response.url.startswith(f"{end_session}?")
    asked = parse_qs(urlsplit(response.url).query)
    assert asked["post_logout_redirect_uri"] == ["http://testserver/inloggen/"]
    assert asked["id_token_hint"][0].count(".") == 2  # the signed ID token
    # Logged out here already, whatever the provider does next.
    assert client.get("/").status_code == 302
    logout = next(e for e in security_events(caplog) if e["action"] == "logout")
    assert (logout["user_id"], logout["method"]) == (alice.pk, "oidc")
    assert AccessLogEntry.objects.get(action=Action.LOG_OUT).detail["method"] == "oidc"
    # The provider ends its session and sends the browser back to the login page.
    form = requests.get(response.url, timeout=5)
    assert "End Session" in form.text
    confirm = requests.post(
        f"{provider.url}/oauth2/end_session/confirm",
        data={"redirect_uri": asked["post_logout_redirect_uri"][0]},
        allow_redirects=False,
        timeout=5,
    )
    assert confirm.headers["Location"] == "http://testserver/inloggen/"


def test_a_password_login_logs_out_here_only(client, provider, alice, settings):
    settings.REQUIRE_SECOND_FACTOR = False
    client.post("/inloggen/", {"username": "alice", "password": PASSWORD})
    response = client.post("/uitloggen/")
    assert response.url == "/inloggen/"


# A municipality's provider, as its environment variables name it for a server.
PROVIDER_ENV = {
    "OIDC_ISSUER": "https://login.gemeente.example/realms/medewerkers",
    "OIDC_CLIENT_ID": "samenbeslissen",
    "OIDC_CLIENT_SECRET": "geheim-van-de-client",
    "OIDC_AUTHORIZATION_ENDPOINT": "https://login.gemeente.example/realms/medewerkers/auth",
    "OIDC_TOKEN_ENDPOINT": "https://login.gemeente.example/realms/medewerkers/token",
    "OIDC_USERINFO_ENDPOINT": "https://login.gemeente.example/realms/medewerkers/userinfo",
    "OIDC_JWKS_URI": "https://login.gemeente.example/realms/medewerkers/certs",
    "OIDC_END_SESSION_ENDPOINT": "https://login.gemeente.example/realms/medewerkers/logout",
}


def test_the_deploy_check_passes_with_a_provider_configured():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **PROVIDER_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_provider_configured_halfway_stops_the_server():
    halfway = {**PRODUCTION, "OIDC_ISSUER": PROVIDER_ENV["OIDC_ISSUER"]}
    result = manage("check", **halfway)
    assert result.returncode != 0
    assert "single sign-on also needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET" in result.stderr
    server = run_python("import samenbeslissen.wsgi", **halfway)
    assert server.returncode != 0
    assert "OIDC_TOKEN_ENDPOINT" in server.stderr


def test_a_production_server_reaches_its_provider_over_https_only():
    plain = {**PROVIDER_ENV, "OIDC_TOKEN_ENDPOINT": "http://login.gemeente.example/token"}
    result = manage("check", "--deploy", **PRODUCTION, **plain)
    assert result.returncode != 0
    assert "must start with https://, as tokens and the client secret" in result.stderr
    assert "OIDC_TOKEN_ENDPOINT" in result.stderr


def test_the_client_secret_can_come_from_a_file_and_logging_out_may_go_to_the_provider(
    tmp_path,
):
    secret = tmp_path / "oidc-secret"
    secret.write_text("geheim-uit-een-bestand\n")
    env = {key: value for key, value in PROVIDER_ENV.items() if key != "OIDC_CLIENT_SECRET"}
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.OIDC_RP_CLIENT_SECRET); print(*settings.SECURE_CSP['form-action'])"
    )
    result = run_python(
        code,
        DJANGO_SETTINGS_MODULE="samenbeslissen.settings",
        OIDC_CLIENT_SECRET_FILE=str(secret),
        **PRODUCTION,
        **env,
    )
    assert result.stdout.splitlines() == [
        "geheim-uit-een-bestand",
        "'self' https://login.gemeente.example",
    ], result.stderr
