"""The team lead's view of the team's caseload: counts computed by the database."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import (
    AccountChange,
    Action,
    Agreement,
    Decision,
    Resident,
    Trajectory,
    User,
)
from cases.selectors import no_contact_since

STEPS = range(Trajectory.FIRST_STEP, Trajectory.LAST_STEP + 1)


@dataclass(frozen=True)
class Column:
    """A column of numbers in the team overview: the list each number links to (`path`,
    and `query` after a consultant's `consulent=`), what that list holds, read out after
    the number, and whether a number other than 0 asks for attention (`bad`)."""

    path: str
    query: str
    what: str
    bad: bool = False


def overview_columns() -> list[Column]:
    """The overview's numbers in the order of ConsultantRow.numbers."""
    residents = reverse("cases:residents")
    return [
        Column(residents, "toon=lopend", _("lopende trajecten bekijken")),
        *(Column(residents, f"stap={step}", _("in deze stap bekijken")) for step in STEPS),
        Column(residents, "toon=te-laat", _("afspraken en acties te laat bekijken"), bad=True),
        Column(
            reverse("cases:overdue_evaluations"), "", _("evaluaties te laat bekijken"), bad=True
        ),
        Column(residents, "toon=geen-contact", _("inwoners zonder contact bekijken"), bad=True),
    ]


@dataclass
class ConsultantRow:
    consultant: User | None
    per_step: dict[int, int] = field(default_factory=dict)
    overdue_agreements: int = 0
    overdue_actions: int = 0
    overdue_evaluations: int = 0
    without_contact: int = 0
    last_conversation: datetime | None = None

    @property
    def active(self) -> int:
        return sum(self.per_step.values())

    @property
    def overdue(self) -> int:
        """Agreements and plan actions past their date: they count together."""
        return self.overdue_agreements + self.overdue_actions

    @property
    def step_counts(self) -> list[int]:
        return [self.per_step.get(n, 0) for n in STEPS]

    @property
    def numbers(self) -> list[int]:
        """The row's numbers in the overview, in the order of overview_columns()."""
        return [
            self.active,
            *self.step_counts,
            self.overdue,
            self.overdue_evaluations,
            self.without_contact,
        ]


def overdue_evaluations(consultants):
    return Decision.objects.evaluation_overdue().filter(
        plan__trajectory__resident__consultant__in=consultants
    )


# How long the team overview shows a change to a role, a team or an account.
ACCOUNT_CHANGES_DAYS = 30


def account_changes(team_id) -> list[tuple[AccountChange, list[str]]]:
    """The changes to the team's accounts of the last ACCOUNT_CHANGES_DAYS, newest first,
    each with what changed as the team's lead reads it. One query."""
    since = timezone.now() - timedelta(days=ACCOUNT_CHANGES_DAYS)
    changes = AccountChange.objects.touching_team(team_id, since=since)
    return [(change, change.described_for(team_id)) for change in changes]


def team_consultants(team_id):
    """The team's consultants, by name: the one list every team page counts with. A
    consultant put on inactive leaves it; their residents are handed over first."""
    return User.objects.filter(of_team(team_id)).order_by("first_name", "last_name")


def of_team(team_id, consultant: str = "") -> Q:
    """The condition of team_consultants() on the user `consultant` leads to (a path such
    as "plan__trajectory__resident__consultant"; none: the user itself). On a path it is
    a condition on the join a list makes anyway, not a subquery of users: one table fewer
    for the planner to place (the overdue evaluations joined eight)."""
    prefix = f"{consultant}__" if consultant else ""
    return Q(
        **{
            f"{prefix}team_id": team_id,
            f"{prefix}role": User.Role.CONSULTANT,
            f"{prefix}is_active": True,
        }
    )


def team_caseload(team_id) -> tuple[list[ConsultantRow], ConsultantRow]:
    """Per consultant of the team, and for the team as a whole: open trajectories
    per step, overdue agreements, plan actions and evaluations, residents without
    contact for weeks, and the last conversation. Six queries, whatever the size of
    the team.
    Residents whose processing is restricted (AVG art. 18) are not counted."""
    rows = {c.pk: ConsultantRow(c) for c in team_consultants(team_id)}
    in_team = {"resident__consultant__in": list(rows), "resident__restricted_since": None}
    open_trajectories = Trajectory.objects.filter(**in_team).exclude(
        status=Trajectory.Status.CLOSED
    )
    # A resident has one open trajectory at most: counting those whose resident was not
    # seen for weeks counts the residents without contact, in the same query. The last
    # contact is stored on the resident (cases/facts.py), not read from conversations.
    stale = Q(resident__last_contact__lt=no_contact_since()) | Q(
        resident__last_contact__isnull=True
    )
    for consultant, step, n, without_contact in (
        open_trajectories.values_list("resident__consultant", "current_step")
        .annotate(n=Count("pk"), without_contact=Count("pk", filter=stale))
        .order_by()
    ):
        rows[consultant].per_step[step] = n
        rows[consultant].without_contact += without_contact

    # Through the agreement's own resident: not through five years of conversations.
    for consultant, n in (
        Agreement.objects.overdue()
        .filter(resident__consultant__in=list(rows), resident__restricted_since=None)
        .values_list("resident__consultant")
        .annotate(Count("pk"))
    ):
        rows[consultant].overdue_agreements = n

    for consultant, n in (
        Action.objects.overdue()
        .filter(
            plan__trajectory__resident__consultant__in=list(rows),
            plan__trajectory__resident__restricted_since=None,
        )
        .values_list("plan__trajectory__resident__consultant")
        .annotate(Count("pk"))
    ):
        rows[consultant].overdue_actions = n

    for consultant, n in (
        overdue_evaluations(list(rows))
        .filter(plan__trajectory__resident__restricted_since=None)
        .values_list("plan__trajectory__resident__consultant")
        .annotate(Count("pk"))
    ):
        rows[consultant].overdue_evaluations = n

    residents = Resident.objects.filter(consultant__in=list(rows), restricted_since=None)
    for consultant, last in residents.values_list("consultant").annotate(Max("last_contact")):
        rows[consultant].last_conversation = last

    return list(rows.values()), _total(rows.values())


def _total(rows) -> ConsultantRow:
    total = ConsultantRow(None)
    for row in rows:
        for step, n in row.per_step.items():
            total.per_step[step] = total.per_step.get(step, 0) + n
        total.overdue_agreements += row.overdue_agreements
        total.overdue_actions += row.overdue_actions
        total.overdue_evaluations += row.overdue_evaluations
        total.without_contact += row.without_contact
        if row.last_conversation and (
            total.last_conversation is None or row.last_conversation > total.last_conversation
        ):
            total.last_conversation = row.last_conversation
    return total
