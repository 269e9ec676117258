"""manage.py demo: a believable caseload, built the same way every time."""

import pytest
from django.core.management import CommandError, call_command

from cases.models import HandedOverDocument, NetworkMember, Resident, Team, User

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Team, User, Resident, NetworkMember, HandedOverDocument)
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
    letter = HandedOverDocument.objects.get()
    assert letter.trajectory.resident == johan
    assert bytes(letter.pdf).startswith(b"%PDF-")
    assert johan.consultant.phone


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
