"""The method's first core point as a figure for the team lead, and the team's check-ins.

"Jij beslist mee": of the trajectories whose first conversation fell in a
period, the share where the resident was told explicitly that they decide
too. The other two core points (options weighed, decision in the resident's
words) come from the doel-actieplan and follow when it exists.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth

from .models import Conversation, Trajectory


@dataclass(frozen=True)
class Share:
    told: int
    total: int

    @property
    def percentage(self) -> int | None:
        return round(100 * self.told / self.total) if self.total else None


def first_conversations(team_id, start: date, end: date, *, shown=False):
    """The team's trajectories whose first held conversation was in [start, end], with
    its date (`first_at`) and whether the resident heard "jij beslist mee" (`first_told`).

    `shown` selects both for display; otherwise they only filter and group.
    """
    first = Conversation.objects.filter(
        trajectory=OuterRef("pk"), status=Conversation.Status.HELD
    ).order_by("held_at")
    trajectories = Trajectory.objects.filter(resident__consultant__team_id=team_id)
    add = trajectories.annotate if shown else trajectories.alias
    return add(
        first_at=Subquery(first.values("held_at")[:1]),
        first_told=Subquery(first.values("told_decides_too")[:1]),
    ).filter(first_at__date__gte=start, first_at__date__lte=end)


def told_decides_too(team_id, start: date, end: date) -> tuple[dict, Share]:
    """Per consultant id and for the team: the share in [start, end]."""
    in_period = first_conversations(team_id, start, end)
    per_consultant = {
        consultant: Share(told, total)
        for consultant, total, told in in_period.values_list("resident__consultant").annotate(
            total=Count("pk"), told=Count("pk", filter=Q(first_told=True))
        )
    }
    team = Share(
        sum(s.told for s in per_consultant.values()),
        sum(s.total for s in per_consultant.values()),
    )
    return per_consultant, team


def told_decides_too_by_month(team_id, start: date, end: date) -> list[tuple[date, Share]]:
    rows = (
        first_conversations(team_id, start, end)
        .annotate(month=TruncMonth("first_at"))
        .values_list("month")
        .annotate(total=Count("pk"), told=Count("pk", filter=Q(first_told=True)))
        .order_by("month")
    )
    return [
        (month.date() if hasattr(month, "date") else month, Share(told, total))
        for month, total, told in rows
    ]


@dataclass(frozen=True)
class CheckInMonth:
    month: date
    conversations: int
    check_in: float | None
    check_out: float | None


def check_ins_by_month(team_id, start: date, end: date) -> list[CheckInMonth]:
    """Per month in [start, end]: how many of the team's conversations have a check-in or
    check-out number, and the average of each. Team figures only: the team lead's page
    shows no resident's or consultant's own numbers."""
    rows = (
        Conversation.objects.filter(
            status=Conversation.Status.HELD,
            trajectory__resident__consultant__team_id=team_id,
            held_at__date__gte=start,
            held_at__date__lte=end,
        )
        .filter(Q(check_in_score__isnull=False) | Q(check_out_score__isnull=False))
        .annotate(month=TruncMonth("held_at"))
        .values_list("month")
        .annotate(Count("pk"), Avg("check_in_score"), Avg("check_out_score"))
        .order_by("month")
    )
    return [
        CheckInMonth(month.date() if hasattr(month, "date") else month, count, check_in, out)
        for month, count, check_in, out in rows
    ]
