"""The case work of the demo caseload: trajectories, conversations, agreements and ticks.

`manage.py demo` calls `build_casework` inside its transaction with the
residents that are new (cases.demo.residents). A resident's case work is built
only while the resident has no trajectory, so a second run adds nothing.

The three training cases (Johan, Emma, Richard) are written by hand in
fixtures/demo_casework.json, their step 2 too (`build_situations`). Everyone
else gets case work generated from the small lists of sentences below: a
scenario per resident says where the work stands today (step, round, paused,
closed...), and a random generator seeded from SEED fills in the
conversations. Everything is deterministic except the dates, which are
counted back from today so the demo always looks like this week.

What happens is decided first (the specs, and which checklist items are
ticked), then written through the same services the views use, each with
`at=` the moment it happened: the resident's registration, trajectories,
conversations with their agenda and agreements, agreements done, step moves,
new rounds, ticks and step 2. So the timeline reads like months of work,
recorded the way the application records it.
"""

import itertools
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from cases import services
from cases.models import (
    AgendaItem,
    Agreement,
    Conversation,
    LifeDomain,
    NetworkMember,
    PersonalSituation,
    Resident,
    Trajectory,
    User,
)
from steps.models import ChecklistItem, Step

from .plans import write_plan
from .residents import Newcomer

SEED = 2026
FIXTURE = settings.BASE_DIR / "fixtures" / "demo_casework.json"

Kind = Conversation.Kind
Setting = Conversation.Setting
Owner = Agreement.Owner
RaisedBy = AgendaItem.RaisedBy


# --- Calendar ---------------------------------------------------------------


def workday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def workday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def nth_workday(today: date, n: int) -> date:
    """Today (or Monday in a weekend) for n=0, the next working day for n=1, and so on."""
    day = workday_on_or_after(today)
    for _ in range(n):
        day = workday_on_or_after(day + timedelta(days=1))
    return day


def moment(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def prepared_at(conversation_at: datetime) -> datetime:
    """When the consultant prepared a conversation: the working day before, late afternoon."""
    day = workday_on_or_before(timezone.localdate(conversation_at) - timedelta(days=1))
    return moment(day, time(15, 30))


class Diary:
    """One consultant's appointments, so that no two conversations share a slot."""

    SLOTS = [time(9, 0), time(10, 30), time(13, 0), time(14, 30), time(16, 0), time(11, 30)]

    def __init__(self, consultant: User):
        held = Conversation.objects.filter(trajectory__resident__consultant=consultant)
        self.taken = set()
        for at in held.values_list("held_at", flat=True):
            local = timezone.localtime(at)
            self.taken.add((local.date(), local.time().replace(second=0, microsecond=0)))

    def book(self, day: date, preferred: time, not_before: datetime | None = None) -> datetime:
        """The preferred time on that day, or the first free slot after not_before."""
        for at in [preferred, *(slot for slot in self.SLOTS if slot != preferred)]:
            if (day, at) not in self.taken and (
                not_before is None or moment(day, at) >= not_before
            ):
                self.taken.add((day, at))
                return moment(day, at)
        # Every slot is taken or already past (the demo runs in the evening):
        # an appointment earlier today that still has to be logged is realistic too.
        self.taken.add((day, preferred))
        return moment(day, preferred)


# --- What to build ----------------------------------------------------------


@dataclass
class AgreementSpec:
    owner: str
    what: str
    due_on: date
    done_on: date | None = None
    member: NetworkMember | None = None


@dataclass
class TickSpec:
    item: ChecklistItem
    at: datetime
    not_applicable: bool = False
    reason: str = ""


@dataclass
class ConversationSpec:
    at: datetime
    kind: str
    setting: str
    steps: list[int]  # worked on, in order; a lower step after step 7 starts a new round
    check_in: str
    check_in_score: int | None
    told_decides_too: bool
    report: str
    check_out: str
    check_out_score: int | None
    agenda: list[tuple[str, str, bool]]  # text, raised by, discussed
    agreements: list[AgreementSpec]
    participants: list[NetworkMember] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)  # the story so far, for the plan
    ticks: list[list[TickSpec]] = field(default_factory=list)  # per step worked on


@dataclass
class PlannedSpec:
    at: datetime
    kind: str
    setting: str
    agenda: list[tuple[str, str]]  # text, raised by; undiscussed items are carried over too


@dataclass
class TrajectorySpec:
    started_on: date
    conversations: list[ConversationSpec]
    planned: PlannedSpec | None = None
    status: str = Trajectory.Status.ACTIVE
    outcome: str = ""
    closed_on: date | None = None
    # (step, start of the item's text, reason): items marked not applicable.
    not_applicable: list[tuple[int, str, str]] = field(default_factory=list)
    intake_ticks: list[TickSpec] = field(default_factory=list)  # only the intake planned


# --- Which checklist items are ticked, decided before anything is written -----


class Method:
    """The numbered steps and their active checklist items, loaded once."""

    def __init__(self):
        self.steps = {step.number: step for step in Step.objects.numbered()}
        self.items = {number: [] for number in self.steps}
        for item in ChecklistItem.objects.active().filter(step__number__in=self.steps):
            self.items[item.step.number].append(item)


def final_position(spec: TrajectorySpec) -> tuple[int, int]:
    cycle, step = 1, Trajectory.FIRST_STEP
    for conversation in spec.conversations:
        for next_step in conversation.steps:
            if next_step < step == Trajectory.LAST_STEP:
                cycle += 1
            step = next_step
    return cycle, step


class TickChooser:
    """Decides, with `rng`, which checklist items a trajectory's conversations tick and
    when: most items of a step that is passed, some of the step the work is in now."""

    def __init__(self, spec: TrajectorySpec, method: Method, rng):
        self.spec, self.method, self.rng = spec, method, rng
        self.ticked = set()  # (cycle, step) already ticked
        closed = spec.status == Trajectory.Status.CLOSED
        self.current = None if closed else final_position(spec)

    def choose(self) -> None:
        """Fill in the spec's ticks, in the order the writer ticks them."""
        spec, cycle, at_step = self.spec, 1, Trajectory.FIRST_STEP
        for conversation in spec.conversations:
            # The first step is chosen while preparing; later ones during the conversation.
            prepared = prepared_at(conversation.at)
            conversation.ticks = []
            for i, step in enumerate(conversation.steps):
                if step < at_step == Trajectory.LAST_STEP:
                    cycle += 1
                at_step = step
                during = conversation.at + timedelta(minutes=40 + 20 * i)
                conversation.ticks.append(self.step(cycle, step, prepared, during))
        if not spec.conversations:
            # Only the intake is planned: the consultant has been preparing it.
            prepared = moment(spec.started_on, time(11, 0))
            spec.intake_ticks = self.step(1, Trajectory.FIRST_STEP, prepared, None)

    def step(self, cycle, step, prepared: datetime, during: datetime | None) -> list[TickSpec]:
        position = (cycle, step)
        items = self.method.items.get(step, [])
        if position in self.ticked or not items:
            return []
        self.ticked.add(position)
        rng = self.rng
        if during is None:  # only preparing: just the preparation items
            items = [i for i in items if i.phase == ChecklistItem.Phase.PREPARATION]
            chosen = rng.sample(items, min(len(items), rng.randint(2, 3)))
        elif position == self.current:
            chosen = rng.sample(items, max(1, round(len(items) * rng.uniform(0.3, 0.6))))
        else:
            chosen = rng.sample(items, max(1, len(items) - rng.choice([0, 0, 1, 1, 2])))
        reasons = {
            item: reason
            for item in items
            for number, start, reason in self.spec.not_applicable
            if number == step and item.text.startswith(start)
        }
        ticks = []
        for n, item in enumerate([i for i in items if i in chosen or i in reasons]):
            at = prepared if item.phase == ChecklistItem.Phase.PREPARATION else during
            at += timedelta(minutes=2 * n)
            ticks.append(TickSpec(item, at, item in reasons, reasons.get(item, "")))
        return ticks


# --- Writing it: through the services, at the realistic moment ------------------


def advance(trajectory: Trajectory, step: int, by: User, at: datetime) -> None:
    """Move the trajectory to `step`, through a new round when it goes back after step 7."""
    if step < trajectory.current_step == Trajectory.LAST_STEP:
        services.start_new_round(trajectory=trajectory, by=by, at=at)
    if step != trajectory.current_step:
        services.move_to_step(trajectory=trajectory, step=step, by=by, at=at + timedelta(minutes=1))


def until_now(at: datetime) -> datetime:
    """What was written down later happened by now at the latest."""
    return min(at, timezone.now())


class TrajectoryWriter:
    """Writes one trajectory from its spec (its ticks chosen) through the services."""

    def __init__(self, resident: Resident, spec: TrajectorySpec, method: Method):
        self.resident, self.spec, self.method = resident, spec, method
        self.by = resident.consultant

    def write(self) -> Trajectory:
        spec = self.spec
        self.trajectory = trajectory = services.start_trajectory(
            resident=self.resident, by=self.by, at=moment(spec.started_on, time(9, 15))
        )
        previous = None
        for conversation in spec.conversations:
            previous = self.hold(conversation)
        self.tick(spec.intake_ticks)
        if spec.planned:
            self.plan(previous, spec.planned)
        if spec.status != Trajectory.Status.ACTIVE:
            closed = moment(spec.closed_on, time(16, 30)) if spec.closed_on else None
            services.set_trajectory_status(
                trajectory=trajectory, status=spec.status, outcome=spec.outcome, at=closed
            )
        write_plan(trajectory, spec)
        return trajectory

    def hold(self, spec: ConversationSpec) -> Conversation:
        agreements = [
            Agreement(owner=a.owner, network_member=a.member, what=a.what, due_on=a.due_on)
            for a in spec.agreements
        ]
        conversation = services.save_conversation(
            conversation=Conversation(
                trajectory=self.trajectory,
                status=Conversation.Status.HELD,
                held_at=spec.at,
                kind=spec.kind,
                setting=spec.setting,
                check_in=spec.check_in,
                check_in_score=spec.check_in_score,
                told_decides_too=spec.told_decides_too,
                report=spec.report,
                check_out=spec.check_out,
                check_out_score=spec.check_out_score,
            ),
            by=self.by,
            participants=spec.participants,
            steps_worked_on=[
                self.method.steps[n] for n in dict.fromkeys(spec.steps) if n in self.method.steps
            ],
            agenda=[
                AgendaItem(text=text, raised_by=by, discussed=done, position=i)
                for i, (text, by, done) in enumerate(spec.agenda)
            ],
            agreements=agreements,
            # Logged the same day, a couple of hours after the conversation.
            at=until_now(spec.at + timedelta(hours=2)),
        )
        for agreement, a in zip(agreements, spec.agreements, strict=True):
            if a.done_on:  # the resident, or whoever it was, did it then
                services.set_agreement_done(agreement=agreement, at=moment(a.done_on, time(17, 0)))
        # Each step after the items of the step before it were ticked.
        prepared = prepared_at(spec.at)
        for i, (step, ticks) in enumerate(zip(spec.steps, spec.ticks, strict=True)):
            during = spec.at + timedelta(minutes=40 + 20 * i)
            moved = prepared if i == 0 else during - timedelta(minutes=2)
            advance(self.trajectory, step, self.by, moved)
            self.tick(ticks)
        return conversation

    def tick(self, ticks: list[TickSpec]) -> None:
        for t in ticks:
            services.tick(
                trajectory=self.trajectory,
                item=t.item,
                by=self.by,
                not_applicable=t.not_applicable,
                reason=t.reason,
                at=t.at,
            )

    def plan(self, previous: Conversation | None, spec: PlannedSpec) -> None:
        agenda = [AgendaItem(text=text, raised_by=by) for text, by in spec.agenda]
        if previous is not None:
            # Planned as the last conversation was logged; it carries the agenda items
            # that conversation did not get to.
            services.plan_next_conversation(
                previous=previous,
                held_at=spec.at,
                by=self.by,
                kind=spec.kind,
                setting=spec.setting,
                agenda=agenda,
                at=until_now(previous.held_at + timedelta(hours=2)),
            )
            return
        for position, item in enumerate(agenda):
            item.position = position
        services.save_conversation(
            conversation=Conversation(
                trajectory=self.trajectory,
                status=Conversation.Status.PLANNED,
                held_at=spec.at,
                kind=spec.kind,
                setting=spec.setting,
            ),
            by=self.by,
            agenda=agenda,
            at=until_now(moment(self.spec.started_on, time(11, 30))),
        )


def write_case(resident: Resident, network: list, specs: list[TrajectorySpec], method, rng):
    """Register a new resident (`network`: their people, not saved yet) a few days before
    the first trajectory started, then write the trajectories."""
    for spec in specs:
        TickChooser(spec, method, rng).choose()
    registered = workday_on_or_before(specs[0].started_on - timedelta(days=rng.randint(1, 8)))
    at = moment(registered, time(rng.randint(9, 15), rng.choice([0, 15, 30, 45])))
    if resident._state.adding:
        services.register_resident(
            resident=resident, network=network, consultant=resident.consultant, at=at
        )
    for spec in specs:
        TrajectoryWriter(resident, spec, method).write()


# --- The training cases, written by hand -------------------------------------


def clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def training_specs(entry: dict, network: list[NetworkMember], today: date, diary: Diary):
    """Turn a hand-written case (days counted back from today) into specs."""
    members = {member.name: member for member in network}
    # Counted from the coming working day, so that whole weeks back land on the
    # weekday of the next appointment also when the demo runs in a weekend.
    anchor = workday_on_or_after(today)
    conversations = []
    for c in entry["conversations"]:
        day = workday_on_or_before(anchor - timedelta(days=c["days_ago"]))
        agreements = []
        for a in c["agreements"]:
            done = a.get("done_after_days")
            done_on = day + timedelta(days=done) if done is not None else None
            agreements.append(
                AgreementSpec(
                    owner=a["owner"],
                    what=a["what"],
                    due_on=day + timedelta(days=a["due_in_days"]),
                    # A date still to come means: not done yet.
                    done_on=done_on if done_on and done_on < today else None,
                    member=members.get(a.get("member", "")),
                )
            )
        conversations.append(
            ConversationSpec(
                at=diary.book(day, clock(c["time"])),
                kind=c["kind"],
                setting=c["setting"],
                steps=c["steps"],
                check_in=c["check_in"],
                check_in_score=c["check_in_score"],
                told_decides_too=c["told_decides_too"],
                report=c["report"],
                check_out=c["check_out"],
                check_out_score=c["check_out_score"],
                agenda=[(i["text"], i["raised_by"], i["discussed"]) for i in c["agenda"]],
                agreements=agreements,
                participants=[members[name] for name in c["participants"] if name in members],
            )
        )
    p = entry["planned"]
    planned = PlannedSpec(
        at=diary.book(nth_workday(today, p["in_workdays"]), clock(p["time"])),
        kind=p["kind"],
        setting=p["setting"],
        agenda=[(i["text"], i["raised_by"]) for i in p["agenda"]],
    )
    return [
        TrajectorySpec(
            started_on=workday_on_or_before(anchor - timedelta(days=entry["started_days_ago"])),
            conversations=conversations,
            planned=planned,
            not_applicable=[
                (n["step"], n["item"], n["reason"]) for n in entry.get("not_applicable", [])
            ],
        )
    ]


# --- Everyone else: scenarios ------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """Where a resident's case work stands today."""

    step: int | None = None  # None: registered, no trajectory yet
    cycle: int = 1
    intake_only: bool = False  # step 1, only the intake planned
    last_contact: int | None = None  # days ago; None: a few days to three weeks
    planned: bool = True  # has a next conversation in the coming two weeks
    overdue: int = 0  # agreements past their date and not done
    paused: bool = False
    closed: str = ""  # outcome of a trajectory closed just now
    earlier: str = ""  # outcome of an earlier trajectory, closed months ago
    note: str = ""  # last words of the last report: why paused, or how it ended
    restart: str = ""  # first words of a new trajectory after an earlier one


W, P = Trajectory.Outcome.WORK, Trajectory.Outcome.PARTICIPATION

# Every consultant has residents in each step 1-7; four have no trajectory yet.
SCENARIOS = {
    # sanne
    "Joyce Visser": Scenario(),
    "Daniëlle Aarts": Scenario(),
    "Tarik El Idrissi": Scenario(step=1, intake_only=True),
    "Hodan Abdi": Scenario(step=1),
    "Fatima El Amrani": Scenario(step=2),
    "Gülsüm Öztürk": Scenario(step=2),
    "Mustafa Yilmaz": Scenario(step=3, last_contact=20, overdue=1),
    "Ilse Mulder": Scenario(
        step=3,
        last_contact=50,
        planned=False,
        paused=True,
        note="Ilse merkt dat ze meer rust nodig heeft. In overleg is het traject gepauzeerd; "
        "ze belt zelf als ze er weer ruimte voor heeft.",
    ),
    "Frank de Vries": Scenario(step=3, last_contact=47, planned=False, overdue=1),
    "Selin Kaya": Scenario(step=4),
    "Rania Haddad": Scenario(step=5),
    "Jan-Willem ter Horst": Scenario(step=5),
    "Sandra Willemsen": Scenario(step=6),
    "Khalid Benali": Scenario(step=7),
    "Anna Kowalska": Scenario(step=4, cycle=2),
    # mehmet
    "Farid Noori": Scenario(),
    "Senait Gebremedhin": Scenario(step=1),
    "Dawit Tesfay": Scenario(step=2),
    "Edwin Lammers": Scenario(
        step=2,
        earlier=P,
        note="Edwin doet nu drie ochtenden per week vrijwilligerswerk bij de voedselbank en "
        "voelt zich daar thuis. Samen besloten het traject af te sluiten.",
        restart="Edwin heeft zich opnieuw gemeld: na het vrijwilligerswerk bij de voedselbank "
        "wil hij weer betaald werk in een magazijn.",
    ),
    "Samira Ouali": Scenario(
        step=2,
        last_contact=58,
        planned=False,
        paused=True,
        note="Samira kan binnenkort een eigen woning krijgen. Samen besloten het traject te "
        "pauzeren tot de verhuizing achter de rug is.",
    ),
    "Ricardo Martina": Scenario(step=3, last_contact=52, planned=False, overdue=2),
    "Nicole Evers": Scenario(step=3),
    "Lisa van Dijk": Scenario(step=4),
    "Sophie Kramer": Scenario(step=4),
    "Kevin Schouten": Scenario(step=5, last_contact=16, overdue=1),
    "Tamara Smits": Scenario(step=5),
    "Henk Vermeulen": Scenario(step=6),
    "Esra Demir": Scenario(step=6),
    "Abdirahman Farah": Scenario(step=7),
    "Mariusz Nowak": Scenario(step=3, cycle=2),
    # linda
    "Wilma Arends": Scenario(),
    "Monique van Beek": Scenario(step=1, intake_only=True),
    "Wendy Peters": Scenario(step=1),
    "Ahmad Rahimi": Scenario(step=2),
    "Mahmoud Al-Khatib": Scenario(step=2),
    "Saskia Timmermans": Scenario(step=3),
    "Jeroen Koster": Scenario(step=4),
    "Yvonne de Graaf": Scenario(
        step=4,
        last_contact=33,
        paused=True,
        note="De zorg voor haar man vraagt nu alle aandacht. We pauzeren het traject en "
        "bellen binnenkort om te kijken of er weer ruimte is.",
    ),
    "Ruud Bosman": Scenario(step=5, last_contact=17, overdue=1),
    "Marco van den Berg": Scenario(step=6, last_contact=19, overdue=1),
    "Rob Hermsen": Scenario(step=6),
    "Thomas Brouwer": Scenario(step=7),
    "Bas Wijnands": Scenario(step=5, cycle=2),
    "Dennis van Leeuwen": Scenario(step=4, cycle=3),
    "Bert Gerritsen": Scenario(
        step=7,
        last_contact=12,
        planned=False,
        closed=W,
        note="Bert werkt sinds kort twaalf uur per week als productiemedewerker bij een kleine "
        "drukkerij. Samen besloten het traject af te sluiten; hij weet dat hij altijd weer "
        "kan aankloppen.",
    ),
}

# What each resident works towards, as a noun phrase ("op weg naar ...").
GOALS = {
    "Fatima": "parttime werk binnen schooltijden",
    "Dawit": "werk in een autowerkplaats",
    "Marco": "werk in de logistiek",
    "Sandra": "meer uren in de detailhandel",
    "Kevin": "een leerwerkplek in de bouw",
    "Ahmad": "werk in een vermaakatelier",
    "Anna": "vast werk met een eigen contract",
    "Henk": "licht werk of praktijkbegeleiding in de bouw",
    "Yvonne": "een paar uur werk naast de mantelzorg",
    "Mustafa": "werk in loondienst in de horeca",
    "Samira": "administratief werk",
    "Jeroen": "werk in een grootkeuken met dagdiensten",
    "Hodan": "beter Nederlands en later werk in de kinderopvang",
    "Lisa": "een diploma Helpende Zorg en Welzijn",
    "Ruud": "een administratieve functie",
    "Ilse": "een rustige functie voor een paar uur per week",
    "Ricardo": "werk in de beveiliging of als chauffeur",
    "Bert": "werk met de handen en een vast dagritme",
    "Rania": "werk in een apotheek",
    "Tamara": "werk overdag met meer uren",
    "Dennis": "een vast contract met duidelijke taken",
    "Selin": "administratief werk in een kleine organisatie",
    "Abdirahman": "werk als vaste chauffeur",
    "Wendy": "werk als onderwijsassistent",
    "Jan-Willem": "werk als calculator of werkvoorbereider",
    "Esra": "werk in de kinderopvang of de bso",
    "Thomas": "een leerwerkbaan in het groen",
    "Gülsüm": "licht werk in een vaste omgeving",
    "Mariusz": "werk in een timmerfabriek of magazijn",
    "Saskia": "een andere rol in de zorg",
    "Frank": "weer werk als chauffeur",
    "Senait": "weer werk als kapster",
    "Bas": "werk met vaste diensten in de gastvrijheid",
    "Khalid": "een baan als logistiek planner",
    "Nicole": "meer uren werk, zodat de bijstand niet meer nodig is",
    "Mahmoud": "werk in het onderwijs",
    "Edwin": "betaald werk in een magazijn",
    "Monique": "vrijwilligerswerk in een buurthuis",
    "Tarik": "een BBL-traject in de bouw",
    "Sophie": "een parttime baan in loondienst",
    "Rob": "werk als fietstechnicus",
}
EARLIER_GOAL = "een zinvolle invulling van de week"


# --- Everyone else: the sentences ---------------------------------------------

ENERGY = [
    "collega's om zich heen",
    "zichtbaar resultaat van het werk",
    "iets nieuws leren",
    "een vaste structuur in de week",
    "anderen kunnen helpen",
    "buiten zijn",
]
HURDLES = [
    "onzekerheid over geld",
    "eerdere afwijzingen",
    "de combinatie met thuis",
    "weinig vertrouwen in eigen kunnen",
    "het reizen",
    "de eigen gezondheid",
]
REASONS = [
    "een eigen inkomen",
    "contact met anderen",
    "een vast ritme",
    "het gevoel weer mee te tellen",
    "minder afhankelijk zijn van de uitkering",
]
SUBGOALS = [
    "binnen een maand twee keer meelopen op een werkplek",
    "eerst mijn cv op orde",
    "elke week één sollicitatie",
    "een cursus kiezen die bij me past",
    "eerst een vast ritme in mijn week",
    "uitzoeken welke opleiding erbij hoort",
]
OPTIONS = [
    "een werkervaringsplek",
    "een opleiding met een praktijkdeel",
    "solliciteren met hulp van het werkgeversservicepunt",
    "vrijwilligerswerk als opstap",
    "een proefplaatsing met behoud van uitkering",
]
OWN_WORDS = [
    "Ik begin klein en bouw het langzaam op.",
    "Ik ga het proberen en over zes weken kijken we samen hoe het gaat.",
    "Dit past bij mij en bij thuis.",
    "Ik doe eerst dit, en daarna zien we verder.",
]
CHANGES = [
    "meer ritme in de week",
    "meer zelfvertrouwen",
    "dat het contact met anderen goed doet",
    "dat het reizen beter gaat dan verwacht",
]

# What the resident said at check-in and check-out, with the number from 0 to 10 they gave.
CHECK_INS_FIRST = {
    "{naam} vindt het spannend om hier te zijn en weet nog niet goed wat te verwachten.": 4,
    "Afwachtend; eerdere contacten met instanties waren niet altijd prettig, vertelt {naam}.": 4,
    "Nieuwsgierig en open. {naam} wil graag snel aan de slag.": 7,
    "{naam} is wat zenuwachtig, maar blij dat er iemand meekijkt.": 5,
}
CHECK_INS = {
    "{naam} zit er ontspannen bij en vertelt dat de week goed ging.": 8,
    "Wat gespannen: een brief van de gemeente had voor onrust gezorgd. Na uitleg zakte dat.": 5,
    "Moe na een drukke week, maar blij dat het gesprek doorging.": 5,
    "Goedgehumeurd; {naam} had zelf al een lijstje met vragen gemaakt.": 8,
    "{naam} was in het begin wat stil en vertelde dat het thuis onrustig is. Eerst even de "
    "tijd genomen.": 4,
    "Positief: {naam} had een goed gesprek gehad met een kennis die in dezelfde sector werkt.": 8,
    "Niet goed geslapen, maar {naam} wilde het gesprek graag laten doorgaan.": 5,
    "{naam} zegt dat het wisselend gaat: de ene dag beter dan de andere.": 6,
    "Trots: {naam} heeft de afspraken van de vorige keer allemaal gedaan.": 9,
}
CHECK_INS_BY_SETTING = {
    Setting.WALK: ("Buiten lopen hielp: {naam} praatte makkelijker dan op kantoor.", 7),
    Setting.HOME_VISIT: (
        "{naam} had koffie klaarstaan en vond het prettig dat het gesprek thuis was.",
        8,
    ),
    Setting.PHONE: ("Aan de telefoon klonk {naam} rustig; het scheelde een reis.", 6),
    Setting.ONLINE: ("Het beeld haperde even, daarna ging het goed. {naam} vindt online prima.", 6),
}
CHECK_OUTS = {
    "{naam} gaat met een goed gevoel weg: 'Ik weet nu wat ik moet doen.'": 8,
    "Wat onzeker over de volgende stap, maar {naam} wil het proberen.": 5,
    "Tevreden; {naam} vond het fijn dat er echt geluisterd werd.": 8,
    "Geen vragen meer. {naam} kijkt uit naar het volgende gesprek.": 7,
    "Moe maar positief; {naam} wil de afspraken thuis nog rustig nalezen.": 7,
    "{naam} vond het gesprek duidelijk en wil de volgende keer graag eerder op de dag "
    "afspreken.": 7,
    "Nog een vraag over de uitkering. Die zoek ik uit en ik laat het {naam} weten.": 6,
}
CHECK_OUTS_LATER = {"'Fijn dat ik zelf mocht kiezen,' zei {naam} bij het weggaan.": 9}

REPORTS = {
    1: [
        "Kennisgemaakt en uitgelegd hoe Samen Beslissen werkt: {naam} beslist mee over het "
        "traject. Verwachtingen over en weer besproken, en de rechten en plichten bij de "
        "uitkering. {naam} wil graag toe naar {doel}.",
        "Eerste gesprek. {naam} vertelde over de afgelopen jaren en over wat er nodig is om weer "
        "aan de slag te gaan, richting {doel}. Afgesproken hoe we samenwerken en hoe {naam} de "
        "afspraken ontvangt.",
    ],
    2: [
        "Samen in beeld gebracht hoe het nu gaat met wonen, werk, geld, gezondheid en contacten. "
        "{naam} vertelde open over zorgen en over wat goed gaat. Het beeld dat ik teruggaf "
        "herkende {naam} grotendeels; één punt hebben we samen aangepast.",
        "Diagnosegesprek: werkervaring, opleiding en de situatie thuis doorgenomen. {naam} kan "
        "veel, maar maakt zich zorgen over {rem}. {naam} leest het verslag nog na en vult het "
        "aan waar nodig.",
    ],
    3: [
        "Met STOZ gekeken naar wat {naam} drijft. Op de schaalvraag gaf {naam} werk een "
        "{cijfer}; energie komt vooral van {energie}. Wat tegenhoudt is {rem}.",
        "Besproken waar {naam} op hoopt en waar {naam} tegen opziet. Werk betekent voor {naam} "
        "vooral {waarom}; de grootste drempel is {rem}. Benoemd dat de inbreng van {naam} nodig "
        "is om het traject te vinden dat past.",
    ],
    4: [
        "Samen het doel bepaald: {doel}. {naam} formuleerde het eerste subdoel zelf: "
        "'{subdoel}'. We hebben gekeken of dat haalbaar is en het opgedeeld in kleine stappen.",
        "Besproken waar {naam} over een jaar wil staan en wat nu voorgaat. Het doel is {doel}; "
        "als eerste stap koos {naam}: '{subdoel}'.",
    ],
    5: [
        "Mogelijkheden naast elkaar gezet: {optie1} of {optie2}. Per mogelijkheid de voor- en "
        "nadelen besproken en wat het vraagt aan tijd en reizen. {naam} neigt naar {keuze}, maar "
        "wil er nog over nadenken.",
        "Met het klantkompas besproken wat {naam} nodig heeft om het doel te halen. Twee "
        "mogelijkheden bleven over: {optie1} en {optie2}; meer wilde {naam} niet bespreken.",
    ],
    6: [
        "Samen besloten: {keuze}. {naam} zei het in eigen woorden: '{woorden}' De afspraken "
        "staan in het doel-actieplan en de evaluatie is gepland.",
        "{naam} had genoeg informatie om te kiezen en koos voor {keuze}. Gevraagd of {naam} "
        "tevreden is met het besluit; dat is zo. De afspraken staan in het doel-actieplan.",
    ],
    7: [
        "Evaluatie: {naam} is tevreden over {keuze} en merkt vooral {verschil}. Besproken hoe "
        "dit bijdraagt aan het doel en wat de volgende stap is.",
        "Teruggekeken op de afgelopen periode. {naam} merkt {verschil}, maar vindt het tempo "
        "soms hoog. Samen bepaald hoe we verdergaan.",
    ],
}
# The last sentence when a conversation also moved on to a later step.
CONTINUED = {
    2: "Daarna een eerste beeld gemaakt van wonen, werk en contacten.",
    3: "Aan het eind kort gekeken naar waar {naam} energie van krijgt.",
    4: "Aan het eind samen een eerste doel verwoord: {doel}.",
    5: "Ook al twee mogelijkheden verkend: {optie1} en {optie2}.",
    6: "{naam} koos zelf voor {keuze}; dat staat nu in het doel-actieplan.",
    7: "Ook teruggekeken op hoe het tot nu toe gaat.",
}
NEW_ROUND = (
    "Samen besloten een nieuwe ronde te beginnen bij stap 3: {naam} wil de volgende stap zetten "
    "en opnieuw kijken wat daarbij past."
)
CLOSING_REPORT = (
    "Laatste evaluatie: {naam} kijkt tevreden terug op {keuze} en merkt vooral {verschil}."
)
CLOSING_AGREEMENTS = [
    (Owner.RESIDENT, "Over een maand laten weten hoe de eerste weken gaan"),
    (Owner.CONSULTANT, "Het traject afsluiten en de uitkomst vastleggen"),
]
# What was chosen in step 6 of a trajectory that ended with this outcome.
CHOICE_FOR = {
    Trajectory.Outcome.WORK: "solliciteren met hulp van het werkgeversservicepunt",
    Trajectory.Outcome.PARTICIPATION: "vrijwilligerswerk als opstap",
}

AGENDA = {
    1: [
        "Kennismaken en uitleg over Samen Beslissen",
        "Wat verwacht {naam} van het traject, en wat mag {naam} van ons verwachten?",
        "Rechten en plichten bij de uitkering",
        "Hoe wil {naam} de afspraken ontvangen?",
    ],
    2: [
        "Hoe ziet een gewone week eruit?",
        "Wonen, werk, leren, vrije tijd en contacten",
        "Wat lukt goed, en waar maakt {naam} zich zorgen over?",
        "Herkent {naam} zich in het beeld dat we samen maakten?",
    ],
    3: [
        "Waar krijgt {naam} energie van?",
        "Schaalvraag: hoe belangrijk is werk nu?",
        "Wat houdt {naam} tegen om een stap te zetten?",
        "Wensen en zorgen rond {doel}",
    ],
    4: [
        "Waar wil {naam} over een jaar staan?",
        "Het eerste subdoel in eigen woorden",
        "Is het doel haalbaar? Opdelen in kleinere stappen",
        "Wat gaat voor?",
    ],
    5: [
        "Mogelijkheden op een rij: {optie1} en {optie2}",
        "Voor- en nadelen per mogelijkheid",
        "Reistijd, uren en wat het vraagt",
        "Wat heeft {naam} zelf nodig om het doel te halen?",
    ],
    6: [
        "Welke keuze past het best?",
        "Het besluit in eigen woorden",
        "Afspraken vastleggen in het doel-actieplan",
        "Datum voor de evaluatie",
    ],
    7: [
        "Ervaringen met {keuze}",
        "Wat is er veranderd sinds de start?",
        "Helpt dit richting het doel?",
        "Hoe verder: doel bijstellen of afronden?",
    ],
}
AGENDA_AFTER_EVALUATION = [
    "Hoe gaat het sinds de evaluatie?",
    "Afronden, of een nieuwe ronde vanaf stap 3?",
]
PAUSED_AGENDA = [
    ("Hoe gaat het nu thuis?", RaisedBy.CONSULTANT),
    ("Is er weer ruimte om het traject op te pakken?", RaisedBy.CONSULTANT),
]
RESIDENT_ITEMS_FIRST = [
    "Mag ik iemand meenemen naar de gesprekken?",
    "Wat gebeurt er met mijn gegevens?",
    "Moet ik elke baan aannemen?",
]
RESIDENT_ITEMS = [
    "Vraag over de reiskostenvergoeding",
    "Brief van de gemeente over de inkomstenopgave",
    "Een vacature die {naam} zelf heeft gevonden",
    "Mag ik een cursus volgen met behoud van uitkering?",
    "Zorgen over geld deze maand",
    "Vraag over het verslag van de vorige keer",
    "Hoe lang duurt het traject?",
    "Liever een andere dag voor onze gesprekken",
]

RESIDENT_AGREEMENTS = {
    1: [
        "Verslag en afspraken nalezen en laten weten als er iets niet klopt",
        "Cv en diploma's meenemen naar het volgende gesprek",
        "Opschrijven wat {naam} van het traject verwacht",
    ],
    2: [
        "Een weekoverzicht maken: wat doe ik op welke dag?",
        "Opschrijven wat goed gaat en wat lastig is",
        "Cv bijwerken",
    ],
    3: [
        "Een week bijhouden waar ik energie van krijg",
        "Twee voorbeelden opschrijven van werk dat ik leuk vond",
        "Aan iemand uit mijn omgeving vragen wat die in mij ziet",
    ],
    4: [
        "Het eerste subdoel opschrijven en ophangen",
        "Twee vacatures zoeken die bij het doel passen",
        "Uitzoeken welke stap ik als eerste wil zetten",
    ],
    5: [
        "Informatie over de mogelijkheden doorlezen",
        "Vragen opschrijven over {optie2}",
        "Reistijd naar de plekken uitzoeken",
    ],
    6: [
        "Doel-actieplan doorlezen en ondertekenen",
        "Eerste dag voorbereiden: reisroute en tijden",
        "Laten weten of de gekozen route echt goed voelt",
    ],
    7: [
        "Opschrijven wat goed ging en wat beter kan",
        "Nadenken over de volgende stap",
        "Evaluatieformulier invullen",
    ],
}
CONSULTANT_AGREEMENTS = {
    1: [
        "Uitzoeken of eerdere contacten in het dossier staan",
        "Informatie over de reiskostenvergoeding sturen",
    ],
    2: [
        "Het beeld op papier zetten en ter controle sturen",
        "Met toestemming navragen welke hulp er al is",
        "Informatie sturen over {doel}",
    ],
    3: [
        "De uitkomst van STOZ op papier zetten en meegeven",
        "Voorbeelden zoeken van werk dat past bij wat {naam} drijft",
    ],
    4: [
        "Doel en subdoelen uitwerken in het doel-actieplan",
        "Nagaan welke regelingen bij het doel passen",
    ],
    5: [
        "Contact opnemen met het werkgeversservicepunt",
        "Informatie opvragen over {optie1}",
        "Navragen wat {optie2} precies inhoudt",
    ],
    6: [
        "Aanmelding regelen voor de gekozen route",
        "Doel-actieplan versturen",
        "Evaluatiegesprek inplannen",
    ],
    7: [
        "Evaluatie vastleggen in het doel-actieplan",
        "Met de werkplek afstemmen hoe het gaat",
        "Volgende afspraak inplannen",
    ],
}
# Step 1 asks to write the agreements down and share them the way the resident prefers.
SHARE_AGREEMENTS = {
    Resident.Channel.EMAIL: "De afspraken van vandaag per e-mail sturen",
    Resident.Channel.WHATSAPP: "De afspraken van vandaag via WhatsApp sturen",
    Resident.Channel.POST: "De afspraken van vandaag per post sturen",
    Resident.Channel.IN_PERSON: "De afspraken van vandaag op papier meegeven",
}
NETWORK_AGREEMENTS = {
    NetworkMember.Role.CAREGIVER: [
        "{lid} gaat mee naar de kennismaking",
        "{lid} denkt mee over een haalbare weekindeling",
    ],
    NetworkMember.Role.FAMILY: [
        "{lid} gaat mee naar de kennismaking",
        "{lid} oefent met {naam} een sollicitatiegesprek",
    ],
    NetworkMember.Role.SUPPORT_WORKER: [
        "{lid} bespreekt de afspraken nog een keer na met {naam}",
        "{lid} helpt bij het plannen van de week",
    ],
    NetworkMember.Role.CONFIDANT: [
        "{lid} helpt met het invullen van de formulieren",
        "{lid} gaat mee naar de kennismaking",
    ],
    NetworkMember.Role.OTHER: [
        "{lid} stuurt een overzicht van het leefgeld per maand",
        "{lid} laat weten of de reiskosten binnen het budget passen",
    ],
}
PAUSE_AGREEMENT = "Contact opnemen om te horen hoe het gaat en of het traject weer kan starten"

NOT_APPLICABLE = [
    (
        1,
        "Kijk of er al eerdere afspraken",
        "Eerste aanmelding; er zijn geen eerdere afspraken met de gemeente.",
    ),
    (
        1,
        "Stuur vooraf een voorstel voor de agenda",
        "De inwoner wilde snel een gesprek; de agenda hebben we aan het begin samen gemaakt.",
    ),
    (
        5,
        "Stem het aantal mogelijkheden af",
        "Er was één passende mogelijkheid; die hebben we uitgebreid besproken.",
    ),
]

SETTINGS_BY_KIND = {
    Kind.INTAKE: [Setting.OFFICE] * 5 + [Setting.HOME_VISIT] * 3 + [Setting.ONLINE],
    Kind.DIAGNOSIS: [Setting.OFFICE] * 4 + [Setting.HOME_VISIT] * 3 + [Setting.WALK],
    Kind.FOLLOW_UP: [Setting.OFFICE] * 4
    + [Setting.HOME_VISIT, Setting.WALK, Setting.PHONE] * 2
    + [Setting.ONLINE],
    Kind.EVALUATION: [Setting.OFFICE] * 4 + [Setting.HOME_VISIT] * 2 + [Setting.ONLINE],
}
TIMES = [time(9, 0), time(9, 30), time(10, 30), time(11, 0), time(13, 30), time(14, 30)]


# --- Everyone else: generating the case work ---------------------------------


def path_to(cycle: int, step: int) -> list[tuple[int, int]]:
    """Every (round, step) from the start to where the work is now."""
    path = [(1, s) for s in range(1, 8)]
    for c in range(2, cycle + 1):
        path += [(c, s) for s in range(Trajectory.NEW_ROUND_STEP, 8)]
    return path[: path.index((cycle, step)) + 1]


def conversation_count(cycle: int, step: int, rng) -> int:
    if cycle == 2:
        return rng.choice([5, 6])
    if cycle > 2:
        return 6
    return rng.choice({1: [1], 2: [2], 3: [2, 3], 4: [3], 5: [3, 4, 4], 6: [4], 7: [5]}[step])


def split_path(path, n: int, rng) -> list[list[tuple[int, int]]]:
    """Split the path over n conversations.

    The intake, the diagnosis and each evaluation (with the start of the new
    round) get a conversation of their own when there are enough of them; the
    rest goes to splitting the longest stretch, so no conversation rushes
    through many steps.
    """
    evaluations = [i for i, (_c, s) in enumerate(path) if s == Trajectory.LAST_STEP]
    cuts = []
    for gap in [1, *evaluations, 2, *(i + 2 for i in evaluations)]:
        if 0 < gap < len(path) and gap not in cuts and len(cuts) < n - 1:
            cuts.append(gap)
    while len(cuts) < n - 1:
        a, b = max(itertools.pairwise([0, *sorted(cuts), len(path)]), key=lambda g: g[1] - g[0])
        if b - a < 2:
            break
        cuts.append(rng.randint(a + 1, b - 1))
    return [path[a:b] for a, b in itertools.pairwise([0, *sorted(cuts), len(path)])]


def conversation_days(last: date, count: int, rng) -> list[date]:
    """Conversation days a few weeks apart, ending on the last contact."""
    days = [last]
    while len(days) < count:
        days.append(workday_on_or_before(days[-1] - timedelta(days=rng.randint(13, 27))))
    return days[::-1]


class Story:
    """One resident's case, drawn once so every conversation tells the same story.

    Sentences are picked without repeating one within the story while others are left.
    """

    def __init__(self, resident: Resident, network, rng, *, goal: str = "", choice: str = ""):
        self.resident, self.rng = resident, rng
        self.members = list(network)
        self.used = set()
        hurdles = HURDLES + (["de taal"] if resident.needs_interpreter else [])
        options = rng.sample([o for o in OPTIONS if o != choice], 2)
        if choice:
            options[rng.randint(0, 1)] = choice
        self.words = {
            "naam": resident.first_name,
            "doel": goal or GOALS.get(resident.first_name, "passend werk"),
            "energie": rng.choice(ENERGY),
            "rem": rng.choice(hurdles),
            "waarom": rng.choice(REASONS),
            "subdoel": rng.choice(SUBGOALS),
            "optie1": options[0],
            "optie2": options[1],
            "keuze": choice or rng.choice(options),
            "woorden": rng.choice(OWN_WORDS),
            "verschil": rng.choice(CHANGES),
            "cijfer": rng.choice([5, 6, 7, 7, 8, 8, 9]),
        }

    def new_round(self) -> None:
        """A new round tries the other option."""
        options = (self.words["optie1"], self.words["optie2"])
        self.words["keuze"] = options[options[0] == self.words["keuze"]]

    def say(self, text: str, **extra) -> str:
        return text.format_map({**self.words, **extra})

    def pick(self, pool: list[str], k: int = 1) -> list[str]:
        """k sentences from the pool, fresh ones first, in the pool's order."""
        fresh = [t for t in pool if t not in self.used]
        chosen = self.rng.sample(fresh, min(k, len(fresh)))
        chosen += self.rng.sample([t for t in pool if t not in chosen], k - len(chosen))
        self.used.update(chosen)
        return sorted(chosen, key=pool.index)

    def pick_one(self, pool: list[str]) -> str:
        return self.pick(pool)[0]


def choose_setting(kind: str, resident: Resident, rng) -> str:
    settings_ = SETTINGS_BY_KIND[kind]
    if resident.needs_interpreter:  # an interpreter joins at the office or at home
        settings_ = [s for s in settings_ if s in (Setting.OFFICE, Setting.HOME_VISIT)]
    if resident.preferred_channel == Resident.Channel.POST:  # no online for letter people
        settings_ = [s for s in settings_ if s != Setting.ONLINE]
    return rng.choice(settings_)


def kind_of(chunk, first_conversation: bool) -> str:
    steps = [s for _c, s in chunk]
    if first_conversation and chunk[0] == (1, 1):
        return Kind.INTAKE
    if Trajectory.LAST_STEP in steps:
        return Kind.EVALUATION
    if steps[0] == 2:
        return Kind.DIAGNOSIS
    return Kind.FOLLOW_UP


def compose_report(story: Story, chunk, closing: str) -> str:
    if closing:
        return f"{story.say(CLOSING_REPORT)} {closing}"
    first, last = chunk[0][1], chunk[-1][1]
    report = story.say(story.pick_one(REPORTS[first]))
    if any(c > chunk[0][0] for c, _s in chunk):
        return f"{report} {story.say(NEW_ROUND)}"
    if len(chunk) > 1:
        return f"{report} {story.say(CONTINUED[last])}"
    return report


def compose_agenda(story: Story, steps: list[int], first: bool, rng) -> list:
    pool = [t for s in dict.fromkeys(steps) for t in AGENDA[s]]
    consultant = story.pick(pool, min(len(pool), rng.choice([2, 2, 3])))
    items = [(story.say(t), RaisedBy.CONSULTANT, True) for t in consultant]
    if rng.random() < 0.45:  # the resident brought something in
        text = story.say(story.pick_one(RESIDENT_ITEMS_FIRST if first else RESIDENT_ITEMS))
        items.insert(rng.randint(0, len(items)), (text, RaisedBy.RESIDENT, True))
    if rng.random() < 0.2:  # not everything fits in one conversation
        text, by, _ = items[-1]
        items[-1] = (text, by, False)
    return items


def compose_agreements(story: Story, step: int, day: date, participants, rng) -> list:
    """One to three agreements; whether they are done is decided later."""
    resident = story.resident

    def due() -> date:
        return day + timedelta(days=rng.choice([5, 7, 10, 14, 14, 21]))

    what = story.say(story.pick_one(RESIDENT_AGREEMENTS[step]))
    agreements = [AgreementSpec(Owner.RESIDENT, what, due())]
    if step == 1:
        share = SHARE_AGREEMENTS.get(resident.preferred_channel, SHARE_AGREEMENTS["persoonlijk"])
        agreements.append(AgreementSpec(Owner.CONSULTANT, share, day + timedelta(days=1)))
    elif rng.random() < 0.7:
        what = story.say(story.pick_one(CONSULTANT_AGREEMENTS[step]))
        agreements.append(AgreementSpec(Owner.CONSULTANT, what, due()))
    members = participants or story.members
    if members and rng.random() < 0.5:
        member = rng.choice(members)
        what = story.say(
            story.pick_one(NETWORK_AGREEMENTS[member.role]), lid=member.name.split()[0]
        )
        agreements.append(AgreementSpec(Owner.NETWORK, what, due(), member=member))
    return agreements[:3]


def mark_done(agreements, day: date, today: date, *, last: bool, closed_on: date | None, rng):
    """Older agreements are done; of the last conversation those still to come are mostly open."""
    for a in agreements:
        latest = min(a.due_on, closed_on or today, today - timedelta(days=1))
        earliest = day + timedelta(days=1) if a.owner != Owner.CONSULTANT else day
        if latest < earliest:
            continue
        if closed_on or not last or a.due_on < today or rng.random() < 0.2:
            a.done_on = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))


def make_overdue(agreements, day: date, today: date, count: int, rng) -> None:
    """Let `count` agreements of the last conversation pass their date undone."""
    for a in agreements[:count]:
        a.due_on = max(day + timedelta(days=3), today - timedelta(days=rng.randint(2, 12)))
        a.done_on = None


def compose_check_in(story: Story, setting: str, first: bool, rng) -> tuple[str, int]:
    """What the resident said at check-in, and their number."""
    if first:
        said = story.pick_one(list(CHECK_INS_FIRST))
        return story.say(said), CHECK_INS_FIRST[said]
    if setting in CHECK_INS_BY_SETTING and rng.random() < 0.35:
        said, score = CHECK_INS_BY_SETTING[setting]
        return story.say(said), score
    said = story.pick_one(list(CHECK_INS))
    return story.say(said), CHECK_INS[said]


def compose_check_out(story: Story, step: int) -> tuple[str, int]:
    """What the resident said at check-out, and their number; having chosen comes later."""
    check_outs = CHECK_OUTS | (CHECK_OUTS_LATER if step >= 4 else {})
    said = story.pick_one(list(check_outs))
    return story.say(said), check_outs[said]


def compose_conversations(story, chunks, days, today, rng, *, closed_on=None, closing=""):
    """The held conversations of one trajectory, one per chunk of the path."""
    joining = [m for m in story.members if m.joins_conversations]
    specs = []
    for n, (chunk, day) in enumerate(zip(chunks, days, strict=True)):
        last = n == len(chunks) - 1
        steps = [s for _c, s in chunk]
        kind = kind_of(chunk, first_conversation=n == 0)
        setting = choose_setting(kind, story.resident, rng)
        # Whoever usually comes along mostly does, except on the phone.
        participants = [m for m in joining if setting != Setting.PHONE and rng.random() < 0.8]
        if closing and last:
            agreements = [
                AgreementSpec(o, story.say(w), day + timedelta(days=7))
                for o, w in CLOSING_AGREEMENTS
            ]
        else:
            agreements = compose_agreements(story, steps[-1], day, participants, rng)
        mark_done(agreements, day, today, last=last, closed_on=closed_on, rng=rng)
        check_in, check_in_score = compose_check_in(story, setting, n == 0, rng)
        check_out, check_out_score = compose_check_out(story, steps[-1])
        specs.append(
            ConversationSpec(
                at=moment(day, rng.choice(TIMES)),
                kind=kind,
                setting=setting,
                steps=steps,
                check_in=check_in,
                check_in_score=check_in_score,
                told_decides_too=rng.random() < (0.9 if n == 0 else 0.8),
                report=compose_report(story, chunk, closing if last else ""),
                check_out=check_out,
                check_out_score=check_out_score,
                agenda=compose_agenda(story, steps, n == 0, rng),
                agreements=agreements,
                participants=participants,
                words=dict(story.words),
            )
        )
        if any(c > chunk[0][0] for c, _s in chunk):
            story.new_round()
    return specs


def planned_conversation(story, spec: TrajectorySpec, step: int, at: datetime, rng):
    """The next appointment, fitting the step the work is in now."""
    if spec.status == Trajectory.Status.PAUSED:
        return PlannedSpec(at, Kind.FOLLOW_UP, Setting.PHONE, PAUSED_AGENDA)
    if not spec.conversations:
        agenda = [(story.say(t), RaisedBy.CONSULTANT) for t in AGENDA[1][:3]]
        return PlannedSpec(at, Kind.INTAKE, Setting.OFFICE, agenda)
    last = spec.conversations[-1]
    if step == Trajectory.LAST_STEP:
        kind, pool = Kind.FOLLOW_UP, AGENDA_AFTER_EVALUATION
    else:
        kind = Kind.DIAGNOSIS if step == 1 else Kind.FOLLOW_UP
        # What is left of this step, then the next one: not what was just discussed.
        pool = [t for t in AGENDA[step] + AGENDA[step + 1] if t not in story.used]
    agenda = [(story.say(t), RaisedBy.CONSULTANT) for t in pool[:2]]
    if rng.random() < 0.25:  # added by the resident ahead of the conversation
        agenda.append((story.say(story.pick_one(RESIDENT_ITEMS)), RaisedBy.RESIDENT))
    setting = last.setting
    if setting == Setting.PHONE and rng.random() < 0.5:
        setting = Setting.OFFICE
    return PlannedSpec(at, kind, setting, agenda)


def earlier_trajectory(resident, network, scenario: Scenario, today: date, rng) -> TrajectorySpec:
    """A trajectory that went through all seven steps and was closed months ago."""
    story = Story(resident, network, rng, goal=EARLIER_GOAL, choice=CHOICE_FOR[scenario.earlier])
    last = workday_on_or_before(today - timedelta(days=rng.randint(230, 270)))
    days = conversation_days(last, 5, rng)
    closed_on = workday_on_or_after(last + timedelta(days=rng.randint(5, 10)))
    chunks = split_path(path_to(1, Trajectory.LAST_STEP), 5, rng)
    conversations = compose_conversations(
        story, chunks, days, today, rng, closed_on=closed_on, closing=scenario.note
    )
    return TrajectorySpec(
        started_on=workday_on_or_before(days[0] - timedelta(days=rng.randint(5, 14))),
        conversations=conversations,
        status=Trajectory.Status.CLOSED,
        outcome=scenario.earlier,
        closed_on=closed_on,
    )


def current_trajectory(story: Story, scenario: Scenario, today: date, diary, rng):
    """The trajectory as it stands today, with its conversations up to the last contact."""
    path = path_to(scenario.cycle, scenario.step)
    count = min(len(path), conversation_count(scenario.cycle, scenario.step, rng))
    last = workday_on_or_before(today - timedelta(days=scenario.last_contact or rng.randint(2, 21)))
    days = conversation_days(last, count, rng)
    spec = TrajectorySpec(
        started_on=workday_on_or_before(days[0] - timedelta(days=rng.randint(5, 14))),
        conversations=[],
    )
    if scenario.closed:
        spec.status, spec.outcome = Trajectory.Status.CLOSED, scenario.closed
        spec.closed_on = workday_on_or_after(last + timedelta(days=rng.randint(3, 6)))
    elif scenario.paused:
        spec.status = Trajectory.Status.PAUSED
    spec.conversations = compose_conversations(
        story,
        split_path(path, count, rng),
        days,
        today,
        rng,
        closed_on=spec.closed_on,
        closing=scenario.note if scenario.closed else "",
    )
    for conversation in spec.conversations:  # keep the diary free of double bookings
        local = timezone.localtime(conversation.at)
        conversation.at = diary.book(local.date(), local.time())
    if scenario.restart:
        first = spec.conversations[0]
        first.report = f"{scenario.restart} {first.report}"
    if scenario.paused:
        pause_in_last_conversation(spec.conversations[-1], scenario, today, rng)
    if scenario.overdue:
        overdue_in_last_conversation(story, spec.conversations[-1], scenario, today, rng)
    return spec


def pause_in_last_conversation(final: ConversationSpec, scenario, today: date, rng) -> None:
    final.report += " " + scenario.note
    last = timezone.localdate(final.at)
    due = max(last + timedelta(days=42), today + timedelta(days=rng.randint(5, 15)))
    final.agreements.append(AgreementSpec(Owner.CONSULTANT, PAUSE_AGREEMENT, due))


def overdue_in_last_conversation(story, final: ConversationSpec, scenario, today, rng) -> None:
    last = timezone.localdate(final.at)
    while len(final.agreements) < scenario.overdue:
        what = story.say(story.pick_one(RESIDENT_AGREEMENTS[final.steps[-1]]))
        final.agreements.append(AgreementSpec(Owner.RESIDENT, what, last))
    make_overdue(final.agreements, last, today, scenario.overdue, rng)


def generated_specs(resident, network, scenario: Scenario, planned_day, today, diary, rng):
    earlier = scenario.earlier
    specs = [earlier_trajectory(resident, network, scenario, today, rng)] if earlier else []
    story = Story(resident, network, rng, choice=CHOICE_FOR.get(scenario.closed, ""))
    if scenario.intake_only:
        started = workday_on_or_before(today - timedelta(days=rng.randint(3, 8)))
        spec = TrajectorySpec(started_on=started, conversations=[])
    else:
        spec = current_trajectory(story, scenario, today, diary, rng)
    if rng.random() < 0.1:  # now and then an item does not apply
        spec.not_applicable = [rng.choice(NOT_APPLICABLE)]
    if planned_day is not None:
        not_before = timezone.now() + timedelta(minutes=30)
        at = diary.book(planned_day, rng.choice(Diary.SLOTS), not_before=not_before)
        spec.planned = planned_conversation(story, spec, scenario.step, at, rng)
    return [*specs, spec]


# --- The caseload --------------------------------------------------------------

# Working days from today of the next appointments, handed out per consultant:
# a full day today and tomorrow, the rest spread over the coming two weeks.
PLANNED_DAYS = [0, 0, 0, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9]


def plan_appointments(residents: list[Resident], scenarios: dict, rng) -> dict:
    """Which working day each resident's next conversation falls on, for a whole caseload."""
    waiting = [
        r
        for r in residents
        if scenarios[r.pk].step and scenarios[r.pk].planned and not scenarios[r.pk].closed
    ]
    rng.shuffle(waiting)
    return {r.pk: PLANNED_DAYS[i % len(PLANNED_DAYS)] for i, r in enumerate(waiting)}


def build_casework(users: dict[str, User], newcomers: list[Newcomer]) -> int:
    """Register the new residents and give everyone without a trajectory their case work;
    returns how many got it."""
    today = timezone.localdate()
    method = Method()
    training = json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]
    caseload_rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
    built = 0
    for consultant in sorted(
        (u for u in users.values() if u.is_consultant), key=lambda u: u.username
    ):
        diary = Diary(consultant)
        # Who is there already (`None`: their network is in the database), and who is new.
        residents = [(r, None) for r in consultant.caseload.all()]
        residents += [(r, n) for r, n in newcomers if r.consultant_id == consultant.pk]
        residents.sort(key=lambda case: (case[0].last_name, case[0].first_name, case[0].pk.hex))
        hand_written = {
            (e["first_name"], e["last_name"]): e
            for e in training
            if e["consultant"] == consultant.username
        }
        # A resident added to the caseload fixture later still gets a step, the same every run.
        scenarios = {
            r.pk: SCENARIOS.get(r.full_name, Scenario(step=(len(r.last_name) % 7) + 1))
            for r, _n in residents
        }
        planned_days = plan_appointments(
            [r for r, _n in residents if (r.first_name, r.last_name) not in hand_written],
            scenarios,
            caseload_rng,
        )
        # The training cases first, so their hand-picked times are free in the diary.
        residents.sort(key=lambda case: (case[0].first_name, case[0].last_name) not in hand_written)
        for resident, network in residents:
            new = resident._state.adding
            if not new and resident.trajectories.exists():
                continue
            if network is None:
                network = list(resident.network.all())
            # A generator per resident: the same case work whoever else is skipped.
            rng = random.Random(f"{SEED}/{resident.full_name}")  # noqa: S311
            entry = hand_written.get((resident.first_name, resident.last_name))
            if entry:
                specs = training_specs(entry, network, today, diary)
            elif scenarios[resident.pk].step is None:
                if new:  # just registered: nothing yet
                    services.register_resident(
                        resident=resident, network=network, consultant=consultant
                    )
                continue
            else:
                day = planned_days.get(resident.pk)
                planned_day = nth_workday(today, day) if day is not None else None
                specs = generated_specs(
                    resident, network, scenarios[resident.pk], planned_day, today, diary, rng
                )
            write_case(resident, network, specs, method, rng)
            built += 1
    return built


# --- Step 2: the personal situation --------------------------------------------
#
# Built in its own pass, for every trajectory in or past step 2 that has no life
# domains yet: a second run adds nothing, and a demo database made before step 2
# existed gets them too. The three training cases are written by hand in the
# fixture ("situation"); everyone else gets them from the sentences below.

# (situation, wish, limits, helps, phase) per life domain other than work.
DOMAIN_PROFILES = {
    "wonen": [
        (
            "Huurt een kleine flat in Arnhem-Noord.",
            "Blijven wonen waar {naam} nu woont.",
            "",
            "Een buurvrouw die een oogje in het zeil houdt.",
            "behouden",
        ),
        (
            "Woont tijdelijk bij familie; de woning is te klein.",
            "Een eigen woning, dichtbij de school van de kinderen.",
            "De wachttijd voor een sociale huurwoning.",
            "Een urgentieaanvraag, samen ingediend.",
            "verkrijgen",
        ),
        ("Woont met het gezin in een eengezinswoning.", "", "", "", "behouden"),
    ],
    "leren": [
        (
            "Heeft de opleiding niet afgemaakt; geen diploma.",
            "Een diploma halen, met een praktijkdeel.",
            "Lang stilzitten en toetsen.",
            "Leren in de praktijk, met een vaste begeleider.",
            "verkennen",
        ),
        (
            "Volgt een taalcursus op niveau A2, twee ochtenden per week.",
            "Op niveau B1 komen.",
            "Weinig tijd om thuis te oefenen.",
            "Praten met de buren en op het werk.",
            "verkrijgen",
        ),
        (
            "Heeft een mbo-diploma uit het land van herkomst; nog niet erkend.",
            "Het diploma laten waarderen.",
            "",
            "Het loket van het Nuffic, samen bekeken.",
            "kiezen",
        ),
    ],
    "dagbesteding": [
        (
            "Wandelt elke ochtend met de hond; verder weinig om handen.",
            "Iets nuttigs doen met de dagen.",
            "",
            "Een vast ritme.",
            "verkennen",
        ),
        (
            "Doet twee ochtenden vrijwilligerswerk bij de voedselbank.",
            "Dit blijven doen, ook als er werk bij komt.",
            "",
            "De collega's daar.",
            "behouden",
        ),
        (
            "Zorgt overdag voor de kinderen en een zieke ouder.",
            "Een paar uur per week iets voor zichzelf.",
            "De zorg laat weinig tijd over.",
            "Een mantelzorgmaatje dat af en toe overneemt.",
            "verkennen",
        ),
    ],
    "contacten": [
        (
            "Heeft een paar goede vrienden en ziet de familie vaak.",
            "",
            "",
            "Die vrienden.",
            "behouden",
        ),
        (
            "Weinig contacten sinds de verhuizing naar Arnhem.",
            "Mensen leren kennen in de buurt.",
            "Het is spannend om ergens alleen binnen te stappen.",
            "Een activiteit in het buurthuis, eerst samen met iemand.",
            "verkennen",
        ),
        (
            "Contact met de familie is moeizaam; steun vooral van één vriendin.",
            "Dat de band met de familie beter wordt.",
            "Oude ruzies.",
            "Die ene vriendin.",
            "verkennen",
        ),
    ],
    "financien": [
        (
            "Heeft schulden; er loopt een traject bij de schuldhulpverlening.",
            "Schuldenvrij worden.",
            "Post openen is eng.",
            "Een budgetcoach die meekijkt, elke twee weken.",
            "verkrijgen",
        ),
        (
            "Komt rond met de uitkering, maar er is weinig ruimte.",
            "Een eigen inkomen, zodat er wat overblijft.",
            "",
            "Een vast weekbudget.",
            "behouden",
        ),
        (
            "Is bang om er met werk op achteruit te gaan.",
            "Zeker weten dat werken loont.",
            "Onzekerheid over toeslagen.",
            "Een berekening samen met de inkomensconsulent.",
            "kiezen",
        ),
    ],
    "gezondheid": [
        (
            "Rugklachten; lang staan en tillen lukt niet.",
            "Werk waarbij afwisselen kan.",
            "Pijn na een lange dag.",
            "Fysiotherapie, één keer per week.",
            "behouden",
        ),
        (
            "Slaapt slecht sinds een moeilijke periode; staat onder behandeling bij de huisarts.",
            "Weer uitgerust zijn.",
            "Piekeren.",
            "Bewegen en een vast ritme.",
            "verkennen",
        ),
        ("Geen klachten; sport twee keer per week.", "", "", "Het sporten.", "behouden"),
    ],
}
WORK_SITUATIONS = [
    "Al een paar jaar zonder werk; werkte eerder in de schoonmaak.",
    "Werkte tot vorig jaar via een uitzendbureau in een magazijn; het contract is niet verlengd.",
    "Heeft nooit lang op één plek gewerkt; wel veel losse klussen gedaan.",
    "Werkt acht uur per week in een winkel en wil meer uren.",
]
WORK_LIMITS = ["{rem}", "Weinig werkervaring in Nederland.", "Eerdere afwijzingen."]
WORK_HELPS = [
    "{energie}",
    "Een werkgever die tijd neemt om in te werken.",
    "Het netwerk van de familie.",
]
WANTING = [
    "{naam} wil graag {doel}, vooral voor {waarom}.",
    "{naam} wil op weg naar {doel}; {waarom} is de belangrijkste reden.",
]
ABLE = [
    "{naam} krijgt energie van {energie}. Lastig is nu {rem}.",
    "{naam} is betrouwbaar en leert snel in de praktijk; {rem} maakt het nu moeilijker.",
]
PICTURES = [
    "{naam} wil {doel} en heeft daar zin in. Met {energie} komt {naam} in beweging; {rem} "
    "vraagt aandacht. Stap voor stap, met een duidelijk plan, lijkt dit haalbaar.",
    "{naam} is gemotiveerd en weet goed wat er nodig is. Het doel is {doel}. Er is zorg om "
    "{rem}; {energie} geeft energie.",
]
REACTIONS = {
    "ja": ["'Ja, zo is het.'", "'Dat heb je goed opgeschreven.'"],
    "deels": ["'Klopt, alleen ben ik minder onzeker dan het lijkt.'"],
    "nee": ["'Zo zie ik het niet. Het ligt niet aan mij maar aan de regels.'"],
}


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def situation_fields(story: Story, trajectory: Trajectory, rng) -> tuple[dict, dict]:
    """Life domains and the picture for a generated resident."""
    work_phase = "kiezen" if trajectory.current_step <= 4 and trajectory.cycle == 1 else "verkennen"
    domains = {
        "werk": {
            "situation": story.say(rng.choice(WORK_SITUATIONS)),
            "wish": first_upper(story.say("{doel}")) + ".",
            "limits": first_upper(story.say(rng.choice(WORK_LIMITS))),
            "helps": first_upper(story.say(rng.choice(WORK_HELPS))),
            "phase": work_phase,
        }
    }
    for domain in rng.sample(sorted(DOMAIN_PROFILES), rng.randint(2, 4)):
        situation, wish, limits, helps, phase = rng.choice(DOMAIN_PROFILES[domain])
        domains[domain] = {
            "situation": situation,
            "wish": story.say(wish),
            "limits": limits,
            "helps": helps,
            "phase": phase,
        }
    recognised = rng.choice(["ja", "ja", "ja", "deels", "nee"])
    picture = {
        "wanting": story.say(rng.choice(WANTING)),
        "able": story.say(rng.choice(ABLE)),
        "picture": story.say(rng.choice(PICTURES)),
        "recognised": recognised,
        "reaction": rng.choice(REACTIONS[recognised]),
    }
    return domains, picture


def step_two_moment(trajectory: Trajectory) -> datetime | None:
    """When step 2 was worked on: just before the move to step 3, or in the last conversation."""
    moved_on = (
        trajectory.step_changes.filter(from_step=2, to_step=3, cycle=1)
        .order_by("changed_at")
        .first()
    )
    if moved_on:
        return moved_on.changed_at - timedelta(minutes=10)
    last = trajectory.conversations.filter(status=Conversation.Status.HELD).first()
    return last.held_at + timedelta(minutes=45) if last else None


def write_situation(trajectory: Trajectory, domains: dict, picture: dict | None, at) -> None:
    """Step 2 as the consultant filled it in: a domain a minute, then the picture."""
    by = trajectory.resident.consultant
    for n, (domain, values) in enumerate(domains.items()):
        part = LifeDomain(trajectory=trajectory, domain=domain)
        services.save_situation(
            part=part, values=values, seen=0, by=by, at=at + timedelta(minutes=n)
        )
    if picture:
        part = PersonalSituation(trajectory=trajectory)
        services.save_situation(
            part=part, values=picture, seen=0, by=by, at=at + timedelta(minutes=8)
        )


def build_situations() -> int:
    """Give each trajectory in or past step 2 without life domains its personal situation;
    returns how many got one.

    Past step 2 a trajectory has its domains and ons beeld; one in step 2 now
    has only a few domains so far. Where the work went on to step 5, the work
    domain's phase moved on to verkrijgen when it did.
    """
    training = {
        (e["first_name"], e["last_name"]): e["situation"]
        for e in json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]
    }
    trajectories = (
        Trajectory.objects.filter(life_domains__isnull=True)
        .filter(Q(current_step__gte=2) | Q(cycle__gt=1) | Q(status=Trajectory.Status.CLOSED))
        .select_related("resident__consultant")
        .order_by("resident__last_name", "resident__first_name", "started_on")
    )
    built = 0
    for trajectory in trajectories:
        at = step_two_moment(trajectory)
        if at is None:
            continue
        resident = trajectory.resident
        rng = random.Random(f"{SEED}/stap-2/{resident.full_name}/{trajectory.status}")  # noqa: S311
        in_step_two = trajectory.current_step == 2 and trajectory.cycle == 1
        hand_written = training.get((resident.first_name, resident.last_name))
        if hand_written and trajectory.is_open:
            picture = {k: v for k, v in hand_written.items() if k != "domains"}
            write_situation(trajectory, hand_written["domains"], picture, at)
        else:
            story = Story(resident, resident.network.all(), rng)
            domains, picture = situation_fields(story, trajectory, rng)
            if in_step_two:
                domains, picture = dict(list(domains.items())[:3]), None
            write_situation(trajectory, domains, picture, at)
            to_five = trajectory.step_changes.filter(from_step=4, to_step=5, cycle=1).first()
            if to_five:
                work = LifeDomain.objects.get(trajectory=trajectory, domain="werk")
                services.save_situation(
                    part=work,
                    values={"phase": LifeDomain.Phase.GETTING},
                    seen=work.version,
                    by=resident.consultant,
                    at=to_five.changed_at,
                )
        built += 1
    return built
