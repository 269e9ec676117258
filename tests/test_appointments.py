"""Planned conversations: planning asks only what planning needs; a planned conversation is
logged, moved, or closed as cancelled or not attended, each on the timeline, and it waits
in "nog vastleggen" until one of those happens."""

import re
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from cases import services
from cases.models import AgendaItem, AppointmentChange, Conversation

from .factories import ConversationFactory
from .test_conversations import conversation_data, management, moment

pytestmark = pytest.mark.django_db


def form_moment(at):
    """A moment as the form sends it."""
    return f"{timezone.localtime(at):%Y-%m-%dT%H:%M}"


def planning_data(**changes):
    data = {
        "held_at": moment(3, hour=14),
        "kind": "vervolggesprek",
        "setting": "kantoor",
        "submission": str(uuid.uuid4()),
        **management("agenda", 2),
        "agenda-0-text": "Hoe ging de proefdag?",
        "agenda-0-raised_by": "consulent",
        "agenda-1-text": "Reiskosten",
        "agenda-1-raised_by": "inwoner",
    }
    data.update(changes)
    return data


@pytest.fixture
def planned(trajectory):
    """Johan's follow-up, planned for the day after tomorrow at ten, with one agenda item."""
    conversation = ConversationFactory(
        trajectory=trajectory,
        status="gepland",
        kind="vervolggesprek",
        held_at=timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
        + timedelta(days=2),
    )
    AgendaItem.objects.create(conversation=conversation, text="Reiskosten", raised_by="inwoner")
    return conversation


def test_planning_asks_only_what_planning_needs(client_for, alice, trajectory):
    client = client_for(alice)
    form = client.get(f"/trajecten/{trajectory.pk}/gesprekken/nieuw/?plannen=1").content.decode()
    assert "Agenda, samen opgesteld" in form
    for logging_only in ("check_in", "report", "check_out", "afspraken-", "next_appointment"):
        assert f'name="{logging_only}' not in form
    assert 'name="agenda-0-discussed"' not in form
    response = client.post(
        f"/trajecten/{trajectory.pk}/gesprekken/nieuw/?plannen=1", planning_data(), follow=True
    )
    assert "Het gesprek is gepland, met de agenda." in response.content.decode()
    planned = Conversation.objects.get()
    assert planned.is_planned
    assert list(planned.agenda_items.values_list("text", "raised_by")) == [
        ("Hoe ging de proefdag?", "consulent"),
        ("Reiskosten", "inwoner"),
    ]


def test_a_conversation_is_not_planned_in_the_past(client_for, alice, trajectory):
    response = client_for(alice).post(
        f"/trajecten/{trajectory.pk}/gesprekken/nieuw/?plannen=1",
        planning_data(held_at=moment(-1)),
    )
    assert response.status_code == 400
    assert "Dit moment is al voorbij" in response.content.decode()
    assert 'value="Reiskosten"' in response.content.decode()  # nothing typed is lost
    assert not Conversation.objects.exists()


def test_a_planned_conversations_agenda_changes_without_its_time(client_for, alice, planned):
    client = client_for(alice)
    form = client.get(f"/gesprekken/{planned.pk}/bewerken/?plannen=1").content.decode()
    assert 'name="held_at"' not in form  # the time changes by moving it
    assert f'href="/gesprekken/{planned.pk}/verzetten/"' in form
    item = planned.agenda_items.get()
    client.post(
        f"/gesprekken/{planned.pk}/bewerken/?plannen=1",
        {
            "version": planned.version,
            "kind": "vervolggesprek",
            "setting": "wandeling",
            **management("agenda", 2, initial=1),
            "agenda-0-id": item.pk,
            "agenda-0-text": "Reiskosten",
            "agenda-0-raised_by": "inwoner",
            "agenda-1-text": "Rooster",
            "agenda-1-raised_by": "consulent",
        },
    )
    planned.refresh_from_db()
    assert (planned.status, planned.setting) == ("gepland", "wandeling")
    assert planned.agenda_items.count() == 2


def test_a_planned_conversation_is_logged_as_held(client_for, alice, trajectory, planned):
    planned.held_at = timezone.now() - timedelta(hours=2)
    planned.save()
    client = client_for(alice)
    form = client.get(f"/gesprekken/{planned.pk}/bewerken/").content.decode()
    assert 'name="report"' in form and 'name="status"' not in form
    held_at = form_moment(timezone.now() - timedelta(hours=1))
    data = conversation_data(trajectory.resident, held_at=held_at, version="1")
    data.pop("submission")
    client.post(f"/gesprekken/{planned.pk}/bewerken/", data)
    planned.refresh_from_db()
    assert planned.status == "gevoerd"


def test_a_planned_conversation_still_to_come_is_not_logged(client_for, alice, trajectory, planned):
    data = conversation_data(trajectory.resident, held_at=moment(2, hour=9), version="1")
    response = client_for(alice).post(f"/gesprekken/{planned.pk}/bewerken/", data)
    assert response.status_code == 400
    assert "kan niet in de toekomst liggen" in response.content.decode()
    planned.refresh_from_db()
    assert planned.is_planned


def test_moving_a_conversation_is_on_the_timeline(client_for, alice, resident, planned):
    client = client_for(alice)
    page = client.get(f"/gesprekken/{planned.pk}/").content.decode()
    assert f'href="/gesprekken/{planned.pk}/verzetten/"' in page
    assert f'href="/gesprekken/{planned.pk}/afzeggen/"' in page
    response = client.post(
        f"/gesprekken/{planned.pk}/verzetten/",
        {"version": planned.version, "to": moment(5, hour=15), "asked_by": "inwoner"},
        follow=True,
    )
    assert "Het gesprek is verzet naar" in response.content.decode()
    planned.refresh_from_db()
    assert timezone.localtime(planned.held_at).hour == 15
    assert planned.is_planned
    change = AppointmentChange.objects.get()
    assert (change.what, change.asked_by, change.by) == ("verzet", "inwoner", alice)
    dossier = client.get(f"/inwoners/{resident.pk}/").content.decode()
    assert "verzet naar" in dossier
    assert "op verzoek van de inwoner" in dossier


def test_a_conversation_is_not_moved_into_the_past_or_without_who_asked(client_for, alice, planned):
    response = client_for(alice).post(
        f"/gesprekken/{planned.pk}/verzetten/", {"version": planned.version, "to": moment(-2)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dit moment is al voorbij" in page
    assert "Kies wie om het verzetten vroeg." in page
    assert not AppointmentChange.objects.exists()


def test_cancelled_says_who_cancelled_and_stays_off_the_to_log_list(
    client_for, alice, resident, planned
):
    client = client_for(alice)
    response = client.post(
        f"/gesprekken/{planned.pk}/afzeggen/", {"version": planned.version, "what": "afgezegd"}
    )
    assert response.status_code == 400
    assert "Kies wie het gesprek afzegde." in response.content.decode()
    response = client.post(
        f"/gesprekken/{planned.pk}/afzeggen/",
        {"version": planned.version, "what": "afgezegd", "asked_by": "inwoner", "reason": "Ziek"},
        follow=True,
    )
    assert "Vastgelegd: afgezegd." in response.content.decode()
    planned.refresh_from_db()
    assert planned.status == "afgezegd"
    page = client.get(f"/gesprekken/{planned.pk}/").content.decode()
    assert "Afgezegd door de inwoner: Ziek" in page
    assert "Nieuw gesprek plannen" in page
    assert "Gesprek vastleggen" not in page
    dossier = client.get(f"/inwoners/{resident.pk}/").content.decode()
    assert "afgezegd door de inwoner" in dossier
    assert "nog niet gepland" in dossier
    # Its agenda goes along to the next conversation that is planned.
    form = client.get(
        f"/trajecten/{planned.trajectory.pk}/gesprekken/nieuw/?plannen=1"
    ).content.decode()
    assert 'value="Reiskosten"' in form


def test_not_attended_waits_no_longer_to_be_logged(client_for, alice, resident, planned):
    planned.held_at = timezone.now() - timedelta(days=1)
    planned.save()
    client = client_for(alice)
    assert "Nog vastleggen:" in client.get(f"/inwoners/{resident.pk}/").content.decode()
    client.post(
        f"/gesprekken/{planned.pk}/afzeggen/",
        {"version": planned.version, "what": "niet_verschenen", "asked_by": "inwoner"},
    )
    planned.refresh_from_db()
    assert planned.status == "niet_verschenen"
    assert AppointmentChange.objects.get().asked_by == ""  # nobody cancelled
    dossier = client.get(f"/inwoners/{resident.pk}/").content.decode()
    assert "Nog vastleggen:" not in dossier
    assert "Niet verschenen op de afspraak van" in dossier


def test_a_conversation_closed_or_held_is_not_moved(client_for, alice, planned):
    services.close_planned_conversation(
        conversation=planned, what="niet_verschenen", seen=planned.version, by=alice
    )
    client = client_for(alice)
    response = client.post(
        f"/gesprekken/{planned.pk}/verzetten/",
        {"version": planned.version, "to": moment(5), "asked_by": "inwoner"},
        follow=True,
    )
    assert "Dit gesprek is niet meer gepland" in response.content.decode()
    assert client.get(f"/gesprekken/{planned.pk}/bewerken/").status_code == 302
    assert AppointmentChange.objects.count() == 1


def test_a_late_move_does_not_overwrite(client_for, alice, planned):
    client = client_for(alice)
    seen = planned.version
    services.move_conversation(
        conversation=planned,
        to=planned.held_at + timedelta(days=1),
        asked_by="consulent",
        seen=seen,
        by=alice,
    )
    response = client.post(
        f"/gesprekken/{planned.pk}/verzetten/",
        {"version": seen, "to": moment(6), "asked_by": "inwoner"},
    )
    assert response.status_code == 409
    assert "Iemand anders heeft dit opgeslagen" in response.content.decode()
    assert AppointmentChange.objects.count() == 1


def test_services_take_their_moment(alice, planned):
    at = timezone.now() - timedelta(hours=1)
    change = services.move_conversation(
        conversation=planned,
        to=planned.held_at + timedelta(hours=2),
        asked_by="consulent",
        reason="Teamoverleg",
        seen=planned.version,
        by=alice,
        at=at,
    )
    assert change.at == at
    assert change.moved_to == planned.held_at


def test_agenda_items_not_discussed_join_the_conversation_already_planned(
    client_for, alice, trajectory, planned
):
    client_for(alice).post(
        f"/trajecten/{trajectory.pk}/gesprekken/nieuw/", conversation_data(trajectory.resident)
    )
    # "Wat als de werkplaats dicht is?" was not discussed; "Reiskosten" was there already.
    assert list(planned.agenda_items.values_list("text", flat=True)) == [
        "Reiskosten",
        "Wat als de werkplaats dicht is?",
    ]
    # Saving the logged conversation again adds it once.
    held = Conversation.objects.get(status="gevoerd")
    data = conversation_data(trajectory.resident, version=str(held.version))
    data.pop("submission")
    data |= management("agenda", 2, initial=2) | management("afspraken", 2, initial=2)
    for i, item in enumerate(held.agenda_items.all()):
        data[f"agenda-{i}-id"] = item.pk
    for i, agreement in enumerate(held.agreements.order_by("pk")):
        data[f"afspraken-{i}-id"] = agreement.pk
        data[f"afspraken-{i}-version"] = agreement.version
    client_for(alice).post(f"/gesprekken/{held.pk}/bewerken/", data)
    assert planned.agenda_items.count() == 2
    # The form for yet another conversation does not offer them again.
    form = client_for(alice).get(f"/trajecten/{trajectory.pk}/gesprekken/nieuw/?plannen=1")
    assert not re.search(r'value="Wat als de werkplaats dicht is\?"', form.content.decode())
