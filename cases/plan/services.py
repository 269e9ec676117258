"""The doel-actieplan's writes, each following the plan's rules in one transaction.

They take the part as the view's form made it (an unsaved or changed model
instance, already validated) and the version the user opened, never the form
itself, so that the demo and a command write the same way as a consultant.
`at` is the moment it happens (None: now): the plan's history is dated then.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from cases.facts import keep_totals
from cases.models import (
    Decision,
    Evaluation,
    Goal,
    Option,
    OptionAnswer,
    Plan,
    PlanChange,
    Trajectory,
)
from cases.services import move_to_step, start_new_round
from cases.versions import StaleEdit, claim_version, create_once

from .selectors import WAITING_TITLE


def get_or_create_plan(trajectory: Trajectory) -> Plan:
    plan, _created = Plan.objects.get_or_create(trajectory=trajectory)
    return plan


@transaction.atomic
def set_max_options(plan: Plan, *, max_options: int | None, seen: int) -> Plan:
    """How many options the resident wants to weigh at most; the choice card honours it.
    Only from the version the user saw (`seen`), else StaleEdit."""
    claim_version(plan, seen)
    plan.max_options = max_options
    plan.save(update_fields=["max_options"])
    return plan


def log(plan_id, by, summary: str, part=None, *, at=None) -> None:
    """Write a line of the plan's history; `part` names the goal, option… it is about."""
    if part is not None:
        noun = str(part._meta.verbose_name).capitalize()
        summary = summary % {"noun": noun, "what": Truncator(str(part)).chars(120)}
    PlanChange.objects.create(plan_id=plan_id, by=by, summary=summary, at=at or timezone.now())


@transaction.atomic
def add_part(part, *, by, submission=None, at=None):
    """A new goal, sub-goal, question or action: it goes last among its siblings.

    The plan's row lock makes parts added at the same moment take turns, so each gets
    its own position. A second post of the same form (`submission`) adds nothing and
    returns the part the first one added.
    """
    at = at or timezone.now()
    lock_plan(part.plan_id)
    last = part.siblings().aggregate(last=Max("position"))["last"]
    part.position = (last or 0) + 1
    if isinstance(part, Goal):
        part.created_at = at
    part, created = create_once(part, submission)
    if created:
        log(part.plan_id, by, _("%(noun)s toegevoegd: %(what)s"), part, at=at)
    return part


def lock_plan(plan_id) -> Plan:
    """The plan, locked until the transaction ends: its parts' order changes one at a time."""
    return Plan.objects.select_for_update().get(pk=plan_id)


@transaction.atomic
def change_part(part, *, seen: int, by, at=None):
    """Save a changed part, only if nobody saved it since the user opened it at `seen`."""
    claim_version(part, seen)
    part.save()
    log(part.plan_id, by, _("%(noun)s gewijzigd: %(what)s"), part, at=at)
    return part


@transaction.atomic
def add_option(option: Option, *, answers: dict[int, str], by, submission=None, at=None) -> Option:
    """A new column for the choice card, within the number of options the resident wants
    to weigh; the card always has "nu even niet / afwachten" too."""
    plan = lock_plan(option.plan_id)
    if submission and (earlier := Option.objects.filter(submission=submission).first()):
        return earlier
    real = option.siblings().count()
    if plan.max_options is not None and real >= plan.max_options:
        raise ValidationError(
            _(
                "De inwoner wil hooguit %(n)s mogelijkheden afwegen. Haal er eerst één weg, "
                "of spreek samen een ander aantal af."
            )
            % {"n": plan.max_options}
        )
    Option.objects.get_or_create(
        plan=plan, cycle=option.cycle, is_waiting=True, defaults={"title": str(WAITING_TITLE)}
    )
    add_part(option, by=by, submission=submission, at=at)
    save_answers(option, answers)
    return option


@transaction.atomic
def change_option(option: Option, *, answers: dict[int, str], seen: int, by, at=None) -> Option:
    change_part(option, seen=seen, by=by, at=at)
    save_answers(option, answers)
    return option


def save_answers(option: Option, answers: dict[int, str]) -> None:
    """The option's answers to the resident's own questions (question id: text)."""
    for question_id, text in answers.items():
        OptionAnswer.objects.update_or_create(
            question_id=question_id, option=option, defaults={"text": text}
        )


@transaction.atomic
def remove_part(part, *, by, seen: int, at=None) -> None:
    if isinstance(part, Option):
        if part.is_waiting:
            raise ValidationError(_("Nu even niet / afwachten hoort altijd op de keuzekaart."))
        if Decision.objects.filter(option=part).exists():
            raise ValidationError(
                _("Voor deze mogelijkheid is gekozen. Pas eerst het besluit aan.")
            )
    claim_version(part, seen)
    log(part.plan_id, by, _("%(noun)s weggehaald: %(what)s"), part, at=at)
    part.delete()


@transaction.atomic
def move_part(part, *, up: bool, seen: int) -> None:
    """Swap a part with its neighbour above or below; positions are renumbered 1, 2, 3…

    Only from the version the user saw (`seen`), else StaleEdit: two clicks on
    "omhoog" at once, from two tabs or a double click, move it once.
    """
    lock_plan(part.plan_id)
    claim_version(part, seen)
    ordered = list(part.siblings().order_by("position", "pk"))
    index = next(i for i, p in enumerate(ordered) if p.pk == part.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, p in enumerate(ordered, start=1):
        if p.position != position:
            type(p).objects.filter(pk=p.pk).update(position=position)


def claim_round(record, seen: int) -> None:
    """Claim the version of a round's decision or evaluation; a new one only if there is none yet.

    The plan's row lock makes two first saves of the same round take turns:
    the second finds the first and is refused instead of failing on the
    unique constraint.
    """
    if record.pk is not None:
        claim_version(record, seen)
        return
    lock_plan(record.plan_id)
    existing = type(record).objects.filter(plan_id=record.plan_id, cycle=record.cycle).first()
    if existing is not None:
        raise StaleEdit(existing)


@transaction.atomic
def decide(decision: Decision, *, seen: int, by, at=None) -> Decision:
    """Record the decision of a round (`decision.plan` and `.cycle` set), with how many real
    options were weighed at that moment; a new one is decided on the day of `at`."""
    at = at or timezone.now()
    new = decision.pk is None
    claim_round(decision, seen)
    if new:
        decision.decided_on = timezone.localdate(at)
    decision.decided_by = by
    options = Option.objects.filter(plan_id=decision.plan_id, cycle=decision.cycle)
    decision.options_weighed = sum(o.is_weighed for o in options)
    decision.save()
    # The team's core points count it: its consultant's stored totals (cases/facts.py),
    # no check-in changed.
    keep_totals(Q(caseload__trajectories=decision.plan_id), months=set())
    summary = _("Samen besloten: %(option)s") % {"option": decision.option}
    log(decision.plan_id, by, summary, at=at)
    return decision


@transaction.atomic
def evaluate(
    evaluation: Evaluation, *, trajectory: Trajectory, seen: int, by, at=None
) -> Evaluation:
    """Record the evaluation of a round; "een nieuwe ronde" starts it right away from step 3."""
    claim_round(evaluation, seen)
    evaluation.evaluated_by = by
    evaluation.save()
    log(
        evaluation.plan_id,
        by,
        _("Geëvalueerd: %(next)s") % {"next": evaluation.get_next_step_display()},
        at=at,
    )
    if evaluation.next_step == Evaluation.Next.NEW_ROUND and evaluation.cycle == trajectory.cycle:
        move_to_step(trajectory=trajectory, step=Trajectory.LAST_STEP, by=by, at=at)
        start_new_round(trajectory=trajectory, by=by, at=at)
    return evaluation
