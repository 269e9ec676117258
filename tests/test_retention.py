"""A closed file's lifetime: its destruction date, the destruction list the team lead
approves, what remains as proof, and the team's figures that do not change."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases import services
from cases.logbook.models import AccessLogEntry, Action
from cases.models import (
    BaggageNote,
    Conversation,
    DestructionList,
    Resident,
    RetentionRule,
    Trajectory,
)
from cases.retention.services import destroy, propose
from cases.team.indicators import check_ins_by_month, core_point_figures

from .factories import (
    ConversationFactory,
    DecisionFactory,
    PlanFactory,
    ResidentFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LONG_AGO = date(2014, 3, 3)


def closed_file(alice, *, outcome="werk", closed_on=LONG_AGO, first_name="Piet"):
    """A resident of alice's whose only trajectory closed on `closed_on`, with a first
    conversation (told "jij beslist mee", check-in 4), and a decision in own words."""
    resident = ResidentFactory(consultant=alice, first_name=first_name)
    trajectory = TrajectoryFactory(resident=resident)
    ConversationFactory(
        trajectory=trajectory,
        held_at=datetime(2013, 5, 6, 10, tzinfo=AMSTERDAM),
        told_decides_too=True,
        check_in_score=4,
        check_out_score=7,
    )
    DecisionFactory(
        plan=PlanFactory(trajectory=trajectory),
        in_own_words="Ik ga het proberen",
        decided_on=date(2013, 6, 3),
    )
    services.set_trajectory_status(
        trajectory=trajectory,
        status=Trajectory.Status.CLOSED,
        outcome=outcome,
        at=datetime.combine(closed_on, datetime.min.time(), AMSTERDAM),
    )
    return resident, trajectory


def test_closing_sets_the_destruction_date_from_the_outcome(alice):
    RetentionRule.objects.filter(outcome="verhuisd").update(years=2)
    _resident, working = closed_file(alice, outcome="werk", closed_on=date(2024, 2, 29))
    _resident, moved = closed_file(alice, outcome="verhuisd", closed_on=date(2025, 1, 10))
    working.refresh_from_db()
    moved.refresh_from_db()
    assert working.destroy_on == date(2034, 2, 28)  # ten years, from a leap day
    assert moved.destroy_on == date(2027, 1, 10)


def test_reopening_clears_the_destruction_date(alice):
    _resident, trajectory = closed_file(alice)
    services.set_trajectory_status(trajectory=trajectory, status=Trajectory.Status.ACTIVE)
    trajectory.refresh_from_db()
    assert trajectory.destroy_on is None


def test_closing_destroys_the_notes_that_stay_between_us(alice, resident, trajectory):
    kept = BaggageNote.objects.create(
        resident=resident, text="Mag mee", private=True, may_pass_on=True, written_by=alice
    )
    shared = BaggageNote.objects.create(
        resident=resident, text="In het dossier", private=False, written_by=alice
    )
    BaggageNote.objects.create(resident=resident, text="Tussen ons", written_by=alice)
    services.set_trajectory_status(
        trajectory=trajectory, status=Trajectory.Status.CLOSED, outcome="werk"
    )
    assert set(BaggageNote.objects.all()) == {kept, shared}


def test_the_retention_command_lists_what_is_due_once(alice, trajectory):
    due, _ = closed_file(alice)
    closed_file(alice, closed_on=timezone.localdate() - timedelta(days=30), first_name="Nog")
    out = StringIO()
    call_command("retention", stdout=out)
    assert "1 trajecten wachten op goedkeuring" in out.getvalue()
    (destruction_list,) = DestructionList.objects.all()
    assert destruction_list.trajectory_ids == [str(due.trajectories.get().pk)]
    call_command("retention", stdout=out)  # already on a list: not again
    assert DestructionList.objects.count() == 1


def test_the_team_lead_approves_and_the_files_go_with_proof_and_no_name(
    client_for, alice, lead, trajectory
):
    gone, gone_trajectory = closed_file(alice)
    # A resident with an older, due trajectory and an open one keeps the file.
    stays, old = closed_file(alice, first_name="Blijft")
    TrajectoryFactory(resident=stays)
    propose(today=timezone.localdate())
    client = client_for(lead)
    page = client.get("/team/vernietigen/").content.decode()
    assert "Piet" in page
    assert "het hele dossier" in page
    assert "dit traject" in page
    destruction_list = DestructionList.objects.get()
    response = client.post(f"/team/vernietigen/{destruction_list.pk}/goedkeuren/")
    assert response.status_code == 302
    assert not Resident.objects.filter(pk=gone.pk).exists()
    assert Resident.objects.filter(pk=stays.pk).exists()
    assert not Trajectory.objects.filter(pk__in=[gone_trajectory.pk, old.pk]).exists()
    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionList.Status.DESTROYED
    assert destruction_list.resident_ids == [str(gone.pk)]
    assert destruction_list.counts["Trajectory"] == 2
    assert destruction_list.counts["Conversation"] == 2
    proof = client.get("/team/vernietigen/").content.decode()
    assert "Piet" not in proof
    assert "2 trajecten, 1 heel dossier" in proof
    logged = AccessLogEntry.objects.get(action=Action.DESTROY)
    assert logged.user_id == lead.pk
    assert logged.detail == {"trajectories": 2, "residents": 1}


def test_the_team_lead_may_refuse_a_list_with_a_reason(client_for, alice, lead):
    resident, _ = closed_file(alice)
    propose(today=timezone.localdate())
    destruction_list = DestructionList.objects.get()
    url = f"/team/vernietigen/{destruction_list.pk}/afwijzen/"
    refused = client_for(lead).post(url, {f"lijst-{destruction_list.pk}-reason": ""})
    assert refused.status_code == 400
    assert "Schrijf op waarom de lijst niet doorgaat." in refused.content.decode()
    client_for(lead).post(url, {f"lijst-{destruction_list.pk}-reason": "Bezwaar loopt nog"})
    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionList.Status.REFUSED
    assert Resident.objects.filter(pk=resident.pk).exists()


def test_another_teams_lead_cannot_approve(client_for, alice, other_lead):
    closed_file(alice)
    propose(today=timezone.localdate())
    destruction_list = DestructionList.objects.get()
    response = client_for(other_lead).post(f"/team/vernietigen/{destruction_list.pk}/goedkeuren/")
    assert response.status_code == 404
    assert Trajectory.objects.filter(status=Trajectory.Status.CLOSED).exists()


def test_the_teams_figures_for_past_periods_stay_the_same(alice, lead):
    closed_file(alice)
    closed_file(alice, first_name="Nog een")
    start, end = date(2013, 1, 1), date(2013, 12, 31)

    def figures():
        return (
            core_point_figures(lead.team_id, start, end),
            check_ins_by_month(lead.team_id, start, end),
        )

    before = figures()
    assert before[0]["jij-beslist-mee"].team.total == 2  # two first conversations counted
    destroy(propose(today=timezone.localdate())[0], by=lead)
    assert not Conversation.objects.exists()
    assert figures() == before


def test_a_destruction_run_is_one_transaction(alice, lead, monkeypatch):
    closed_file(alice)
    closed_file(alice, first_name="Tweede")
    destruction_list = propose(today=timezone.localdate())[0]

    def fail(*args, **kwargs):
        raise RuntimeError("de schijf is vol")

    monkeypatch.setattr("cases.retention.services.note", fail)
    with pytest.raises(RuntimeError):
        destroy(destruction_list, by=lead)
    assert Trajectory.objects.count() == 2
    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionList.Status.PROPOSED
