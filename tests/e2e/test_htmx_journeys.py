"""Nothing typed is lost, and the page keeps up with every htmx change: step 2 saves every
part at once and warns before leaving unsaved text; a tick updates the count of open items
and keeps the focus; the plan puts the focus where the work goes on."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases import services
from cases.models import LifeDomain, SubGoal
from steps.models import ChecklistItem

from ..factories import ConversationFactory, GoalFactory

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_step_two_saves_what_was_typed_in_every_domain(
    alice, trajectory, live_server, login, screenshot
):
    page = login(alice)
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/situatie/")
    money = page.locator("#gebied-financien")
    money.get_by_label("Hoe het nu gaat").fill("Schulden bij de energieleverancier.")
    learning = page.locator("#gebied-leren")
    learning.get_by_label("Wat de inwoner wil").fill("Een cursus Nederlands.")
    learning.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("Opgeslagen: Leren en opleiding, Financiën.")
    assert page.url.endswith("#gebied-leren")
    saved = {d.domain: (d.situation, d.wish) for d in LifeDomain.objects.all()}
    assert saved == {
        "financien": ("Schulden bij de energieleverancier.", ""),
        "leren": ("", "Een cursus Nederlands."),
    }
    expect(money.get_by_label("Hoe het nu gaat")).to_have_value(
        "Schulden bij de energieleverancier."
    )


@pytest.mark.django_db(transaction=True)
def test_leaving_step_two_with_unsaved_text_asks_first(alice, trajectory, live_server, login):
    page = login(alice)
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/situatie/")
    page.locator("#gebied-werk").get_by_label("Wat belemmert").fill("Onrust bij veranderingen.")
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Traject").first.click()
    expect(page.locator("#gebied-werk").get_by_label("Wat belemmert")).to_have_value(
        "Onrust bij veranderingen."
    )
    assert asked == ["beforeunload"]
    assert "/situatie/" in page.url
    # Saved, the page is left without a question.
    page.remove_listener("dialog", stay)
    page.locator("#gebied-werk").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen: Werk.")
    page.get_by_role("link", name="Traject").first.click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Persoonlijke situatie")


@pytest.mark.django_db(transaction=True)
def test_a_tick_by_keyboard_keeps_the_focus_and_the_count(
    alice, trajectory, live_server, login, accessibility
):
    items = list(ChecklistItem.objects.active().filter(step__number=1))
    page = login(alice)
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/stap/1/")
    count = page.locator("#nog-open")
    expect(count).to_contain_text(f"Nog {len(items)} punten open in deze stap.")

    box = page.locator(f"#vink-{items[0].pk}")
    page.evaluate("window.nietHerladen = true")  # gone if a key posts the form without htmx
    box.focus()
    page.keyboard.press("Enter")
    expect(box).to_have_attribute("aria-pressed", "true")
    expect(box).to_be_focused()
    expect(count).to_contain_text(f"Nog {len(items) - 1} punten open in deze stap.")
    accessibility.check("step 1, ticked")
    page.keyboard.press("Space")  # undo, still by keyboard
    expect(box).to_have_attribute("aria-pressed", "false")
    expect(box).to_be_focused()
    expect(count).to_contain_text(f"Nog {len(items)} punten open in deze stap.")
    assert page.evaluate("window.nietHerladen") is True

    # Not applicable, from its own little form: the focus lands on the item's box.
    item = page.locator(f"#punt-{items[1].pk}")
    item.get_by_text("Niet van toepassing?").click()
    item.get_by_label("Waarom niet?").fill("Al besproken bij de intake.")
    item.get_by_label("Waarom niet?").press("Enter")
    expect(page.locator(f"#vink-{items[1].pk}")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"#vink-{items[1].pk}")).to_be_focused()
    expect(count).to_contain_text(f"Nog {len(items) - 1} punten open in deze stap.")
    accessibility.check("step 1, not applicable")


@pytest.mark.django_db(transaction=True)
def test_a_key_pressed_the_moment_a_tick_lands_goes_through_htmx(
    alice, trajectory, live_server, login
):
    """A quick second key (Enter to tick, Space to undo at once) still stays on the page.
    The second press is made in the browser's next task after the swap, the earliest moment
    a real key could arrive, so the test does not depend on how busy the machine is."""
    item = ChecklistItem.objects.active().filter(step__number=1).first()
    page = login(alice)
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/stap/1/")
    page.evaluate(
        """() => {
          window.nietHerladen = true;
          document.body.addEventListener("htmx:afterSwap", () => {
            if (!window.alGedrukt) {
              window.alGedrukt = true;
              setTimeout(() => document.activeElement.click(), 0);
            }
          });
        }"""
    )
    box = page.locator(f"#vink-{item.pk}")
    box.focus()
    page.keyboard.press("Enter")
    expect(box).to_have_attribute("aria-pressed", "false")  # ticked, and undone at once
    expect(box).to_be_focused()
    assert page.evaluate("window.nietHerladen") is True


@pytest.mark.django_db(transaction=True)
def test_the_plan_puts_the_focus_where_the_work_goes_on(
    alice, trajectory, live_server, login, accessibility
):
    services.move_to_step(trajectory=trajectory, step=4, by=alice)
    GoalFactory(plan__trajectory=trajectory, in_own_words="Ik wil weer werken")
    page = login(alice)
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/doel-actieplan/")

    page.get_by_role("link", name="Subdoel toevoegen").click()
    field = page.get_by_label("Subdoel")
    expect(field).to_be_focused()  # opened in place: typing starts at once
    accessibility.check("plan, a sub-goal's form opened in place")
    field.fill("Twee keer meelopen bij een hovenier")
    field.press("Enter")
    heading = page.get_by_role("heading", name="Het doel")
    expect(heading).to_be_focused()  # the form is gone; its section has the focus
    expect(page.locator("#doel")).to_contain_text("Twee keer meelopen bij een hovenier")
    assert SubGoal.objects.count() == 1
    accessibility.check("plan, a sub-goal added in place")

    page.get_by_role("link", name="Actie toevoegen").click()
    expect(page.locator("#acties form.plan-form").get_by_role("combobox").first).to_be_focused()
    accessibility.check("plan, an action's form opened in place")
    page.locator("#acties form.plan-form").get_by_role("link", name="Annuleren").click()
    expect(page.get_by_role("heading", name="Wie doet wat, wanneer")).to_be_focused()
    expect(page.locator("#acties form.plan-form")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_more_of_the_timeline_keeps_the_focus_on_its_link(alice, trajectory, live_server, login):
    for n in range(25):
        ConversationFactory(trajectory=trajectory, held_at=timezone.now() - timedelta(days=n + 1))
    page = login(alice)
    page.goto(f"{live_server.url}/inwoners/{trajectory.resident.pk}/")
    entries = page.locator("#tijdlijn .timeline__entry")
    expect(entries).to_have_count(10)
    more = page.get_by_role("link", name="Eerdere gebeurtenissen tonen")
    more.focus()
    page.keyboard.press("Enter")
    expect(entries).to_have_count(20)
    expect(more).to_be_focused()
