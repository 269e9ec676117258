"""What a consultant does in a trajectory: tick items, log a conversation, go round again.

Like test_journeys.py, these run against the live server in real transactions;
the method content is put back before each test by the `method_content`
fixture in conftest.py.
"""

from datetime import datetime, time, timedelta

import pytest
from django.utils import dateformat, timezone, translation
from playwright.sync_api import expect

from cases import services
from cases.models import Agreement, Conversation, Tick
from steps.models import ChecklistItem

pytestmark = pytest.mark.browser


def checklist(step_number):
    return list(ChecklistItem.objects.active().filter(step__number=step_number))


@pytest.mark.django_db(transaction=True)
def test_ticking_checklist_items_without_a_reload(
    alice, trajectory, live_server, login, screenshot
):
    first, second, third = checklist(1)[:3]
    page = login(alice)
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/stap/1/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stap 1:")
    page.evaluate("window.__marker = 1")

    def item(checklist_item):
        return page.locator(f"li#punt-{checklist_item.pk}")

    def tickbox(checklist_item):
        return item(checklist_item).locator("button.tickbox")

    expect(tickbox(first)).to_have_attribute("aria-pressed", "false")
    tickbox(first).click()
    expect(tickbox(first)).to_have_attribute("aria-pressed", "true")
    expect(item(first)).to_contain_text("Gedaan · Alice Aarts")

    tickbox(second).click()
    expect(tickbox(second)).to_have_attribute("aria-pressed", "true")
    expect(item(second)).to_contain_text("Gedaan · Alice Aarts")

    tickbox(first).click()  # undo
    expect(tickbox(first)).to_have_attribute("aria-pressed", "false")
    expect(item(first)).not_to_contain_text("Gedaan")

    reason = "Johan heeft zelf al een dossieroverzicht meegenomen."
    item(third).get_by_text("Niet van toepassing?").click()
    item(third).get_by_label("Waarom niet?").fill(reason)
    item(third).get_by_role("button", name="Opslaan").click()
    expect(tickbox(third)).to_have_attribute("aria-pressed", "true")
    expect(item(third)).to_contain_text(f"Niet van toepassing: {reason} · Alice Aarts")

    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    ticks = Tick.objects.filter(trajectory=trajectory)
    assert sorted(ticks.values_list("item_id", "cycle", "not_applicable", "reason")) == sorted(
        [(second.pk, 1, False, ""), (third.pk, 1, True, reason)]
    )
    assert {t.ticked_by_id for t in ticks} == {alice.pk}

    page.reload()
    assert page.evaluate("window.__marker") is None
    expect(tickbox(first)).to_have_attribute("aria-pressed", "false")
    expect(tickbox(second)).to_have_attribute("aria-pressed", "true")
    expect(item(second)).to_contain_text("Gedaan · Alice Aarts")
    expect(tickbox(third)).to_have_attribute("aria-pressed", "true")
    expect(item(third)).to_contain_text(f"Niet van toepassing: {reason}")
    expect(item(first).locator("details")).to_contain_text("Niet van toepassing?")
    screenshot("step-page")


def local_input(day, hour):
    """What a datetime-local input takes: YYYY-MM-DDTHH:MM."""
    return f"{day.isoformat()}T{hour:02d}:00"


@pytest.mark.django_db(transaction=True)
def test_logging_a_conversation_with_two_agreements_shows_them_on_the_dossier(
    alice, trajectory, live_server, login, screenshot
):
    resident = trajectory.resident
    today = timezone.localdate()
    next_week = today + timedelta(days=7)
    page = login(alice)
    page.goto(f"{live_server.url}/inwoners/{resident.pk}/")
    page.get_by_role("main").get_by_role("link", name="Gesprek vastleggen").click()

    expect(page).to_have_url(f"{live_server.url}/trajecten/{trajectory.pk}/gesprekken/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek met Johan de Wit")
    page.fill("#id_held_at", local_input(today - timedelta(days=1), 10))
    page.get_by_label("Soort gesprek").select_option(label="Intakegesprek")
    page.get_by_label("Waar", exact=True).select_option(label="Op kantoor")
    page.get_by_role("checkbox", name="Maria de Wit").check()

    page.get_by_label("Check-in").fill("Johan is zenuwachtig; zijn moeder is erbij.")
    page.get_by_label("De inwoner hoorde expliciet: jij beslist mee").check()
    page.fill("#id_agenda-0-text", "Kennismaken")
    page.check("#id_agenda-0-discussed")
    page.fill("#id_agenda-1-text", "Wat als de houtwerkplaats dichtgaat?")
    page.select_option("#id_agenda-1-raised_by", label="Inwoner")
    page.get_by_label("Verslag").fill(
        "Kennisgemaakt. De houtwerkplaats sluit over drie maanden; Johan wil blijven werken."
    )

    page.select_option("#id_afspraken-0-owner", label="Inwoner")
    page.fill("#id_afspraken-0-what", "Lijstje maken van wat hij graag doet")
    page.fill("#id_afspraken-0-due_on", next_week.isoformat())
    page.select_option("#id_afspraken-1-owner", label="Iemand uit het netwerk")
    page.select_option("#id_afspraken-1-network_member", label="Maria de Wit")
    page.fill("#id_afspraken-1-what", "Rooster van de werkplaats opvragen")
    page.fill("#id_afspraken-1-due_on", (next_week + timedelta(days=1)).isoformat())

    page.get_by_label("Check-out").fill("Opgelucht dat er een plan komt.")
    appointment_day = today + timedelta(days=5)
    page.fill("#id_next_appointment", local_input(appointment_day, 14))
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("Het gesprek is vastgelegd.")
    held = Conversation.objects.get(status=Conversation.Status.HELD)
    expect(page).to_have_url(f"{live_server.url}/gesprekken/{held.pk}/")
    assert held.told_decides_too
    assert timezone.localtime(held.held_at).hour == 10
    assert list(held.participants.values_list("name", flat=True)) == ["Maria de Wit"]
    planned = Conversation.objects.get(status=Conversation.Status.PLANNED)
    assert timezone.localtime(planned.held_at) == timezone.make_aware(
        datetime.combine(appointment_day, time(14))
    )

    page.locator("p.breadcrumb").get_by_role("link", name="Johan de Wit").click()
    expect(page).to_have_url(f"{live_server.url}/inwoners/{resident.pk}/")
    open_now = page.get_by_role("region", name="Wat openstaat")
    agreements = open_now.locator("ul.agreements > li")
    expect(agreements).to_have_count(2)
    expect(agreements.nth(0)).to_contain_text("Inwoner: Lijstje maken van wat hij graag doet")
    expect(agreements.nth(1)).to_contain_text("Maria de Wit: Rooster van de werkplaats opvragen")
    with translation.override("nl"):
        when = dateformat.format(timezone.localtime(planned.held_at), "l j F, H:i")
    next_line = open_now.locator("p", has_text="Volgende afspraak:")
    expect(next_line).to_contain_text(when)
    expect(next_line.get_by_role("link")).to_have_attribute("href", f"/gesprekken/{planned.pk}/")
    timeline = page.get_by_role("region", name="Tijdlijn")
    expect(timeline).to_contain_text("Intakegesprek")
    expect(timeline).to_contain_text("Intakegesprek · op kantoor · 2 afspraken")

    page.evaluate("window.__marker = 1")
    mothers = Agreement.objects.get(network_member__name="Maria de Wit")
    item = page.locator(f"li#afspraak-{mothers.pk}")
    item.get_by_role("button", name="Gedaan").click()
    expect(item).to_contain_text("gedaan op")
    expect(item.get_by_role("button", name="Weer open")).to_be_visible()
    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    mothers.refresh_from_db()
    assert mothers.done_on == today
    screenshot("dossier")


@pytest.mark.django_db(transaction=True)
def test_starting_a_new_round_after_step_seven(alice, trajectory, live_server, login, screenshot):
    services.tick(trajectory=trajectory, item=checklist(4)[0], by=alice)
    services.move_to_step(trajectory=trajectory, step=7, by=alice)
    page = login(alice)
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/")
    expect(page.get_by_role("heading", name="Stappen, ronde 1")).to_be_visible()

    page.get_by_role("button", name="Begin ronde 2 bij stap 3").click()

    expect(page.get_by_role("status")).to_contain_text("Ronde 2 is begonnen bij stap 3")
    expect(page.get_by_role("heading", name="Stappen, ronde 2")).to_be_visible()
    rounds = page.get_by_role("navigation", name="Rondes")
    expect(rounds.get_by_role("link")).to_have_text(["Ronde 1", "Ronde 2"])
    expect(rounds.get_by_role("link", name="Ronde 2")).to_have_attribute("aria-current", "page")
    path = page.get_by_role("list", name="De zeven stappen")
    expect(path.get_by_role("listitem").nth(3)).to_contain_text("0 van 6")
    expect(page.get_by_role("main")).to_contain_text("Het traject staat in stap 3.")
    expect(page.get_by_role("button", name="Begin ronde 3 bij stap 3")).to_have_count(0)
    trajectory.refresh_from_db()
    assert (trajectory.cycle, trajectory.current_step) == (2, 3)
    screenshot("trajectory-round-2")

    rounds.get_by_role("link", name="Ronde 1").click()
    expect(page).to_have_url(f"{live_server.url}/trajecten/{trajectory.pk}/?ronde=1")
    expect(page.get_by_role("heading", name="Stappen, ronde 1")).to_be_visible()
    step_4 = path.get_by_role("listitem").nth(3)
    expect(step_4.get_by_role("link")).to_have_attribute(
        "href", f"/trajecten/{trajectory.pk}/stap/4/?ronde=1"
    )
    expect(step_4).to_contain_text("1 van 6")
    expect(page.get_by_role("main")).to_contain_text("Je bekijkt een eerdere ronde.")
