"""The resident's copy of everything stored about them (AVG art. 15): complete, in plain
Dutch on paper, machine-readable with every field explained, kept and logged."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
import textstat

from cases import services
from cases.logbook.models import AccessLogEntry, Action
from cases.models import (
    AgendaItem,
    BaggageNote,
    Conversation,
    ErasureRequest,
    Evaluation,
    LifeDomain,
    MotivationRecord,
    NetworkMember,
    OptionAnswer,
    OptionQuestion,
    PersonalSituation,
    PlanChange,
    Reassignment,
    Resident,
    SituationChange,
    SubGoal,
    SubjectAccessExport,
    Trajectory,
)
from cases.rights.export import TITLES, models_about_residents
from steps.models import ChecklistItem

from .factories import GoalFactory, OptionFactory, ResidentFactory
from .pdfs import pdf_text
from .queue import run_the_queue

# The copy is made by the worker, which commits: real transactions.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("method_content")]

PRIVATE = "Zijn broer is vorig jaar overleden"


@pytest.fixture
def full_file(case, alice, bob):
    """Johan's file with at least one row of every kind of data about a resident."""
    resident = Resident.objects.get(pk=case["resident"])
    trajectory = Trajectory.objects.get(pk=case["trajectory"])
    plan = trajectory.plan
    goal = GoalFactory(plan=plan, in_own_words="Ik wil met hout werken")
    NetworkMember.objects.create(resident=resident, name="Marie de Wit", role="mantelzorger")
    services.tick(
        trajectory=trajectory, item=ChecklistItem.objects.filter(step__number=1).first(), by=alice
    )
    AgendaItem.objects.create(conversation_id=case["conversation"], text="Werkplaats", position=1)
    planned = Conversation.objects.get(pk=case["planned"])
    services.move_conversation(
        conversation=planned,
        to=planned.held_at + timedelta(days=1),
        asked_by="inwoner",
        seen=planned.version,
        by=alice,
    )
    LifeDomain.objects.create(
        trajectory=trajectory, domain="werk", wish="Werk met hout", updated_by=alice
    )
    PersonalSituation.objects.create(
        trajectory=trajectory, picture="Een trouwe werker", updated_by=alice
    )
    SituationChange.objects.create(
        trajectory=trajectory, subject="ons-beeld", changes={}, changed_by=alice
    )
    MotivationRecord.objects.create(
        trajectory=trajectory, drives="Trots", importance=8, recorded_by=alice
    )
    SubGoal.objects.create(goal=goal, text="Stage zoeken")
    question = OptionQuestion.objects.create(plan=plan, cycle=1, text="Is het dichtbij?")
    OptionAnswer.objects.create(question=question, option=OptionFactory(plan=plan), text="Ja")
    Evaluation.objects.create(
        plan=plan, cycle=1, what_changed="Hij werkt nu", next_step="Door", evaluated_by=alice
    )
    PlanChange.objects.create(plan=plan, by=alice, summary="Doel toegevoegd")
    Reassignment.objects.create(
        resident=resident,
        from_consultant=bob,
        to_consultant=alice,
        reason="Verlof",
        handover_note="Goed contact",
        by=alice,
    )
    BaggageNote.objects.create(resident=resident, text=PRIVATE, private=True, written_by=alice)
    ErasureRequest.objects.create(
        resident=resident, reason="verzoek", explanation="Wil weg", requested_by=alice
    )
    return resident


def make_copy(client, resident):
    response = client.post(f"/inwoners/{resident.pk}/inzage/", {"asked_on": "01-12-2026"})
    assert response.status_code == 302
    export = SubjectAccessExport.objects.filter(resident=resident).latest("made_at")
    assert export.status == SubjectAccessExport.Status.MAKING
    assert (
        "Er wordt een inzage gemaakt"
        in client.get(f"/inwoners/{resident.pk}/inzage/").content.decode()
    )
    run_the_queue()
    export.refresh_from_db()
    assert export.status == SubjectAccessExport.Status.READY
    download = client.get(f"/inwoners/{resident.pk}/inzage/{export.pk}.zip")
    assert download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    return (
        archive.read("inzage.pdf"),
        json.loads(archive.read("inzage.json")),
        archive.read("uitleg.txt").decode(),
    )


def test_every_kind_of_data_about_the_resident_is_in_the_copy(client_for, alice, full_file):
    client_for(alice).get(f"/inwoners/{full_file.pk}/")  # a look at the file, in the log
    _pdf, data, _explained = make_copy(client_for(alice), full_file)
    parts = data["onderdelen"]
    for model in models_about_residents():
        assert parts[model.__name__]["rijen"], f"{model.__name__} has no rows in the copy"
    assert parts["Logboek"]["rijen"]
    assert parts["Resident"]["rijen"][0]["first_name"] == "Johan"


def test_every_model_about_residents_has_a_title_in_plain_dutch():
    """A new model that holds a resident's data is in the copy by itself; it needs a
    title the resident understands."""
    assert {model.__name__ for model in models_about_residents()} <= set(TITLES)


def test_the_json_explains_every_field(client_for, alice, full_file):
    _pdf, data, explained = make_copy(client_for(alice), full_file)
    for key, part in data["onderdelen"].items():
        assert f"\n{key} (" in explained
        for row in part["rijen"]:
            for field in row:
                assert f"  {field}: " in explained, (key, field)


def test_the_pdf_tells_everything_in_plain_dutch(client_for, lead, full_file):
    pdf, _data, _explained = make_copy(client_for(lead), full_file)
    text = pdf_text(pdf)
    assert "Alles wat we over je weten" in text
    assert "Johan" in text
    assert PRIVATE in text  # about the resident, so theirs to read
    assert "Wie je dossier heeft ingezien" in text
    assert "Marie de Wit" in text
    intro = text.split("Over jou")[0]
    textstat.set_lang("nl")
    assert textstat.flesch_reading_ease(intro) >= 65


def test_the_copy_is_kept_and_logged(client_for, alice, resident):
    client = client_for(alice)
    make_copy(client, resident)
    page = client.get(f"/inwoners/{resident.pk}/inzage/").content.decode()
    assert "1 dec 2026" in page  # asked on
    assert "1 jan 2027" in page  # the month the AVG gives
    exports = AccessLogEntry.objects.filter(
        resident_id=resident.pk, action=Action.EXPORT, user=alice
    )
    assert exports.count() == 2  # made, and downloaded


def test_a_date_in_the_future_is_refused(client_for, alice, resident):
    response = client_for(alice).post(
        f"/inwoners/{resident.pk}/inzage/", {"asked_on": "01-01-2099"}
    )
    assert response.status_code == 400
    assert "Die datum ligt in de toekomst." in response.content.decode()
    assert not SubjectAccessExport.objects.exists()


def test_a_copy_under_another_file_or_for_someone_else_answers_404(
    client_for, alice, bob, resident
):
    make_copy(client_for(alice), resident)
    export = SubjectAccessExport.objects.get()
    url = f"/inwoners/{resident.pk}/inzage/{export.pk}.zip"
    assert client_for(bob).get(url).status_code == 404
    other = ResidentFactory(consultant=alice)
    url = f"/inwoners/{other.pk}/inzage/{export.pk}.zip"
    assert client_for(alice).get(url).status_code == 404
