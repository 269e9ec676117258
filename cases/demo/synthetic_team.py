"""A large synthetic team to measure the team lead's pages on (manage.py bench --team).

15 consultants with 60 residents each by default, every resident with an open
trajectory, a few conversations and agreements. Built with bulk inserts, once:
a second call finds the team and leaves it as it is.
"""

from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from cases.facts import keep_all_contact_facts
from cases.models import (
    Agreement,
    Conversation,
    Decision,
    Option,
    Plan,
    Resident,
    Team,
    Trajectory,
    User,
)

TEAM = "Meetteam (synthetisch)"
LEAD = "meet-teamleider"


@transaction.atomic
def synthetic_team(consultants: int = 15, residents: int = 60) -> User:
    """The synthetic team's lead, building the team first if it does not exist."""
    team, created = Team.objects.get_or_create(name=TEAM)
    if not created:
        return User.objects.get(username=LEAD)
    lead = User.objects.create(username=LEAD, role=User.Role.TEAM_LEAD, team=team)
    people = User.objects.bulk_create(
        User(
            username=f"meet-consulent-{i}",
            first_name="Consulent",
            last_name=str(i),
            role=User.Role.CONSULTANT,
            team=team,
        )
        for i in range(consultants)
    )
    now = timezone.now()
    caseload = Resident.objects.bulk_create(
        Resident(
            consultant=person,
            first_name="Inwoner",
            last_name=f"{c}-{r}",
            date_of_birth=date(1980 + r % 30, 1 + r % 12, 1 + r % 28),
        )
        for c, person in enumerate(people)
        for r in range(residents)
    )
    trajectories = Trajectory.objects.bulk_create(
        Trajectory(
            resident=resident,
            started_by=resident.consultant,
            current_step=1 + i % 7,
            status="gepauzeerd" if i % 11 == 0 else "actief",
        )
        for i, resident in enumerate(caseload)
    )
    conversations = Conversation.objects.bulk_create(
        Conversation(
            trajectory=trajectory,
            created_by=trajectory.started_by,
            held_at=now - timedelta(days=7 * k + i % 60),
            kind="vervolggesprek",
            setting="kantoor",
            told_decides_too=i % 5 != 0,
        )
        for i, trajectory in enumerate(trajectories)
        for k in range(3)
    )
    Agreement.objects.bulk_create(
        Agreement(
            conversation=conversation,
            resident_id=conversation.trajectory.resident_id,
            owner="inwoner",
            what="Afspraak",
            due_on=conversation.held_at.date() + timedelta(days=14),
            done_on=None if i % 4 == 0 else conversation.held_at.date(),
        )
        for i, conversation in enumerate(conversations)
    )
    # Trajectories from step 6 on have a plan with a decision; some evaluations are overdue.
    decided = [t for t in trajectories if t.current_step >= 6]
    plans = Plan.objects.bulk_create(Plan(trajectory=t) for t in decided)
    options = Option.objects.bulk_create(
        Option(plan=plan, cycle=1, title="Werkfit traject", pros="Ritme") for plan in plans
    )
    Decision.objects.bulk_create(
        Decision(
            plan=plan,
            cycle=1,
            option=option,
            in_own_words="Ik ga het proberen" if i % 3 else "",
            enough_information="ja",
            satisfaction="tevreden",
            evaluation_on=now.date() + timedelta(days=i % 40 - 10),
            options_weighed=1 + i % 3,
            decided_on=now.date() - timedelta(days=i % 150),
            decided_by=plan.trajectory.started_by,
        )
        for i, (plan, option) in enumerate(zip(plans, options, strict=True))
    )
    keep_all_contact_facts()
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner measures its guesses about an empty team.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return lead
