"""Read queries that are more than a filter: each runs a fixed number of queries."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, F, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from steps.models import Step

from .models import Action, Agreement, Conversation, Decision, LifeDomain, Tick, Trajectory


def no_contact_since():
    """A resident with an open trajectory and no conversation held since this moment has
    been without contact for too long (TEAM_NO_CONTACT_WEEKS)."""
    return timezone.now() - timedelta(weeks=settings.TEAM_NO_CONTACT_WEEKS)


def without_contact() -> Q:
    """On residents `with_contact_facts`: an open trajectory and no contact for weeks."""
    return Q(current_step__isnull=False) & (
        Q(last_contact__isnull=True) | Q(last_contact__lt=no_contact_since())
    )


def _count(queryset, resident_path: str):
    """A subquery counting `queryset`'s rows of the outer resident."""
    return Coalesce(
        Subquery(
            queryset.filter(**{resident_path: OuterRef("pk")})
            .values(resident_path)
            .annotate(count=Count("pk"))
            .values("count")
        ),
        0,
    )


def with_contact_facts(residents):
    """The residents with, per resident: the open trajectory's id, step, round and status,
    and the next appointment (the last contact is stored on the resident, cases/facts.py).
    One query, for a caseload of any size: the open trajectory is joined (a resident has
    at most one), the next appointment is a subquery."""
    planned = Conversation.objects.upcoming().filter(trajectory__resident=OuterRef("pk"))
    return residents.annotate(
        open_trajectory=FilteredRelation(
            "trajectories", condition=~Q(trajectories__status=Trajectory.Status.CLOSED)
        ),
        trajectory_id=F("open_trajectory__id"),
        current_step=F("open_trajectory__current_step"),
        cycle=F("open_trajectory__cycle"),
        trajectory_status=F("open_trajectory__status"),
        next_appointment=Subquery(planned.order_by("held_at").values("held_at")[:1]),
    )


def with_caseload_facts(residents):
    """The residents `with_contact_facts`, and the oldest planned conversation still to
    log, overdue agreements and plan actions together, and an overdue evaluation. Still
    one query."""
    to_log = Conversation.objects.to_log().filter(trajectory__resident=OuterRef("pk"))
    return with_contact_facts(residents).annotate(
        to_log_since=Subquery(to_log.order_by("held_at").values("held_at")[:1]),
        overdue_count=_count(Agreement.objects.overdue(), "resident")
        + _count(Action.objects.overdue(), "plan__trajectory__resident"),
        evaluation_overdue_on=Subquery(
            Decision.objects.evaluation_overdue()
            .filter(plan__trajectory__resident=OuterRef("pk"))
            .values("evaluation_on")[:1]
        ),
    )


def step_progress(trajectory: Trajectory, cycle: int, *, counts=True) -> list[dict]:
    """Per step of the path: number, title, its page for the round (`url`), where it
    stands in the round, and (with `counts`) its active items and how many are done
    in the round.

    Read as values, addresses made here: the dossier and the trajectory page show
    it on every visit.
    """
    steps = Step.objects.numbered()
    done = {}
    if counts:
        steps = steps.annotate(
            total=Count("checklist_items", filter=Q(checklist_items__retired_at=None))
        )
        done = dict(
            Tick.objects.filter(trajectory=trajectory, cycle=cycle, item__retired_at=None)
            .values_list("item__step__number")
            .annotate(Count("pk"))
        )
    earlier_round = f"?ronde={cycle}" if cycle != trajectory.cycle else ""
    return [
        {
            "done": done.get(step["number"], 0),
            "total": None,
            "url": reverse("cases:step", args=[trajectory.pk, step["number"]]) + earlier_round,
            **step,
            **_place_in_round(trajectory, cycle, step["number"]),
        }
        # Ordered here: Meta.ordering does not order a query with an aggregate, and
        # PostgreSQL then gives the steps in any order.
        for step in steps.order_by("number").values(
            "number", "title", *(["total"] if counts else [])
        )
    ]


def _place_in_round(trajectory: Trajectory, cycle: int, number: int) -> dict:
    """Where a step stands in the round: current, passed, or not part of the round.

    A finished round went through the evaluation; a later round starts at step 3.
    """
    in_round = cycle == 1 or number >= Trajectory.NEW_ROUND_STEP
    finished = cycle < trajectory.cycle
    return {
        "in_round": in_round,
        "is_current": not finished and number == trajectory.current_step,
        "is_passed": in_round and (finished or number < trajectory.current_step),
    }


def attach_ticks(trajectory: Trajectory, step: Step, cycle: int) -> None:
    """Give each of the step's active items its tick in the round (or None).

    Expects the step loaded with Step.objects.with_content().
    """
    ticks = Tick.objects.filter(trajectory=trajectory, cycle=cycle, item__step=step)
    by_item = {t.item_id: t for t in ticks.select_related("ticked_by", "wording")}
    for item in step.active_checklist_items:
        item.tick = by_item.get(item.pk)


def open_agreements(resident):
    """The resident's open agreements, of every trajectory, soonest first."""
    return (
        Agreement.objects.open()
        .filter(resident=resident)
        .select_related("network_member")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )


def open_actions(trajectory):
    """The plan's actions of the current round still to do or under way, soonest first."""
    return (
        Action.objects.open()
        .filter(plan_id=trajectory.pk)
        .select_related("network_member")
        .order_by("due_on", "position", "pk")
    )


@dataclass(frozen=True)
class DomainRow:
    """One life domain as the dossier's overview shows it: short enough to read at a glance.

    Plain strings, the address (`url`) included: the dossier shows seven on every visit.
    """

    key: str
    label: str
    url: str
    phase: str = ""
    phase_label: str = ""
    wish: str = ""
    is_empty: bool = True


def domain_row(trajectory, key: str, values: dict | None = None) -> DomainRow:
    """The overview's row for a domain, from its stored values (None: not filled in yet)."""
    label = str(LifeDomain.Domain(key).label)
    url = reverse("cases:life_domain", args=[trajectory.pk, key])
    if not values:
        return DomainRow(key, label, url)
    phase = values["phase"]
    return DomainRow(
        key,
        label,
        url,
        phase,
        str(LifeDomain.Phase(phase).label) if phase else "",
        Truncator(values["wish"]).words(12),
        is_empty=False,
    )


def life_domain_rows(trajectory) -> list[DomainRow]:
    """Every life domain in the method's order, filled in or not, in one query."""
    stored = {
        row["domain"]: row
        for row in LifeDomain.objects.filter(trajectory=trajectory).values(
            "domain", "phase", "wish"
        )
    }
    return [domain_row(trajectory, key, stored.get(key)) for key in LifeDomain.Domain.values]


CHECK_IN_POINTS = 12


def check_in_trend(resident) -> list[dict]:
    """The resident's last conversations with a check-in or check-out number, oldest first,
    each with its kind's label (`kind_label`)."""
    held = Conversation.objects.filter(
        trajectory__resident=resident, status=Conversation.Status.HELD
    ).filter(Q(check_in_score__isnull=False) | Q(check_out_score__isnull=False))
    latest = held.order_by("-held_at").values(
        "pk", "held_at", "kind", "check_in_score", "check_out_score"
    )[:CHECK_IN_POINTS]
    return [{**c, "kind_label": Conversation.Kind(c["kind"]).label} for c in reversed(list(latest))]


def appointment_after(conversation: Conversation) -> Conversation | None:
    """The planned conversation that follows `conversation` in its trajectory."""
    return (
        Conversation.objects.filter(
            trajectory_id=conversation.trajectory_id,
            status=Conversation.Status.PLANNED,
            held_at__gt=conversation.held_at,
        )
        .order_by("held_at")
        .first()
    )
