"""The doel-actieplan in the browser: steps 4 to 7 with htmx, and a team lead finding an
overdue evaluation. Runs against the live server in real transactions."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Decision, Evaluation, HandedOverDocument, Offer

from ..factories import DecisionFactory
from ..pdfs import pdf_text

pytestmark = pytest.mark.browser


@pytest.fixture
def offer():
    return Offer.objects.create(
        name="Werkfit traject",
        kind="traject",
        provider="Werkbedrijf Rijn",
        description="Stap voor stap wennen aan werken.",
        duration="6 maanden",
        hours_per_week="16 uur per week",
    )


def save_and_wait(page, section):
    """Press Bewaren in the section's open form; htmx swaps the section when it is saved."""
    form = page.locator(f"#{section} form.plan-form")
    form.get_by_role("button", name="Bewaren").click()
    expect(form).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_building_a_plan_through_steps_4_to_7_and_taking_it_home(
    alice, trajectory, offer, live_server, login, screenshot, accessibility
):
    page = login(alice)
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/doel-actieplan/")
    page.evaluate("window.__marker = 1")  # gone if the page reloads

    # Step 4: the goal in the resident's words, and the first sub-goal of their own.
    page.get_by_role("link", name="Doel toevoegen").click()
    page.get_by_label("Het doel in de woorden van de inwoner").fill(
        "Ik wil weer werken, het liefst buiten"
    )
    page.get_by_label("Gebied").select_option("werk")
    save_and_wait(page, "doel")
    expect(page.locator("#doel")).to_contain_text("“Ik wil weer werken, het liefst buiten”")
    page.get_by_role("link", name="Subdoel toevoegen").click()
    page.get_by_label("Subdoel").fill("Twee keer meelopen bij een hovenier")
    save_and_wait(page, "doel")
    expect(page.locator("#doel")).to_contain_text("(verwoord door de inwoner)")
    accessibility.check("plan, step 4: goal and sub-goal saved in place")

    # Step 5: a refusal in place keeps the text; then two options on the choice card.
    page.get_by_role("link", name="Mogelijkheid toevoegen").click()
    page.get_by_label("Voordelen, zoals de inwoner ze ziet").fill("Weer een ritme")
    page.locator("#keuzekaart form.plan-form").get_by_role("button", name="Bewaren").click()
    expect(page.locator("#keuzekaart")).to_contain_text(
        "Kies iets uit het aanbod of geef de mogelijkheid een naam."
    )
    expect(page.get_by_label("Voordelen, zoals de inwoner ze ziet")).to_have_value("Weer een ritme")
    accessibility.check("plan, step 5: an option refused in place")
    page.get_by_label("Uit het aanbod").select_option(label="Werkfit traject")
    save_and_wait(page, "keuzekaart")
    expect(page.locator("#keuzekaart .warning")).to_be_visible()  # one real option so far
    page.get_by_role("link", name="Mogelijkheid toevoegen").click()
    page.get_by_label("Of een eigen naam").fill("Vrijwilligerswerk bij de stadsboerderij")
    page.get_by_label("Nadelen, zoals de inwoner ze ziet").fill("Geen loon")
    save_and_wait(page, "keuzekaart")
    card = page.locator("table.choice-card")
    expect(card.locator("thead th")).to_have_count(3)
    expect(card).to_contain_text("Nu even niet / afwachten")
    expect(card).to_contain_text("16 uur per week, 6 maanden")
    expect(page.locator("#keuzekaart .warning")).to_have_count(0)
    accessibility.check("plan, step 5: the choice card")

    # Step 6: the decision in the resident's words, and an action.
    page.get_by_role("link", name="Besluit vastleggen").click()
    page.get_by_label("Werkfit traject").check()
    page.get_by_label("Het besluit in de woorden van de inwoner").fill(
        "Ik begin met het werkfit traject, twee ochtenden per week."
    )
    page.get_by_label("Ja, genoeg informatie").check()
    page.get_by_label("Tevreden", exact=True).check()
    page.get_by_label("Evaluatie op").fill((timezone.localdate() + timedelta(weeks=8)).isoformat())
    save_and_wait(page, "besluit")
    expect(page.locator("#besluit")).to_contain_text("2 echte mogelijkheden afgewogen")
    accessibility.check("plan, step 6: the decision saved in place")
    page.get_by_role("link", name="Actie toevoegen").click()
    page.get_by_label("Wie", exact=True).select_option("inwoner")
    page.get_by_role("textbox", name="Wat").fill("Intakegesprek bij Werkbedrijf Rijn")
    page.get_by_role("textbox", name="Wanneer").fill(
        (timezone.localdate() + timedelta(days=7)).isoformat()
    )
    save_and_wait(page, "acties")
    expect(page.locator("#acties")).to_contain_text("Intakegesprek bij Werkbedrijf Rijn")
    accessibility.check("plan, step 6: an action saved in place")
    screenshot("doel-actieplan")

    # On paper: hand the plan over, then download the exact copy that was kept.
    page.get_by_role("region", name="Het plan voor Johan").get_by_role(
        "button", name="Afdrukken en meegeven"
    ).click()
    stored = HandedOverDocument.objects.get()
    expect(page).to_have_url(f"{live_server.url}/documenten/{stored.pk}.pdf")
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/doel-actieplan/")
    handed_over = page.get_by_role("region", name="Het plan voor Johan").locator(".handed-over")
    with page.expect_download() as download_info:
        handed_over.get_by_role("link", name="Doel-actieplan").click()
    data = Path(download_info.value.path()).read_bytes()
    assert data == bytes(stored.pdf)
    text = pdf_text(data)
    assert "“Ik wil weer werken, het liefst buiten”" in text
    assert "Intakegesprek bij Werkbedrijf Rijn" in text
    assert "Dit plan hebben we samen gemaakt." in text
    page.evaluate("window.__marker = 1")

    # Step 7: the evaluation starts a new round from step 3.
    page.get_by_role("link", name="Evaluatie vastleggen").click()
    page.get_by_label("Wat is er veranderd voor de inwoner?").fill("Ik sta weer vroeg op.")
    page.get_by_label("Een nieuwe ronde vanaf stap 3").check()
    assert page.evaluate("window.__marker") == 1  # no reload since the download
    page.locator("#evaluatie form.plan-form").get_by_role("button", name="Bewaren").click()
    # A new round changes the whole page: it loads anew, showing round 2.
    expect(page.locator(".message--success")).to_contain_text("Ronde 2 is begonnen bij stap 3")
    expect(page.get_by_role("heading", level=1)).to_contain_text("ronde 2")
    page.get_by_role("link", name="Ronde 1").click()
    expect(page.locator("#evaluatie")).to_contain_text("Een nieuwe ronde vanaf stap 3")
    expect(page.locator("#acties")).to_contain_text("Intakegesprek bij Werkbedrijf Rijn")
    trajectory.refresh_from_db()
    assert (trajectory.cycle, trajectory.current_step) == (2, 3)
    decision = Decision.objects.get()
    assert decision.options_weighed == 2
    assert Evaluation.objects.get().cycle == 1

    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/doel-actieplan/samen/")
    expect(page.locator("body.together")).to_contain_text("Ik wil weer werken, het liefst buiten")
    accessibility.check("plan, round 2, and the samen view")
    screenshot("doel-actieplan-samen")


@pytest.mark.django_db(transaction=True)
def test_a_team_lead_finds_an_overdue_evaluation_from_the_overview(
    alice, lead, resident, trajectory, live_server, login, screenshot
):
    DecisionFactory(
        plan__trajectory=trajectory,
        option__title="Taalcursus",
        in_own_words="Eerst de taal",
        evaluation_on=timezone.localdate() - timedelta(days=5),
    )
    page = login(lead)
    page.goto(f"{live_server.url}/team/")
    row = page.get_by_role("row").filter(has_text="Alice Aarts")
    screenshot("team-evaluaties-te-laat")
    row.get_by_role("link", name="evaluaties te laat bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluaties te laat")
    page.get_by_role("link", name=resident.full_name).click()
    expect(page.locator("#besluit")).to_contain_text("te laat")
    expect(page.locator("#besluit")).to_contain_text("Taalcursus")
    expect(page.get_by_role("link", name="Evaluatie vastleggen")).to_have_count(0)  # read only
