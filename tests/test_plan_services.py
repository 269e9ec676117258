"""The doel-actieplan's services called as a command or the demo calls them: plain data
(validated model instances) and a clock, `at`."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases import services
from cases.models import Decision, Evaluation, Goal, Option
from cases.plan import services as plan_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def trajectory(resident, alice):
    return services.start_trajectory(resident=resident, by=alice)


def new_decision(plan, option, **fields):
    """The round's decision as the form makes it: validated, not saved."""
    fields = {"evaluation_on": timezone.localdate(), **fields}
    return Decision(
        plan=plan,
        cycle=1,
        option=option,
        in_own_words="Ik ga het doen.",
        enough_information="ja",
        satisfaction="tevreden",
        **fields,
    )


def test_the_plan_services_date_the_plan_and_its_history_by_their_clock(
    client_for, alice, trajectory
):
    """A command or the demo writes a plan with `at`: its parts and history lines are
    dated when they were made, the decision on that day."""
    at = timezone.now().replace(microsecond=0) - timedelta(days=20)
    sheet = plan_services.get_or_create_plan(trajectory)
    goal = plan_services.add_part(
        Goal(plan=sheet, in_own_words="Ik wil werken", domain="werk", created_by=alice),
        by=alice,
        at=at,
    )
    option = plan_services.add_option(
        Option(plan=sheet, cycle=1, title="Werkfit traject", pros="Ritme"),
        answers={},
        by=alice,
        at=at + timedelta(minutes=1),
    )
    waiting = Option.objects.get(is_waiting=True)
    waiting.cons = "Er verandert niets."
    plan_services.change_option(waiting, answers={}, seen=1, by=alice, at=at + timedelta(minutes=2))
    decided = at + timedelta(days=7)
    decision = plan_services.decide(
        new_decision(sheet, option, evaluation_on=timezone.localdate(decided)),
        seen=0,
        by=alice,
        at=decided,
    )
    assert goal.created_at == at
    assert decision.decided_on == timezone.localdate(decided)
    assert list(sheet.changes.order_by("pk").values_list("summary", "at")) == [
        ("Doel toegevoegd: Ik wil werken", at),
        ("Keuzemogelijkheid toegevoegd: Werkfit traject", at + timedelta(minutes=1)),
        (
            "Keuzemogelijkheid gewijzigd: Nu even niet / afwachten",
            at + timedelta(minutes=2),
        ),
        ("Samen besloten: Werkfit traject", decided),
    ]
    page = client_for(alice).get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    entry = page[: page.index("Samen besloten: Werkfit traject")]
    assert f'datetime="{timezone.localtime(decided).isoformat()}"' in entry[-400:]


def test_an_evaluation_for_a_new_round_dates_the_new_round_by_its_clock(alice, trajectory):
    at = timezone.now().replace(microsecond=0) - timedelta(days=3)
    sheet = plan_services.get_or_create_plan(trajectory)
    option = plan_services.add_option(
        Option(plan=sheet, cycle=1, title="Werkfit traject"), answers={}, by=alice
    )
    plan_services.decide(new_decision(sheet, option), seen=0, by=alice)
    plan_services.evaluate(
        Evaluation(plan=sheet, cycle=1, what_changed="Meer ritme", next_step="ronde"),
        trajectory=trajectory,
        seen=0,
        by=alice,
        at=at,
    )
    assert (trajectory.current_step, trajectory.cycle) == (3, 2)
    moves = trajectory.step_changes.order_by("-pk")[:2]
    assert [m.changed_at for m in moves] == [at, at]
    assert sheet.changes.latest("pk").at == at
