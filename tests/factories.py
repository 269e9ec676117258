from datetime import date, timedelta

import factory
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases import services
from cases.facts import keep_contact_facts, keep_totals
from cases.models import (
    Action,
    Conversation,
    Decision,
    Goal,
    NetworkMember,
    Option,
    Plan,
    Resident,
    Team,
    Trajectory,
    User,
)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    role = User.Role.CONSULTANT
    team = factory.SubFactory(TeamFactory)
    password = factory.django.Password("geheim-wachtwoord-123")


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    consultant = factory.SubFactory(UserFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = date(1988, 3, 14)
    city = "Arnhem"


class NetworkMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMember

    resident = factory.SubFactory(ResidentFactory)
    name = factory.Faker("name", locale="nl_NL")
    role = NetworkMember.Role.CAREGIVER
    relation = "moeder"


class TrajectoryFactory(factory.django.DjangoModelFactory):
    """A trajectory started in step 1 by the resident's consultant, through
    services.start_trajectory, so it has the step change that starts it.

    Other fields (`current_step`, `status`, `cycle`) are then set directly, without the
    history a consultant's moves would leave: for lists and counts that only read them.
    """

    class Meta:
        model = Trajectory

    resident = factory.SubFactory(ResidentFactory)
    started_by = factory.LazyAttribute(lambda t: t.resident.consultant)

    @classmethod
    def _create(cls, model_class, *, resident, started_by, **fields):
        trajectory = services.start_trajectory(resident=resident, by=started_by)
        if fields:
            for name, value in fields.items():
                setattr(trajectory, name, value)
            trajectory.save(update_fields=list(fields))
        return trajectory


class ConversationFactory(factory.django.DjangoModelFactory):
    """A held conversation two days ago, logged by the resident's consultant."""

    class Meta:
        model = Conversation
        skip_postgeneration_save = True

    held_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    kind = Conversation.Kind.INTAKE
    setting = Conversation.Setting.OFFICE
    created_by = factory.LazyAttribute(lambda c: c.trajectory.resident.consultant)

    @factory.post_generation
    def contact_facts(conversation, create, extracted, **kwargs):
        """Kept as the services keep them (cases/facts.py): the lists read them."""
        if create:
            with transaction.atomic():  # as in a service: keep_totals locks till it ends
                keep_contact_facts(trajectory_ids=[conversation.trajectory_id])


class PlanFactory(factory.django.DjangoModelFactory):
    """The doel-actieplan of a trajectory: one per trajectory, so asking again gives the same."""

    class Meta:
        model = Plan
        django_get_or_create = ["trajectory"]

    trajectory = factory.SubFactory(TrajectoryFactory)


def consultant_of(part):
    return part.plan.trajectory.resident.consultant


class GoalFactory(factory.django.DjangoModelFactory):
    """Step 4: a goal for work, written down by the resident's consultant."""

    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    in_own_words = "Ik wil weer werken"
    domain = Goal.Domain.WORK
    created_by = factory.LazyAttribute(consultant_of)


class OptionFactory(factory.django.DjangoModelFactory):
    """Step 5: an option on the choice card of the first round."""

    class Meta:
        model = Option

    plan = factory.SubFactory(PlanFactory)
    cycle = 1
    title = "Werkfit traject"


class DecisionFactory(factory.django.DjangoModelFactory):
    """Step 6: decided today by the resident's consultant, for an option of the same round,
    with the evaluation eight weeks on."""

    class Meta:
        model = Decision
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    cycle = 1
    option = factory.SubFactory(
        OptionFactory, plan=factory.SelfAttribute("..plan"), cycle=factory.SelfAttribute("..cycle")
    )
    in_own_words = "Ik ga het doen"
    enough_information = Decision.Information.ENOUGH
    satisfaction = Decision.Satisfaction.SATISFIED
    decided_on = factory.LazyFunction(timezone.localdate)
    evaluation_on = factory.LazyAttribute(lambda d: d.decided_on + timedelta(weeks=8))
    decided_by = factory.LazyAttribute(consultant_of)

    @factory.post_generation
    def core_point_totals(decision, create, extracted, **kwargs):
        """Kept as `decide` keeps them (cases/facts.py): the core points read them."""
        if create:
            with transaction.atomic():
                keep_totals(Q(caseload__trajectories=decision.plan_id), months=set())


class ActionFactory(factory.django.DjangoModelFactory):
    """Step 6: something the resident does in the first round, within two weeks."""

    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    cycle = 1
    owner = Action.Owner.RESIDENT
    what = "Bellen"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(weeks=2))
