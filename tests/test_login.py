"""Logging in and out, default-deny, and each role's start page."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/werkwijze/",
    "/werkwijze/3/",
    "/inwoners/",
    "/inwoners/nieuw/",
    "/inwoners/7f0a5c0e-0000-4000-8000-000000000000/",
    "/inwoners/7f0a5c0e-0000-4000-8000-000000000000/bewerken/",
]


@pytest.mark.parametrize("path", PAGES)
def test_it_sends_anonymous_users_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == f"/inloggen/?next={path}"


def test_it_sends_anonymous_users_from_the_admin_to_a_login(client):
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert "login" in response.url or "inloggen" in response.url


def test_it_logs_in_and_asks_for_the_second_step(client, alice):
    response = client.post(
        "/inloggen/", {"username": "alice", "password": "geheim-wachtwoord-123"}, follow=True
    )
    # Alice has no authenticator app yet: she sets one up first (test_second_factor.py).
    assert response.redirect_chain[-1][0] == "/inloggen/instellen/?next=%2F"
    assert "Tweede stap instellen" in response.content.decode()


def test_without_the_second_factor_it_logs_in_with_a_password(client, alice, settings):
    settings.REQUIRE_SECOND_FACTOR = False  # as bin/demo runs it
    assert "alleen een wachtwoord" in client.get("/inloggen/").content.decode()
    response = client.post(
        "/inloggen/", {"username": "alice", "password": "geheim-wachtwoord-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Mijn caseload" in response.content.decode()


def test_it_refuses_a_wrong_password_in_dutch(client, alice):
    response = client.post("/inloggen/", {"username": "alice", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert 'value="alice"' in response.content.decode()


def test_it_logs_out_with_a_post(client_for, alice):
    client = client_for(alice)
    assert client.post("/uitloggen/").status_code == 302
    assert client.get("/").status_code == 302


def test_a_consultants_start_page_is_their_day(client_for, alice, resident):
    page = client_for(alice).get("/").content.decode()
    assert "<h1>Vandaag</h1>" in page
    assert 'href="/inwoners/"' in page  # "Mijn caseload", one click away


def test_a_team_leads_start_page_is_the_team(client_for, lead, alice, bob, charlie, resident):
    page = client_for(lead).get("/").content.decode()
    assert "Team Noord" in page
    assert "Alice Aarts" in page
    assert "Bob Bos" in page
    assert "Charlie" not in page  # another team's consultant


def test_a_beheerders_start_page_is_the_method_content(client_for, beheerder):
    page = client_for(beheerder).get("/").content.decode()
    assert "De werkwijze in de applicatie" in page
    assert "Relatie met de inwoner" in page
    assert "/beheer/" in page


def test_the_header_shows_who_is_logged_in_and_their_role(client_for, lead):
    page = client_for(lead).get("/werkwijze/").content.decode()
    assert "Lotte Leider" in page
    assert "Teamleider" in page
