"""Knowing the resident: life domains filled in on the dossier, a scale question measured,
both in place without a reload."""

import pytest
from playwright.sync_api import expect

from cases import services
from cases.models import LifeDomain, MotivationRecord, SituationChange

pytestmark = pytest.mark.browser


@pytest.fixture
def trajectory(trajectory, alice):
    """Johan's trajectory, moved on to step 2 by alice."""
    services.move_to_step(trajectory=trajectory, step=2, by=alice)
    return trajectory


@pytest.mark.django_db(transaction=True)
def test_filling_in_two_life_domains_on_the_dossier(
    alice, trajectory, live_server, login, screenshot, accessibility
):
    page = login(alice)
    page.goto(f"{live_server.url}/inwoners/{trajectory.resident.pk}/")
    overview = page.get_by_role("region", name="Persoonlijke situatie")
    expect(overview.get_by_role("row", name="Wonen")).to_contain_text("nog niet besproken")
    page.evaluate("window.__marker = 1")

    overview.get_by_role("link", name="Wonen aanpassen").click()
    housing = overview.get_by_role("group", name="Wonen")
    expect(housing.get_by_label("Hoe het nu gaat")).to_be_focused()
    housing.get_by_label("Hoe het nu gaat").fill("Woont zelfstandig met ambulante begeleiding.")
    housing.get_by_label("Wat de inwoner wil").fill("Blijven wonen waar hij nu woont.")
    housing.get_by_label("Fase").select_option(label="Behouden")
    accessibility.check("dossier, a life domain opened in place")
    screenshot("dossier-life-domain-editing")
    housing.get_by_role("button", name="Opslaan").click()

    housing_row = overview.locator("tr#gebied-wonen")
    expect(housing_row).to_contain_text("Blijven wonen waar hij nu woont.")
    expect(housing_row).to_contain_text("Behouden")
    expect(housing_row).to_contain_text("opgeslagen")
    expect(overview.get_by_role("link", name="Wonen aanpassen")).to_be_focused()
    accessibility.check("dossier, a life domain saved in place")

    overview.get_by_role("link", name="Werk aanpassen").click()
    work = overview.get_by_role("group", name="Werk")
    # htmx puts the cursor in the first field once the form is in; type after that.
    expect(work.get_by_label("Hoe het nu gaat")).to_be_focused()
    work.get_by_label("Wat de inwoner wil").fill("Weer werk met hout, met een vaste dagindeling.")
    work.get_by_label("Wat belemmert").fill("Veranderingen maken hem onrustig.")
    work.get_by_label("Fase").select_option(label="Verkennen")
    work.get_by_role("button", name="Opslaan").click()
    work_row = overview.locator("tr#gebied-werk")
    expect(work_row).to_contain_text("Weer werk met hout, met een vaste dagindeling.")
    expect(work_row).to_contain_text("Verkennen")

    # Cancelling an edit brings the row back as it was.
    overview.get_by_role("link", name="Gezondheid aanpassen").click()
    health = overview.get_by_role("group", name="Gezondheid")
    expect(health.get_by_label("Hoe het nu gaat")).to_be_focused()
    health.get_by_role("link", name="Annuleren").click()
    expect(overview.locator("tr#gebied-gezondheid")).to_contain_text("nog niet besproken")

    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    stored = dict(LifeDomain.objects.values_list("domain", "phase"))
    assert stored == {"wonen": "behouden", "werk": "verkennen"}
    assert SituationChange.objects.filter(changed_by=alice).count() == 2
    screenshot("dossier-life-domains")

    # The same, after a reload, and the history on the timeline.
    page.goto(f"{live_server.url}/inwoners/{trajectory.resident.pk}/?toon=beeld")
    timeline = page.get_by_role("region", name="Tijdlijn")
    expect(timeline).to_contain_text("Levensgebied werk bijgewerkt door Alice Aarts")
    expect(timeline).to_contain_text("Fase: — → Verkennen")

    page.get_by_role("link", name="Stap 2: alles over de situatie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Persoonlijke situatie")
    expect(page.locator("#gebied-werk")).to_contain_text("Bijgewerkt op")
    accessibility.check("step 2")
    screenshot("situation-page")


@pytest.mark.django_db(transaction=True)
def test_measuring_a_scale_question_in_place(
    alice, trajectory, live_server, login, screenshot, accessibility
):
    services.move_to_step(trajectory=trajectory, step=3, by=alice)
    MotivationRecord.objects.create(
        trajectory=trajectory,
        recorded_on=trajectory.started_on,
        importance=4,
        confidence=2,
        recorded_by=alice,
    )
    page = login(alice)
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/stap/3/")
    page.get_by_role("link", name="Drijfveren en schaalvragen vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Drijfveren en beweegredenen")
    page.evaluate("window.__marker = 1")

    page.get_by_label("Wat de inwoner in beweging brengt").fill("Ordenen en opruimen.")
    page.get_by_label("Hoe belangrijk is werk of meedoen nu?").fill("11")
    page.get_by_role("button", name="Meting bewaren").click()
    expect(page.locator("#id_importance_error")).to_have_text("Kies een getal van 0 tot en met 10.")
    expect(page.get_by_label("Wat de inwoner in beweging brengt")).to_have_value(
        "Ordenen en opruimen."
    )
    accessibility.check("step 3, a scale question refused in place")

    page.get_by_label("Hoe belangrijk is werk of meedoen nu?").fill("7")
    page.get_by_label("Hoeveel vertrouwen heb je dat het lukt?").fill("5")
    page.get_by_role("button", name="Meting bewaren").click()

    expect(page.get_by_role("status")).to_contain_text("De meting is bewaard.")
    measurements = page.locator("#metingen table tbody tr")
    expect(measurements).to_have_count(2)
    expect(measurements.first).to_contain_text("Ordenen en opruimen.")
    expect(page.get_by_role("img", name="Schaalvragen door de tijd")).to_be_visible()
    expect(page.get_by_role("button", name="Meting bewaren")).to_be_focused()
    expect(page.get_by_label("Hoe belangrijk is werk of meedoen nu?")).to_have_value("")
    accessibility.check("step 3, a scale question measured in place")
    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    assert list(MotivationRecord.objects.values_list("importance", "confidence")) == [
        (4, 2),
        (7, 5),
    ]
    screenshot("motivation-scale-question")


@pytest.mark.django_db(transaction=True)
def test_back_to_a_page_changed_in_place_shows_it_as_it_is_now(
    alice, trajectory, live_server, login
):
    # Cache-Control: no-store and hx-history="false": the browser asks the page again
    # rather than showing the copy from before the change.
    page = login(alice)
    page.goto(f"{live_server.url}/inwoners/{trajectory.resident.pk}/")
    overview = page.get_by_role("region", name="Persoonlijke situatie")
    overview.get_by_role("link", name="Wonen aanpassen").click()
    housing = overview.get_by_role("group", name="Wonen")
    expect(housing.get_by_label("Hoe het nu gaat")).to_be_focused()
    housing.get_by_label("Wat de inwoner wil").fill("Blijven wonen waar hij nu woont.")
    housing.get_by_role("button", name="Opslaan").click()
    expect(overview.locator("tr#gebied-wonen")).to_contain_text("Blijven wonen")

    page.get_by_role("link", name="Stap 2: alles over de situatie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Persoonlijke situatie")
    page.go_back()
    expect(page.locator("tr#gebied-wonen")).to_contain_text("Blijven wonen waar hij nu woont.")
