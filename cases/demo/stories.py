"""Everyone but the training cases: case work generated from a scenario and sentences.

A scenario per resident (fixtures/demo/scenarios.json) says where the work stands
today: step, round, paused, closed... A random generator seeded per resident
draws their story once (what they work towards, what gives them energy, what
holds them back, the options they weigh) and tells it in the conversations,
from the sentences in fixtures/demo/conversations.json. The result is specs
(cases.demo.specs), with dates counted back from today.
"""

import itertools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cases.models import AgendaItem, Agreement, Conversation, Resident, Trajectory

from .calendar import Diary, moment, workday_on_or_after, workday_on_or_before
from .data import by_step, load, scored
from .specs import AgreementSpec, ConversationSpec, PlannedSpec, TrajectorySpec

SEED = 2026

Kind = Conversation.Kind
Setting = Conversation.Setting
Owner = Agreement.Owner
RaisedBy = AgendaItem.RaisedBy


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


_SCENARIOS = load("scenarios")
# Every consultant has residents in each step 1-7; four have no trajectory yet.
SCENARIOS = {name: Scenario(**s) for name, s in _SCENARIOS["scenarios"].items()}
GOALS = _SCENARIOS["goals"]  # by first name: what they work towards ("op weg naar ...")
EARLIER_GOAL = _SCENARIOS["earlier_goal"]

# --- The sentences, from fixtures/demo/conversations.json ---------------------

TEXT = load("conversations")
ENERGY, HURDLES, REASONS, SUBGOALS, OPTIONS, OWN_WORDS, CHANGES = (
    TEXT["story"][part]
    for part in ("energy", "hurdles", "reasons", "sub_goals", "options", "own_words", "changes")
)
# What the resident said at check-in and check-out, with the number from 0 to 10 they gave.
CHECK_INS_FIRST = scored(TEXT["check_ins_first"])
CHECK_INS = scored(TEXT["check_ins"])
CHECK_INS_BY_SETTING = {s: (c["text"], c["score"]) for s, c in TEXT["check_ins_by_setting"].items()}
CHECK_OUTS = scored(TEXT["check_outs"])
CHECK_OUTS_LATER = scored(TEXT["check_outs_later"])
REPORTS = by_step(TEXT["reports"])
CONTINUED = by_step(TEXT["continued"])  # the last sentence when it moved on to a later step
NEW_ROUND = TEXT["new_round"]
CLOSING_REPORT = TEXT["closing_report"]
CLOSING_AGREEMENTS = [(a["owner"], a["what"]) for a in TEXT["closing_agreements"]]
CHOICE_FOR = TEXT["choice_for"]  # chosen in step 6 of a trajectory that ended so
AGENDA = by_step(TEXT["agenda"])
AGENDA_AFTER_EVALUATION = TEXT["agenda_after_evaluation"]
PAUSED_AGENDA = [(i["text"], i["raised_by"]) for i in TEXT["paused_agenda"]]
RESIDENT_ITEMS_FIRST = TEXT["resident_items_first"]
RESIDENT_ITEMS = TEXT["resident_items"]
RESIDENT_AGREEMENTS = by_step(TEXT["resident_agreements"])
CONSULTANT_AGREEMENTS = by_step(TEXT["consultant_agreements"])
# Step 1 asks to write the agreements down and share them the way the resident prefers.
SHARE_AGREEMENTS = TEXT["share_agreements"]
NETWORK_AGREEMENTS = TEXT["network_agreements"]  # by the network member's role
PAUSE_AGREEMENT = TEXT["pause_agreement"]
NOT_APPLICABLE = [(n["step"], n["item"], n["reason"]) for n in TEXT["not_applicable"]]

SETTINGS_BY_KIND = {
    Kind.INTAKE: [Setting.OFFICE] * 5 + [Setting.HOME_VISIT] * 3 + [Setting.ONLINE],
    Kind.DIAGNOSIS: [Setting.OFFICE] * 4 + [Setting.HOME_VISIT] * 3 + [Setting.WALK],
    Kind.FOLLOW_UP: [Setting.OFFICE] * 4
    + [Setting.HOME_VISIT, Setting.WALK, Setting.PHONE] * 2
    + [Setting.ONLINE],
    Kind.EVALUATION: [Setting.OFFICE] * 4 + [Setting.HOME_VISIT] * 2 + [Setting.ONLINE],
}
TIMES = [time(9, 0), time(9, 30), time(10, 30), time(11, 0), time(13, 30), time(14, 30)]


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
