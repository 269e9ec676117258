"""Synthetic history to measure on: one resident with ten years of case work and
thousands of closed trajectories past their retention (manage.py bench --inzage and
--retention, rolled back after), and a whole team with five years of history (bench
--scale N, kept). Bulk inserts through the models."""

import random
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from cases.facts import keep_contact_facts
from cases.logbook.models import AccessLogEntry, Action, ObjectKind, Result
from cases.logbook.services import Noted, note, write
from cases.models import Action as PlanAction
from cases.models import (
    AgendaItem,
    Agreement,
    Conversation,
    Decision,
    Evaluation,
    Goal,
    LifeDomain,
    MotivationRecord,
    Option,
    Plan,
    Resident,
    Team,
    Tick,
    Trajectory,
    User,
)
from steps.models import ChecklistItemWording

SENTENCE = (
    "We spraken over werk, over de dagen thuis en over wat hij zelf wil proberen; "
    "hij vertelde over de werkplaats en wat hem daar trots maakte."
)


def ten_years_of(consultant: User, *, conversations=200, plans=5, looks=2000) -> Resident:
    """A resident of `consultant` with ten years of history: five trajectories, each with
    its plan (goal, three options, a decision, actions), `conversations` conversations
    with agenda and agreements, life domains, measurements and `looks` rows in the log."""
    rng = random.Random(10)  # noqa: S311 - the same history every run, not a secret
    zone = timezone.get_current_timezone()
    start = timezone.localdate() - timedelta(days=3650)
    resident = Resident.objects.create(
        consultant=consultant,
        first_name="Tien",
        last_name="Jaren",
        date_of_birth=date(1975, 5, 5),
        notes=SENTENCE,
    )
    trajectories = [
        Trajectory.objects.create(
            resident=resident,
            started_by=consultant,
            started_on=start + timedelta(days=730 * i),
            status="afgesloten" if i < plans - 1 else "actief",
            outcome="anders" if i < plans - 1 else "",
            closed_on=start + timedelta(days=730 * i + 700) if i < plans - 1 else None,
            current_step=7 if i < plans - 1 else 4,
        )
        for i in range(plans)
    ]
    held = Conversation.objects.bulk_create(
        Conversation(
            trajectory=trajectories[k * plans // conversations],
            created_by=consultant,
            held_at=datetime.combine(start + timedelta(days=18 * k), time(10), zone),
            kind="vervolggesprek",
            setting=rng.choice(["kantoor", "huisbezoek", "telefonisch"]),
            check_in="Het gaat redelijk, de week was druk.",
            check_in_score=rng.randint(3, 9),
            told_decides_too=True,
            report=SENTENCE,
            check_out="Opgelucht.",
            check_out_score=rng.randint(4, 9),
        )
        for k in range(conversations)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(conversation=c, text="Hoe gaat het met de stage?", position=1) for c in held
    )
    Agreement.objects.bulk_create(
        Agreement(
            conversation=c, resident=resident, owner="inwoner", what="Bellen met de werkplaats"
        )
        for c in held
    )
    for trajectory in trajectories:
        plan = Plan.objects.create(trajectory=trajectory)
        Goal.objects.create(
            plan=plan, in_own_words="Ik wil weer met hout werken", position=1, created_by=consultant
        )
        options = Option.objects.bulk_create(
            Option(plan=plan, cycle=1, title=f"Mogelijkheid {n}", pros=SENTENCE, position=n)
            for n in range(3)
        )
        Decision.objects.create(
            plan=plan,
            cycle=1,
            option=options[0],
            in_own_words="Ik kies de werkplaats",
            decided_on=trajectory.started_on + timedelta(days=60),
            evaluation_on=trajectory.started_on + timedelta(days=240),
            decided_by=consultant,
        )
        PlanAction.objects.bulk_create(
            PlanAction(plan=plan, cycle=1, owner="inwoner", what="Aanmelden", due_on=date.today())  # noqa: DTZ011
            for _ in range(3)
        )
        LifeDomain.objects.bulk_create(
            LifeDomain(trajectory=trajectory, domain=d, situation=SENTENCE, updated_by=consultant)
            for d in ("werk", "wonen", "financien")
        )
        MotivationRecord.objects.create(
            trajectory=trajectory, drives=SENTENCE, importance=7, recorded_by=consultant
        )
    for k in range(looks):
        note(
            None,
            kind=ObjectKind.RESIDENT,
            object_id=resident.pk,
            resident_id=resident.pk,
            action=Action.READ,
            user=consultant,
            at=datetime.combine(start + timedelta(days=k * 3650 // looks), time(9), zone),
            purpose="cases:resident",
        )
    keep_contact_facts(trajectory_ids=[t.pk for t in trajectories])
    return resident


def closed_long_ago(consultant: User, count: int) -> list[Trajectory]:
    """`count` residents of `consultant`, each with one trajectory closed eleven years ago
    (past a ten-year retention) with two conversations and an agreement each."""
    closed_on = timezone.localdate() - timedelta(days=11 * 365)
    residents = Resident.objects.bulk_create(
        Resident(
            consultant=consultant,
            first_name="Oud",
            last_name=str(n),
            date_of_birth=date(1960 + n % 40, 1 + n % 12, 1 + n % 28),
        )
        for n in range(count)
    )
    trajectories = Trajectory.objects.bulk_create(
        Trajectory(
            resident=resident,
            started_by=consultant,
            started_on=closed_on - timedelta(days=400),
            status="afgesloten",
            outcome="werk",
            closed_on=closed_on,
            destroy_on=closed_on + timedelta(days=3650),
        )
        for resident in residents
    )
    zone = timezone.get_current_timezone()
    held = Conversation.objects.bulk_create(
        Conversation(
            trajectory=trajectory,
            created_by=consultant,
            held_at=datetime.combine(closed_on - timedelta(days=100 * k), time(10), zone),
            kind="vervolggesprek",
            setting="kantoor",
            told_decides_too=k == 0,
            check_in_score=6,
        )
        for trajectory in trajectories
        for k in range(2)
    )
    resident_of = {t.pk: t.resident_id for t in trajectories}
    Agreement.objects.bulk_create(
        Agreement(
            conversation=c,
            resident_id=resident_of[c.trajectory_id],
            owner="inwoner",
            what="Cv sturen",
        )
        for c in held
    )
    keep_contact_facts(trajectory_ids=[t.pk for t in trajectories])
    return trajectories


SCALE_TEAM = "Schaalteam (synthetisch)"
SCALE_LEAD = "schaal-teamleider"
SCALE_DAYS = 5 * 365
SCALE_PRIVACY_OFFICER = "schaal-privacy"
# Rows a consultant leaves in the access log on a working day: a login and a logout, and
# every file, trajectory and conversation fetched, each change, print and search (six
# conversations a day, each with its preparation, the steps, ticks and the plan).
LOG_ROWS_PER_DAY = 100
# What those rows did, and how often in a hundred.
LOG_MIX = [
    (Action.READ, ObjectKind.RESIDENT, "cases:resident", 30),
    (Action.READ, ObjectKind.TRAJECTORY, "cases:step", 20),
    (Action.READ, ObjectKind.TRAJECTORY, "cases:plan", 10),
    (Action.READ, ObjectKind.CONVERSATION, "cases:conversation", 12),
    (Action.CHANGE, ObjectKind.TRAJECTORY, "cases:tick", 12),
    (Action.CREATE, ObjectKind.CONVERSATION, "cases:conversation_create", 6),
    (Action.CHANGE, ObjectKind.AGREEMENT, "cases:agreement_done", 4),
    (Action.PRINT, ObjectKind.DOCUMENT, "cases:agreements_pdf", 3),
    (Action.SEARCH, ObjectKind.LIST, "cases:residents", 3),
]


def scale_consultant(lead: User) -> User:
    """The scale team's first consultant: the caseload, dossier and plan measured."""
    return User.objects.filter(team=lead.team, role=User.Role.CONSULTANT).order_by("pk").first()


def five_years(consultants: int, *, residents=60, conversations=100, log_rows_per_day=0) -> User:
    """The lead of a team of `consultants` consultants with `residents` residents each and
    about `conversations` conversations per resident over five years (every 18 days or
    so), built once with bulk inserts, a consultant at a time in its own transaction: a
    second call finds the team (of whatever size) and leaves it as it is.

    Each resident had a trajectory that closed two years ago, with a plan, a decision
    and an evaluation; most have an open one since then, at any step and round, its
    checklist ticked up to its step, from step 4 a plan and from step 6 a decision. Two
    agreements a conversation, the last few still open (some past their date); one
    resident in ten has not been seen for months, one in two has a conversation planned.
    """
    team, created = Team.objects.get_or_create(name=SCALE_TEAM)
    if not created:
        return User.objects.get(username=SCALE_LEAD)
    lead = User.objects.create(username=SCALE_LEAD, role=User.Role.TEAM_LEAD, team=team)
    wordings = {}  # step number -> [(item id, wording id)] of its active items
    for item, wording, number in (
        ChecklistItemWording.objects.filter(
            item__retired_at=None, item__step__number__gte=Trajectory.FIRST_STEP
        )
        .order_by("item", "-since", "-pk")
        .values_list("item", "pk", "item__step__number")
    ):
        items = wordings.setdefault(number, [])
        if not any(known == item for known, _ in items):
            items.append((item, wording))  # the newest wording comes first
    for c in range(consultants):
        with transaction.atomic():
            person = User.objects.create(
                username=f"schaal-consulent-{c}",
                first_name="Consulent",
                last_name=f"S{c}",
                role=User.Role.CONSULTANT,
                team=team,
            )
            _caseload_of(person, c, residents, conversations, wordings)
    User.objects.create(username=SCALE_PRIVACY_OFFICER, role=User.Role.PRIVACY_OFFICER)
    if log_rows_per_day:
        access_log_of(team, log_rows_per_day)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics for the planner
    return lead


def _caseload_of(person, c, residents, conversations, wordings):
    rng = random.Random(c)  # noqa: S311 - the same history every run, not a secret
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    now = timezone.now()
    start = today - timedelta(days=SCALE_DAYS)
    switch = today - timedelta(days=2 * 365)  # the first trajectory closed, the second began
    people = Resident.objects.bulk_create(
        Resident(
            consultant=person,
            first_name=rng.choice(["Anna", "Bram", "Chantal", "Dirk", "Eva", "Fatma", "Gert"]),
            last_name=f"Schaal {c}-{r}",
            date_of_birth=date(1965 + r % 35, 1 + r % 12, 1 + r % 28),
            created_at=datetime.combine(start, time(9), zone),
        )
        for r in range(residents)
    )
    closed = Trajectory.objects.bulk_create(
        Trajectory(
            resident=resident,
            started_by=person,
            started_on=start,
            status=Trajectory.Status.CLOSED,
            outcome="werk",
            closed_on=switch,
            destroy_on=switch + timedelta(days=3650),
            current_step=7,
        )
        for resident in people
    )
    current = Trajectory.objects.bulk_create(
        Trajectory(
            resident=resident,
            started_by=person,
            started_on=switch,
            status=Trajectory.Status.PAUSED if r % 13 == 0 else Trajectory.Status.ACTIVE,
            current_step=1 + r % 7,
            cycle=1 + r % 3 if 1 + r % 7 >= Trajectory.NEW_ROUND_STEP else 1,
        )
        for r, resident in enumerate(people)
        if r % 10 != 9  # one in ten has only the closed trajectory
    )
    by_resident = {t.resident_id: t for t in current}
    held = []
    for r, resident in enumerate(people):
        open_one = by_resident.get(resident.pk)
        # One in ten not seen for months (and not again): their history ends earlier.
        last = today - timedelta(days=120 if r % 10 == 3 else rng.randint(1, 20))
        every = (last - start).days / conversations
        for k in range(conversations):
            day = start + timedelta(days=round(k * every))
            trajectory = open_one if open_one and day >= switch else closed[r]
            held.append(
                Conversation(
                    trajectory=trajectory,
                    created_by=person,
                    status=Conversation.Status.HELD,
                    held_at=datetime.combine(day, time(9 + k % 7), zone),
                    kind="intake" if k == 0 else "vervolggesprek",
                    setting=rng.choice(["kantoor", "huisbezoek", "telefonisch"]),
                    check_in_score=rng.randint(3, 9) if k % 3 else None,
                    check_out_score=rng.randint(4, 10) if k % 3 else None,
                    told_decides_too=rng.random() < 0.8,
                    report=SENTENCE,
                    created_at=datetime.combine(day, time(17), zone),
                )
            )
        if open_one and r % 2 == 0:
            held.append(
                Conversation(
                    trajectory=open_one,
                    status=Conversation.Status.PLANNED,
                    created_by=person,
                    held_at=now + timedelta(days=1 + r % 20, hours=r % 5),
                    kind="vervolggesprek",
                    setting="kantoor",
                )
            )
    held = Conversation.objects.bulk_create(held, batch_size=2000)
    Agreement.objects.bulk_create(
        (
            Agreement(
                conversation=conversation,
                resident_id=conversation.trajectory.resident_id,
                owner="inwoner" if n == 0 else "consulent",
                what="Cv sturen naar de werkgever" if n == 0 else "Bellen met de werkplaats",
                due_on=conversation.held_at.date() + timedelta(days=14),
                # The last month's are open: some of them past their date.
                done_on=None
                if conversation.held_at.date() > today - timedelta(days=30)
                else conversation.held_at.date() + timedelta(days=10),
            )
            for conversation in held
            if conversation.status == Conversation.Status.HELD
            for n in range(2)
        ),
        batch_size=5000,
    )
    ticks = []
    for trajectory in [*closed, *current]:
        for cycle in range(1, trajectory.cycle + 1):
            for number in range(Trajectory.FIRST_STEP, trajectory.current_step + 1):
                if cycle > 1 and number < Trajectory.NEW_ROUND_STEP:
                    continue
                ticks.extend(
                    Tick(
                        trajectory=trajectory,
                        item_id=item,
                        wording_id=wording,
                        cycle=cycle,
                        ticked_by=person,
                        ticked_at=datetime.combine(trajectory.started_on, time(12), zone),
                    )
                    for item, wording in wordings.get(number, [])
                )
    Tick.objects.bulk_create(ticks, batch_size=5000)
    planned = [t for t in [*closed, *current] if t.current_step >= 4]
    plans = Plan.objects.bulk_create(Plan(trajectory=t) for t in planned)
    Goal.objects.bulk_create(
        Goal(
            plan=plan,
            in_own_words="Ik wil weer met mijn handen werken",
            domain="werk",
            created_by=person,
        )
        for plan in plans
    )
    options = Option.objects.bulk_create(
        Option(
            plan=plan,
            cycle=plan.trajectory.cycle,
            title=f"Mogelijkheid {n}",
            pros=SENTENCE,
            cons="Vroeg op",
            position=n,
        )
        for plan in plans
        for n in range(1, 4)
    )
    chosen = {o.plan_id: o for o in options if o.position == 1}
    decided = [p for p in plans if p.trajectory.current_step >= 6]
    for i, plan in enumerate(decided):
        trajectory = plan.trajectory
        on = max(trajectory.started_on + timedelta(days=90), today - timedelta(days=200 - i))
        if trajectory.status == Trajectory.Status.CLOSED:
            on = trajectory.started_on + timedelta(days=200 + i % 300)
        plan.decided_on = on
    Decision.objects.bulk_create(
        Decision(
            plan=plan,
            cycle=plan.trajectory.cycle,
            option=chosen[plan.pk],
            in_own_words="Ik kies de werkplaats" if i % 4 else "",
            enough_information="ja",
            satisfaction="tevreden",
            options_weighed=1 + i % 3,
            decided_on=plan.decided_on,
            evaluation_on=plan.decided_on + timedelta(days=120),
            decided_by=person,
        )
        for i, plan in enumerate(decided)
    )
    PlanAction.objects.bulk_create(
        PlanAction(
            plan=plan,
            cycle=plan.trajectory.cycle,
            owner="inwoner",
            what="Aanmelden bij de werkplaats",
            due_on=plan.decided_on + timedelta(days=30 * n),
            status=PlanAction.Status.OPEN if plan.trajectory.is_open else PlanAction.Status.DONE,
            position=n,
        )
        for plan in decided
        for n in range(1, 4)
    )
    Evaluation.objects.bulk_create(
        Evaluation(
            plan=plan,
            cycle=plan.trajectory.cycle,
            held_on=plan.decided_on + timedelta(days=120),
            what_changed=SENTENCE,
            how_it_helps=SENTENCE,
            next_step="afsluiten",
            evaluated_by=person,
        )
        for plan in decided
        if not plan.trajectory.is_open
    )
    keep_contact_facts(trajectory_ids=[t.pk for t in [*closed, *current]])


def access_log_of(team: Team, rows_per_day: int, days: int = SCALE_DAYS) -> None:
    """`days` (by default five years) of the team's consultants in the access log, in
    order of time as it is written, one working day at a time through the log's own
    `write()` (so the chain checks): each consultant logs in at half past eight, works on
    their residents till five and logs out. One day in thirty a consultant mistypes the
    password first, one in twenty opens a file in the evening."""
    rng = random.Random(13)  # noqa: S311 - the same log every run, not a secret
    consultants = list(User.objects.filter(team=team, role=User.Role.CONSULTANT).order_by("pk"))
    caseloads = {
        person.pk: list(
            Resident.objects.filter(consultant=person).order_by("pk").values_list("pk", flat=True)
        )
        for person in consultants
    }
    kinds = [mix[:3] for mix in LOG_MIX]
    weights = [mix[3] for mix in LOG_MIX]
    today = timezone.localdate()
    day = today - timedelta(days=days)
    while day < today:
        if day.weekday() < 5:
            rows = []
            for person in consultants:
                rows += _workday_in_the_log(
                    person, caseloads[person.pk], day, rows_per_day, kinds, weights, rng
                )
            rows.sort(key=lambda row: row.at)
            write([Noted(row) for row in rows])
        day += timedelta(days=1)


def _workday_in_the_log(
    person, caseload, day, rows_per_day, kinds, weights, rng
) -> list[AccessLogEntry]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time(8, 30), zone)

    def row(at, action, kind, purpose, *, resident=None, result=Result.ALLOWED):
        return AccessLogEntry(
            at=at,
            user_id=person.pk,
            role=person.role,
            action=action,
            object_kind=kind,
            object_id=str(resident or person.pk),
            resident_id=resident,
            result=result,
            client=f"10.20.{person.pk % 250}.{rng.randint(2, 250)}",
            request_id=f"{rng.getrandbits(128):032x}",
            purpose=purpose,
        )

    rows = []
    if rng.random() < 1 / 30:
        rows.append(
            row(start, Action.LOG_IN, ObjectKind.USER, "accounts:login", result=Result.FAILED)
        )
    rows.append(
        row(start + timedelta(seconds=20), Action.LOG_IN, ObjectKind.USER, "accounts:login")
    )
    for at in sorted(rng.uniform(60, 8.5 * 3600) for _ in range(rows_per_day - 2)):
        action, kind, purpose = rng.choices(kinds, weights)[0]
        resident = None if kind == ObjectKind.LIST else rng.choice(caseload)
        rows.append(row(start + timedelta(seconds=at), action, kind, purpose, resident=resident))
    if rng.random() < 1 / 20:
        evening = datetime.combine(day, time(20, rng.randint(0, 59)), zone)
        rows.append(
            row(
                evening,
                Action.READ,
                ObjectKind.RESIDENT,
                "cases:resident",
                resident=rng.choice(caseload),
            )
        )
    rows.append(
        row(
            start + timedelta(hours=8, minutes=40),
            Action.LOG_OUT,
            ObjectKind.USER,
            "accounts:logout",
        )
    )
    return rows
