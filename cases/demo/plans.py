"""The doel-actieplannen of the demo: every trajectory that reached step 4 has one.

cases.demo.writer calls `write_plan` when it has written a trajectory, so a
plan is made only with its trajectory and a second run of the demo adds
nothing. The plan follows the conversations: the goal and its sub-goals appear
in the conversation that worked on step 4, the choice card at step 5, the
decision and its actions at step 6 and the evaluation at step 7, each round on
its own, at the moment in the conversation the checklist was ticked. Every part
is written through the plan's services (cases.plan.services) with `at=` that
moment, so it leaves the line in the plan's history a consultant's edit leaves,
dated then.

What the plan says is written by hand for the training cases (Johan, Richard)
in fixtures/demo/training_plans.json, and generated from the story of the
conversations for everyone else (cases.demo.plan_stories). Randomness comes
from a generator seeded per resident and trajectory, apart from the one the
case work uses, so the plans are the same every run and the case work is the
same with or without them.
"""

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from cases.models import (
    Action,
    Decision,
    Evaluation,
    Goal,
    Offer,
    Option,
    OptionQuestion,
    Plan,
    SubGoal,
    Trajectory,
)
from cases.plan import services
from cases.plan.models import CARD_FIELDS

from .data import load
from .plan_stories import SEED, Content, generate
from .specs import Moment, TrajectorySpec, moments


def write_plan(trajectory: Trajectory, spec: TrajectorySpec) -> Plan | None:
    """The plan of a trajectory just written, if its conversations reached step 4."""
    found = moments(spec)
    if not any(m.step >= 4 for m in found):
        return None
    resident = trajectory.resident
    content = hand_written().get(resident.full_name)
    if content is None:
        seed = f"{SEED}/{resident.full_name}/{resident.trajectories.count()}"
        rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
        content = generate(trajectory, spec, found, rng)
    return PlanWriter(trajectory, content, found).write()


def hand_written() -> dict[str, Content]:
    return load("training_plans")["plans"]


class PlanWriter:
    """Writes a plan through the plan's services, each part at its moment in the
    conversation, a minute after the one before: its history follows."""

    def __init__(self, trajectory: Trajectory, content: Content, found: list[Moment]):
        self.trajectory, self.content, self.moments = trajectory, content, found
        self.by = trajectory.resident.consultant
        self.members = {m.name: m for m in trajectory.resident.network.all()}
        self.plan = None
        self.goals: list[Goal] = []
        self.decided_on: dict[int, date] = {}
        self.clock = None

    def write(self) -> Plan:
        seen = set()
        for m in self.moments:
            if m.step < 4 or (m.cycle, m.step) in seen:
                continue
            seen.add((m.cycle, m.step))
            self.clock = max(m.at, self.clock) if self.clock else m.at
            if self.plan is None:
                self.start(m)
            elif m.step == 4:
                self.add_sub_goals(m.cycle)
            round_ = self.round(m.cycle)
            if m.step == 5 and round_.get("options"):
                self.card(m, round_)
            elif m.step == 6 and round_.get("decision"):
                self.decide(m, round_)
            elif m.step == 7 and round_.get("evaluation") and m.cycle in self.decided_on:
                self.evaluate(m, round_["evaluation"])
        return self.plan

    def round(self, cycle: int) -> Content:
        rounds = self.content["rounds"]
        return rounds[cycle - 1] if cycle <= len(rounds) else {}

    def tick(self) -> datetime:
        """The moment of the next line of the plan's history, a minute after the one before."""
        at = min(self.clock, timezone.now())
        self.clock += timedelta(minutes=1)
        return at

    def start(self, m: Moment) -> None:
        self.plan = services.get_or_create_plan(self.trajectory)
        for g in self.content["goals"]:
            goal = Goal(
                plan=self.plan,
                in_own_words=g["in_own_words"],
                paraphrase=g.get("paraphrase", ""),
                domain=g["domain"],
                why_it_matters=g.get("why_it_matters", ""),
                feasibility=g.get("feasibility", ""),
                created_by=self.by,
            )
            self.goals.append(services.add_part(goal, by=self.by, at=self.tick()))
        for cycle in range(1, m.cycle + 1):
            self.add_sub_goals(cycle)

    def add_sub_goals(self, cycle: int) -> None:
        for goal, g in zip(self.goals, self.content["goals"], strict=True):
            for s in g["sub_goals"]:
                if s["round"] == cycle:
                    sub = SubGoal(goal=goal, text=s["text"], formulated_by=s["by"])
                    services.add_part(sub, by=self.by, at=self.tick())

    def card(self, m: Moment, round_: Content) -> None:
        if self.content.get("max_options") and self.plan.max_options is None:
            services.set_max_options(
                self.plan, max_options=self.content["max_options"], seen=self.plan.version
            )
        questions = [
            services.add_part(
                OptionQuestion(plan=self.plan, cycle=m.cycle, text=text), by=self.by, at=self.tick()
            )
            for text in round_.get("questions", [])
        ]

        def answers(fields: Content) -> dict[int, str]:
            given = zip(questions, fields.get("answers", []), strict=False)
            return {question.pk: text for question, text in given if text}

        offers = {o.name: o for o in Offer.objects.active()}
        for o in round_["options"]:
            offer = offers.get(o.get("offer") or "")
            title = o.get("title") or (offer.name if offer else "")
            option = Option(plan=self.plan, cycle=m.cycle, offer=offer, title=title)
            for name in CARD_FIELDS:
                setattr(option, name, o.get(name, ""))
            services.add_option(option, answers=answers(o), by=self.by, at=self.tick())
        # "Nu even niet / afwachten", which the first option brought onto the card, filled in.
        fields = round_.get("waiting", {})
        if any(fields.get(name) for name in CARD_FIELDS) or answers(fields):
            waiting = Option.objects.get(plan=self.plan, cycle=m.cycle, is_waiting=True)
            for name in CARD_FIELDS:
                setattr(waiting, name, fields.get(name, ""))
            services.change_option(
                waiting, answers=answers(fields), seen=waiting.version, by=self.by, at=self.tick()
            )

    def decide(self, m: Moment, round_: Content) -> None:
        d = round_["decision"]
        options = list(Option.objects.filter(plan=self.plan, cycle=m.cycle, is_waiting=False))
        decision = Decision(
            plan=self.plan,
            cycle=m.cycle,
            option=options[d["option"]],
            in_own_words=d["in_own_words"],
            enough_information=d["enough_information"],
            satisfaction=d["satisfaction"],
            evaluation_on=m.day + timedelta(days=d["evaluation_in_days"]),
        )
        services.decide(decision, seen=0, by=self.by, at=self.tick())
        self.decided_on[m.cycle] = decision.decided_on
        for a in round_.get("actions", []):
            action = Action(
                plan=self.plan,
                cycle=m.cycle,
                owner=a["owner"],
                network_member=self.members.get(a.get("member", "")),
                provider=a.get("provider", ""),
                what=a["what"],
                due_on=m.day + timedelta(days=a["due_in_days"]),
                status=a["status"],
            )
            services.add_part(action, by=self.by, at=self.tick())

    def evaluate(self, m: Moment, e: Content) -> None:
        evaluation = Evaluation(
            plan=self.plan,
            cycle=m.cycle,
            held_on=m.day,
            what_changed=e["what_changed"],
            how_it_helps=e.get("how_it_helps", ""),
            next_step=e["next_step"],
        )
        services.evaluate(
            evaluation, trajectory=self.trajectory, seen=0, by=self.by, at=self.tick()
        )
