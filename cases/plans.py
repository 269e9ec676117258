"""The doel-actieplan: read in a fixed number of queries, and the writes that follow its rules."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import (
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

# The fixed rows of the choice card, after the resident's own questions.
CARD_ROWS = [
    ("helps_goal", gettext_lazy("Hoe helpt het om het doel te bereiken?")),
    ("expected_of_resident", gettext_lazy("Wat wordt er van jou verwacht?")),
    ("expected_of_us", gettext_lazy("Wat mag je van ons verwachten?")),
    ("time", gettext_lazy("Tijd")),
    ("travel", gettext_lazy("Reizen")),
    ("pros", gettext_lazy("Voordelen")),
    ("cons", gettext_lazy("Nadelen")),
]
WAITING_TITLE = gettext_lazy("Nu even niet / afwachten")


@dataclass
class Round:
    cycle: int
    decision: Decision | None
    evaluation: Evaluation | None


@dataclass
class PlanSheet:
    """Everything the plan page, the samen view and the PDF show of one round."""

    trajectory: Trajectory
    plan: Plan | None
    cycle: int
    goals: list[Goal]
    options: list[Option]
    questions: list[OptionQuestion]
    answers: dict[tuple[int, int], str]
    decision: Decision | None
    actions: list[Action]
    evaluation: Evaluation | None
    rounds: list[Round] = field(default_factory=list)

    @property
    def is_current_round(self) -> bool:
        return self.cycle == self.trajectory.cycle

    @property
    def real_options(self) -> list[Option]:
        return [o for o in self.options if not o.is_waiting]

    @property
    def weighed_count(self) -> int:
        return sum(o.is_weighed for o in self.options)

    @property
    def too_few_weighed(self) -> bool:
        """The method's second core point: weigh at least two real options, pros and cons."""
        return bool(self.options or self.decision) and self.weighed_count < 2

    @property
    def max_options(self) -> int | None:
        return self.plan.max_options if self.plan else None

    @property
    def may_add_option(self) -> bool:
        return self.max_options is None or len(self.real_options) < self.max_options

    @property
    def card_rows(self) -> list[tuple[str, list[str]]]:
        """The choice card as rows of cells: the resident's questions first, then the fixed rows."""
        rows = [
            (q.text, [self.answers.get((q.pk, o.pk), "") for o in self.options])
            for q in self.questions
        ]
        rows += [(label, [getattr(o, name) for o in self.options]) for name, label in CARD_ROWS]
        return rows

    @property
    def evaluation_overdue(self) -> bool:
        return (
            self.decision is not None
            and self.evaluation is None
            and self.decision.evaluation_on < timezone.localdate()
        )

    @property
    def earlier_rounds(self) -> list[Round]:
        return [r for r in self.rounds if r.cycle != self.cycle]


def plan_sheet(trajectory: Trajectory, cycle: int | None = None) -> PlanSheet:
    """The plan of a trajectory as it stands in a round (the current one by default)."""
    cycle = cycle or trajectory.cycle
    plan = Plan.objects.filter(trajectory=trajectory).first()
    if plan is None:
        return PlanSheet(trajectory, None, cycle, [], [], [], {}, None, [], None)
    goals = list(
        plan.goals.select_related("created_by").prefetch_related(
            Prefetch("sub_goals", queryset=SubGoal.objects.order_by("position", "pk"))
        )
    )
    options = list(plan.options.filter(cycle=cycle).select_related("offer"))
    questions = list(plan.questions.filter(cycle=cycle))
    answers = {
        (a["question_id"], a["option_id"]): a["text"]
        for a in OptionAnswer.objects.filter(question__in=questions).values(
            "question_id", "option_id", "text"
        )
    }
    decisions = {d.cycle: d for d in plan.decisions.select_related("option", "decided_by")}
    evaluations = {e.cycle: e for e in plan.evaluations.select_related("evaluated_by")}
    actions = list(plan.actions.filter(cycle=cycle).select_related("network_member"))
    rounds = [
        Round(c, decisions.get(c), evaluations.get(c)) for c in range(trajectory.cycle, 0, -1)
    ]
    return PlanSheet(
        trajectory,
        plan,
        cycle,
        goals,
        options,
        questions,
        answers,
        decisions.get(cycle),
        actions,
        evaluations.get(cycle),
        rounds,
    )


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
        services.claim_version(part, part.version if seen is None else seen)
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
    services.claim_version(part, seen)
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
        services.claim_version(record, seen)
        return
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    existing = type(record).objects.filter(plan=plan, cycle=record.cycle).first()
    if existing is not None:
        raise services.StaleEdit(existing)


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
        services.move_to_step(trajectory=trajectory, step=Trajectory.LAST_STEP, by=by)
        services.start_new_round(trajectory=trajectory, by=by)
    return evaluation
