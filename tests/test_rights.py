"""The resident's rights: restriction of processing (AVG art. 18) and erasure (art. 17)."""

from datetime import date

import pytest
from django.apps import apps

from cases.logbook.models import AccessLogChange, AccessLogEntry, Action, ObjectKind, Result
from cases.logbook.services import Change, note
from cases.models import BaggageNote, ErasureRequest, Resident, Trajectory
from cases.rights.services import erase
from cases.team.indicators import core_point_figures

from .factories import ConversationFactory
from .test_access import MATRIX

pytestmark = pytest.mark.django_db


def restrict(client_for, lead, resident, reason="De inwoner betwist zijn gegevens"):
    return client_for(lead).post(
        f"/inwoners/{resident.pk}/beperken/", {"restriction_reason": reason}
    )


# --- Restriction (art. 18)


def test_the_team_lead_restricts_a_file_and_everyone_reads_why(client_for, lead, alice, case):
    resident = Resident.objects.get(pk=case["resident"])
    assert restrict(client_for, lead, resident).status_code == 302
    page = client_for(alice).get(f"/inwoners/{resident.pk}/").content.decode()
    assert "Verwerking beperkt" in page
    assert "De inwoner betwist zijn gegevens" in page
    assert "Gesprek vastleggen" not in page  # no forms to change it
    step = client_for(alice).get(f"/trajecten/{case['trajectory']}/stap/1/").content.decode()
    assert "Verwerking beperkt" in step


@pytest.mark.parametrize(
    "url_name", [name for name, (method, _p, _e) in MATRIX.items() if method == "post"]
)
def test_a_restricted_file_refuses_every_write(client_for, lead, alice, case, url_name):
    for resident in Resident.objects.filter(pk__in=[case["resident"], case["other_resident"]]):
        restrict(client_for, lead, resident)
    _method, path, expected = MATRIX[url_name]
    if expected["alice"] == 403 or "/team/" in path:  # not alice's to write anyway
        pytest.skip("alice may not write here")
    response = client_for(alice).post(path.format(**case), {"step": "2", "status": "gepauzeerd"})
    assert response.status_code == 403
    assert "De verwerking van dit dossier is beperkt" in response.content.decode()


def test_the_team_lead_cannot_answer_about_a_restricted_file_either(client_for, lead, case):
    resident = Resident.objects.get(pk=case["resident"])
    restrict(client_for, lead, resident)
    client = client_for(lead)
    assert client.post(f"/team/signalen/{case['signal']}/", {}).status_code == 403
    assert client.post(f"/team/casuistiek/{case['review']}/uitkomst/", {}).status_code == 403


def test_a_restricted_file_counts_in_no_figure_until_lifted(client_for, lead, alice, case):
    resident = Resident.objects.get(pk=case["resident"])
    start, end = date(2020, 1, 1), date(2031, 1, 1)

    def decisions_counted():  # in the figure of the decision in the resident's own words
        return core_point_figures(lead.team_id, start, end)["eigen-woorden"].team.total

    assert decisions_counted() == 1
    restrict(client_for, lead, resident)
    assert decisions_counted() == 0
    csv = client_for(lead).get("/team/caseload.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[-1].split(";")[1] == "0"  # the team's open trajectories
    client_for(lead).post(f"/inwoners/{resident.pk}/beperken/")
    assert decisions_counted() == 1


def test_restriction_and_lifting_are_logged(client_for, lead, resident):
    restrict(client_for, lead, resident)
    client_for(lead).post(f"/inwoners/{resident.pk}/beperken/")
    actions = AccessLogEntry.objects.filter(
        resident_id=resident.pk, action__in=[Action.RESTRICT, Action.UNRESTRICT]
    ).values_list("action", "user")
    assert list(actions.order_by("id")) == [
        (Action.RESTRICT, lead.pk),
        (Action.UNRESTRICT, lead.pk),
    ]


def test_a_restriction_needs_a_reason(client_for, lead, resident):
    response = restrict(client_for, lead, resident, reason="")
    assert response.status_code == 400
    assert "Schrijf op waarom." in response.content.decode()
    resident.refresh_from_db()
    assert not resident.is_restricted


@pytest.mark.parametrize(("persona", "status"), [("alice", 403), ("bob", 403), ("other_lead", 404)])
def test_only_the_team_lead_restricts(client_for, personas, resident, persona, status):
    response = restrict(client_for, personas[persona], resident)
    assert response.status_code == status
    resident.refresh_from_db()
    assert not resident.is_restricted


# --- Erasure (art. 17)


def ask_erasure(client_for, alice, resident, reason="vergissing"):
    return client_for(alice).post(
        f"/inwoners/{resident.pk}/wissen/",
        {"reason": reason, "explanation": "Dubbel ingeschreven bij de intake."},
    )


def test_erasure_takes_two_people_and_leaves_only_a_line_in_the_log(client_for, alice, lead, case):
    resident = Resident.objects.get(pk=case["resident"])
    BaggageNote.objects.create(resident=resident, text="Zwaar jaar gehad", written_by=alice)
    note(  # a change of personal data, with its old and new value, in the log
        None,
        kind=ObjectKind.RESIDENT,
        object_id=resident.pk,
        resident_id=resident.pk,
        action=Action.CHANGE,
        user=alice,
        changes=[Change("inwoner", "phone", "06-1", "06-2")],
    )
    assert AccessLogChange.objects.filter(resident_id=resident.pk).exists()
    assert ask_erasure(client_for, alice, resident).status_code == 302
    # The consultant cannot approve: only the team lead's page has the buttons.
    page = client_for(alice).get(f"/inwoners/{resident.pk}/wissen/").content.decode()
    assert "Goedkeuren" not in page
    assert "Je teamleider beslist over het verzoek." in page

    page = client_for(lead).get(f"/inwoners/{resident.pk}/wissen/").content.decode()
    assert "Per vergissing ingeschreven" in page
    assert "Dubbel ingeschreven bij de intake." in page
    response = client_for(lead).post(
        f"/inwoners/{resident.pk}/wissen/",
        {"besluit": "goedkeuren", "ground": "Dubbele inschrijving, het traject is leeg"},
    )
    assert response.status_code == 302
    assert not Resident.objects.filter(pk=resident.pk).exists()
    assert not Trajectory.objects.filter(pk=case["trajectory"]).exists()
    assert not BaggageNote.objects.exists()
    assert not AccessLogChange.objects.filter(resident_id=resident.pk).exists()
    (erased,) = AccessLogEntry.objects.filter(action=Action.ERASE)
    assert (erased.user_id, erased.target_user_id) == (lead.pk, alice.pk)
    assert erased.detail["reason"] == "vergissing"
    assert erased.detail["removed"]["Conversation"] == 2
    assert "Johan" not in erased.content()
    assert client_for(alice).get(f"/inwoners/{resident.pk}/").status_code == 404


def test_an_open_trajectory_asks_the_team_lead_for_the_ground(client_for, alice, lead, case):
    resident = Resident.objects.get(pk=case["resident"])
    ask_erasure(client_for, alice, resident, reason="verzoek")
    url = f"/inwoners/{resident.pk}/wissen/"
    page = client_for(lead).get(url).content.decode()
    assert "loopt nog" in page
    refused = client_for(lead).post(url, {"besluit": "goedkeuren", "ground": ""})
    assert refused.status_code == 400
    assert "valt nog onder een bewaartermijn" in refused.content.decode()
    assert Resident.objects.filter(pk=resident.pk).exists()
    client_for(lead).post(url, {"besluit": "goedkeuren", "ground": "AVG artikel 17 lid 1 sub c"})
    assert not Resident.objects.filter(pk=resident.pk).exists()
    erased = AccessLogEntry.objects.get(action=Action.ERASE)
    assert erased.detail["ground"] == "AVG artikel 17 lid 1 sub c"


def test_the_team_lead_may_refuse_and_the_file_stays(client_for, alice, lead, resident):
    ask_erasure(client_for, alice, resident)
    client_for(lead).post(f"/inwoners/{resident.pk}/wissen/", {"besluit": "afwijzen"})
    assert Resident.objects.filter(pk=resident.pk).exists()
    assert not ErasureRequest.objects.exists()
    refused = AccessLogEntry.objects.get(action=Action.ERASE)
    assert refused.result == Result.REFUSED


@pytest.mark.parametrize(
    ("persona", "status"), [("bob", 404), ("charlie", 404), ("beheerder", 404)]
)
def test_only_the_own_consultant_asks_to_erase(client_for, personas, resident, persona, status):
    assert ask_erasure(client_for, personas[persona], resident).status_code == status
    assert not ErasureRequest.objects.exists()


def test_erasure_reaches_every_model_that_holds_the_residents_data(alice, lead, case):
    """Every model whose rows belong to a resident goes with them: a new model that
    does not cascade from the resident fails here."""
    resident = Resident.objects.get(pk=case["resident"])
    ConversationFactory(trajectory=Trajectory.objects.get(pk=case["trajectory"]))
    erasure = ErasureRequest.objects.create(
        resident=resident, reason="vergissing", explanation="x", requested_by=alice
    )
    erase(erasure=erasure, by=lead, ground="test")
    for model in apps.get_app_config("cases").get_models():
        path = resident_path(model)
        if path is not None:
            assert not model.objects.filter(**{path: resident.pk}).exists(), model


def resident_path(model, depth=0):
    """The lookup from `model` to its resident's id, if its rows belong to a resident:
    through the foreign keys a row cannot be without first."""
    if model is Resident:
        return "pk"
    if depth > 5:
        return None
    links = [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is not None
    ]
    for field in sorted(links, key=lambda field: field.null):
        inner = resident_path(field.related_model, depth + 1)
        if inner is not None:
            return f"{field.name}__{inner}"
    return None
