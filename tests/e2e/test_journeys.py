"""What a consultant does in the browser: register a resident, look up the method, search.

The live server answers from another thread, so the tests run in real
transactions; the method content they need is put back before each test by
the `method_content` fixture in conftest.py.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import ResidentFactory

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_consultant_registers_a_resident_and_opens_the_method(
    alice, live_server, login, screenshot
):
    page = login(alice)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")

    page.get_by_role("main").get_by_role("link", name="Inwoner inschrijven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inwoner inschrijven")
    page.get_by_label("Voornaam").fill("Fatima")
    page.get_by_label("Achternaam").fill("El Amrani")
    page.fill("#id_date_of_birth", "1990-05-17")
    page.fill("#id_phone", "06-12345678")
    page.get_by_role("group", name="Afspraken ontvangen via").get_by_label("WhatsApp").check()

    page.fill("#id_netwerk-0-name", "Maria Jansen")
    page.select_option("#id_netwerk-0-role", label="Mantelzorger")
    page.fill("#id_netwerk-0-relation", "moeder")
    page.check("#id_netwerk-0-joins_conversations")
    page.get_by_role("button", name="Inschrijven").click()

    expect(page).to_have_url(f"{live_server.url}/inwoners/{alice.caseload.get().pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fatima El Amrani")
    expect(page.get_by_role("status")).to_contain_text("Fatima El Amrani is ingeschreven.")
    network = page.get_by_role("region", name="Netwerk")
    expect(network).to_contain_text("Maria Jansen")
    expect(network).to_contain_text("Mantelzorger · moeder")
    expect(network).to_contain_text("komt mee naar gesprekken")
    expect(page.get_by_role("region", name="Persoon en contact")).to_contain_text("WhatsApp")
    screenshot("resident-registered")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkwijze").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De werkwijze Samen Beslissen")
    page.get_by_role("navigation", name="Stappen").get_by_role("link", name="Stap 3").click()

    expect(page).to_have_url(f"{live_server.url}/werkwijze/3/")
    step = page.get_by_role("region", name="Stap 3: Drijfveren en beweegredenen")
    expect(step.get_by_role("heading", level=1)).to_be_visible()
    checklist = step.locator("ul.checklist").first
    expect(checklist).to_be_visible()
    expect(checklist.get_by_role("listitem").first).to_be_visible()
    expect(step.locator("ul.checklist")).to_contain_text(["STOZ"])
    expect(page.get_by_role("heading", name="Basis: Relatie met de inwoner")).to_be_visible()
    screenshot("method-step-3")


@pytest.mark.django_db(transaction=True)
def test_a_form_with_errors_keeps_what_was_typed(alice, live_server, login, screenshot):
    page = login(alice)
    page.goto(f"{live_server.url}/inwoners/nieuw/")
    next_year = timezone.localdate() + timedelta(days=366)

    page.get_by_label("Voornaam").fill("Fatima")
    page.get_by_label("Achternaam").fill("El Amrani")
    page.fill("#id_date_of_birth", next_year.isoformat())
    page.fill("#id_email", "fatima-at-voorbeeld.nl")
    page.get_by_role("button", name="Inschrijven").click()

    expect(page).to_have_url(f"{live_server.url}/inwoners/nieuw/")
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Controleer wat je hebt ingevuld")
    expect(summary).to_contain_text("De geboortedatum ligt in de toekomst.")
    expect(summary).to_contain_text("Dit is geen e-mailadres")
    expect(page.locator("#id_date_of_birth_error")).to_have_text(
        "De geboortedatum ligt in de toekomst."
    )
    expect(page.locator("#id_email_error")).to_contain_text("Dit is geen e-mailadres")
    expect(page.get_by_label("Voornaam")).to_have_value("Fatima")
    expect(page.get_by_label("Achternaam")).to_have_value("El Amrani")
    expect(page.locator("#id_email")).to_have_value("fatima-at-voorbeeld.nl")
    assert alice.caseload.count() == 0
    screenshot("registration-errors")


@pytest.mark.django_db(transaction=True)
def test_search_filters_the_caseload_without_reload(
    alice, live_server, login, screenshot, accessibility
):
    for first_name, last_name in [("Annelies", "Bakker"), ("Kees", "Dijkstra"), ("Yusuf", "Demir")]:
        ResidentFactory(consultant=alice, first_name=first_name, last_name=last_name)
    page = login(alice)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn caseload"
    ).click()
    rows = page.get_by_role("main").locator("tbody tr")
    expect(rows).to_have_count(3)

    page.evaluate("window.__marker = 1")
    page.get_by_label("Zoek op naam").press_sequentially("dijk")

    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(["Kees Dijkstra"])
    expect(page.get_by_role("main").locator("caption")).to_contain_text("“dijk”")
    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    assert page.url == f"{live_server.url}/inwoners/"
    expect(page.get_by_label("Zoek op naam")).to_have_value("dijk")
    accessibility.check("caseload, searched as you type")
    screenshot("caseload-search")
