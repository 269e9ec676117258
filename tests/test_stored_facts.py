"""The facts stored for the lists (cases/facts.py) stay what the conversations say: the
resident's last contact, a trajectory's first conversation and whether "jij beslist mee"
was said in it, each agreement's resident (Agreement.resident, the caseload's count of
overdue agreements), and each consultant's monthly check-in and core-point totals (what
the decisions say too), after every kind of change the services make."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from cases import services
from cases.models import (
    Agreement,
    CheckInTotal,
    Conversation,
    CorePointTotal,
    Decision,
    Option,
    Resident,
    Trajectory,
)
from cases.plan import services as plan_services
from cases.retention.services import destroy, propose
from cases.rights.services import erase, lift_restriction, request_erasure, restrict
from cases.team.services import reassign

from .factories import ConversationFactory, ResidentFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=AMSTERDAM)


def assert_facts_true() -> None:
    """Every stored fact equals what the held conversations say now."""
    held = Conversation.objects.filter(status=Conversation.Status.HELD)
    for trajectory in Trajectory.objects.all():
        first = held.filter(trajectory=trajectory).order_by("held_at", "pk").first()
        assert trajectory.first_held_at == (first.held_at if first else None), trajectory.pk
        assert trajectory.first_told_decides_too == (first.told_decides_too if first else None)
    for resident in Resident.objects.all():
        last = held.filter(trajectory__resident=resident).order_by("-held_at").first()
        assert resident.last_contact == (last.held_at if last else None), resident.pk
    for agreement in Agreement.objects.select_related("conversation__trajectory"):
        assert agreement.resident_id == agreement.conversation.trajectory.resident_id
    assert stored_check_ins() == check_ins_counted()
    assert stored_core_points() == core_points_counted()


def check_ins_counted() -> dict:
    """Per (consultant id, local month): [conversations, check-in sum, count, check-out
    sum, count], counted one conversation at a time, as the team's figures count them."""
    totals: dict = {}
    for c in held_with_numbers():
        month = timezone.localtime(c.held_at).date().replace(day=1)
        total = totals.setdefault((c.trajectory.resident.consultant_id, month), [0] * 5)
        total[0] += 1
        if c.check_in_score is not None:
            total[1] += c.check_in_score
            total[2] += 1
        if c.check_out_score is not None:
            total[3] += c.check_out_score
            total[4] += 1
    return totals


def held_with_numbers():
    return [
        c
        for c in Conversation.objects.filter(status=Conversation.Status.HELD).select_related(
            "trajectory__resident"
        )
        if c.trajectory.resident.restricted_since is None
        and (c.check_in_score is not None or c.check_out_score is not None)
    ]


def stored_check_ins() -> dict:
    return {
        (t.consultant_id, t.month): [
            t.conversations,
            t.check_in_sum,
            t.check_in_count,
            t.check_out_sum,
            t.check_out_count,
        ]
        for t in CheckInTotal.objects.all()
    }


def core_points_counted() -> dict:
    """Per (consultant id, local month): [first conversations, told "jij beslist mee",
    decisions, two or more options weighed, in the resident's own words], counted one
    trajectory and decision at a time, as the core points count them."""
    totals: dict = {}

    def add(resident, day, *counts):
        if resident.restricted_since is None:
            total = totals.setdefault((resident.consultant_id, day.replace(day=1)), [0] * 5)
            for i, n in enumerate(counts):
                total[i] += n

    for t in Trajectory.objects.filter(first_held_at__isnull=False).select_related("resident"):
        add(t.resident, timezone.localtime(t.first_held_at).date(), 1, t.first_told_decides_too)
    for d in Decision.objects.select_related("plan__trajectory__resident"):
        add(
            d.plan.trajectory.resident,
            d.decided_on,
            0,
            0,
            1,
            d.options_weighed >= 2,
            d.in_own_words != "",
        )
    return totals


def stored_core_points() -> dict:
    return {
        (t.consultant_id, t.month): [
            t.first_conversations,
            t.told_decides_too,
            t.decisions,
            t.options_weighed,
            t.own_words,
        ]
        for t in CorePointTotal.objects.all()
    }


def decide(trajectory, when, *, weighed=2, words="Ik kies de werkplaats"):
    """A decision through the plan's services, with `weighed` options talked through."""
    plan = plan_services.get_or_create_plan(trajectory)
    options = [
        plan_services.add_option(
            Option(plan=plan, cycle=trajectory.cycle, title=f"Optie {i}", pros="Dichtbij"),
            answers={},
            by=trajectory.resident.consultant,
        )
        for i in range(max(weighed, 1))
    ]
    if not weighed:
        Option.objects.filter(pk=options[0].pk).update(pros="")
    decision = Decision(
        plan=plan,
        cycle=trajectory.cycle,
        option=options[0],
        in_own_words=words,
        enough_information=Decision.Information.ENOUGH,
        satisfaction=Decision.Satisfaction.SATISFIED,
        evaluation_on=when.date() + timedelta(weeks=8),
    )
    return plan_services.decide(decision, seen=0, by=trajectory.resident.consultant, at=when)


def log(
    trajectory,
    when,
    *,
    told=False,
    status=Conversation.Status.HELD,
    agreements=(),
    check_in=None,
    check_out=None,
):
    conversation = Conversation(
        trajectory=trajectory,
        status=status,
        held_at=when,
        kind=Conversation.Kind.FOLLOW_UP,
        setting=Conversation.Setting.OFFICE,
        told_decides_too=told,
        check_in_score=check_in,
        check_out_score=check_out,
    )
    return services.save_conversation(
        conversation=conversation,
        by=trajectory.resident.consultant,
        agreements=[Agreement(owner="inwoner", what=what) for what in agreements],
    )


def test_a_resident_without_conversations_has_no_facts(resident, trajectory):
    resident.refresh_from_db()
    trajectory.refresh_from_db()
    assert resident.last_contact is None
    assert trajectory.first_held_at is None
    assert trajectory.first_told_decides_too is None


def test_logged_conversations_keep_last_contact_and_first_conversation(resident, trajectory):
    log(trajectory, at(10), told=True, check_in=4, check_out=7)
    log(trajectory, at(3), told=False, check_in=6)  # logged later, held earlier: the first
    log(trajectory, at(17))  # no numbers: not in the check-in totals
    resident.refresh_from_db()
    trajectory.refresh_from_db()
    assert resident.last_contact == at(17)
    assert trajectory.first_held_at == at(3)
    assert trajectory.first_told_decides_too is False
    assert stored_check_ins() == {(resident.consultant_id, date(2026, 3, 1)): [2, 10, 2, 7, 1]}
    assert_facts_true()


def test_a_planned_conversation_counts_once_it_is_held(resident, trajectory):
    log(trajectory, at(2))
    planned = log(trajectory, at(20), status=Conversation.Status.PLANNED)
    resident.refresh_from_db()
    assert resident.last_contact == at(2)  # planned is no contact yet
    planned.status = Conversation.Status.HELD
    planned.told_decides_too = True
    planned.held_at, planned.check_in_score = at(20) + timedelta(days=14), 8  # in April
    services.save_conversation(conversation=planned, by=resident.consultant, seen=1)
    resident.refresh_from_db()
    assert resident.last_contact == at(20) + timedelta(days=14)
    assert stored_check_ins() == {(resident.consultant_id, date(2026, 4, 1)): [1, 8, 1, 0, 0]}
    assert_facts_true()


def test_changing_a_conversation_moves_the_facts(resident, trajectory):
    first = log(trajectory, at(5), told=False, check_in=3, check_out=5)
    log(trajectory, at(12), check_in=7)
    first.held_at, first.told_decides_too = at(25), True  # a typo in the date, corrected
    services.save_conversation(conversation=first, by=resident.consultant, seen=1)
    resident.refresh_from_db()
    trajectory.refresh_from_db()
    assert resident.last_contact == at(25)
    assert trajectory.first_held_at == at(12)
    assert_facts_true()
    # A month out: the check-ins move with it, out of March and into February.
    first.held_at = datetime(2026, 2, 27, 10, tzinfo=AMSTERDAM)
    services.save_conversation(conversation=first, by=resident.consultant, seen=2)
    assert stored_check_ins() == {
        (resident.consultant_id, date(2026, 2, 1)): [1, 3, 1, 5, 1],
        (resident.consultant_id, date(2026, 3, 1)): [1, 7, 1, 0, 0],
    }
    first.check_in_score = first.check_out_score = None  # numbers typed by mistake
    services.save_conversation(conversation=first, by=resident.consultant, seen=3)
    assert stored_check_ins() == {(resident.consultant_id, date(2026, 3, 1)): [1, 7, 1, 0, 0]}
    assert_facts_true()


def test_a_cancelled_conversation_is_no_contact(resident, trajectory, alice):
    log(trajectory, at(4), check_in=5)
    planned = log(trajectory, at(18), status=Conversation.Status.PLANNED, check_in=2)
    services.close_planned_conversation(
        conversation=planned, what="afgezegd", asked_by="inwoner", seen=1, by=alice
    )
    resident.refresh_from_db()
    assert resident.last_contact == at(4)
    assert_facts_true()


def test_the_last_contact_spans_the_residents_trajectories(resident, trajectory, alice):
    log(trajectory, at(8), check_out=6)
    services.set_trajectory_status(trajectory=trajectory, status=Trajectory.Status.CLOSED)
    second = TrajectoryFactory(resident=resident, started_by=alice)
    log(second, at(1, 9), check_in=4)  # an earlier date in the new trajectory
    resident.refresh_from_db()
    second.refresh_from_db()
    assert resident.last_contact == at(8)
    assert second.first_held_at == at(1, 9)
    assert_facts_true()


def test_handovers_and_agreements_leave_the_facts_true(resident, trajectory, alice, bob, lead):
    conversation = log(trajectory, at(6), told=True, agreements=["Cv sturen"], check_in=5)
    other = ResidentFactory(consultant=alice, first_name="Blijft")
    log(TrajectoryFactory(resident=other, started_by=alice), at(9), check_in=9)
    agreement = conversation.agreements.get()
    services.set_agreement_done(agreement=agreement)
    services.set_agreement_done(agreement=agreement, done=False)
    reassign(residents=[resident], to=bob, by=lead, reason="verlof", handover_note="Zie dossier")
    resident.refresh_from_db()
    assert resident.consultant == bob
    assert resident.last_contact == at(6)
    # The check-ins go with the resident: they count for bob now, no longer for alice.
    assert stored_check_ins() == {
        (alice.pk, date(2026, 3, 1)): [1, 9, 1, 0, 0],
        (bob.pk, date(2026, 3, 1)): [1, 5, 1, 0, 0],
    }
    assert_facts_true()


def test_a_restricted_residents_check_ins_leave_the_totals_until_it_is_lifted(
    resident, trajectory, alice, lead
):
    log(trajectory, at(6), check_in=2, check_out=3)
    other = ResidentFactory(consultant=alice, first_name="Blijft")
    log(TrajectoryFactory(resident=other, started_by=alice), at(9), check_in=9)
    restrict(resident=resident, reason="De inwoner betwist zijn gegevens", by=lead)
    assert stored_check_ins() == {(alice.pk, date(2026, 3, 1)): [1, 9, 1, 0, 0]}
    assert_facts_true()
    lift_restriction(resident=resident, by=lead)
    assert stored_check_ins() == {(alice.pk, date(2026, 3, 1)): [2, 11, 2, 3, 1]}
    assert_facts_true()


def test_rows_the_factories_write_keep_their_facts(alice, bob):
    """Tests make conversations without the services: the factory keeps their facts, so
    no test reads figures that a real user could not see."""
    for consultant, day, score in [(alice, 2, 4), (alice, 30, 6), (bob, 3, 8)]:
        trajectory = TrajectoryFactory(resident__consultant=consultant)
        ConversationFactory(trajectory=trajectory, held_at=at(day), check_in_score=score)
    assert stored_check_ins() == {
        (alice.pk, date(2026, 3, 1)): [2, 10, 2, 0, 0],
        (bob.pk, date(2026, 3, 1)): [1, 8, 1, 0, 0],
    }
    assert_facts_true()


def test_an_agreement_knows_its_resident_however_it_is_made(resident, trajectory, alice):
    conversation = log(trajectory, at(6), agreements=["Cv sturen"])
    made_directly = Agreement.objects.create(
        conversation=conversation, owner="inwoner", what="Bellen"
    )
    assert made_directly.resident_id == resident.pk
    other = ResidentFactory(consultant=alice)
    log(TrajectoryFactory(resident=other, started_by=alice), at(7), agreements=["Langskomen"])
    assert Agreement.objects.filter(resident=resident).count() == 2
    assert_facts_true()


def test_decisions_keep_the_core_point_totals(resident, trajectory, alice, bob, lead):
    log(trajectory, at(2), told=True)
    other = TrajectoryFactory(resident=ResidentFactory(consultant=alice), started_by=alice)
    log(other, datetime(2026, 2, 20, 10, tzinfo=AMSTERDAM))  # not told
    decision = decide(trajectory, at(9), weighed=2)
    decide(other, at(11), weighed=1, words="")
    march, february = date(2026, 3, 1), date(2026, 2, 1)
    assert stored_core_points() == {
        (alice.pk, february): [1, 0, 0, 0, 0],
        (alice.pk, march): [1, 1, 2, 1, 1],
    }
    assert_facts_true()
    # Changed: the resident's own words taken out again.
    decision.in_own_words = ""
    plan_services.decide(decision, seen=1, by=alice)
    assert stored_core_points()[alice.pk, march] == [1, 1, 2, 1, 0]
    assert_facts_true()
    # Handed over: the resident's first conversation and decision go with them.
    reassign(residents=[resident], to=bob, by=lead, reason="verlof", handover_note="Zie dossier")
    assert stored_core_points() == {
        (alice.pk, february): [1, 0, 0, 0, 0],
        (alice.pk, march): [0, 0, 1, 0, 0],
        (bob.pk, march): [1, 1, 1, 1, 0],
    }
    assert_facts_true()
    # Restricted: out of the figures until it is lifted.
    resident.refresh_from_db()
    restrict(resident=resident, reason="De inwoner betwist zijn gegevens", by=lead)
    assert (bob.pk, march) not in stored_core_points()
    assert_facts_true()
    lift_restriction(resident=resident, by=lead)
    assert stored_core_points()[bob.pk, march] == [1, 1, 1, 1, 0]
    assert_facts_true()


def test_a_first_conversation_moved_to_another_month_moves_its_core_point(
    resident, trajectory, alice
):
    first = log(trajectory, at(5), told=True)
    log(trajectory, at(20))
    first.held_at = datetime(2026, 4, 2, 10, tzinfo=AMSTERDAM)  # a typo in the date
    services.save_conversation(conversation=first, by=alice, seen=1)
    # The conversation of the 20th is the first now, in March, and nothing was said in it.
    assert stored_core_points() == {(alice.pk, date(2026, 3, 1)): [1, 0, 0, 0, 0]}
    assert_facts_true()


def test_a_bulk_insert_without_the_resident_is_refused(trajectory):
    """bulk_create skips save(): a forgotten resident fails instead of drifting."""
    conversation = log(trajectory, at(6))
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.bulk_create(
            [Agreement(conversation=conversation, owner="inwoner", what="x")]
        )


def test_erasure_leaves_the_other_residents_facts(resident, trajectory, alice, lead):
    log(trajectory, at(6), check_in=1)
    decide(trajectory, at(7))
    other = ResidentFactory(consultant=alice, first_name="Blijft")
    log(TrajectoryFactory(resident=other, started_by=alice), at(9), check_in=9)
    erasure = request_erasure(resident=resident, reason="vergissing", explanation="", by=alice)
    erase(erasure=erasure, by=lead, ground="Op verzoek, terecht")
    assert list(Resident.objects.all()) == [other]
    other.refresh_from_db()
    assert other.last_contact == at(9)
    assert stored_check_ins() == {(alice.pk, date(2026, 3, 1)): [1, 9, 1, 0, 0]}
    assert stored_core_points() == {(alice.pk, date(2026, 3, 1)): [1, 0, 0, 0, 0]}
    assert_facts_true()


def test_destroying_a_trajectory_takes_its_contact_with_it(resident, alice, lead):
    old = TrajectoryFactory(resident=resident, started_by=alice, started_on=date(2010, 1, 4))
    log(old, datetime(2010, 2, 1, 10, tzinfo=AMSTERDAM), check_in=3)
    log(old, datetime(2010, 6, 1, 10, tzinfo=AMSTERDAM), check_out=4)
    decide(old, datetime(2010, 7, 1, 10, tzinfo=AMSTERDAM))
    services.set_trajectory_status(
        trajectory=old,
        status=Trajectory.Status.CLOSED,
        outcome="werk",
        at=datetime(2011, 1, 3, tzinfo=AMSTERDAM),
    )
    # Nothing yet in the open trajectory: the old one's conversations are all there was.
    trajectory = TrajectoryFactory(resident=resident, started_by=alice)
    resident.refresh_from_db()
    assert resident.last_contact == datetime(2010, 6, 1, 10, tzinfo=AMSTERDAM)
    [destruction_list] = propose(today=timezone.localdate())
    destroy(destruction_list, by=lead)
    resident.refresh_from_db()
    assert resident.last_contact is None
    assert stored_check_ins() == {}  # kept as ArchivedFacts now, without the resident
    assert stored_core_points() == {}
    log(trajectory, timezone.now() - timedelta(days=1), check_in=7)
    assert_facts_true()


def test_the_folded_name_follows_every_write_of_the_name(alice):
    """Resident.search_name is kept by the database: however the name is written (a
    form, an update of many rows, a bulk insert), a search finds it by the new name."""
    resident = ResidentFactory(consultant=alice, first_name="Zoë", last_name="Öztürk")
    assert list(Resident.objects.search("zoe ozturk")) == [resident]
    Resident.objects.filter(pk=resident.pk).update(infix="van", last_name="Ĳssel")
    assert list(Resident.objects.search("zoë van ijssel")) == [resident]
    assert not Resident.objects.search("ozturk").exists()
    [bulk] = Resident.objects.bulk_create(
        [
            Resident(
                consultant=alice,
                first_name="Anaïs",
                last_name="Bulk",
                date_of_birth=date(1990, 1, 1),
            )
        ]
    )
    assert list(Resident.objects.search("anais")) == [bulk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own catalogue")
def test_the_lists_indexes_exist_on_postgresql():
    """The migrations made the indexes the team's lists are measured with (bench --scale)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
            [
                [
                    "agreement_open",
                    "agreement_open_per_resident",
                    "conversation_held_at",
                    "trajectory_first_held_at",
                    "resident_by_name",
                ]
            ],
        )
        indexes = dict(cursor.fetchall())
    assert "WHERE (done_on IS NULL)" in indexes["agreement_open"]
    assert "(conversation_id, due_on)" in indexes["agreement_open"]
    assert "(resident_id, due_on) WHERE (done_on IS NULL)" in indexes["agreement_open_per_resident"]
    assert "WHERE ((status)::text = 'gevoerd'::text)" in indexes["conversation_held_at"]
    assert (
        "INCLUDE (trajectory_id, check_in_score, check_out_score)"
        in (indexes["conversation_held_at"])
    )
    assert "(first_held_at)" in indexes["trajectory_first_held_at"]
    assert "(last_name, first_name, id)" in indexes["resident_by_name"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own settings")
def test_the_planner_settings_hold_on_every_connection():
    """samenbeslissen/postgresql/base.py: no JIT compilation, and index reads priced as
    the in-memory reads they are (the day's conversations through the indexes)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
