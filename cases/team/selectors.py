"""The team lead's view of the team's caseload: counts computed by the database."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import (
    CharField,
    Count,
    DateTimeField,
    F,
    IntegerField,
    Max,
    Q,
    Value,
)
from django.db.models.functions import Cast
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
    contact for weeks, and the last conversation. Two queries, whatever the size of
    the team: its consultants, and the five counts as one statement (five cost a round
    trip, a plan and Django's compiling each).
    Residents whose processing is restricted (AVG art. 18) are not counted."""
    rows = {c.pk: ConsultantRow(c) for c in team_consultants(team_id)}
    in_team = {"resident__consultant__in": list(rows), "resident__restricted_since": None}
    open_trajectories = Trajectory.objects.filter(**in_team).exclude(
        status=Trajectory.Status.CLOSED
    )
    # A resident has one open trajectory at most: counting those whose resident was not
    # seen for weeks counts the residents without contact, in the same part. The last
    # contact is stored on the resident (cases/facts.py), not read from conversations.
    stale = Q(resident__last_contact__lt=no_contact_since()) | Q(
        resident__last_contact__isnull=True
    )
    in_plans = {
        "plan__trajectory__resident__consultant__in": list(rows),
        "plan__trajectory__resident__restricted_since": None,
    }
    parts = [
        _counted(
            open_trajectories,
            "per_step",
            "resident__consultant",
            step=F("current_step"),
            n=Count("pk"),
            without_contact=Count("pk", filter=stale),
        ),
        # Through the agreement's own resident: not through five years of conversations.
        _counted(
            Agreement.objects.overdue().filter(**in_team),
            "overdue_agreements",
            "resident__consultant",
            n=Count("pk"),
        ),
        _counted(
            Action.objects.overdue().filter(**in_plans),
            "overdue_actions",
            "plan__trajectory__resident__consultant",
            n=Count("pk"),
        ),
        _counted(
            overdue_evaluations(list(rows)).filter(**in_plans),
            "overdue_evaluations",
            "plan__trajectory__resident__consultant",
            n=Count("pk"),
        ),
        _counted(
            Resident.objects.filter(consultant__in=list(rows), restricted_since=None),
            "last_conversation",
            "consultant",
            last=Max("last_contact"),
        ),
    ]
    # Unordered: a union takes the first part's default order (a trajectory's start).
    for what, consultant, step, n, without_contact, last in (
        parts[0].union(*parts[1:], all=True).order_by()
    ):
        row = rows[consultant]
        if what == "per_step":
            row.per_step[step] = n
            row.without_contact += without_contact
        elif what == "last_conversation":
            row.last_conversation = last
        else:
            setattr(row, what, n)
    return list(rows.values()), _total(rows.values())


def _counted(rows, what: str, consultant: str, step=None, **counted):
    """`rows` counted per consultant (and `step`) as one part of team_caseload's
    statement: (what, consultant id, step, n, without contact, last contact), the
    columns a part does not count empty."""
    columns = {
        "n": Value(0, output_field=IntegerField()),
        "without_contact": Value(0, output_field=IntegerField()),
        # Typed: PostgreSQL reads the parts' empty columns as text otherwise.
        "last": Cast(Value(None), DateTimeField()),
        **counted,
    }
    return (
        rows.annotate(
            counting=Value(what, output_field=CharField()),
            who=F(consultant),
            at_step=step or Value(None, output_field=IntegerField()),
        )
        .values_list("counting", "who", "at_step")
        .annotate(**columns)
        .order_by()
    )


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
