"""The method's three core points as figures for the team lead, and the team's check-ins.

1. "Jij beslist mee": of the trajectories whose first conversation fell in a
   period, the share where the resident was told explicitly that they decide too.
2. Of the decisions made in a period, the share where at least two real
   options were weighed with their pros and cons.
3. Of the decisions made in a period, the share recorded in the resident's own words.

Each point is a queryset with two aliases, `when` (the moment that places a
row in the period) and `yes` (whether the point was met), so one set of
functions counts them per consultant, per month and lists the rows behind a figure.
The months a period covers whole are read from each consultant's stored monthly totals
(CorePointTotal, cases/facts.py), as the check-ins are; only the days of a month it
covers in part are counted from the rows.

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
    IntegerField,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from cases.facts import (
    OWN_WORDS,
    TOLD,
    WEIGHED,
    after,
    check_in_sums,
    day_of,
    month_of_field,
    numbered_conversations,
)
from cases.facts import start_of as _from
from cases.models import ArchivedFact, CheckInTotal, CorePointTotal, Decision, Trajectory


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
    stored_total: str  # the CorePointTotal field that counts the rows
    stored_met: str  # and the one that counts those where the point was met

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
        TOLD,
        ("resident__consultant",),
        _trajectory_entry,
        ArchivedFact.Kind.FIRST_CONVERSATION,
        "yes",
        "first_conversations",
        "told_decides_too",
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
        WEIGHED,
        DECISION_RELATED,
        _decision_entry,
        ArchivedFact.Kind.DECISION,
        "yes",
        "decisions",
        "options_weighed",
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
        OWN_WORDS,
        DECISION_RELATED,
        _decision_entry,
        ArchivedFact.Kind.DECISION,
        "own_words",
        "decisions",
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
    """Every core point's Figures in [start, end], by its slug, from one query: the stored
    totals of the months the period covers whole, summed per consultant and per month;
    grouped per consultant and month, the rows of the days of a month it covers in part
    and the facts kept of destroyed trajectories. Points that count the same rows (the
    two about decisions) share their total's column."""
    groups = _grouped(lambda point: point.source)
    # After (consultant, month), each part of the query gives these columns: per group of
    # points, the rows it counts, then per point the rows where it was met.
    columns = [(points, None) for points in groups]
    columns += [(points, point) for points in groups for point in points]

    def counts(points_counted, met) -> dict:
        """The columns for rows that `points_counted` count (`met(point)`: where a point
        was met), 0 in the others."""
        return {
            f"c{i}": Value(0, output_field=IntegerField())
            if points is not points_counted
            else Count("pk", filter=met(point))
            if point
            else Count("pk")
            for i, (points, point) in enumerate(columns)
        }

    def counted_per_month(rows, consultant, **counted):
        return (
            rows.annotate(who=F(consultant), in_month=month_of_field("when"))
            .values_list("who", "in_month")
            .annotate(**counted)
            .order_by()
        )

    first_whole, last_whole = whole_months(start, end)
    stored = CorePointTotal.objects.filter(
        consultant__team_id=team_id, month__gte=first_whole, month__lt=last_whole
    )
    sums = {
        f"c{i}": Sum(point.stored_met if point else points[0].stored_total)
        for i, (points, point) in enumerate(columns)
    }
    parts = [
        stored.annotate(who=F("consultant"), in_month=Value(None, output_field=DateField()))
        .values_list("who", "in_month")
        .annotate(**sums)
        .order_by(),
        stored.annotate(who=Value(None, output_field=IntegerField()), in_month=F("month"))
        .values_list("who", "in_month")
        .annotate(**sums)
        .order_by(),
    ]
    for since, until in [(start, first_whole), (last_whole, end + timedelta(days=1))]:
        if since < until:
            for points in groups:
                rows = points[0].source(team_id, since, until - timedelta(days=1))
                parts.append(
                    counted_per_month(
                        rows, points[0].consultant, **counts(points, lambda p: p.condition)
                    )
                )
    for points in groups:  # the points counting the same rows keep them as the same facts
        facts = archived(points[0].archived_kind, team_id, start, end).annotate(when=F("at"))
        counted = counts(points, lambda point: Q(**{point.archived_met: True}))
        parts.append(counted_per_month(facts, "consultant_id", **counted))

    # Per point, per consultant id and per month: [yes, total], made Shares at the end.
    per_consultant: dict = {point.slug: {} for point in CORE_POINTS}
    per_month: dict = {point.slug: {} for point in CORE_POINTS}
    place = {point.slug: i for i, (_points, point) in enumerate(columns) if point}
    total_of = {}  # per point, the column of the rows its group counts
    for i, (points, point) in enumerate(columns):
        if point is None:
            total_of |= {counted.slug: i for counted in points}
    for who, month, *numbers in parts[0].union(*parts[1:], all=True):
        month = day_of(month) if month is not None else None
        for point in CORE_POINTS:
            yes, total = numbers[place[point.slug]] or 0, numbers[total_of[point.slug]] or 0
            for key, counted in ((who, per_consultant), (month, per_month)):
                if key is not None:
                    pair = counted[point.slug].setdefault(key, [0, 0])
                    pair[0] += yes
                    pair[1] += total
    figures = {}
    for point in CORE_POINTS:
        consultants = {
            who: Share(*pair) for who, pair in per_consultant[point.slug].items() if pair[1]
        }
        figures[point.slug] = Figures(
            consultants,
            Share(
                sum(s.yes for s in consultants.values()),
                sum(s.total for s in consultants.values()),
            ),
            sorted(
                (month, Share(*pair)) for month, pair in per_month[point.slug].items() if pair[1]
            ),
        )
    return figures


def whole_months(start: date, end: date) -> tuple[date, date]:
    """The first days of the first whole month of [start, end] and of the month after its
    last whole one: the whole months are those in [first, last), none when they are equal
    (then every day is read from the rows)."""
    after_end = end + timedelta(days=1)
    first_whole = start if start.day == 1 else after(start)
    last_whole = after_end.replace(day=1)
    if first_whole >= last_whole:
        return after_end, after_end
    return first_whole, last_whole


def _grouped(key) -> list[list[CorePoint]]:
    """The core points in groups with the same `key`, in their order."""
    groups: dict = {}
    for point in CORE_POINTS:
        groups.setdefault(key(point), []).append(point)
    return list(groups.values())


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
    first_whole, last_whole = whole_months(start, end)
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
        total = months.setdefault(day_of(month), [0, 0, 0, 0, 0])
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
