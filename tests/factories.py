from datetime import date, timedelta

import factory
from django.utils import timezone

from cases.models import Conversation, NetworkMember, Resident, Team, User


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


class ConversationFactory(factory.django.DjangoModelFactory):
    """A held conversation two days ago, logged by the resident's consultant."""

    class Meta:
        model = Conversation

    held_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    kind = Conversation.Kind.INTAKE
    setting = Conversation.Setting.OFFICE
    created_by = factory.LazyAttribute(lambda c: c.trajectory.resident.consultant)
