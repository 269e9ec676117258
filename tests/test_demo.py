"""manage.py demo: a believable caseload, built the same way every time."""

import pytest
from django.core.management import CommandError, call_command

from cases.models import (
    Conversation,
    LifeDomain,
    NetworkMember,
    PersonalSituation,
    Resident,
    SituationChange,
    Team,
    Trajectory,
    User,
)

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Team,
            User,
            Resident,
            NetworkMember,
            LifeDomain,
            PersonalSituation,
            SituationChange,
        )
    }


def test_running_the_demo_twice_changes_nothing(settings, capsys):
    settings.DEBUG = True
    call_command("demo")
    first = counts()
    versions = dict(Resident.objects.values_list("pk", "version"))
    call_command("demo")
    assert counts() == first
    assert dict(Resident.objects.values_list("pk", "version")) == versions
    assert "Wachtwoord voor iedereen" in capsys.readouterr().out


def test_the_demo_has_the_training_cases_and_full_caseloads(settings):
    settings.DEBUG = True
    call_command("demo", stdout=None)
    johan = Resident.objects.get(first_name="Johan")
    assert johan.age == 35
    assert johan.network.filter(relation="moeder", joins_conversations=True).exists()
    assert Resident.objects.get(first_name="Emma").network.filter(relation="vader").exists()
    assert Resident.objects.get(first_name="Richard").network.filter(role="begeleider").exists()
    for consultant in User.objects.filter(role=User.Role.CONSULTANT):
        assert consultant.caseload.count() >= 15
    assert User.objects.filter(role=User.Role.TEAM_LEAD).count() == 1
    assert User.objects.get(role=User.Role.BEHEERDER).team is None


def test_the_demo_logins_work(settings, client):
    settings.DEBUG = True
    call_command("demo", stdout=None)
    assert client.login(username="sanne", password="samen-beslissen-demo")


def test_the_demo_refuses_to_run_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="alleen op een ontwikkelmachine"):
        call_command("demo")
    assert not User.objects.exists()


def test_a_handover_survives_the_next_demo_run(settings):
    settings.DEBUG = True
    call_command("demo", stdout=None)
    johan = Resident.objects.get(first_name="Johan")
    linda = User.objects.get(username="linda")
    Resident.objects.filter(pk=johan.pk).update(consultant=linda)
    before = counts()
    call_command("demo", stdout=None)
    assert counts() == before
    assert Resident.objects.get(first_name="Johan").consultant == linda


def test_trajectories_past_step_two_have_their_personal_situation(settings, client):
    settings.DEBUG = True
    call_command("demo", stdout=None)
    past = Trajectory.objects.filter(current_step__gt=2) | Trajectory.objects.filter(cycle__gt=1)
    assert past.count() >= 25
    assert not past.filter(life_domains__isnull=True).exists()
    assert not past.filter(personal_situation__isnull=True).exists()
    # In step 2 now: some domains filled in, ons beeld still to come.
    in_step_two = Trajectory.objects.filter(current_step=2, cycle=1)
    assert in_step_two.exists()
    assert not in_step_two.filter(life_domains__isnull=True).exists()
    assert not in_step_two.filter(personal_situation__isnull=False).exists()
    johan = Trajectory.objects.get(resident__first_name="Johan", status="actief")
    assert johan.personal_situation.reaction.startswith("Ja. Opruimen kan ik goed.")
    assert johan.life_domains.get(domain="werk").phase == "kiezen"
    # Changes are dated when step 2 was worked on, not when the demo ran.
    moved_on = johan.step_changes.get(from_step=2, to_step=3).changed_at
    assert all(c.changed_at < moved_on for c in johan.situation_changes.all())
    client.login(username="sanne", password="samen-beslissen-demo")
    page = client.get(f"/inwoners/{johan.resident_id}/").content.decode()
    assert "Johan is een trouwe, precieze werker" in page


def test_the_demo_conversations_have_check_in_numbers(settings):
    settings.DEBUG = True
    call_command("demo", stdout=None)
    held = Conversation.objects.filter(status=Conversation.Status.HELD)
    assert held.count() > 100
    assert not held.filter(check_in_score__isnull=True).exists()
    assert not held.filter(check_out_score__isnull=True).exists()
    johan = held.filter(trajectory__resident__first_name="Johan").order_by("held_at")
    assert list(johan.values_list("check_in_score", flat=True)) == [3, 4, 6]
