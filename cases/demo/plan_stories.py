"""Generating a doel-actieplan from the story of the conversations.

What the plan says comes from the same story the conversations tell (the goal,
the two options, the choice, the decision in the resident's words, what
changed), put into the resident's voice from the sentences in
fixtures/demo/plans.json. Options come from the aanbod where one fits. The
result has the shape of fixtures/demo/training_plans.json, for
cases.demo.plans to write.
"""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from cases.models import Action, Author, Decision, Evaluation, Goal, Trajectory
from cases.plan.models import CARD_FIELDS

from .calendar import workday_on_or_after, workday_on_or_before
from .data import load
from .specs import Moment, TrajectorySpec

SEED = "2026/doel-actieplan"

Content = dict[str, Any]  # a plan in the shape of fixtures/demo/training_plans.json

# Whose plan shows what the team lead looks for: fewer than two options
# weighed, a decision not written in the resident's own words, and an
# evaluation whose date has passed.
_PLANS = load("scenarios")["plans"]
TOO_FEW_WEIGHED = set(_PLANS["too_few_weighed"])
NOT_IN_OWN_WORDS = set(_PLANS["not_in_own_words"])
OVERDUE_EVALUATIONS = set(_PLANS["overdue_evaluations"])
# Whose actions (their own and the consultant's) stay open past their date: the caseload,
# the day and the team overview count them as late.
OVERDUE_ACTIONS = set(_PLANS["overdue_actions"])

TEXT = load("plans")
# The options of the story, as the resident weighs them. `offer` names one in
# fixtures/offers.json; without it the option is free-form and `title` names it.
KINDS = TEXT["kinds"]
PHRASES = TEXT["phrases"]  # the story's option phrases, and the kind each is
# A training for the goal's own trade, where the aanbod has one.
TRAININGS = [(tuple(t["words"]), t["kind"]) for t in TEXT["trainings"]]
WAITING = TEXT["waiting"]
QUESTIONS = TEXT["questions"]
WHY = TEXT["why"]
FEASIBLE = TEXT["feasible"]
# What the resident hopes for from the option they lean to, and fears of the other.
ENERGY_PROS = TEXT["energy_pros"]
HURDLE_CONS = TEXT["hurdle_cons"]
# Put into words by the consultant or together, so not in the resident's "ik".
SECOND_SUB_GOALS = TEXT["second_sub_goals"]
ROUND_SUB_GOALS = TEXT["round_sub_goals"]
CHANGED = TEXT["changed"]
NETWORK_ACTIONS = TEXT["network_actions"]  # by the network member's role


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def kind_of(phrase: str, goal: str) -> str | None:
    kind = PHRASES.get(phrase)
    if kind == "bbl":
        for words, training in TRAININGS:
            if any(w in goal for w in words):
                return training
    return kind


def option_content(phrase: str, words: dict, rng, *, leaning: bool) -> Content:
    """A column of the choice card for one of the story's options, in the resident's voice."""
    kind = KINDS.get(kind_of(phrase, words["doel"]) or "")
    if kind is None:  # a phrase this module does not know yet: free-form, the bare facts
        return {"offer": None, "title": capitalized(phrase), "kind": None, "phrase": phrase}
    pros = rng.sample(kind["pros"], 2)
    cons = rng.sample(kind["cons"], rng.choice([1, 1, 2]))
    if leaning:
        pros.append(ENERGY_PROS.get(words["energie"], ""))
    else:
        cons.append(HURDLE_CONS.get(words["rem"], ""))
    return {
        "offer": kind["offer"],
        "title": kind.get("title", ""),
        "kind": kind,
        "phrase": phrase,
        **{name: kind[name] for name in CARD_FIELDS[:5]},
        "pros": "\n".join(dict.fromkeys(p for p in pros if p)),
        "cons": "\n".join(dict.fromkeys(c for c in cons if c)),
        "answers": kind["answers"],
    }


def generate(trajectory: Trajectory, spec: TrajectorySpec, found: list[Moment], rng) -> Content:
    """A plan that tells the story of the conversations, round by round."""
    first = next(m for m in found if m.step >= 4)
    words = first.conversation.words
    last_cycle = found[-1].cycle
    content = {"max_options": None, "goals": [goal(words, last_cycle, rng)], "rounds": []}
    # "Er was één passende mogelijkheid": the step-5 item about the number of options did not apply.
    one_option = any(
        step == 5 and start.startswith("Stem het aantal") for step, start, _r in spec.not_applicable
    )
    for cycle in range(1, last_cycle + 1):
        at = {m.step: m for m in found if m.cycle == cycle}
        round_ = {}
        if 5 in at:
            if "meer wilde" in at[5].conversation.report:  # "...; meer wilde X niet bespreken"
                content["max_options"] = 2
            card = choice_card(trajectory.resident, at[5].conversation.words, rng, one_option)
            round_.update(card)
        if 6 in at and round_:
            finished = cycle < last_cycle or spec.status == Trajectory.Status.CLOSED
            round_.update(decision(trajectory.resident, spec, at, round_, rng, finished=finished))
            if 7 in at:
                later = cycle < last_cycle
                round_["evaluation"] = evaluation(spec, at[7], round_, later_round=later)
        content["rounds"].append(round_)
    return content


def goal(words: dict, last_cycle: int, rng) -> Content:
    """The goal in the resident's words; the first sub-goal is theirs, one more per new round."""
    aim = words["doel"]
    if "vrijwilligerswerk" in aim or "invulling van de week" in aim:
        domain = Goal.Domain.PARTICIPATION
    elif "Nederlands" in aim:
        domain = Goal.Domain.BOTH
    else:
        domain = Goal.Domain.WORK
    sub_goals = [{"text": capitalized(words["subdoel"]), "by": Author.RESIDENT, "round": 1}]
    if rng.random() < 0.5:
        by = rng.choice([Author.CONSULTANT, Author.TOGETHER])
        sub_goals.append({"text": rng.choice(SECOND_SUB_GOALS), "by": by, "round": 1})
    later = rng.sample(ROUND_SUB_GOALS, len(ROUND_SUB_GOALS))
    for cycle in range(2, last_cycle + 1):
        text = later[(cycle - 2) % len(later)]
        sub_goals.append({"text": text, "by": Author.RESIDENT, "round": cycle})
    return {
        "in_own_words": f"Ik wil {aim}.",
        "domain": domain,
        "why_it_matters": WHY.get(words["waarom"], ""),
        "feasibility": FEASIBLE.get(words["rem"], ""),
        "sub_goals": sub_goals,
    }


def choice_card(resident, words: dict, rng, one_option: bool) -> Content:
    """The story's two options (or the one that fitted), now and then the resident's questions."""
    phrases = [words["keuze"]] if one_option else [words["optie1"], words["optie2"]]
    options = [option_content(p, words, rng, leaning=p == words["keuze"]) for p in phrases]
    if resident.full_name in TOO_FEW_WEIGHED and len(options) > 1:
        # Only the first was talked through; the second still has to be looked into.
        options[1].update(pros="", cons="", travel="", expected_of_resident="")
    questions = []
    if rng.random() < 0.45:
        questions = sorted(rng.sample(QUESTIONS, rng.choice([2, 3])), key=QUESTIONS.index)
    waiting = dict(WAITING)
    for option in [*options, waiting]:
        answers = option.get("answers") or [""] * len(QUESTIONS)
        option["answers"] = [answers[QUESTIONS.index(q)] for q in questions]
    return {"questions": questions, "options": options, "waiting": waiting}


def decision(resident, spec, at: dict[int, Moment], round_: Content, rng, *, finished) -> Content:
    """Step 6 of a round: the choice in the resident's words, the evaluation date, the actions."""
    today = timezone.localdate()
    m = at[6]
    words = m.conversation.words
    phrases = [o["phrase"] for o in round_["options"]]
    chosen = phrases.index(words["keuze"]) if words["keuze"] in phrases else 0
    sure = "genoeg informatie" in m.conversation.report or rng.random() < 0.8
    if 7 in at:  # held on the day it was planned
        evaluation_on = at[7].day
    elif resident.full_name in OVERDUE_EVALUATIONS and (today - m.day).days >= 10:
        # Planned two weeks on, and that day has passed without an evaluation.
        evaluation_on = workday_on_or_before(
            min(m.day + timedelta(days=14), today - timedelta(days=2))
        )
    else:
        weeks = 6 if "zes weken" in words["woorden"] else rng.choice([4, 6, 6, 8])
        evaluation_on = workday_on_or_after(m.day + timedelta(weeks=weeks))
    own_words = words["woorden"]
    if own_words not in m.conversation.report and abs((evaluation_on - m.day).days - 42) > 7:
        # Said in other words than the report has, so it fits the evaluation date.
        own_words = own_words.replace(" en over zes weken ", " en daarna ")
    if resident.full_name in NOT_IN_OWN_WORDS:
        own_words = ""
    option = round_["options"][chosen]
    return {
        "decision": {
            "option": chosen,
            "in_own_words": own_words,
            "enough_information": Decision.Information.ENOUGH
            if sure
            else Decision.Information.PARTLY,
            "satisfaction": Decision.Satisfaction.SATISFIED
            if sure or rng.random() < 0.5
            else Decision.Satisfaction.NEUTRAL,
            "evaluation_in_days": (evaluation_on - m.day).days,
        },
        "actions": actions(resident, m, option, evaluation_on, rng, finished=finished or 7 in at),
    }


LATE_OWNERS = ("inwoner", "consulent")


def actions(resident, m: Moment, option: Content, until: date, rng, *, finished: bool) -> list:
    """Two to four actions: who does what, by when. Those of a finished round are done."""
    today = timezone.localdate()
    kind = option["kind"]
    name = resident.first_name
    planned = []  # owner, network member, provider, what, days after the decision
    if kind:
        planned.append(("consulent", None, "", kind["consultant"].format(naam=name), 5))
        if rng.random() < 0.8:
            what = kind["provider_action"].format(naam=name)
            planned.append(("aanbieder", None, kind["provider"], what, 12))
        planned.append(("inwoner", None, "", kind["resident"], 14))
    else:
        planned.append(("consulent", None, "", f"Aanmelding regelen: {option['title']}", 5))
        planned.append(("inwoner", None, "", "Eerste dag voorbereiden: reisroute en tijden", 14))
    # Someone from the network: whom the conversation gave an agreement, or else one of them.
    agreed = [a for a in m.conversation.agreements if a.member is not None]
    members = list(resident.network.all())
    if agreed:
        a = agreed[0]
        what = a.what.removeprefix(a.member.name.split()[0] + " ")
        planned.append(("netwerk", a.member, "", capitalized(what), (a.due_on - m.day).days))
    elif members and rng.random() < 0.7:
        member = rng.choice(members)
        planned.append(("netwerk", member, "", NETWORK_ACTIONS[member.role], 10))
    composed = []
    for owner, member, provider, what, days in planned:
        due = min(workday_on_or_after(m.day + timedelta(days=days + rng.randint(0, 4))), until)
        if finished:
            status = Action.Status.DONE
        elif due < today and resident.full_name in OVERDUE_ACTIONS and owner in LATE_OWNERS:
            status = Action.Status.OPEN
        elif due < today:
            status = Action.Status.DONE if rng.random() < 0.75 else Action.Status.BUSY
        else:
            status = Action.Status.BUSY if rng.random() < 0.25 else Action.Status.OPEN
        composed.append(
            {
                "owner": owner,
                "member": member.name if member else "",
                "provider": provider,
                "what": what,
                "due_in_days": (due - m.day).days,
                "status": status,
            }
        )
    return composed


def evaluation(spec, m: Moment, round_: Content, *, later_round: bool) -> Content:
    """Step 7: what changed, in the resident's words, and what comes next."""
    words = m.conversation.words
    chosen = round_["options"][round_["decision"]["option"]]["phrase"]
    if later_round:
        next_step = Evaluation.Next.NEW_ROUND
        helps = f"{capitalized(chosen)} heeft geholpen. Nu wil ik een stap verder."
    elif spec.status == Trajectory.Status.CLOSED:
        next_step = Evaluation.Next.CLOSE
        helps = (
            "Het doel is bereikt: ik heb werk."
            if spec.outcome == Trajectory.Outcome.WORK
            else "Ik heb een plek waar ik me thuis voel. Zo wil ik verder."
        )
    elif "tempo soms hoog" in m.conversation.report:
        next_step = Evaluation.Next.ADJUST_GOAL
        helps = "Het gaat de goede kant op, maar het tempo is soms hoog. Ik wil kleinere stappen."
    else:
        next_step = Evaluation.Next.CARRY_ON
        helps = f"Het gaat de goede kant op. Ik ga door met {chosen}."
    return {
        "what_changed": CHANGED.get(words["verschil"], capitalized(words["verschil"]) + "."),
        "how_it_helps": helps,
        "next_step": next_step,
    }
