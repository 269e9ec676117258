"""The consultant's day in the browser: what is due, marked done by keyboard, the count and the
focus following; a planned conversation that was not held, closed from the day."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Agreement, Conversation
from tests.factories import ActionFactory, ConversationFactory, ResidentFactory, TrajectoryFactory

pytestmark = pytest.mark.browser


def at(days, hour, minute=0):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def day(alice):
    """Alice's day: Fatima and Jan-Willem booked at the same hour tomorrow, an intake of
    Hodan's two days ago never logged, and three things due this week."""
    fatima, jan, hodan = (
        TrajectoryFactory(
            resident=ResidentFactory(consultant=alice, first_name=first, last_name=last)
        )
        for first, last in [("Fatima", "El Amrani"), ("Jan-Willem", "ter Horst"), ("Hodan", "Abdi")]
    )
    for trajectory in (fatima, jan):
        ConversationFactory(trajectory=trajectory, status="gepland", held_at=at(1, 16))
    ConversationFactory(
        trajectory=hodan, status="gepland", held_at=timezone.now() - timedelta(days=2)
    )
    talk = ConversationFactory(trajectory=fatima)
    for what, days in [("Cv sturen", -2), ("Werkgever bellen", 0)]:
        Agreement.objects.create(
            conversation=talk,
            owner="inwoner",
            what=what,
            due_on=timezone.localdate() + timedelta(days=days),
        )
    ActionFactory(plan__trajectory=jan, what="Proefdag regelen", due_on=timezone.localdate())
    return {"hodan": hodan}


@pytest.mark.django_db(transaction=True)
def test_marking_done_from_the_day_keeps_focus_and_the_count(
    alice, day, live_server, login, screenshot
):
    page = login(alice)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")
    counter = page.locator("#week-teller")
    expect(counter).to_have_text("(3)")
    expect(page.get_by_role("region", name="Dubbel geboekt")).to_contain_text("Fatima El Amrani")
    screenshot("day-desktop")

    agreement = Agreement.objects.get(what="Cv sturen")
    button = page.locator(f"#gedaan-{agreement.pk}")
    expect(button).to_have_accessible_name(re.compile(r"^Gedaan\W+Cv sturen$"))
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_accessible_name(re.compile(r"^Weer open\W+Cv sturen$"))
    expect(button).to_be_focused()
    expect(counter).to_have_text("(2)")
    agreement.refresh_from_db()
    assert agreement.done_on == timezone.localdate()

    page.keyboard.press("Enter")  # and open again, still by keyboard
    expect(button).to_have_accessible_name(re.compile(r"^Gedaan\W+Cv sturen$"))
    expect(button).to_be_focused()
    expect(counter).to_have_text("(3)")


@pytest.mark.django_db(transaction=True)
def test_a_conversation_that_did_not_take_place_is_closed_from_the_day(
    alice, day, live_server, login
):
    page = login(alice)
    to_log = page.get_by_role("region", name="Nog vastleggen")
    expect(to_log).to_contain_text("Hodan Abdi")
    to_log.get_by_role("link", name=re.compile("Afgezegd of niet verschenen\\W+Hodan Abdi")).click()
    page.get_by_label("Afgezegd").check()
    page.get_by_role("group", name="Wie zegde af?").get_by_label("de inwoner").check()
    page.get_by_label("Reden of toelichting").fill("Ziek")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd: afgezegd.")
    assert Conversation.objects.get(trajectory=day["hodan"]).status == "afgezegd"
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vandaag").click()
    expect(page.get_by_role("region", name="Nog vastleggen")).to_contain_text(
        "Alles is vastgelegd."
    )
