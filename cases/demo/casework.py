"""The case work of the demo caseload: trajectories, conversations, agreements and ticks.

`manage.py demo` calls `build_casework` inside its transaction with the
residents that are new (cases.demo.residents). A resident's case work is built
only while the resident has no trajectory, so a second run adds nothing.

The three training cases (Johan, Emma, Richard) are written by hand in
fixtures/demo/training_cases.json, their step 2 too (cases.demo.situation).
Everyone else gets case work generated from a scenario and the sentences in
fixtures/demo/ (cases.demo.stories). Everything is deterministic except the
dates, which are counted back from today so the demo always looks like this week.

What happens is decided first (the specs, and which checklist items are
ticked), then written through the same services the views use, each with
`at=` the moment it happened (cases.demo.writer): the resident's registration,
trajectories, conversations with their agenda and agreements, agreements done,
step moves, new rounds, ticks and the plan. So the timeline reads like months
of work, recorded the way the application records it.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from cases import services
from cases.models import NetworkMember, Resident, User

from .calendar import Diary, clock, nth_workday, workday_on_or_after, workday_on_or_before
from .data import load
from .residents import Newcomer
from .specs import AgreementSpec, ConversationSpec, PlannedSpec, TrajectorySpec
from .stories import SCENARIOS, SEED, Scenario, generated_specs
from .writer import Method, write_case

# --- The training cases, written by hand -------------------------------------


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
    training = load("training_cases")["cases"]
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
