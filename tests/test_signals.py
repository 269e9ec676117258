"""Systeemkritiek: signalled by the consultant, followed up by the team lead."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Signal
from cases.team import services as team_services

pytestmark = pytest.mark.django_db


def signal(client, resident, **changes):
    data = {
        "category": "brieven",
        "description": "De brief over het heronderzoek voelde als een dreigement.",
        **changes,
    }
    return client.post(f"/inwoners/{resident.pk}/signaal/", data, follow=True)


def test_a_consultant_signals_and_the_team_lead_sees_it_without_the_resident(
    client_for, alice, lead, resident
):
    response = signal(client_for(alice), resident)
    assert "Het signaal is doorgegeven aan je teamleider." in response.content.decode()
    page = client_for(lead).get("/team/signalen/").content.decode()
    assert "De brief over het heronderzoek voelde als een dreigement." in page
    assert "Brieven en toon" in page
    assert "Van Alice Aarts" in page
    assert "Johan" not in page
    assert str(resident.pk) not in page


def test_the_resident_is_shown_only_when_the_consultant_shared_it(
    client_for, alice, lead, resident
):
    signal(client_for(alice), resident, share_identity="on")
    page = client_for(lead).get("/team/signalen/").content.decode()
    assert "over <a href" in page
    assert "Johan de Wit" in page


def test_a_signal_needs_a_subject_and_what_the_resident_said(client_for, alice, resident):
    response = signal(client_for(alice), resident, category="", description="")
    page = response.content.decode()
    assert "Kies waar de kritiek over gaat." in page
    assert "Schrijf op wat de inwoner zegt." in page
    assert not Signal.objects.exists()


def test_the_life_cycle_ends_with_an_answer_the_consultant_sees(client_for, alice, lead, resident):
    signal(client_for(alice), resident)
    item = Signal.objects.get()
    client = client_for(lead)
    refused = client.post(
        f"/team/signalen/{item.pk}/", {f"{item.pk}-status": "besproken", f"{item.pk}-response": ""}
    )
    assert refused.status_code == 400
    assert "Schrijf op wat er met het signaal gebeurt" in refused.content.decode()
    client.post(
        f"/team/signalen/{item.pk}/",
        {
            f"{item.pk}-status": "doorgezet",
            f"{item.pk}-response": "Doorgegeven aan het team dat de brieven schrijft.",
            f"{item.pk}-version": 1,
        },
    )
    item.refresh_from_db()
    assert item.status == "doorgezet"
    assert item.responded_at is not None
    mine = client_for(alice).get("/signalen/").content.decode()
    assert "Doorgezet" in mine
    assert "Doorgegeven aan het team dat de brieven schrijft." in mine


def test_another_teams_lead_cannot_see_or_answer(client_for, alice, other_lead, resident):
    signal(client_for(alice), resident)
    item = Signal.objects.get()
    client = client_for(other_lead)
    assert "dreigement" not in client.get("/team/signalen/").content.decode()
    response = client.post(
        f"/team/signalen/{item.pk}/",
        {f"{item.pk}-status": "afgehandeld", f"{item.pk}-response": "x"},
    )
    assert response.status_code == 404


def test_the_answer_is_dated_by_the_clock_and_the_consultant_reads_it(client_for, alice, resident):
    """answer_signal takes the signal with its new status and response, and `at`."""
    signal(client_for(alice), resident)
    item = Signal.objects.get()
    item.status, item.response = "afgehandeld", "De brief wordt herschreven."
    answered = timezone.now() - timedelta(days=2)
    team_services.answer_signal(signal=item, seen=1, at=answered)
    item.refresh_from_db()
    assert (item.status, item.responded_at) == ("afgehandeld", answered)
    mine = client_for(alice).get("/signalen/").content.decode()
    assert "Afgehandeld" in mine
    assert "De brief wordt herschreven." in mine


def test_a_signal_passed_on_by_a_command_is_dated_by_its_clock(client_for, alice, resident):
    at = timezone.now().replace(microsecond=0) - timedelta(days=2)
    signal = team_services.signal(
        signal=Signal(category="brieven", description="De brief was onbegrijpelijk"),
        resident=resident,
        by=alice,
        at=at,
    )
    assert (signal.signalled_at, signal.signalled_by, signal.resident) == (at, alice, resident)
    page = client_for(alice).get("/signalen/").content.decode()
    assert "De brief was onbegrijpelijk" in page
