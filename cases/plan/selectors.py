"""The doel-actieplan as it is read: one round of a plan in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cases.models import (
    Action,
    Decision,
    Evaluation,
    Goal,
    Option,
    OptionAnswer,
    OptionQuestion,
    Plan,
    SubGoal,
    Trajectory,
)

from .models import CARD_ROWS

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
