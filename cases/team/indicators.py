"""The method's three core points as figures for the team lead, and the team's check-ins.

1. "Jij beslist mee": of the trajectories whose first conversation fell in a
   period, the share where the resident was told explicitly that they decide too.
2. Of the decisions made in a period, the share where at least two real
   options were weighed with their pros and cons.
3. Of the decisions made in a period, the share recorded in the resident's own words.

Each point is a queryset with two aliases, `when` (the moment that places a
row in the period) and `yes` (whether the point was met), so one set of
functions counts them per consultant, per month and lists the rows behind a figure.

A resident whose processing is restricted (AVG art. 18) counts nowhere until it is
lifted. Trajectories destroyed at the end of their retention period still count: their
facts are kept without the resident (cases/retention/, ArchivedFact) and added here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import (
    BooleanField,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from cases.facts import after, check_in_sums, numbered_conversations
from cases.facts import start_of as _from
from cases.models import ArchivedFact, CheckInTotal, Decision, Trajectory


@dataclass(frozen=True)
class Share:
    yes: int
    total: int

    @property
    def percentage(self) -> int | None:
        return round(100 * self.yes / self.total) if self.total else None


def first_conversations(team_id, start: date, end: date):
    """The team's trajectories whose first held conversation was in [start, end]: `when`
    is its moment, `yes` whether the resident heard "jij beslist mee" in it (both stored
    on the trajectory, cases/facts.py)."""
    return Trajectory.objects.filter(
        resident__consultant__team_id=team_id,
        resident__restricted_since__isnull=True,
        first_held_at__gte=_from(start),
        first_held_at__lt=_until(end),
    ).annotate(when=F("first_held_at"), yes=F("first_told_decides_too"))


def _decisions(team_id, start: date, end: date, met: Q):
    return Decision.objects.filter(
        plan__trajectory__resident__consultant__team_id=team_id,
        plan__trajectory__resident__restricted_since__isnull=True,
        decided_on__gte=start,
        decided_on__lte=end,
    ).annotate(when=F("decided_on"), yes=ExpressionWrapper(met, output_field=BooleanField()))


@dataclass(frozen=True)
class CorePoint:
    slug: str
    title: str
    question: str
    counted: str  # what the total counts
    met: str  # what `yes` counts
    consultant: str  # the path from a row to its consultant
    rows: Callable  # (team_id, start, end) -> queryset with `when` and `yes`
    related: tuple[str, ...]  # what a row behind a figure shows, read with it
    entry: Callable  # row -> (resident, link, when, yes, what was chosen)
    archived_kind: str  # the ArchivedFact kind of a destroyed trajectory's row
    archived_met: str  # its field that says whether the point was met


def _trajectory_entry(t: Trajectory) -> tuple:
    return t.resident, t.get_absolute_url(), t.when, t.yes, ""


def _decision_entry(d: Decision) -> tuple:
    return d.plan.trajectory.resident, d.plan.get_absolute_url(), d.when, d.yes, d.option.title


DECISION_RELATED = ("plan__trajectory__resident__consultant", "option")


CORE_POINTS = [
    CorePoint(
        "jij-beslist-mee",
        _("1. Jij beslist mee"),
        _(
            "Van de trajecten waarvan het eerste gesprek in deze periode was: in hoeveel eerste "
            "gesprekken hoorde de inwoner expliciet dat hij of zij meebeslist?"
        ),
        _("Eerste gesprekken"),
        _("Gezegd"),
        "resident__consultant",
        first_conversations,
        ("resident__consultant",),
        _trajectory_entry,
        ArchivedFact.Kind.FIRST_CONVERSATION,
        "yes",
    ),
    CorePoint(
        "afgewogen",
        _("2. Meerdere mogelijkheden afgewogen"),
        _(
            "Van de besluiten in deze periode: bij hoeveel zijn minstens twee echte "
            "mogelijkheden met hun voor- en nadelen besproken?"
        ),
        _("Besluiten"),
        _("Twee of meer afgewogen"),
        "plan__trajectory__resident__consultant",
        lambda team, start, end: _decisions(team, start, end, Q(options_weighed__gte=2)),
        DECISION_RELATED,
        _decision_entry,
        ArchivedFact.Kind.DECISION,
        "yes",
    ),
    CorePoint(
        "eigen-woorden",
        _("3. Het besluit in eigen woorden"),
        _(
            "Van de besluiten in deze periode: hoeveel staan er in de woorden van de inwoner "
            "zelf in het doel-actieplan?"
        ),
        _("Besluiten"),
        _("In eigen woorden"),
        "plan__trajectory__resident__consultant",
        lambda team, start, end: _decisions(team, start, end, ~Q(in_own_words="")),
        DECISION_RELATED,
        _decision_entry,
        ArchivedFact.Kind.DECISION,
        "own_words",
    ),
]
CORE_POINTS_BY_SLUG = {point.slug: point for point in CORE_POINTS}


def _until(end: date) -> datetime:
    """The first moment after the local day `end`."""
    return _from(end + timedelta(days=1))


def archived(kind: str, team_id, start: date, end: date):
    """The facts of destroyed trajectories of the team in [start, end] (by local day)."""
    return ArchivedFact.objects.filter(
        team_id=team_id, kind=kind, at__gte=_from(start), at__lt=_until(end)
    )


def _added(counts: dict, key, total: int, yes: int) -> None:
    before = counts.get(key, Share(0, 0))
    counts[key] = Share(before.yes + yes, before.total + total)


def shares(point: CorePoint, team_id, start: date, end: date) -> tuple[dict, Share]:
    """Per consultant id and for the team: the share in [start, end]."""
    per_consultant: dict = {}
    for consultant, total, yes in (
        point.rows(team_id, start, end)
        .values_list(point.consultant)
        .annotate(total=Count("pk"), met=Count("pk", filter=Q(yes=True)))
    ):
        _added(per_consultant, consultant, total, yes)
    for consultant, total, yes in (
        archived(point.archived_kind, team_id, start, end)
        .values_list("consultant_id")
        .annotate(total=Count("pk"), met=Count("pk", filter=Q(**{point.archived_met: True})))
    ):
        _added(per_consultant, consultant, total, yes)
    team = Share(
        sum(s.yes for s in per_consultant.values()),
        sum(s.total for s in per_consultant.values()),
    )
    return per_consultant, team


def shares_by_month(point: CorePoint, team_id, start: date, end: date) -> list[tuple[date, Share]]:
    per_month: dict = {}
    live = (
        point.rows(team_id, start, end)
        .annotate(month=TruncMonth("when"))
        .values_list("month")
        .annotate(total=Count("pk"), met=Count("pk", filter=Q(yes=True)))
    )
    kept = (
        archived(point.archived_kind, team_id, start, end)
        .annotate(month=TruncMonth("at"))
        .values_list("month")
        .annotate(total=Count("pk"), met=Count("pk", filter=Q(**{point.archived_met: True})))
    )
    for month, total, yes in [*live, *kept]:
        _added(per_month, _day(month), total, yes)
    return sorted(per_month.items())


def _day(month) -> date:
    return month.date() if hasattr(month, "date") else month


@dataclass(frozen=True)
class CheckInMonth:
    month: date
    conversations: int
    check_in: float | None
    check_out: float | None


def check_ins_by_month(team_id, start: date, end: date) -> list[CheckInMonth]:
    """Per month in [start, end]: how many of the team's conversations have a check-in or
    check-out number, and the average of each. Team figures only: the team lead's page
    shows no resident's or consultant's own numbers.

    The months the period covers whole are read from the consultants' stored monthly
    totals (cases/facts.py), a few rows per consultant instead of every conversation;
    the days of a month it covers in part from the conversations themselves. One query,
    with the facts kept of destroyed trajectories."""
    after_end = end + timedelta(days=1)
    first_whole = start if start.day == 1 else after(start)
    last_whole = after_end.replace(day=1)  # whole months are those before this one
    if first_whole >= last_whole:
        first_whole = last_whole = after_end  # no whole month: every day from the rows
    whole = (
        CheckInTotal.objects.filter(
            consultant__team_id=team_id, month__gte=first_whole, month__lt=last_whole
        )
        .values_list("month")
        .annotate(
            Sum("conversations"),
            Sum("check_in_sum"),
            Sum("check_in_count"),
            Sum("check_out_sum"),
            Sum("check_out_count"),
        )
        .order_by()
    )
    days = Q(held_at__gte=_from(start), held_at__lt=_from(first_whole)) | Q(
        held_at__gte=_from(last_whole), held_at__lt=_from(after_end)
    )
    in_part = check_in_sums(
        numbered_conversations().filter(days, trajectory__resident__consultant__team_id=team_id)
    )
    kept = (
        archived(ArchivedFact.Kind.CHECK_IN, team_id, start, end)
        .annotate(month=TruncMonth("at", output_field=DateField()))
        .values_list("month")
        .annotate(
            Count("pk"), Sum("check_in"), Count("check_in"), Sum("check_out"), Count("check_out")
        )
        .order_by()
    )
    months: dict[date, list[int]] = {}
    for month, *counts in whole.union(in_part, kept, all=True):
        total = months.setdefault(_day(month), [0, 0, 0, 0, 0])
        for i, n in enumerate(counts):
            total[i] += n or 0
    return [
        CheckInMonth(
            month,
            count,
            in_sum / in_count if in_count else None,
            out_sum / out_count if out_count else None,
        )
        for month, (count, in_sum, in_count, out_sum, out_count) in sorted(months.items())
    ]
