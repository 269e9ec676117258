"""The facts stored for the lists (cases/facts.py) stay what the conversations say: the
resident's last contact, a trajectory's first conversation and whether "jij beslist mee"
was said in it, and each agreement's resident (Agreement.resident, the caseload's count
of overdue agreements), after every kind of change the services make."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from cases import services
from cases.models import Agreement, Conversation, Resident, Trajectory
from cases.retention.services import destroy, propose
from cases.rights.services import erase, request_erasure
from cases.team.services import reassign

from .factories import ResidentFactory, TrajectoryFactory

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


def log(trajectory, when, *, told=False, status=Conversation.Status.HELD, agreements=()):
    conversation = Conversation(
        trajectory=trajectory,
        status=status,
        held_at=when,
        kind=Conversation.Kind.FOLLOW_UP,
        setting=Conversation.Setting.OFFICE,
        told_decides_too=told,
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
    log(trajectory, at(10), told=True)
    log(trajectory, at(3), told=False)  # logged later, held earlier: now the first
    log(trajectory, at(17))
    resident.refresh_from_db()
    trajectory.refresh_from_db()
    assert resident.last_contact == at(17)
    assert trajectory.first_held_at == at(3)
    assert trajectory.first_told_decides_too is False
    assert_facts_true()


def test_a_planned_conversation_counts_once_it_is_held(resident, trajectory):
    log(trajectory, at(2))
    planned = log(trajectory, at(20), status=Conversation.Status.PLANNED)
    resident.refresh_from_db()
    assert resident.last_contact == at(2)  # planned is no contact yet
    planned.status = Conversation.Status.HELD
    planned.told_decides_too = True
    services.save_conversation(conversation=planned, by=resident.consultant, seen=1)
    resident.refresh_from_db()
    assert resident.last_contact == at(20)
    assert_facts_true()


def test_changing_a_conversation_moves_the_facts(resident, trajectory):
    first = log(trajectory, at(5), told=False)
    log(trajectory, at(12))
    first.held_at, first.told_decides_too = at(25), True  # a typo in the date, corrected
    services.save_conversation(conversation=first, by=resident.consultant, seen=1)
    resident.refresh_from_db()
    trajectory.refresh_from_db()
    assert resident.last_contact == at(25)
    assert trajectory.first_held_at == at(12)
    assert_facts_true()


def test_a_cancelled_conversation_is_no_contact(resident, trajectory, alice):
    log(trajectory, at(4))
    planned = log(trajectory, at(18), status=Conversation.Status.PLANNED)
    services.close_planned_conversation(
        conversation=planned, what="afgezegd", asked_by="inwoner", seen=1, by=alice
    )
    resident.refresh_from_db()
    assert resident.last_contact == at(4)
    assert_facts_true()


def test_the_last_contact_spans_the_residents_trajectories(resident, trajectory, alice):
    log(trajectory, at(8))
    services.set_trajectory_status(trajectory=trajectory, status=Trajectory.Status.CLOSED)
    second = TrajectoryFactory(resident=resident, started_by=alice)
    log(second, at(1, 9))  # an earlier date in the new trajectory
    resident.refresh_from_db()
    second.refresh_from_db()
    assert resident.last_contact == at(8)
    assert second.first_held_at == at(1, 9)
    assert_facts_true()


def test_handovers_and_agreements_leave_the_facts_true(resident, trajectory, alice, bob, lead):
    conversation = log(trajectory, at(6), told=True, agreements=["Cv sturen"])
    agreement = conversation.agreements.get()
    services.set_agreement_done(agreement=agreement)
    services.set_agreement_done(agreement=agreement, done=False)
    reassign(residents=[resident], to=bob, by=lead, reason="verlof", handover_note="Zie dossier")
    resident.refresh_from_db()
    assert resident.consultant == bob
    assert resident.last_contact == at(6)
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


def test_a_bulk_insert_without_the_resident_is_refused(trajectory):
    """bulk_create skips save(): a forgotten resident fails instead of drifting."""
    conversation = log(trajectory, at(6))
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.bulk_create(
            [Agreement(conversation=conversation, owner="inwoner", what="x")]
        )


def test_erasure_leaves_the_other_residents_facts(resident, trajectory, alice, lead):
    log(trajectory, at(6))
    other = ResidentFactory(consultant=alice, first_name="Blijft")
    log(TrajectoryFactory(resident=other, started_by=alice), at(9))
    erasure = request_erasure(resident=resident, reason="vergissing", explanation="", by=alice)
    erase(erasure=erasure, by=lead, ground="Op verzoek, terecht")
    assert list(Resident.objects.all()) == [other]
    other.refresh_from_db()
    assert other.last_contact == at(9)
    assert_facts_true()


def test_destroying_a_trajectory_takes_its_contact_with_it(resident, alice, lead):
    old = TrajectoryFactory(resident=resident, started_by=alice, started_on=date(2010, 1, 4))
    log(old, datetime(2010, 2, 1, 10, tzinfo=AMSTERDAM))
    log(old, datetime(2010, 6, 1, 10, tzinfo=AMSTERDAM))
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
    log(trajectory, timezone.now() - timedelta(days=1))
    assert_facts_true()


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
                ]
            ],
        )
        indexes = dict(cursor.fetchall())
    assert "WHERE (done_on IS NULL)" in indexes["agreement_open"]
    assert "(conversation_id, due_on)" in indexes["agreement_open"]
    assert "(resident_id, due_on) WHERE (done_on IS NULL)" in indexes["agreement_open_per_resident"]
    assert "WHERE ((status)::text = 'gevoerd'::text)" in indexes["conversation_held_at"]
    assert "(first_held_at)" in indexes["trajectory_first_held_at"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own settings")
def test_the_planner_settings_hold_on_every_connection():
    """samenbeslissen/postgresql/base.py: no JIT compilation, and index reads priced as
    the in-memory reads they are (the day's conversations through the indexes)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
