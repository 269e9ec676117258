"""The doel-actieplan's writes, each following the plan's rules in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from cases.models import (
    Action,
    Decision,
    Evaluation,
    Goal,
    Option,
    OptionAnswer,
    OptionQuestion,
    Plan,
    PlanChange,
    SubGoal,
    Trajectory,
)
from cases.services import StaleEdit, claim_version, move_to_step, start_new_round

from .selectors import WAITING_TITLE


def get_or_create_plan(trajectory: Trajectory) -> Plan:
    plan, _created = Plan.objects.get_or_create(trajectory=trajectory)
    return plan


def siblings(part):
    """The parts a part is ordered among."""
    match part:
        case Goal():
            return Goal.objects.filter(plan_id=part.plan_id)
        case SubGoal():
            return SubGoal.objects.filter(goal_id=part.goal_id)
        case Option():
            return Option.objects.filter(plan_id=part.plan_id, cycle=part.cycle, is_waiting=False)
        case OptionQuestion():
            return OptionQuestion.objects.filter(plan_id=part.plan_id, cycle=part.cycle)
        case Action():
            return Action.objects.filter(plan_id=part.plan_id, cycle=part.cycle)
    raise TypeError(part)


def log(plan: Plan, by, summary: str, part=None) -> None:
    """Write a line of the plan's history; `part` names the goal, option… it is about."""
    if part is not None:
        noun = str(part._meta.verbose_name).capitalize()
        summary = summary % {"noun": noun, "what": Truncator(str(part)).chars(120)}
    PlanChange.objects.create(plan=plan, by=by, summary=summary)


def plan_of(part) -> Plan:
    return part.goal.plan if isinstance(part, SubGoal) else part.plan


@transaction.atomic
def save_part(form, *, by, seen: int | None = None):
    """Save a part of the plan: a new one goes last, a changed one only at the version seen."""
    part = form.instance
    if part.pk is None:
        last = siblings(part).aggregate(last=Max("position"))["last"]
        part.position = (last or 0) + 1
        summary = _("%(noun)s toegevoegd: %(what)s")
    else:
        claim_version(part, part.version if seen is None else seen)
        summary = _("%(noun)s gewijzigd: %(what)s")
    part = form.save()
    log(plan_of(part), by, summary, part)
    return part


@transaction.atomic
def add_option(form, *, plan: Plan, cycle: int, by) -> Option:
    """A new column for the choice card; the card always has "nu even niet / afwachten" too."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    real = Option.objects.filter(plan=plan, cycle=cycle, is_waiting=False).count()
    if plan.max_options is not None and real >= plan.max_options:
        raise ValidationError(
            _(
                "De inwoner wil hooguit %(n)s mogelijkheden afwegen. Haal er eerst één weg, "
                "of spreek samen een ander aantal af."
            )
            % {"n": plan.max_options}
        )
    Option.objects.get_or_create(
        plan=plan, cycle=cycle, is_waiting=True, defaults={"title": str(WAITING_TITLE)}
    )
    form.instance.plan, form.instance.cycle = plan, cycle
    option = save_part(form, by=by)
    save_answers(option, form.answers())
    return option


@transaction.atomic
def change_option(form, *, by, seen: int) -> Option:
    option = save_part(form, by=by, seen=seen)
    save_answers(option, form.answers())
    return option


def save_answers(option: Option, answers: dict[int, str]) -> None:
    for question_id, text in answers.items():
        OptionAnswer.objects.update_or_create(
            question_id=question_id, option=option, defaults={"text": text}
        )


@transaction.atomic
def remove_part(part, *, by, seen: int) -> None:
    if isinstance(part, Option):
        if part.is_waiting:
            raise ValidationError(_("Nu even niet / afwachten hoort altijd op de keuzekaart."))
        if Decision.objects.filter(option=part).exists():
            raise ValidationError(
                _("Voor deze mogelijkheid is gekozen. Pas eerst het besluit aan.")
            )
    claim_version(part, seen)
    log(plan_of(part), by, _("%(noun)s weggehaald: %(what)s"), part)
    part.delete()


@transaction.atomic
def move_part(part, *, up: bool) -> None:
    """Swap a part with its neighbour above or below; positions are renumbered 1, 2, 3…"""
    ordered = list(siblings(part).select_for_update().order_by("position", "pk"))
    index = next(i for i, p in enumerate(ordered) if p.pk == part.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, p in enumerate(ordered, start=1):
        if p.position != position:
            type(p).objects.filter(pk=p.pk).update(position=position)


def claim_round(plan: Plan, record, seen: int | None) -> None:
    """Claim the version of a round's decision or evaluation; a new one only if there is none yet.

    The plan's row lock makes two first saves of the same round take turns:
    the second finds the first and is refused instead of failing on the
    unique constraint.
    """
    if record.pk is not None:
        claim_version(record, seen)
        return
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    existing = type(record).objects.filter(plan=plan, cycle=record.cycle).first()
    if existing is not None:
        raise StaleEdit(existing)


@transaction.atomic
def decide(form, *, plan: Plan, cycle: int, by) -> Decision:
    """Record the decision of a round, with how many real options were weighed at that moment."""
    decision = form.instance
    decision.plan, decision.cycle = plan, cycle
    claim_round(plan, decision, form.cleaned_data["version"])
    decision.decided_by = by
    options = Option.objects.filter(plan=plan, cycle=cycle)
    decision.options_weighed = sum(o.is_weighed for o in options)
    decision = form.save()
    log(plan, by, _("Samen besloten: %(option)s") % {"option": decision.option})
    return decision


@transaction.atomic
def evaluate(form, *, trajectory: Trajectory, plan: Plan, cycle: int, by) -> Evaluation:
    """Record the evaluation of a round; "een nieuwe ronde" starts it right away from step 3."""
    evaluation = form.instance
    evaluation.plan, evaluation.cycle = plan, cycle
    claim_round(plan, evaluation, form.cleaned_data["version"])
    evaluation.evaluated_by = by
    evaluation = form.save()
    log(plan, by, _("Geëvalueerd: %(next)s") % {"next": evaluation.get_next_step_display()})
    if evaluation.next_step == Evaluation.Next.NEW_ROUND and cycle == trajectory.cycle:
        move_to_step(trajectory=trajectory, step=Trajectory.LAST_STEP, by=by)
        start_new_round(trajectory=trajectory, by=by)
    return evaluation
