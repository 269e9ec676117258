"""The consultant's day and the team's life in the demo, from fixtures/demo/day.json: planned
conversations not logged yet, some that did not take place, a double booking, a handover
not opened yet, systeemkritiek in every state and cases for the casuïstiekbespreking.

Written after the case work, through the same services the views use, each at the moment
it happened (`at=`), and once: a second run finds them and adds nothing.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cases import services
from cases.models import (
    AgendaItem,
    AppointmentChange,
    CaseReview,
    Conversation,
    Reassignment,
    Resident,
    Signal,
    Team,
    User,
)
from cases.team import services as team_services

from .calendar import Diary, clock, moment, workday_on_or_after, workday_on_or_before
from .data import load

DAY = load("day")


def build_the_day(users: dict[str, User], team: Team) -> None:
    """Everything of the file not there yet."""
    if team.office_address != DAY["office_address"]:
        team.office_address = DAY["office_address"]
        team.save(update_fields=["office_address"])
    residents = {r.full_name: r for r in Resident.objects.select_related("consultant")}
    if not AppointmentChange.objects.exists():
        for spec in DAY["not_logged"]:
            not_logged(residents[spec["resident"]], spec)
        for spec in DAY["not_held"]:
            not_held(residents[spec["resident"]], spec)
        double_booking(residents, DAY["double_booking"])
    handover(residents, users, DAY["handover"])
    if not Signal.objects.exists():
        for spec in DAY["signals"]:
            signal(residents[spec["resident"]], spec)
    if not CaseReview.objects.exists():
        for spec in DAY["case_reviews"]:
            case_review(residents[spec["resident"]], spec)


def _days_ago(n: int) -> datetime:
    return timezone.now() - timedelta(days=n)


def _last_held(resident: Resident) -> Conversation | None:
    return (
        Conversation.objects.filter(trajectory__resident=resident, status=Conversation.Status.HELD)
        .select_related("trajectory")
        .order_by("-held_at")
        .first()
    )


def _agenda(spec) -> list[AgendaItem]:
    return [AgendaItem(text=i["text"], raised_by=i["raised_by"]) for i in spec.get("agenda", [])]


def _plan_after(previous: Conversation, held_at: datetime, spec) -> Conversation:
    """Planned as the last conversation was logged, a couple of hours after it."""
    return services.plan_next_conversation(
        previous=previous,
        held_at=held_at,
        by=previous.trajectory.resident.consultant,
        kind=spec["kind"],
        setting=spec["setting"],
        agenda=_agenda(spec),
        at=min(previous.held_at + timedelta(hours=2), timezone.now()),
    )


def not_logged(resident: Resident, spec) -> None:
    """A follow-up planned at the last conversation, whose time has passed: it waits in
    "nog vastleggen"."""
    previous = _last_held(resident)
    day = workday_on_or_before(timezone.localdate() - timedelta(days=1))
    for _ in range(spec["workdays_ago"] - 1):
        day = workday_on_or_before(day - timedelta(days=1))
    if previous is None or day <= timezone.localdate(previous.held_at):
        return
    held_at = Diary(resident.consultant).book(day, clock(spec["time"]))
    _plan_after(previous, held_at, spec)


def _between(first: date, last: date) -> date | None:
    """A working day halfway between two days, none when there is no day between."""
    middle = workday_on_or_before(first + (last - first) / 2)
    return middle if first < middle < last else None


def not_held(resident: Resident, spec) -> None:
    """A conversation between the last one and today that did not take place: cancelled
    that morning, or the resident did not come."""
    previous = _last_held(resident)
    if previous is None:
        return
    day = _between(timezone.localdate(previous.held_at), timezone.localdate())
    if day is None:
        return
    planned = _plan_after(previous, Diary(resident.consultant).book(day, clock(spec["time"])), spec)
    cancelled = spec["what"] == AppointmentChange.What.CANCELLED
    services.close_planned_conversation(
        conversation=planned,
        what=spec["what"],
        asked_by=spec["asked_by"],
        reason=spec["reason"],
        seen=planned.version,
        by=resident.consultant,
        # Called off that morning; not coming is noted when the time has passed.
        at=moment(day, time(8, 45)) if cancelled else planned.held_at + timedelta(minutes=20),
    )


def double_booking(residents: dict[str, Resident], spec) -> None:
    """The resident asked to come at the same time as another resident's conversation."""
    upcoming = Conversation.objects.upcoming().order_by("held_at")
    mover = upcoming.filter(trajectory__resident=residents[spec["resident"]]).first()
    other = upcoming.filter(trajectory__resident=residents[spec["onto"]]).first()
    if mover is None or other is None or mover.held_at == other.held_at:
        return
    services.move_conversation(
        conversation=mover,
        to=other.held_at,
        asked_by=spec["asked_by"],
        reason=spec["reason"],
        seen=mover.version,
        by=residents[spec["resident"]].consultant,
        at=max(mover.created_at + timedelta(hours=1), _days_ago(1)),
    )


def handover(residents: dict[str, Resident], users: dict[str, User], spec) -> None:
    """Handed over by the team lead yesterday; the new consultant has not opened them."""
    moving = [
        residents[name]
        for name in spec["residents"]
        if residents[name].consultant == users[spec["from"]]
        and not Reassignment.objects.filter(resident=residents[name]).exists()
    ]
    if moving:
        team_services.reassign(
            residents=moving,
            to=users[spec["to"]],
            by=users[spec["by"]],
            reason=spec["reason"],
            handover_note=spec["note"],
            at=moment(workday_on_or_before(timezone.localdate() - timedelta(days=1)), time(16)),
        )


def signal(resident: Resident, spec) -> None:
    """Passed on by the resident's consultant, and answered by the team lead a few days
    later, unless it is still new."""
    at = _days_ago(spec["days_ago"])
    signalled = team_services.signal(
        signal=Signal(
            category=spec["category"],
            description=spec["description"],
            share_identity=spec["share_identity"],
        ),
        resident=resident,
        by=resident.consultant,
        at=at,
    )
    if spec["status"] != Signal.Status.NEW:
        signalled.status, signalled.response = spec["status"], spec["response"]
        team_services.answer_signal(
            signal=signalled,
            seen=signalled.version,
            at=min(at + timedelta(days=4), _days_ago(0)),
        )


def case_review(resident: Resident, spec) -> None:
    """Brought in with its question; given a meeting date, and discussed when that is past."""
    meeting = spec["meeting_in_days"]
    meeting_on = (
        workday_on_or_after(timezone.localdate() + timedelta(days=meeting))
        if meeting is not None
        else None
    )
    review = team_services.bring_case_review(
        review=CaseReview(question=spec["question"], meeting_on=meeting_on),
        resident=resident,
        by=resident.consultant,
        at=_days_ago(spec["days_ago"]),
    )
    if spec["outcome"]:
        review.outcome = spec["outcome"]
        team_services.record_case_review_outcome(
            review=review, seen=review.version, at=moment(meeting_on, time(11, 30))
        )
