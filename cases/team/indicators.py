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
    """The team's trajectories whose first held conversation was in [start, end], `when`
    its moment (stored on the trajectory with whether "jij beslist mee" was said in it,
    cases/facts.py)."""
    return Trajectory.objects.filter(
        resident__consultant__team_id=team_id,
        resident__restricted_since__isnull=True,
        first_held_at__gte=_from(start),
        first_held_at__lt=_until(end),
    ).annotate(when=F("first_held_at"))


def decisions(team_id, start: date, end: date):
    """The team's decisions made in [start, end], `when` their day."""
    return Decision.objects.filter(
        plan__trajectory__resident__consultant__team_id=team_id,
        plan__trajectory__resident__restricted_since__isnull=True,
        decided_on__gte=start,
        decided_on__lte=end,
    ).annotate(when=F("decided_on"))


@dataclass(frozen=True)
class CorePoint:
    slug: str
    title: str
    question: str
    counted: str  # what the total counts
    met: str  # what `yes` counts
    consultant: str  # the path from a row to its consultant
    source: Callable  # (team_id, start, end) -> the rows counted, with `when`
    condition: Q  # a row for which the point was met
    related: tuple[str, ...]  # what a row behind a figure shows, read with it
    entry: Callable  # row -> (resident, link, when, yes, what was chosen)
    archived_kind: str  # the ArchivedFact kind of a destroyed trajectory's row
    archived_met: str  # its field that says whether the point was met

    def rows(self, team_id, start: date, end: date):
        """The rows behind the figure, with `when` and `yes`: whether the point was met."""
        return self.source(team_id, start, end).annotate(
            yes=ExpressionWrapper(self.condition, output_field=BooleanField())
        )


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
        Q(first_told_decides_too=True),
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
        decisions,
        Q(options_weighed__gte=2),
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
        decisions,
        ~Q(in_own_words=""),
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


@dataclass(frozen=True)
class Figures:
    """A core point in a period: the Share per consultant id, for the team, and per month."""

    per_consultant: dict
    team: Share
    months: list[tuple[date, Share]]


def core_point_figures(team_id, start: date, end: date) -> dict[str, Figures]:
    """Every core point's Figures in [start, end], by its slug. Points that count the same
    rows (the two about decisions) are counted together: one query for each kind of row
    and one for each kind of archived fact, grouped by consultant and month, which gives
    both the consultants' and the months' figures."""
    # Per point, per consultant id and per month: [yes, total], made Shares at the end.
    per_consultant: dict = {point.slug: {} for point in CORE_POINTS}
    per_month: dict = {point.slug: {} for point in CORE_POINTS}

    def count(points, rows, consultant, met):
        counts = {f"met{i}": Count("pk", filter=met(point)) for i, point in enumerate(points)}
        for who, month, total, *yes in (
            rows.annotate(month=TruncMonth("when"))
            .values_list(consultant, "month")
            .annotate(total=Count("pk"), **counts)
            .order_by()
        ):
            month = _day(month)
            for point, n in zip(points, yes, strict=True):
                for key, counted in ((who, per_consultant), (month, per_month)):
                    pair = counted[point.slug].setdefault(key, [0, 0])
                    pair[0] += n
                    pair[1] += total

    for points in _grouped(lambda point: point.source):
        first = points[0]
        count(
            points,
            first.source(team_id, start, end),
            first.consultant,
            lambda point: point.condition,
        )
    for points in _grouped(lambda point: point.archived_kind):
        count(
            points,
            archived(points[0].archived_kind, team_id, start, end).annotate(when=F("at")),
            "consultant_id",
            lambda point: Q(**{point.archived_met: True}),
        )
    figures = {}
    for point in CORE_POINTS:
        consultants = {who: Share(*pair) for who, pair in per_consultant[point.slug].items()}
        figures[point.slug] = Figures(
            consultants,
            Share(
                sum(s.yes for s in consultants.values()),
                sum(s.total for s in consultants.values()),
            ),
            sorted((month, Share(*pair)) for month, pair in per_month[point.slug].items()),
        )
    return figures


def _grouped(key) -> list[list[CorePoint]]:
    """The core points in groups with the same `key`, in their order."""
    groups: dict = {}
    for point in CORE_POINTS:
        groups.setdefault(key(point), []).append(point)
    return list(groups.values())


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
    in_part = [
        # Each range a query of its own: one range is read from the index alone.
        check_in_sums(
            numbered_conversations().filter(
                trajectory__resident__consultant__team_id=team_id,
                held_at__gte=_from(since),
                held_at__lt=_from(until),
            )
        )
        for since, until in [(start, first_whole), (last_whole, after_end)]
    ]
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
    for month, *counts in whole.union(*in_part, kept, all=True):
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
