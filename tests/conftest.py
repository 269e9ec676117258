"""Test personas, as the rules of access know them.

- alice: the owning consultant of the residents under test (team Noord)
- bob: a consultant in the same team
- charlie: a consultant of another team (Zuid)
- lead: team Noord's team lead
- other_lead: team Zuid's team lead
- beheerder: the functioneel beheerder, who sees no case data
- privacy: the privacy- en securityfunctionaris, who reads the access log and no case data

and alice's resident Johan, with his trajectory in step 1; `case` gives his whole file,
one object of each kind, for the permission matrix.
"""

import importlib
import os
from datetime import date

import pytest
from django.apps import apps

from cases.accounts.second_factor import log_in_verified
from cases.models import (
    Agreement,
    CaseReview,
    DestructionList,
    HandedOverDocument,
    Signal,
    SubjectAccessExport,
    User,
)
from steps.models import ChecklistItem

from . import oidc_provider
from .factories import (
    ActionFactory,
    ConversationFactory,
    DecisionFactory,
    GoalFactory,
    NetworkMemberFactory,
    PlanFactory,
    ResidentFactory,
    TeamFactory,
    TrajectoryFactory,
    UserFactory,
)

# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def method_content(transactional_db):
    """The method content, as the data migration puts it in a fresh database.

    Every test that needs real transactions (the browser tests' live server, the races)
    asks for this: a transactional test empties the database when it ends, so the steps
    are gone for the next one. serialized_rollback would not bring the content
    back: once Playwright's sync API runs an event loop in the test thread,
    Django hands the test a different connection object (asgiref's Local switches
    to context-variable storage), one without the serialized copy, so the restore
    is silently skipped whenever a non-browser test set the database up first.
    """
    migration = importlib.import_module("steps.migrations.0002_method_content")
    migration.load_method(apps, None)  # does nothing when the steps are there


@pytest.fixture
def team():
    return TeamFactory(name="Noord")


@pytest.fixture
def other_team():
    return TeamFactory(name="Zuid")


@pytest.fixture
def alice(team):
    return UserFactory(username="alice", first_name="Alice", last_name="Aarts", team=team)


@pytest.fixture
def bob(team):
    return UserFactory(username="bob", first_name="Bob", last_name="Bos", team=team)


@pytest.fixture
def charlie(other_team):
    return UserFactory(username="charlie", first_name="Charlie", last_name="Claes", team=other_team)


@pytest.fixture
def lead(team):
    return UserFactory(
        username="lead", first_name="Lotte", last_name="Leider", role=User.Role.TEAM_LEAD, team=team
    )


@pytest.fixture
def other_lead(other_team):
    return UserFactory(
        username="other_lead", role=User.Role.TEAM_LEAD, team=other_team, first_name="Olaf"
    )


@pytest.fixture
def beheerder():
    return UserFactory(username="beheerder", first_name="Bea", role=User.Role.BEHEERDER, team=None)


@pytest.fixture
def privacy():
    """The privacy- en securityfunctionaris: reads the access log, never a file."""
    return UserFactory(
        username="privacy", first_name="Priya", role=User.Role.PRIVACY_OFFICER, team=None
    )


@pytest.fixture
def resident(alice):
    resident = ResidentFactory(
        consultant=alice, first_name="Johan", last_name="Wit", infix="de", phone="06-12345678"
    )
    NetworkMemberFactory(resident=resident, name="Maria de Wit", relation="moeder")
    return resident


@pytest.fixture
def trajectory(resident, alice):
    """Johan's trajectory, started by alice: in step 1 of round 1, with its first step change.

    A module that needs it further along extends it (`def trajectory(trajectory, alice)`
    moving it on with services), or builds its own with TrajectoryFactory.
    """
    return TrajectoryFactory(resident=resident, started_by=alice)


@pytest.fixture
def personas(alice, bob, charlie, lead, other_lead, beheerder, privacy):
    return {
        "alice": alice,
        "bob": bob,
        "charlie": charlie,
        "lead": lead,
        "other_lead": other_lead,
        "beheerder": beheerder,
        "privacy": privacy,
    }


@pytest.fixture
def client_for(client):
    """A client logged in as the given user, second factor included."""

    def login(user):
        return log_in_verified(client, user)

    return login


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The personas' passwords are hashed for every test: a slow hasher would
    # make the suite crawl, and what it protects is not under test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def case(resident, trajectory, alice):
    """Alice's resident Johan with a trajectory, a conversation with an agreement, the next
    one planned, an afsprakenbriefje handed over, and a plan decided with an action."""
    conversation = ConversationFactory(trajectory=trajectory, held_at="2026-01-12T10:00:00+01:00")
    agreement = Agreement.objects.create(
        conversation=conversation, owner="inwoner", what="Cv meenemen"
    )
    plan = PlanFactory(trajectory=trajectory)
    DecisionFactory(plan=plan, in_own_words="Ik doe het", evaluation_on=date(2030, 1, 1))
    planned = ConversationFactory(
        trajectory=trajectory, held_at="2026-01-20T14:00:00+01:00", status="gepland"
    )
    document = HandedOverDocument.objects.create(
        trajectory=trajectory,
        conversation=conversation,
        kind=HandedOverDocument.Kind.AGREEMENTS,
        pdf=b"%PDF-1.7",
        how=HandedOverDocument.How.PRINTED,
        created_by=alice,
    )
    return {
        "goal": GoalFactory(plan=plan, in_own_words="Werken").pk,
        "action": ActionFactory(plan=plan, what="Bellen", due_on=date(2030, 1, 1)).pk,
        "resident": resident.pk,
        "other_resident": ResidentFactory(consultant=alice).pk,
        "trajectory": trajectory.pk,
        "item": ChecklistItem.objects.filter(step__number=1).first().pk,
        "conversation": conversation.pk,
        "planned": planned.pk,
        "document": document.pk,
        "agreement": agreement.pk,
        "signal": Signal.objects.create(
            resident=resident, category="regels", description="Te streng", signalled_by=alice
        ).pk,
        "review": CaseReview.objects.create(
            resident=resident, question="Hoe verder?", requested_by=alice
        ).pk,
        "destruction": DestructionList.objects.create(team=alice.team).pk,
        "copy": SubjectAccessExport.objects.create(
            resident=resident,
            asked_on=date(2026, 1, 5),
            made_by=alice,
            status=SubjectAccessExport.Status.READY,
            pdf=b"%PDF-1.7",
            data=b"{}",
        ).pk,
    }


@pytest.fixture(scope="session")
def municipal_provider(tmp_path_factory):
    """The municipality's OpenID Connect provider (tests/oidc_provider.py), started once for
    the tests that use it and stopped after them."""
    provider, process = oidc_provider.start(tmp_path_factory.mktemp("oidc") / "provider.log")
    yield provider
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def site_url():
    """Where the application is, as the provider sends the browser back to it."""
    return "http://testserver"


@pytest.fixture
def provider(municipal_provider, settings, site_url):
    """Single sign-on switched on, through the test provider, with the application
    registered as a client at it for `site_url`."""
    municipal_provider.configure(settings, base_url=site_url)
    return municipal_provider
