"""The doel-actieplannen of the demo: every trajectory that reached step 4 has one.

cases.demo.casework's TrajectoryWriter calls `write_plan` when it has written a
trajectory, so a plan is made only with its trajectory and a second run of the
demo adds nothing. The plan follows the conversations: the goal and its
sub-goals appear in the conversation that worked on step 4, the choice card at
step 5, the decision and its actions at step 6 and the evaluation at step 7,
each round on its own, at the moment in the conversation the checklist was
ticked. Every part is written through the plan's services (cases.plan.services)
with `at=` that moment, so it leaves the line in the plan's history a consultant's
edit leaves, dated then.

What the plan says comes from the same story the conversations tell (the goal,
the two options, the choice, the decision in the resident's words, what
changed), put into the resident's voice from the small lists below. Options
come from the aanbod where one fits. The training cases (Johan, Richard) are
written by hand in fixtures/demo_plans.json. Randomness comes from a generator
seeded per resident and trajectory, apart from the one the case work uses, so
the plans are the same every run and the case work is the same with or without them.
"""

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from cases.models import (
    Action,
    Author,
    Decision,
    Evaluation,
    Goal,
    NetworkMember,
    Offer,
    Option,
    OptionQuestion,
    Plan,
    SubGoal,
    Trajectory,
)
from cases.plan import services
from cases.plan.models import CARD_FIELDS

FIXTURE = settings.BASE_DIR / "fixtures" / "demo_plans.json"
SEED = "2026/doel-actieplan"

# Whose plan shows what the team lead looks for: fewer than two options
# weighed, a decision not written in the resident's own words, and an
# evaluation whose date has passed.
TOO_FEW_WEIGHED = {"Ruud Bosman", "Sandra Willemsen"}
NOT_IN_OWN_WORDS = {"Esra Demir", "Rob Hermsen"}
OVERDUE_EVALUATIONS = {"Marco van den Berg", "Rob Hermsen"}

Content = dict[str, Any]  # a plan in the shape of fixtures/demo_plans.json


# --- When: the steps of the conversations ---------------------------------------


@dataclass
class Moment:
    """A step worked on in a conversation: the plan's parts for it are written then."""

    cycle: int
    step: int
    at: datetime
    conversation: Any  # casework.ConversationSpec

    @property
    def day(self) -> date:
        return timezone.localdate(self.at)


def moments(spec) -> list[Moment]:
    """Every (round, step) worked on, at the time the case work ticks its checklist."""
    cycle, step, found = 1, Trajectory.FIRST_STEP, []
    for conversation in spec.conversations:
        for i, next_step in enumerate(conversation.steps):
            if next_step < step == Trajectory.LAST_STEP:
                cycle += 1
            step = next_step
            at = conversation.at + timedelta(minutes=40 + 20 * i)
            found.append(Moment(cycle, step, at, conversation))
    return found


def workday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def workday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


# --- Writing a plan: the same for hand-written and generated content ----------


def write_plan(trajectory: Trajectory, spec) -> Plan | None:
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
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["plans"]


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
            services.set_max_options(self.plan, max_options=self.content["max_options"])
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


# --- Generating a plan from the story of the conversations --------------------

# The options of the story, as the resident weighs them. `offer` names one in
# fixtures/offers.json; without it the option is free-form and `title` names it.
KINDS = {
    "werkervaring": {
        "offer": "Werkervaringsplaats",
        "provider": "Kringloopbedrijf De Tweede Ronde",
        "helps_goal": "Ik doe weer werkervaring op in een echt bedrijf. Dat staat goed op mijn cv.",
        "expected_of_resident": "Drie dagen per week op tijd komen. Meewerken in de winkel, "
        "het magazijn of de werkplaats.",
        "expected_of_us": "De consulent regelt de intake. Een werkbegeleider helpt mij op de "
        "vloer.",
        "time": "16 tot 24 uur per week, een half jaar",
        "travel": "Naar Arnhem-Oost, met de fiets of de bus",
        "pros": ["Ik houd mijn uitkering.", "Ik heb weer collega's.", "Ik kan rustig beginnen."],
        "cons": ["Ik verdien er niets extra mee.", "Het is nog geen echte baan."],
        "answers": [
            "Ja, je houdt je uitkering.",
            "Niets extra. Wel een reiskostenvergoeding.",
            "Ja, een werkbegeleider op de vloer.",
            "Dan stoppen we en zoeken we samen iets anders.",
        ],
        "consultant": "Aanmelding sturen naar het kringloopbedrijf",
        "provider_action": "Intakegesprek en rondleiding met {naam}",
        "resident": "De route naar Arnhem-Oost een keer uitproberen",
    },
    "heftruck": {
        "offer": "Opleiding heftruckcertificaat",
        "provider": "Opleidingscentrum Logistiek Oost",
        "helps_goal": "Met een heftruckcertificaat kan ik solliciteren in de logistiek.",
        "expected_of_resident": "Drie dagen naar de lessen. Daarna het examen doen.",
        "expected_of_us": "De consulent meldt mij aan en zoekt mee naar vacatures.",
        "time": "Drie dagen van acht uur",
        "travel": "Naar het bedrijventerrein in Arnhem-Noord, met de bus",
        "pros": ["Het is kort, dus ik ben snel klaar.", "Veel werkgevers vragen erom."],
        "cons": ["Ik moet een examen doen. Dat vind ik spannend.", "Ik heb dan nog geen baan."],
        "answers": [
            "Ja, je houdt je uitkering.",
            "Niets. De opleiding is gratis voor jou.",
            "Ja, een instructeur.",
            "Dan mag je het examen nog een keer doen.",
        ],
        "consultant": "Aanmelden voor de opleiding heftruckcertificaat",
        "provider_action": "Lesdagen en examendatum doorgeven aan {naam}",
        "resident": "De lesdagen in mijn agenda zetten en de busroute opzoeken",
    },
    "vca": {
        "offer": "VCA-cursus",
        "provider": "Veiligheidsschool Gelre",
        "helps_goal": "Met een VCA-diploma mag ik op een bouwplaats werken.",
        "expected_of_resident": "Twee weken naar de les. Daarna het examen doen.",
        "expected_of_us": "De consulent meldt mij aan. De gemeente betaalt de cursus.",
        "time": "8 uur per week, twee weken",
        "travel": "Naar het centrum, met de fiets",
        "pros": ["Veel werkgevers in de bouw vragen erom.", "Het duurt maar twee weken."],
        "cons": ["Ik moet veel lezen voor het examen.", "Het is nog geen werkplek."],
        "answers": [
            "Ja, je houdt je uitkering.",
            "Niets. De cursus is gratis voor jou.",
            "Ja, een docent.",
            "Dan mag je het examen nog een keer doen.",
        ],
        "consultant": "Aanmelden voor de VCA-cursus",
        "provider_action": "Cursusdata en het lesboek sturen naar {naam}",
        "resident": "Elke week een hoofdstuk van het lesboek lezen",
    },
    "bbl": {
        "offer": None,
        "title": "Opleiding met een praktijkdeel (BBL)",
        "provider": "ROC Rijnstad",
        "helps_goal": "Ik leer het vak op school en in de praktijk. Met een diploma maak ik meer "
        "kans.",
        "expected_of_resident": "Eén dag per week naar school. De andere dagen leren op een "
        "leerwerkplek.",
        "expected_of_us": "De consulent zoekt mee naar een opleiding en een leerwerkplek.",
        "time": "Vier dagen per week, één tot twee jaar",
        "travel": "Naar school in Arnhem, en naar de leerwerkplek",
        "pros": ["Ik haal een diploma.", "Ik leer iets nieuws.", "Ik verdien een klein loon."],
        "cons": ["Het duurt lang.", "Weer naar school vind ik spannend."],
        "answers": [
            "Je krijgt loon. Misschien is de uitkering dan niet meer nodig.",
            "Een leerloon op de leerwerkplek.",
            "Ja, een docent en een praktijkbegeleider.",
            "Je mag stoppen. We kijken dan samen verder.",
        ],
        "consultant": "Een leerwerkplek en de aanmelding bij de school regelen",
        "provider_action": "Intakegesprek op school plannen met {naam}",
        "resident": "Het lesrooster naast mijn week leggen",
    },
    "solliciteren": {
        "offer": None,
        "title": "Solliciteren met hulp van het werkgeversservicepunt",
        "provider": "Werkgeverspunt Rijnstad",
        "helps_goal": "Ik zoek meteen een echte baan, met hulp van mensen die werkgevers kennen.",
        "expected_of_resident": "Elke week vacatures zoeken en reageren. Naar gesprekken gaan.",
        "expected_of_us": "Een adviseur van het werkgeverspunt zoekt mee en legt contact met "
        "werkgevers.",
        "time": "Een paar uur per week, tot ik werk heb",
        "travel": "Naar het werkgeverspunt in het centrum, en naar de gesprekken",
        "pros": [
            "Ik kan snel een eigen inkomen hebben.",
            "Ze kennen werkgevers die mensen zoeken.",
        ],
        "cons": ["Het kan lang duren voor ik iets vind.", "Ik moet veel zelf doen."],
        "answers": [
            "Ja, tot je een baan hebt.",
            "Als je een baan vindt: je eigen loon.",
            "Ja, een adviseur van het werkgeverspunt.",
            "Dan kijken we samen wat je nodig hebt.",
        ],
        "consultant": "{naam} voorstellen aan een adviseur van het werkgeverspunt",
        "provider_action": "Twee passende vacatures bespreken met {naam}",
        "resident": "Mijn cv bijwerken en meenemen naar het werkgeverspunt",
    },
    "vrijwilligerswerk": {
        "offer": "Vrijwilligerswerk zoeken",
        "provider": "Vrijwilligerscentrale Rijnstad",
        "helps_goal": "Ik doe weer mee en bouw een ritme op. Daarna is de stap naar werk kleiner.",
        "expected_of_resident": "Een gesprek bij de vrijwilligerscentrale. Daarna op vaste "
        "ochtenden komen.",
        "expected_of_us": "De consulent meldt mij aan. De centrale zoekt samen met mij een plek.",
        "time": "Twee of drie ochtenden per week, zo lang ik wil",
        "travel": "Eerst naar het centrum, daarna naar de plek zelf; liefst dichtbij",
        "pros": ["Ik kan klein beginnen.", "Ik leer nieuwe mensen kennen.", "Er is geen druk."],
        "cons": ["Ik verdien er niets mee.", "Het is nog geen betaald werk."],
        "answers": [
            "Ja.",
            "Niets. Soms een kleine vrijwilligersvergoeding.",
            "Ja, iemand van de vrijwilligerscentrale.",
            "Dan zoek je met de centrale een andere plek.",
        ],
        "consultant": "Aanmelding sturen naar de vrijwilligerscentrale",
        "provider_action": "Kennismaken met {naam} en twee plekken voorstellen",
        "resident": "Opschrijven wat voor plek ik zoek en welke ochtenden ik kan",
    },
    "proefplaatsing": {
        "offer": "Proefplaatsing bij een werkgever",
        "provider": "Werkgeverspunt Rijnstad",
        "helps_goal": "Ik laat een werkgever zien wat ik kan. Als het goed gaat, krijg ik een "
        "contract.",
        "expected_of_resident": "Een paar weken meewerken alsof het een baan is.",
        "expected_of_us": "Het werkgeverspunt zoekt een werkgever en maakt de afspraken. De "
        "consulent houdt contact.",
        "time": "20 tot 32 uur per week, hooguit twee maanden",
        "travel": "Naar de werkgever; dat hangt af van de plek",
        "pros": ["Er is uitzicht op een echte baan.", "Ik houd mijn uitkering in die tijd."],
        "cons": ["Het zijn veel uren in één keer.", "Als het niet lukt, valt dat tegen."],
        "answers": [
            "Ja, tijdens de proefplaatsing wel.",
            "Niets extra. Als het goed gaat, volgt een contract.",
            "Ja, een vaste collega bij de werkgever.",
            "Dan stopt de proefplaatsing. Je uitkering loopt door.",
        ],
        "consultant": "Met het werkgeverspunt een werkgever zoeken voor de proefplaatsing",
        "provider_action": "De afspraken met de werkgever op papier zetten",
        "resident": "Mijn eerste werkdag voorbereiden: kleding, route en tijden",
    },
}
# The story's option phrases (casework.OPTIONS), and the kind each is.
PHRASES = {
    "een werkervaringsplek": "werkervaring",
    "een opleiding met een praktijkdeel": "bbl",
    "solliciteren met hulp van het werkgeversservicepunt": "solliciteren",
    "vrijwilligerswerk als opstap": "vrijwilligerswerk",
    "een proefplaatsing met behoud van uitkering": "proefplaatsing",
}
# A training for the goal's own trade, where the aanbod has one.
TRAININGS = [
    (("logistiek", "magazijn", "timmerfabriek"), "heftruck"),
    (("bouw",), "vca"),
]
WAITING = {
    "helps_goal": "Nu niet. Het doel komt niet dichterbij.",
    "expected_of_resident": "",
    "expected_of_us": "De consulent belt over een paar weken om te horen hoe het gaat.",
    "time": "",
    "travel": "",
    "pros": "Even rust. Geen nieuwe afspraken.",
    "cons": "Er verandert niets.",
    "answers": ["Ja.", "Niets.", "De consulent houdt contact.", "—"],
}
QUESTIONS = [
    "Houd ik mijn uitkering?",
    "Wat verdien ik erbij?",
    "Krijg ik iemand die mij helpt?",
    "Wat als het niet lukt?",
]

WHY = {
    "een eigen inkomen": "Ik wil mijn eigen geld verdienen.",
    "contact met anderen": "Ik wil weer mensen om me heen.",
    "een vast ritme": "Ik wil weer een vast ritme in mijn week.",
    "het gevoel weer mee te tellen": "Ik wil weer meetellen.",
    "minder afhankelijk zijn van de uitkering": "Ik wil minder afhankelijk zijn van de uitkering.",
}
FEASIBLE = {
    "onzekerheid over geld": "Haalbaar. Eerst uitzoeken wat werk betekent voor de uitkering en "
    "de toeslagen.",
    "eerdere afwijzingen": "Haalbaar, met kleine stappen. Eerst ervaring opdoen die op het cv kan.",
    "de combinatie met thuis": "Haalbaar als het past bij thuis. Eerst kijken welke uren kunnen.",
    "weinig vertrouwen in eigen kunnen": "Haalbaar. Klein beginnen, zodat het vertrouwen kan "
    "groeien.",
    "het reizen": "Haalbaar als de plek dichtbij is, of als we de route eerst samen oefenen.",
    "de eigen gezondheid": "Haalbaar als we rekening houden met de gezondheid. Rustig opbouwen.",
    "de taal": "Haalbaar, met steun bij de taal. Taalles kan ernaast.",
}
# What the resident hopes for from the option they lean to, and fears of the other.
ENERGY_PROS = {
    "collega's om zich heen": "Ik heb weer collega's om me heen.",
    "zichtbaar resultaat van het werk": "Ik zie wat ik gedaan heb.",
    "iets nieuws leren": "Ik leer iets nieuws.",
    "een vaste structuur in de week": "Ik krijg een vaste structuur in mijn week.",
    "anderen kunnen helpen": "Ik kan anderen helpen.",
    "buiten zijn": "Ik kom de deur uit.",
}
HURDLE_CONS = {
    "onzekerheid over geld": "Ik weet nog niet wat het met mijn geld doet.",
    "eerdere afwijzingen": "Ik ben bang dat ik weer word afgewezen.",
    "de combinatie met thuis": "Het moet wel passen bij thuis.",
    "weinig vertrouwen in eigen kunnen": "Ik weet niet of ik het kan.",
    "het reizen": "Het reizen vind ik lastig.",
    "de eigen gezondheid": "Ik weet niet of mijn lijf het volhoudt.",
    "de taal": "Ik ben bang dat mijn Nederlands nog niet goed genoeg is.",
}
# Put into words by the consultant or together, so not in the resident's "ik".
SECOND_SUB_GOALS = [
    "Een weekrooster maken dat bij thuis past",
    "Uitzoeken wat werk betekent voor het inkomen",
    "Eén keer per week iets nieuws proberen",
    "Op een rij zetten wat al goed gaat",
]
ROUND_SUB_GOALS = [
    "Een stap verder dan de vorige keer, in mijn eigen tempo",
    "Meer uren per week, als het goed blijft gaan",
    "Zelf een werkgever benaderen",
    "Vasthouden wat goed gaat en er één ding bij doen",
]
CHANGED = {
    "meer ritme in de week": "Ik heb meer ritme in mijn week. Ik sta weer op tijd op.",
    "meer zelfvertrouwen": "Ik heb meer zelfvertrouwen. Ik durf meer te vragen.",
    "dat het contact met anderen goed doet": "Het contact met anderen doet me goed.",
    "dat het reizen beter gaat dan verwacht": "Het reizen gaat beter dan ik dacht.",
}
NETWORK_ACTIONS = {
    NetworkMember.Role.CAREGIVER: "Meedenken over een weekindeling die haalbaar is",
    NetworkMember.Role.FAMILY: "Mee naar de kennismaking",
    NetworkMember.Role.SUPPORT_WORKER: "De eerste weken helpen met plannen",
    NetworkMember.Role.CONFIDANT: "Helpen met de formulieren voor de aanmelding",
    NetworkMember.Role.OTHER: "Nagaan of de reiskosten in het budget passen",
}


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


def generate(trajectory: Trajectory, spec, found: list[Moment], rng) -> Content:
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
