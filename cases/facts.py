"""Facts about a file's conversations, stored where the lists read them.

A team's lists ask per resident when they were last seen, and the core points ask per
trajectory when its first conversation was held and whether "jij beslist mee" was said
in it. Computed from the conversations, both read about a hundred conversations per
resident after five years (6,000 residents: 600,000 rows sorted for one page), so they
are stored: `Resident.last_contact`, `Trajectory.first_held_at` and
`Trajectory.first_told_decides_too`. The team's check-in averages per month read every
conversation of the period for the same reason, so each consultant's monthly totals are
stored too (`CheckInTotal`), and so are the core points' (`CorePointTotal`: over five
years a team of 100 has 11,400 trajectories and 7,500 decisions to count, a few rows per
consultant and month once added up).

Every service that holds, changes or removes a conversation calls `keep_contact_facts`
in its transaction, and so does every service that moves a resident to another
consultant, restricts their processing or removes them; it recomputes the facts
concerned from the conversations (never adds to or takes from what is stored), so a
fact is never more than what its conversations say, and one recomputed after rows were
written some other way (the tests' factories, a bulk insert) is true again.
`tests/test_stored_facts.py` checks each against the conversations after every kind of
change. A decision counts in the core points too: `decide` (cases/plan/services.py)
recomputes its consultant's totals with `keep_totals`. A consultant's totals are removed
and written again by one transaction at a time: `keep_totals` locks the consultants'
rows first, so that two conversations of one caseload saved at the same moment do not
both write a month (tests/test_races.py).
"""

from datetime import date, datetime, time
from functools import reduce
from operator import or_

from django.db.models import Count, DateField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from .models import (
    CheckInTotal,
    Conversation,
    CorePointTotal,
    Decision,
    Resident,
    Trajectory,
    User,
)

# When a core point was met (cases/team/indicators.py): said in the first conversation
# (on a trajectory), two or more options weighed, the decision in the resident's own
# words (on a decision). Counted by the figures and by the stored totals alike.
TOLD = Q(first_told_decides_too=True)
WEIGHED = Q(options_weighed__gte=2)
OWN_WORDS = ~Q(in_own_words="")


def keep_contact_facts(
    *, trajectory_ids=(), resident_ids=(), consultant_ids=(), moments=None
) -> None:
    """Recompute the stored facts of these trajectories and of these residents (and of
    the residents of these trajectories) from their held conversations, and the check-in
    totals of their consultants and of `consultant_ids`: in the months of `moments`
    (the old and new moment of a changed conversation) or, when None, in every month."""
    trajectory_ids, resident_ids = list(trajectory_ids), list(resident_ids)
    held = Conversation.objects.filter(status=Conversation.Status.HELD)
    if trajectory_ids:
        first = held.filter(trajectory=OuterRef("pk")).order_by("held_at", "pk")
        Trajectory.objects.filter(pk__in=trajectory_ids).update(
            first_held_at=Subquery(first.values("held_at")[:1]),
            first_told_decides_too=Subquery(first.values("told_decides_too")[:1]),
        )
    residents = Resident.objects.filter(Q(pk__in=resident_ids) | Q(trajectories__in=trajectory_ids))
    last = held.filter(trajectory__resident=OuterRef("pk")).order_by("-held_at")
    residents.update(last_contact=Subquery(last.values("held_at")[:1]))
    consultants = Q(pk__in=list(consultant_ids))
    if trajectory_ids or resident_ids:
        consultants |= Q(caseload__in=residents)
    months = None if moments is None else {month_of(moment) for moment in moments}
    keep_totals(consultants, months)


def keep_all_contact_facts() -> None:
    """Every trajectory's and resident's facts, for data written in bulk (the synthetic
    teams to measure on) and once by the migration that made them."""
    held = Conversation.objects.filter(status=Conversation.Status.HELD)
    first = held.filter(trajectory=OuterRef("pk")).order_by("held_at", "pk")
    Trajectory.objects.update(
        first_held_at=Subquery(first.values("held_at")[:1]),
        first_told_decides_too=Subquery(first.values("told_decides_too")[:1]),
    )
    last = held.filter(trajectory__resident=OuterRef("pk")).order_by("-held_at")
    Resident.objects.update(last_contact=Subquery(last.values("held_at")[:1]))
    keep_totals(Q(), None)


def numbered_conversations():
    """What the team's check-in figures count: held conversations with a check-in or a
    check-out number, of residents whose processing is not restricted (AVG art. 18)."""
    return Conversation.objects.filter(
        Q(check_in_score__isnull=False) | Q(check_out_score__isnull=False),
        status=Conversation.Status.HELD,
        trajectory__resident__restricted_since=None,
    )


def check_in_sums(conversations, *by):
    """Per `by` and local month: (*by, month, conversations, check-in sum and count,
    check-out sum and count); a sum is None where there is no number."""
    return (
        conversations.annotate(month=TruncMonth("held_at", output_field=DateField()))
        .values_list(*by, "month")
        .annotate(
            conversations=Count("*"),  # not the key: the index of held ones has no key
            in_sum=Sum("check_in_score"),
            in_count=Count("check_in_score"),
            out_sum=Sum("check_out_score"),
            out_count=Count("check_out_score"),
        )
        .order_by()
    )


def keep_totals(consultants: Q, months: set[date] | None) -> None:
    """Recompute the totals of the users `consultants` selects: their check-in totals in
    `months` (first days; None: every month, empty: none) and their core points in every
    month (a trajectory's first conversation may have moved to another month, another
    resident may count for them now: a few hundred rows). Their rows are locked first,
    in the order of their ids (two saves lock alike and take turns), until the
    transaction ends; a save that waited then reads what the first one wrote."""
    users = list(
        dict.fromkeys(  # a user reached through several residents, once
            User.objects.filter(consultants)
            .order_by("pk")
            .select_for_update(no_key=True, of=("self",))
            .values_list("pk", flat=True)
        )
    )
    _keep_check_in_totals(users, months)
    _keep_core_point_totals(users)


def _keep_check_in_totals(users: list[int], months: set[date] | None) -> None:
    """Recompute the CheckInTotals of `users` (ids) in `months` (first days) or, when
    None, in every month."""
    of_them = Q(trajectory__resident__consultant__in=users)
    conversations = numbered_conversations().filter(of_them)
    stored = CheckInTotal.objects.filter(consultant__in=users)
    if months is not None:
        if not months:
            return
        conversations = conversations.filter(
            reduce(
                or_, (Q(held_at__gte=start_of(m), held_at__lt=start_of(after(m))) for m in months)
            )
        )
        stored = stored.filter(month__in=months)
    totals = [
        CheckInTotal(
            consultant_id=consultant,
            month=month,
            conversations=n,
            check_in_sum=in_sum or 0,
            check_in_count=in_count,
            check_out_sum=out_sum or 0,
            check_out_count=out_count,
        )
        for consultant, month, n, in_sum, in_count, out_sum, out_count in check_in_sums(
            conversations, "trajectory__resident__consultant"
        )
    ]
    stored.delete()
    CheckInTotal.objects.bulk_create(totals)


def _keep_core_point_totals(users: list[int]) -> None:
    """Recompute the CorePointTotals of `users` (ids) in every month: over five years a
    consultant has about a hundred trajectories and as many decisions, read in one query
    (grouped per month), fewer rows than a month of their conversations."""
    firsts = (
        Trajectory.objects.filter(
            resident__consultant__in=users,
            resident__restricted_since=None,
            first_held_at__isnull=False,
        )
        .annotate(month=month_of_field("first_held_at"))
        .values_list("resident__consultant", "month")
        .annotate(
            first=Count("pk"),
            told=Count("pk", filter=TOLD),
            decisions=Value(0),
            weighed=Value(0),
            own_words=Value(0),
        )
        .order_by()
    )
    decided = (
        Decision.objects.filter(
            plan__trajectory__resident__consultant__in=users,
            plan__trajectory__resident__restricted_since=None,
        )
        .annotate(month=month_of_field("decided_on"))
        .values_list("plan__trajectory__resident__consultant", "month")
        .annotate(
            first=Value(0),
            told=Value(0),
            decisions=Count("pk"),
            weighed=Count("pk", filter=WEIGHED),
            own_words=Count("pk", filter=OWN_WORDS),
        )
        .order_by()
    )
    totals: dict = {}
    # Unordered: a union takes the first part's default order (a trajectory's start).
    for consultant, month, *counts in firsts.union(decided, all=True).order_by():
        total = totals.setdefault((consultant, day_of(month)), [0] * 5)
        for i, n in enumerate(counts):
            total[i] += n
    CorePointTotal.objects.filter(consultant__in=users).delete()
    CorePointTotal.objects.bulk_create(
        CorePointTotal(
            consultant_id=consultant,
            month=month,
            first_conversations=first,
            told_decides_too=told,
            decisions=decisions,
            options_weighed=weighed,
            own_words=own_words,
        )
        for (consultant, month), (first, told, decisions, weighed, own_words) in totals.items()
    )


def month_of_field(field: str):
    """The first day of the local month of a date or moment `field`, as a date on every
    database: the parts of a union give their months in one type."""
    return Cast(TruncMonth(field, output_field=DateField()), DateField())


def day_of(month) -> date:
    """A month as its first day: a truncated moment may come back as a datetime."""
    return month.date() if isinstance(month, datetime) else month


def month_of(moment: datetime) -> date:
    """The first day of the local month of `moment`."""
    return timezone.localtime(moment).date().replace(day=1)


def after(day: date) -> date:
    """The first day of the month after the one of `day`."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def start_of(day: date) -> datetime:
    """The first moment of the local day `day`. Periods are days, moments are compared
    with a plain range: a cast of each moment to its date (`__date`) is served by no
    index and turns the planner's estimates into guesses."""
    return datetime.combine(day, time.min, timezone.get_current_timezone())
