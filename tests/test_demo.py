"""manage.py demo: a believable caseload, built the same way every time.

The demo is built once for this module (about three seconds) and every test reads it;
the command's refusal outside development, which needs an empty database, is in
test_demo_command.py.
"""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from cases.accounts.second_factor import log_in_verified
from cases.models import (
    Action,
    AppointmentChange,
    CaseReview,
    Conversation,
    Decision,
    Evaluation,
    Goal,
    HandedOverDocument,
    LifeDomain,
    NetworkMember,
    Option,
    OptionAnswer,
    OptionQuestion,
    PersonalSituation,
    Plan,
    PlanChange,
    Reassignment,
    Resident,
    Signal,
    SituationChange,
    SubGoal,
    Team,
    Trajectory,
    User,
)
from cases.plan.selectors import plan_sheet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo caseload, built once for the module's tests.

    It is built in a transaction that is rolled back when the module ends, so none of it
    reaches another module. Each test runs in pytest-django's own transaction within it (a
    savepoint, rolled back after the test), so what one test changes the next does not see.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        # The passwords are hashed as conftest.py's fast_password_hashing has every test
        # check them; a hash made with another hasher would not be recognised.
        with override_settings(
            DEBUG=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ):
            call_command("demo", stdout=StringIO())
        with django_db_blocker.block():
            yield
        transaction.set_rollback(True)


PLAN_MODELS = (
    Plan,
    Goal,
    SubGoal,
    Option,
    OptionQuestion,
    OptionAnswer,
    Decision,
    Action,
    Evaluation,
    PlanChange,
)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Team,
            User,
            Resident,
            NetworkMember,
            HandedOverDocument,
            *PLAN_MODELS,
            LifeDomain,
            PersonalSituation,
            SituationChange,
            Conversation,
            AppointmentChange,
            Signal,
            CaseReview,
            Reassignment,
        )
    }


def test_running_the_demo_twice_changes_nothing(settings, capsys):
    settings.DEBUG = True
    first = counts()  # after the module's first run
    versions = dict(Resident.objects.values_list("pk", "version"))
    call_command("demo")
    assert counts() == first
    assert dict(Resident.objects.values_list("pk", "version")) == versions
    assert "Wachtwoord voor iedereen" in capsys.readouterr().out


def test_the_demo_has_the_training_cases_and_full_caseloads():
    johan = Resident.objects.get(first_name="Johan")
    assert johan.age == 35
    assert johan.network.filter(relation="moeder", joins_conversations=True).exists()
    assert Resident.objects.get(first_name="Emma").network.filter(relation="vader").exists()
    assert Resident.objects.get(first_name="Richard").network.filter(role="begeleider").exists()
    for consultant in User.objects.filter(role=User.Role.CONSULTANT):
        assert consultant.caseload.count() >= 15
    assert User.objects.filter(role=User.Role.TEAM_LEAD).count() == 1
    assert User.objects.get(role=User.Role.BEHEERDER).team is None
    letter = HandedOverDocument.objects.get()
    assert letter.trajectory.resident == johan
    assert bytes(letter.pdf).startswith(b"%PDF-")
    assert johan.consultant.phone


def test_the_demo_logins_work(settings, client):
    settings.REQUIRE_SECOND_FACTOR = False  # as bin/demo runs it
    response = client.post("/inloggen/", {"username": "sanne", "password": "samen-beslissen-demo"})
    assert response.status_code == 302


def test_a_handover_survives_the_next_demo_run(settings):
    settings.DEBUG = True
    johan = Resident.objects.get(first_name="Johan")
    linda = User.objects.get(username="linda")
    Resident.objects.filter(pk=johan.pk).update(consultant=linda)
    before = counts()
    call_command("demo", stdout=None)
    assert counts() == before
    assert Resident.objects.get(first_name="Johan").consultant == linda


def days_worked_on(trajectory, step):
    return {
        timezone.localdate(c.held_at)
        for c in trajectory.conversations.filter(steps_worked_on__number=step)
    }


def test_every_trajectory_that_reached_step_4_has_a_plan_that_follows_its_conversations():
    reached = Trajectory.objects.filter(conversations__steps_worked_on__number__gte=4)
    assert set(Plan.objects.values_list("pk", flat=True)) == set(
        reached.values_list("pk", flat=True)
    )
    assert Plan.objects.filter(trajectory__status=Trajectory.Status.CLOSED).count() >= 2
    now = timezone.now()
    for plan in Plan.objects.select_related("trajectory__resident__consultant"):
        trajectory = plan.trajectory
        consultant = trajectory.resident.consultant
        assert plan.goals.exists()
        for goal in plan.goals.all():
            assert goal.created_by == consultant
            first = goal.sub_goals.first()
            assert first is None or first.formulated_by == "inwoner"
        for cycle in set(plan.options.values_list("cycle", flat=True)):
            assert plan.options.filter(cycle=cycle, is_waiting=True).count() == 1
        for decision in plan.decisions.all():
            assert decision.decided_by == consultant
            assert decision.decided_on in days_worked_on(trajectory, 6)
            assert decision.evaluation_on >= decision.decided_on
            options = plan.options.filter(cycle=decision.cycle)
            assert decision.options_weighed == sum(o.is_weighed for o in options)
            actions = plan.actions.filter(cycle=decision.cycle)
            assert 2 <= actions.count() <= 4
            assert all(a.due_on >= decision.decided_on for a in actions)
        for evaluation in plan.evaluations.all():
            assert evaluation.evaluated_by == consultant
            assert evaluation.held_on in days_worked_on(trajectory, 7)
            assert plan.decisions.filter(cycle=evaluation.cycle).exists()
            if evaluation.cycle < trajectory.cycle:
                assert evaluation.next_step == Evaluation.Next.NEW_ROUND
            elif trajectory.status == Trajectory.Status.CLOSED:
                assert evaluation.next_step == Evaluation.Next.CLOSE
        changes = plan.changes.all()
        assert changes
        assert all(trajectory.started_on <= timezone.localdate(c.at) for c in changes)
        assert all(c.at <= now and c.by == consultant for c in changes)


def test_the_demo_plans_show_every_state_of_the_plan():
    sheets = [plan_sheet(plan.trajectory) for plan in Plan.objects.select_related("trajectory")]
    active = [s for s in sheets if s.trajectory.status == Trajectory.Status.ACTIVE]
    by_step = Counter(s.trajectory.current_step for s in active)
    assert by_step[4] >= 3 and by_step[5] >= 3 and by_step[6] >= 3 and by_step[7] >= 2
    goal_only = [s for s in active if s.trajectory.current_step == 4 and not s.options]
    assert goal_only
    weighing = [s for s in active if s.options and not s.decision]
    assert any(s.questions for s in weighing)
    assert any(s.max_options == 2 for s in weighing)
    assert any(s.too_few_weighed for s in weighing)
    # The team lead's core points 2 and 3 have something to show.
    decisions = Decision.objects.all()
    assert decisions.filter(options_weighed__lt=2).exists()
    assert decisions.filter(in_own_words="").exists()
    assert Option.objects.exclude(offer=None).exists()  # from the aanbod
    assert Option.objects.filter(offer=None, is_waiting=False).exists()  # free-form ones too
    owners = set(Action.objects.values_list("owner", flat=True))
    assert owners == {"inwoner", "consulent", "netwerk", "aanbieder"}
    assert Action.objects.filter(status="gedaan").exists()
    assert Action.objects.filter(status="open").exists()
    overdue = [s for s in active if s.evaluation_overdue]
    assert len(overdue) >= 2
    assert all(s.trajectory.current_step in (6, 7) for s in overdue)
    assert any(
        s.trajectory.cycle >= 3 and len([r for r in s.rounds if r.evaluation]) >= 2 for s in sheets
    )


def test_the_training_cases_have_their_hand_written_plans():
    johan = Plan.objects.get(trajectory__resident__first_name="Johan")
    goal = johan.goals.get()
    assert "opruimen" in goal.in_own_words.lower() and goal.paraphrase
    assert not johan.options.exists()
    richard = Plan.objects.get(trajectory__resident__first_name="Richard")
    assert richard.max_options == 2
    decision = richard.decisions.get(cycle=1)
    assert decision.option.title == "Groenproject in de wijk"
    assert "donderdag blijft van mij" in decision.in_own_words
    assert richard.actions.filter(network_member__name="Marloes Bakker").exists()
    assert richard.evaluations.get(cycle=1).next_step == Evaluation.Next.NEW_ROUND
    assert not Plan.objects.filter(trajectory__resident__first_name="Emma").exists()


def test_the_demo_plans_open_for_their_consultant(client):
    for plan in Plan.objects.select_related("trajectory__resident__consultant"):
        trajectory = plan.trajectory
        log_in_verified(client, trajectory.resident.consultant)
        for cycle in range(1, trajectory.cycle + 1):
            response = client.get(f"/trajecten/{trajectory.pk}/doel-actieplan/?ronde={cycle}")
            assert response.status_code == 200


def test_trajectories_past_step_two_have_their_personal_situation(settings, client):
    settings.REQUIRE_SECOND_FACTOR = False  # as bin/demo runs it
    past = Trajectory.objects.filter(current_step__gt=2) | Trajectory.objects.filter(cycle__gt=1)
    assert past.count() >= 25
    assert not past.filter(life_domains__isnull=True).exists()
    assert not past.filter(personal_situation__isnull=True).exists()
    # In step 2 now: some domains filled in, ons beeld still to come.
    in_step_two = Trajectory.objects.filter(current_step=2, cycle=1)
    assert in_step_two.exists()
    assert not in_step_two.filter(life_domains__isnull=True).exists()
    assert not in_step_two.filter(personal_situation__isnull=False).exists()
    johan = Trajectory.objects.get(resident__first_name="Johan", status="actief")
    assert johan.personal_situation.reaction.startswith("Ja. Opruimen kan ik goed.")
    assert johan.life_domains.get(domain="werk").phase == "kiezen"
    # Changes are dated when step 2 was worked on, not when the demo ran.
    moved_on = johan.step_changes.get(from_step=2, to_step=3).changed_at
    assert all(c.changed_at < moved_on for c in johan.situation_changes.all())
    client.post("/inloggen/", {"username": "sanne", "password": "samen-beslissen-demo"})
    page = client.get(f"/inwoners/{johan.resident_id}/").content.decode()
    assert "Johan is een trouwe, precieze werker" in page


def test_the_demo_conversations_have_check_in_numbers():
    held = Conversation.objects.filter(status=Conversation.Status.HELD)
    assert held.count() > 100
    assert not held.filter(check_in_score__isnull=True).exists()
    assert not held.filter(check_out_score__isnull=True).exists()
    johan = held.filter(trajectory__resident__first_name="Johan").order_by("held_at")
    assert list(johan.values_list("check_in_score", flat=True)) == [3, 4, 6]


def test_the_demo_day_has_what_slips_and_what_the_team_does():
    """What a newcomer should find on /vandaag/ and the team's pages."""
    from cases.day.selectors import double_bookings

    assert Conversation.objects.to_log().count() >= 3
    assert set(Conversation.objects.values_list("status", flat=True)) == {
        "gepland",
        "gevoerd",
        "afgezegd",
        "niet_verschenen",
    }
    assert AppointmentChange.objects.filter(what="afgezegd").exclude(asked_by="").exists()
    assert Action.objects.overdue().exists()
    sanne = User.objects.get(username="sanne")
    booked = double_bookings(sanne, timezone.localdate())
    names = {c.trajectory.resident.full_name for b in booked for c in b.conversations}
    assert {"Fatima El Amrani", "Jan-Willem ter Horst"} <= names
    assert set(Signal.objects.values_list("status", flat=True)) == {
        "nieuw",
        "besproken",
        "doorgezet",
        "afgehandeld",
    }
    assert Signal.objects.filter(share_identity=True).exists()
    assert CaseReview.objects.filter(status="aangemeld", meeting_on=None).exists()
    assert CaseReview.objects.filter(status="aangemeld").exclude(meeting_on=None).exists()
    assert CaseReview.objects.filter(status="besproken").exclude(outcome="").exists()
    wilma = Resident.objects.get(first_name="Wilma")
    assert wilma.new_to_consultant and wilma.consultant.username == "mehmet"
    assert Team.objects.get().office_address


def test_the_demo_day_opens_for_each_consultant_and_the_team_lead(settings, client):
    settings.REQUIRE_SECOND_FACTOR = False  # as bin/demo runs it
    for username in ("sanne", "mehmet", "linda"):
        client.logout()
        client.post("/inloggen/", {"username": username, "password": "samen-beslissen-demo"})
        page = client.get("/").content.decode()
        assert "<h1>Vandaag</h1>" in page
        assert "Alles is vastgelegd." not in page  # each has something to log
    client.logout()
    client.post("/inloggen/", {"username": "ingrid", "password": "samen-beslissen-demo"})
    for path in ("/team/", "/team/signalen/", "/team/casuistiek/"):
        assert client.get(path).status_code == 200
