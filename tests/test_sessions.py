"""A session's limits: half an hour idle, nine hours at most; nothing of it kept by a browser."""

import time

import pytest

from cases.accounts.middleware import ACTIVE_AT, LOGIN_AT

from .test_settings import PRODUCTION, run_python

pytestmark = pytest.mark.django_db


def age_session(client, *, idle=0, since_login=0):
    """Move the session's clock back: `idle` seconds since the last request, `since_login`
    since the login."""
    session = client.session
    now = int(time.time())
    session[ACTIVE_AT] = now - idle
    session[LOGIN_AT] = now - max(since_login, idle)
    session.save()


def test_it_ends_a_session_after_half_an_hour_without_a_request(client_for, alice):
    client = client_for(alice)
    age_session(client, idle=30 * 60 + 1)
    response = client.get("/inwoners/")
    assert response.status_code == 302
    assert response.url == "/inloggen/?next=/inwoners/"
    page = client.get(response.url).content.decode()
    assert "Je bent uitgelogd omdat je een tijd niets hebt gedaan" in page
    assert client.get("/").status_code == 302


def test_a_request_within_the_idle_limit_keeps_the_session(client_for, alice):
    client = client_for(alice)
    age_session(client, idle=29 * 60)
    assert client.get("/inwoners/").status_code == 200
    # That request counted: the session has its half hour again.
    assert time.time() - client.session[ACTIVE_AT] < 5
    assert client.get("/inwoners/").status_code == 200


def test_the_idle_limit_is_configurable(client_for, alice, settings):
    settings.SESSION_IDLE_SECONDS = 5 * 60
    client = client_for(alice)
    age_session(client, idle=5 * 60 + 1)
    assert client.get("/inwoners/").status_code == 302


def test_a_session_ends_after_nine_hours_however_active(client_for, alice):
    client = client_for(alice)
    age_session(client, idle=10, since_login=9 * 60 * 60 + 1)
    assert client.get("/inwoners/").status_code == 302


def test_an_htmx_request_after_the_time_out_is_sent_to_the_login_page_whole(client_for, alice):
    client = client_for(alice)
    age_session(client, idle=31 * 60)
    response = client.get("/inwoners/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/inloggen/"


def test_asking_for_the_time_left_is_no_activity_and_staying_is(client_for, alice):
    client = client_for(alice)
    age_session(client, idle=28 * 60 + 30)
    left = client.get("/sessie/").json()["seconds_left"]
    assert 85 <= left <= 90
    assert client.get("/sessie/").json()["seconds_left"] <= left
    stayed = client.post("/sessie/verlengen/").json()["seconds_left"]
    assert stayed >= 30 * 60 - 5


def test_a_timed_out_session_answers_the_warning_with_the_login_page(client_for, alice):
    client = client_for(alice)
    age_session(client, idle=31 * 60)
    response = client.get("/sessie/")
    assert response.status_code == 302
    assert response.url.startswith("/inloggen/")


def test_pages_carry_the_idle_warning_with_the_time_left(client_for, alice):
    page = client_for(alice).get("/werkwijze/").content.decode()
    assert 'id="sessie-waarschuwing"' in page
    assert 'data-seconds-left="1800"' in page or 'data-seconds-left="1799"' in page
    assert "Ingelogd blijven" in page
    assert "/static/js/session.js" in page


def test_the_login_page_has_no_idle_warning(client):
    page = client.get("/inloggen/").content.decode()
    assert "sessie-waarschuwing" not in page


def test_logged_in_responses_are_not_stored_and_the_login_page_may_be(client_for, alice):
    client = client_for(alice)
    for path in ("/", "/werkwijze/", "/sessie/", "/inwoners/nieuw/"):
        assert "no-store" in client.get(path)["Cache-Control"], path


def test_production_cookies_carry_the_host_prefix():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)"
    )
    result = run_python(code, DJANGO_SETTINGS_MODULE="samenbeslissen.settings", **PRODUCTION)
    assert result.stdout.split() == ["__Host-sessionid", "__Host-csrftoken"], result.stderr


def test_a_production_server_without_a_mail_server_refuses_to_start():
    without_smtp = {key: value for key, value in PRODUCTION.items() if key != "SMTP_HOST"}
    server = run_python("import samenbeslissen.wsgi", **without_smtp)
    assert server.returncode != 0
    assert "SMTP_HOST is required" in server.stderr
