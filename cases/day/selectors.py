"""The consultant's day, read in a fixed number of queries whatever the caseload's size:
today's conversations, those still to log, what is due this week, who has had no contact
for weeks, the evaluations due, and the double bookings in the coming weeks."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from django.db.models import F, Prefetch
from django.utils import timezone

from cases.models import Action, AgendaItem, Agreement, Conversation, Decision, Resident
from cases.selectors import with_contact_facts, without_contact

# Two planned conversations of one consultant that start less than this apart are a
# double booking: a conversation takes about an hour, travel included.
BOOKING = timedelta(minutes=60)
# How far ahead double bookings are looked for.
BOOKINGS_AHEAD = timedelta(days=14)


def end_of_week(today: date) -> date:
    """The Sunday of this week: what is due "this week" is due by then."""
    return today + timedelta(days=6 - today.weekday())


@dataclass(frozen=True)
class Due:
    """An agreement or a plan action due by the end of the week, as the day lists it."""

    due_on: date
    what: str
    owner: str  # "inwoner", "consulent", "netwerk" or "aanbieder"
    owner_name: str
    resident: Resident
    agreement: Agreement | None = None
    action: Action | None = None

    @property
    def is_overdue(self) -> bool:
        return self.due_on < timezone.localdate()

    @property
    def is_mine(self) -> bool:
        return self.owner == Agreement.Owner.CONSULTANT


@dataclass(frozen=True)
class DoubleBooking:
    first: Conversation
    second: Conversation

    @property
    def conversations(self) -> tuple[Conversation, Conversation]:
        return self.first, self.second


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _conversations(consultant):
    return Conversation.objects.filter(trajectory__resident__consultant=consultant)


def todays_conversations(consultant, today: date) -> list[Conversation]:
    """Every conversation of the day, planned, held or not, in time order, with the
    resident and the agenda (two queries)."""
    return list(
        _conversations(consultant)
        .filter(held_at__gte=_start_of(today), held_at__lt=_start_of(today + timedelta(days=1)))
        .select_related("trajectory__resident")
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.all()))
        .order_by("held_at")
    )


def conversations_to_log(consultant) -> list[Conversation]:
    """Planned conversations whose time passed, oldest first: they wait for the consultant."""
    return list(
        _conversations(consultant)
        .to_log()
        .select_related("trajectory__resident")
        .order_by("held_at")
    )


def due_this_week(consultant, today: date) -> list[Due]:
    """Open agreements and plan actions due by Sunday, past ones included, overdue first
    (two queries)."""
    until = end_of_week(today)
    agreements = (
        Agreement.objects.open()
        .filter(resident__consultant=consultant, due_on__lte=until)
        .select_related("resident", "network_member")
    )
    actions = (
        Action.objects.open()
        .filter(plan__trajectory__resident__consultant=consultant, due_on__lte=until)
        .select_related("plan__trajectory__resident", "network_member")
    )
    due = [
        Due(
            a.due_on,
            a.what,
            a.owner,
            a.owner_name,
            a.resident,
            agreement=a,
        )
        for a in agreements
    ]
    due += [
        Due(a.due_on, a.what, a.owner, a.owner_name, a.plan.trajectory.resident, action=a)
        for a in actions
    ]
    return sorted(due, key=lambda d: (d.due_on, d.resident.last_name, d.what))


def residents_without_contact(consultant) -> list[Resident]:
    """Residents with an open trajectory and no conversation for TEAM_NO_CONTACT_WEEKS,
    longest ago first (one query)."""
    return list(
        with_contact_facts(Resident.objects.filter(consultant=consultant))
        .filter(without_contact())
        .order_by(F("last_contact").asc(nulls_first=True), "last_name")
    )


def evaluations_due(consultant, today: date) -> list[Decision]:
    """Decisions of the current round whose evaluation is due by Sunday and not yet held,
    past ones first (one query)."""
    return list(
        Decision.objects.evaluation_overdue(today=end_of_week(today) + timedelta(days=1))
        .filter(plan__trajectory__resident__consultant=consultant)
        .select_related("plan__trajectory__resident", "option")
        .order_by("evaluation_on", "pk")
    )


def new_to_consultant(consultant) -> list[Resident]:
    """Residents handed over to the consultant whose dossier they have not opened yet."""
    return list(Resident.objects.filter(consultant=consultant, new_to_consultant=True))


def double_bookings(consultant, today: date) -> list[DoubleBooking]:
    """Planned conversations from today on, for two weeks, that start less than an hour
    apart (one query)."""
    planned = list(
        _conversations(consultant)
        .filter(
            status=Conversation.Status.PLANNED,
            held_at__gte=_start_of(today),
            held_at__lt=_start_of(today) + BOOKINGS_AHEAD,
        )
        .select_related("trajectory__resident")
        .order_by("held_at")
    )
    return [
        DoubleBooking(first, second)
        for first, second in pairwise(planned)
        if second.held_at - first.held_at < BOOKING
    ]


def booked_at_the_same_time(conversation: Conversation) -> list[Conversation]:
    """The consultant's other planned conversations less than an hour from this one."""
    return list(
        _conversations(conversation.trajectory.resident.consultant_id)
        .filter(
            status=Conversation.Status.PLANNED,
            held_at__gt=conversation.held_at - BOOKING,
            held_at__lt=conversation.held_at + BOOKING,
        )
        .exclude(pk=conversation.pk)
        .select_related("trajectory__resident")
        .order_by("held_at")
    )


def residents_named(day: dict) -> set:
    """The residents a day's page names, by id, for the access log."""
    named = {c.trajectory.resident_id for c in [*day["conversations"], *day["to_log"]]}
    named |= {d.resident.pk for d in day["due"]}
    named |= {r.pk for r in [*day["without_contact"], *day["new_to_me"]]}
    named |= {d.plan.trajectory.resident_id for d in day["evaluations"]}
    named |= {c.trajectory.resident_id for b in day["double_bookings"] for c in b.conversations}
    return named
