"""Synthetic history to measure the resident's rights on (manage.py bench --inzage and
--retention): one resident with ten years of case work, and thousands of closed
trajectories past their retention. Bulk inserts; the bench rolls them back."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cases.logbook.models import Action, ObjectKind
from cases.logbook.services import note
from cases.models import Action as PlanAction
from cases.models import (
    AgendaItem,
    Agreement,
    Conversation,
    Decision,
    Goal,
    LifeDomain,
    MotivationRecord,
    Option,
    Plan,
    Resident,
    Trajectory,
    User,
)

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
        Agreement(conversation=c, owner="inwoner", what="Bellen met de werkplaats") for c in held
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
    Agreement.objects.bulk_create(
        Agreement(conversation=c, owner="inwoner", what="Cv sturen") for c in held
    )
    return trajectories
