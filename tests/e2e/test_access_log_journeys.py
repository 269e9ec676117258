"""Reading the access log in the browser: a consultant answers "wie heeft mijn dossier
bekeken?", the privacy officer looks into a locked-out account."""

import pytest
from playwright.sync_api import expect

from cases.accounts import audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultant_shows_the_resident_who_read_the_file(
    alice, lead, resident, live_server, login, at_each_width, browser
):
    # The team lead reads Johan's file in a browser of their own.
    lead_page = browser.new_page()
    login(lead, page=lead_page)
    lead_page.goto(f"{live_server.url}/inwoners/{resident.pk}/")
    lead_page.close()

    page = login(alice)
    page.goto(f"{live_server.url}/inwoners/{resident.pk}/")
    page.get_by_role("link", name="Wie heeft dit dossier ingezien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie heeft dit dossier ingezien")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Lotte Leider")
    expect(table).to_contain_text("Teamleider")
    expect(table).to_contain_text("Dossier")
    at_each_width("ingezien")


def test_the_privacy_officer_follows_a_lockout_to_its_account(
    alice, privacy, live_server, login, at_each_width
):
    for _ in range(5):
        audit.record("login", result="failed", user_id=alice.pk)
    audit.record("lockout", result="locked", user_id=alice.pk)
    page = login(privacy)
    page.goto(f"{live_server.url}/logboek/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logboek")
    per_account = page.get_by_role("region", name="Mislukte inlogpogingen per account")
    expect(per_account).to_contain_text("alice")
    per_account.get_by_role("link", name="alice").click()
    expect(page.get_by_role("table").last).to_contain_text("Blokkeren na mislukte pogingen")
    at_each_width("logboek")
