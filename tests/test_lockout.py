"""Lockout: five failed logins for one account from one address, and that account is refused
from there for fifteen minutes, whether it exists or not; the security log records it."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


def log_in(client, username, password, **extra):
    return client.post("/inloggen/", {"username": username, "password": password}, **extra)


def fail(client, username, times, **extra):
    for _ in range(times):
        response = log_in(client, username, "fout", **extra)
    return response


def test_four_failures_leave_the_account_open(client, alice):
    assert fail(client, "alice", 4).status_code == 200
    response = log_in(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()  # a successful login resets the count


def test_the_fifth_failure_locks_the_account_with_a_dutch_message(client, alice):
    response = fail(client, "alice", 5)
    assert response.status_code == 429
    page = response.content.decode()
    until = timezone.localtime() + timedelta(minutes=15)
    assert "Er is te vaak een verkeerd wachtwoord ingevuld" in page
    assert f"Inloggen kan weer vanaf {until:%H:%M} uur" in page or (
        f"vanaf {until - timedelta(minutes=1):%H:%M} uur" in page
    )
    # The right password does not help while locked.
    response = log_in(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_unknown_account_is_locked_the_same_way(client, alice):
    unknown = fail(client, "niemand", 5).content.decode()
    known = fail(client, "alice", 5).content.decode()
    strip = lambda page: page.replace("niemand", "alice")  # noqa: E731
    # Apart from the CSRF token the two pages are the same.
    assert len(strip(unknown)) == len(known)
    assert "Er is te vaak een verkeerd wachtwoord ingevuld" in unknown


def test_the_lock_holds_one_address_only(client, alice):
    fail(client, "alice", 5, REMOTE_ADDR="10.0.0.1")
    assert log_in(client, "alice", PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client, alice):
    fail(client, "alice", 5)
    assert log_in(client, "alice", PASSWORD).status_code == 429
    # Fifteen minutes and a second since the last attempt.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    assert log_in(client, "alice", PASSWORD).status_code == 302


def test_limit_and_time_are_configurable(client, alice, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=3)
    assert fail(client, "alice", 2).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=2))
    assert log_in(client, "alice", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=3, seconds=1))
    assert log_in(client, "alice", PASSWORD).status_code == 302


def test_the_admin_logs_in_through_the_same_page(client, beheerder):
    response = client.post(
        "/beheer/login/?next=/beheer/", {"username": "beheerder", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/inloggen/?next=/beheer/"
    assert "_auth_user_id" not in client.session  # the admin's page checked no password
    assert fail(client, "beheerder", 5).status_code == 429


def test_behind_the_proxy_the_forwarded_address_counts(client, alice, settings):
    settings.TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.9.9.9"}
    fail(client, "alice", 5, HTTP_X_FORWARDED_FOR="192.0.2.1", **proxy)
    assert (
        log_in(client, "alice", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.1", **proxy).status_code
        == 429
    )
    # Another client behind the same proxy is not locked out with it.
    assert (
        log_in(client, "alice", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.2", **proxy).status_code
        == 302
    )


def test_failures_and_lockouts_are_logged_without_what_was_typed(client, alice, caplog):
    with caplog.at_level(logging.INFO, logger="samenbeslissen.security"):
        fail(client, "alice", 5)
        fail(client, "geheim-wachtwoord-in-het-verkeerde-veld", 1)
    events = [record.security for record in caplog.records if hasattr(record, "security")]
    assert [e["action"] for e in events].count("lockout") == 1
    failures = [e for e in events if e["action"] == "login" and e["result"] == "failed"]
    assert len(failures) == 6
    assert failures[0]["user_id"] == alice.pk
    assert failures[0]["client"] == "127.0.0.1"
    assert failures[-1]["user_id"] is None
    text = caplog.text
    assert "fout" not in text
    assert "alice" not in text
    assert "geheim-wachtwoord" not in text
