"""What a user and a load balancer get while the database cannot be reached: here a
database that refuses every statement; tests/test_database_outage.py freezes a real
PostgreSQL."""

import uuid
from html import escape

import pytest
from django.db import OperationalError, connection

from cases.models import BaggageNote

pytestmark = pytest.mark.django_db


def refuse(execute, sql, params, many, context):
    raise OperationalError("connection refused")


def breaking_off_once():
    """A database wrapper whose first statement fails as a connection that broke off, and
    the statements it broke off (one)."""
    broken = []

    def break_off_once(execute, sql, params, many, context):
        if not broken:
            broken.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return broken, break_off_once


def test_the_health_check_needs_no_login_and_tells_whether_the_database_answers(client):
    healthy = client.get("/gezond/")
    assert (healthy.status_code, healthy.content) == (200, b"gezond\n")
    assert "no-cache" in healthy["Cache-Control"]
    with connection.execute_wrapper(refuse):
        down = client.get("/gezond/")
    assert (down.status_code, down.content) == (503, b"database niet bereikbaar\n")


def test_a_page_answers_503_in_dutch_while_the_database_is_down(client_for, alice, resident):
    client = client_for(alice)
    client.raise_request_exception = False
    with connection.execute_wrapper(refuse):
        response = client.get(f"/inwoners/{resident.pk}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Samen Beslissen is even niet bereikbaar" in page
    assert "Johan" not in page  # drawn without the database, and without anyone's data


def test_a_form_sent_while_the_database_is_down_comes_back_to_send_again(
    client_for, alice, resident
):
    client = client_for(alice)
    client.raise_request_exception = False
    url = f"/inwoners/{resident.pk}/bagage/"
    typed = {"text": "Vader overleed <vroeg>.", "private": "on", "submission": str(uuid.uuid4())}
    with connection.execute_wrapper(refuse):
        response = client.post(url, typed)
    assert response.status_code == 503
    page = response.content.decode()
    assert "wat je hebt ingevuld is niet verloren" in page
    assert '<p class="typed">Vader overleed &lt;vroeg&gt;.</p>' in page
    assert f'<form method="post" action="{url}">' in page
    for name, value in typed.items():
        assert f'<input type="hidden" name="{name}" value="{escape(value)}">' in page
    assert not BaggageNote.objects.exists()
    # Once the database answers, "Opnieuw versturen" sends the same form: one note.
    assert client.post(url, typed).status_code == 302
    assert client.post(url, typed).status_code == 302
    assert BaggageNote.objects.get().text == "Vader overleed <vroeg>."


def test_a_password_is_never_written_back_into_the_page(client):
    client.raise_request_exception = False
    with connection.execute_wrapper(refuse):
        response = client.post("/inloggen/", {"username": "alice", "password": "geheim-123"})
    assert response.status_code == 503
    page = response.content.decode()
    assert 'value="alice"' in page
    assert "geheim-123" not in page


def test_any_other_error_keeps_the_usual_error_page(client_for, alice, resident, monkeypatch):
    client = client_for(alice)
    client.raise_request_exception = False

    def broken(*args, **kwargs):
        raise RuntimeError("stuk")

    monkeypatch.setattr("cases.views.residents.timeline", broken)
    response = client.get(f"/inwoners/{resident.pk}/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


@pytest.mark.django_db(transaction=True)  # the second reading closes the connection
def test_a_page_read_when_the_connection_broke_off_is_read_once_more(client_for, alice, resident):
    client = client_for(alice)
    client.raise_request_exception = False
    broken, break_off_once = breaking_off_once()
    with connection.execute_wrapper(break_off_once):
        response = client.get(f"/inwoners/{resident.pk}/")
    assert len(broken) == 1
    assert response.status_code == 200
    assert "Johan" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_form_post_is_not_sent_again_by_the_server(client_for, alice, resident):
    client = client_for(alice)
    client.raise_request_exception = False
    broken, break_off_once = breaking_off_once()
    with connection.execute_wrapper(break_off_once):
        response = client.post(f"/inwoners/{resident.pk}/bagage/", {"text": "Iets."})
    # Where a page read is read again, a post comes back to the user, to send again
    # with its one-time key.
    assert len(broken) == 1
    assert response.status_code == 503
    assert "wat je hebt ingevuld is niet verloren" in response.content.decode()
    assert not BaggageNote.objects.exists()
