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


def test_the_privacy_officer_is_told_how_to_narrow_a_selection_too_large(
    alice, privacy, live_server, login, at_each_width, accessibility, monkeypatch
):
    # The limits of years of log, made small: three rows paged, three in a CSV.
    monkeypatch.setattr("cases.logbook.views.MOST_ROWS_PAGED", 3)
    monkeypatch.setattr("cases.logbook.views.MOST_ROWS_IN_CSV", 3)
    for _ in range(5):
        audit.record("login", result="failed", user_id=alice.pk)
    page = login(privacy)
    page.goto(f"{live_server.url}/logboek/?actie=inloggen&resultaat=mislukt")
    expect(page.get_by_role("status").filter(has_text="meer dan 3 regels")).to_contain_text(
        "hieronder staan de nieuwste 3. Kies een kortere periode"
    )
    expect(page.get_by_role("table").last).to_contain_text("De nieuwste 3 regels, nieuwste eerst")
    page.get_by_role("link", name="Download deze selectie als CSV").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Deze selectie heeft meer dan 3 regels: te veel voor één CSV-bestand."
    )
    # The selection is still there, to narrow from.
    expect(page.get_by_label("Wat")).to_have_value("inloggen")
    expect(page.get_by_label("Resultaat")).to_have_value("mislukt")
    accessibility.check("logboek, te veel voor een CSV")
    at_each_width("logboek-te-veel")
