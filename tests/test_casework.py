"""Case work: trajectories through the seven steps, ticks, rounds and the trajectory page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases import services
from cases.models import StepChange, Tick, Trajectory
from steps.models import ChecklistItem

from .queries import ACCESS_LOG

pytestmark = pytest.mark.django_db


def step_url(trajectory, number, **query):
    suffix = "".join(f"?{k}={v}" for k, v in query.items())
    return f"/trajecten/{trajectory.pk}/stap/{number}/{suffix}"


def first_item(number, phase=None):
    items = ChecklistItem.objects.active().filter(step__number=number)
    return (items.filter(phase=phase) if phase else items).first()


def test_a_consultant_starts_a_trajectory_from_the_dossier(client_for, alice, resident):
    client = client_for(alice)
    assert "Start een traject in stap 1" in client.get(f"/inwoners/{resident.pk}/").content.decode()
    response = client.post(f"/inwoners/{resident.pk}/traject/", follow=True)
    trajectory = Trajectory.objects.get(resident=resident)
    assert response.redirect_chain[-1][0] == f"/trajecten/{trajectory.pk}/"
    assert (trajectory.current_step, trajectory.cycle, trajectory.status) == (1, 1, "actief")
    assert "Het traject is gestart in stap 1." in response.content.decode()
    assert StepChange.objects.filter(trajectory=trajectory, from_step=None, to_step=1).exists()


def test_a_resident_has_one_open_trajectory_at_a_time(client_for, alice, resident, trajectory):
    response = client_for(alice).post(f"/inwoners/{resident.pk}/traject/", follow=True)
    assert "Deze inwoner heeft al een lopend traject." in response.content.decode()
    assert Trajectory.objects.filter(resident=resident).count() == 1


def test_the_step_page_has_checklist_prompts_tools_and_the_foundation(
    client_for, alice, trajectory
):
    page = client_for(alice).get(step_url(trajectory, 3)).content.decode()
    assert "Stap 3: Drijfveren en beweegredenen" in page
    assert "Op een schaal van 0 tot 10" in page  # a prompt
    assert "Schaalvragen" in page  # a tool
    assert "Basis: Relatie met de inwoner" in page
    assert "Autonomie:" in page
    assert "Nog 4 punten open in deze stap." in page


def test_ticking_records_who_and_when_and_can_be_undone(client_for, alice, trajectory):
    client = client_for(alice)
    item = first_item(1, "voorbereiding")
    url = f"/trajecten/{trajectory.pk}/vinkjes/{item.pk}/"
    response = client.post(url, {"action": "done"})
    assert response.status_code == 302
    assert response.url == step_url(trajectory, 1) + f"?vink={item.pk}#punt-{item.pk}"
    tick = Tick.objects.get(trajectory=trajectory, item=item, cycle=1)
    assert tick.ticked_by == alice
    page = client.get(response.url).content.decode()
    assert "Gedaan · Alice Aarts" in page
    assert 'aria-pressed="true"' in page
    # The page comes back with the focus on the box that was pressed, and on no other.
    assert page.count(" autofocus ") == 1
    assert f'id="vink-{item.pk}" autofocus ' in page
    client.post(url, {"action": "undo"})
    assert not Tick.objects.filter(trajectory=trajectory).exists()


def test_ticking_with_htmx_returns_only_the_item(client_for, alice, trajectory):
    item = first_item(2)
    response = client_for(alice).post(
        f"/trajecten/{trajectory.pk}/vinkjes/{item.pk}/",
        {"action": "done"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert page.lstrip().startswith(f'<li id="punt-{item.pk}"')
    assert "Gedaan · Alice Aarts" in page
    assert "<html" not in page


def test_not_applicable_needs_a_reason(client_for, alice, trajectory):
    client = client_for(alice)
    item = first_item(1)
    url = f"/trajecten/{trajectory.pk}/vinkjes/{item.pk}/"
    response = client.post(url, {"action": "nvt", "reason": " "}, follow=True)
    assert "Schrijf kort op waarom dit punt niet van toepassing is." in response.content.decode()
    assert not Tick.objects.exists()
    client.post(url, {"action": "nvt", "reason": "Moeder regelde de uitnodiging"})
    tick = Tick.objects.get()
    assert tick.not_applicable
    page = client.get(step_url(trajectory, 1)).content.decode()
    assert "Niet van toepassing: Moeder regelde de uitnodiging" in page


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("x" * 301, "Dit is te lang: schrijf het korter op, in hooguit 300 tekens."),
        ("Moeder\x00regelde het", "Hier staat een teken in dat niet getypt kan worden."),
    ],
)
def test_a_reason_too_long_or_with_an_untypable_character_is_refused(
    client_for, alice, trajectory, reason, message
):
    item = first_item(1)
    response = client_for(alice).post(
        f"/trajecten/{trajectory.pk}/vinkjes/{item.pk}/",
        {"action": "nvt", "reason": reason},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Tick.objects.exists()


def test_a_retired_item_cannot_be_ticked(client_for, alice, trajectory):
    item = first_item(1)
    item.retired_at = timezone.now()
    item.save()
    response = client_for(alice).post(
        f"/trajecten/{trajectory.pk}/vinkjes/{item.pk}/", {"action": "done"}, follow=True
    )
    assert "niet meer in gebruik" in response.content.decode()
    assert not Tick.objects.exists()


def test_the_foundation_is_not_ticked(client_for, alice, trajectory):
    item = first_item(0)
    response = client_for(alice).post(
        f"/trajecten/{trajectory.pk}/vinkjes/{item.pk}/", {"action": "done"}, follow=True
    )
    assert "De basis wordt niet afgevinkt" in response.content.decode()
    assert not Tick.objects.exists()


def test_moving_on_is_the_consultants_choice_even_with_open_items(client_for, alice, trajectory):
    client = client_for(alice)
    page = client.get(step_url(trajectory, 1)).content.decode()
    assert "Nog 12 punten open in deze stap." in page
    assert "Verder naar stap 2" in page
    response = client.post(f"/trajecten/{trajectory.pk}/naar-stap/", {"step": "2"}, follow=True)
    assert response.redirect_chain[-1][0] == step_url(trajectory, 2)
    trajectory.refresh_from_db()
    assert trajectory.current_step == 2
    assert StepChange.objects.filter(trajectory=trajectory, from_step=1, to_step=2).exists()


@pytest.mark.parametrize("step", ["0", "8", "zeven"])
def test_it_refuses_a_step_that_does_not_exist(client_for, alice, trajectory, step):
    response = client_for(alice).post(
        f"/trajecten/{trajectory.pk}/naar-stap/", {"step": step}, follow=True
    )
    assert "Kies een stap van 1 tot en met 7." in response.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.current_step == 1


def test_a_new_round_starts_at_step_three_after_the_evaluation(client_for, alice, trajectory):
    client = client_for(alice)
    item = first_item(4)
    services.tick(trajectory=trajectory, item=item, by=alice)
    refused = client.post(f"/trajecten/{trajectory.pk}/nieuwe-ronde/", follow=True)
    assert "Een nieuwe ronde begint na de evaluatie in stap 7." in refused.content.decode()

    services.move_to_step(trajectory=trajectory, step=7, by=alice)
    page = client.get(f"/trajecten/{trajectory.pk}/").content.decode()
    assert "Begin ronde 2 bij stap 3" in page
    response = client.post(f"/trajecten/{trajectory.pk}/nieuwe-ronde/", follow=True)
    assert "Ronde 2 is begonnen bij stap 3." in response.content.decode()
    trajectory.refresh_from_db()
    assert (trajectory.cycle, trajectory.current_step) == (2, 3)

    # The new round starts with an empty checklist; the first round's ticks stay visible.
    assert "Nog 6 punten open" in client.get(step_url(trajectory, 4)).content.decode()
    earlier = client.get(step_url(trajectory, 4, ronde=1)).content.decode()
    assert "Je bekijkt ronde 1. Afvinken kan alleen in de huidige ronde." in earlier
    assert "Gedaan · Alice Aarts" in earlier
    assert "vinkjes" not in earlier  # no tick forms in an earlier round
    overview = client.get(f"/trajecten/{trajectory.pk}/?ronde=1").content.decode()
    assert "Stappen, ronde 1" in overview
    assert "1 van 6" in overview
    assert 'aria-current="step"' not in overview  # a finished round has no current step
    assert overview.count("step-path__step is-passed") == 7
    assert f'href="/trajecten/{trajectory.pk}/stap/4/?ronde=1"' in overview
    current = client.get(f"/trajecten/{trajectory.pk}/").content.decode()
    assert current.count("niet in deze ronde") == 2  # round 2 starts at step 3
    assert f'href="/trajecten/{trajectory.pk}/stap/4/"' in current
    dossier = client.get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    assert f'<a href="/trajecten/{trajectory.pk}/stap/3/" aria-current="step">' in dossier


def test_the_trajectory_page_shows_the_path_with_counts(client_for, alice, trajectory):
    for item in ChecklistItem.objects.active().filter(step__number=1)[:3]:
        services.tick(trajectory=trajectory, item=item, by=alice)
    services.move_to_step(trajectory=trajectory, step=2, by=alice)
    page = client_for(alice).get(f"/trajecten/{trajectory.pk}/").content.decode()
    assert "3 van 12" in page
    assert 'aria-current="step"' in page
    assert "Het traject staat in stap 2." in page


def test_closing_asks_for_the_outcome_and_makes_the_trajectory_read_only(
    client_for, alice, trajectory
):
    client = client_for(alice)
    url = f"/trajecten/{trajectory.pk}/status/"
    response = client.post(url, {"status": "afgesloten", "outcome": ""})
    assert "Kies de uitkomst: waarmee sluit het traject af?" in response.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.is_open
    client.post(url, {"status": "afgesloten", "outcome": "werk", "version": 1})
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.outcome) == ("afgesloten", "werk")
    assert trajectory.closed_on == timezone.localdate()
    dossier = client.get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    assert "Eerdere trajecten" in dossier
    assert "Start een traject in stap 1" in dossier


def test_pausing_shows_on_the_caseload(client_for, alice, trajectory):
    client = client_for(alice)
    client.post(f"/trajecten/{trajectory.pk}/status/", {"status": "gepauzeerd", "version": 1})
    assert 'tag--gepauzeerd">gepauzeerd' in client.get("/inwoners/").content.decode()


@pytest.mark.parametrize("ticked", [0, 12])
def test_the_step_page_runs_a_fixed_number_of_queries(
    client_for, alice, trajectory, ticked, django_assert_num_queries
):
    for item in ChecklistItem.objects.active().filter(step__number=1)[:ticked]:
        services.tick(trajectory=trajectory, item=item, by=alice)
    client = client_for(alice)
    # session, user, trajectory, the step and the foundation with their items,
    # prompts and tools, the ticks with who ticked
    with django_assert_num_queries(9 + ACCESS_LOG):
        response = client.get(step_url(trajectory, 1))
    assert response.status_code == 200


def test_the_services_date_the_path_by_their_clock(client_for, alice, resident):
    """A command or the demo writes a trajectory's history with `at`: the dossier reads
    it as it happened, not when it was written."""
    started = timezone.now().replace(microsecond=0) - timedelta(days=40)
    trajectory = services.start_trajectory(resident=resident, by=alice, at=started)
    item = first_item(1)
    tick = services.tick(
        trajectory=trajectory, item=item, by=alice, at=started + timedelta(hours=1)
    )
    services.move_to_step(trajectory=trajectory, step=7, by=alice, at=started + timedelta(days=7))
    services.start_new_round(trajectory=trajectory, by=alice, at=started + timedelta(days=14))
    closed = started + timedelta(days=21)
    services.set_trajectory_status(
        trajectory=trajectory, status="afgesloten", outcome="werk", at=closed
    )
    trajectory.refresh_from_db()
    assert trajectory.started_on == timezone.localdate(started)
    assert trajectory.closed_on == timezone.localdate(closed)
    assert tick.ticked_at == started + timedelta(hours=1)
    assert list(trajectory.step_changes.order_by("pk").values_list("changed_at", flat=True)) == [
        started,
        started + timedelta(days=7),
        started + timedelta(days=14),
    ]
    page = client_for(alice).get(f"/inwoners/{resident.pk}/").content.decode()
    entry = page[page.index("Traject gestart in stap 1") - 200 :]
    assert f'datetime="{timezone.localtime(started).isoformat()}"' in entry
