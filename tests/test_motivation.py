"""Step 3: drives and the scale questions, dated, so change shows over time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import MotivationRecord

pytestmark = pytest.mark.django_db


def measure(client, trajectory, days_ago=0, **changes):
    data = {
        "recorded_on": (timezone.localdate() - timedelta(days=days_ago)).isoformat(),
        "drives": "Ordenen en opruimen, een vaste dagindeling",
        "worries": "Wat als de werkplaats dicht is",
        "stage": "overweging",
        "importance": "6",
        "confidence": "3",
        **changes,
    }
    return client.post(f"/trajecten/{trajectory.pk}/drijfveren/", data)


def test_measurements_are_kept_with_their_date_and_drawn_over_time(client_for, alice, trajectory):
    client = client_for(alice)
    measure(client, trajectory, days_ago=40, importance="4", confidence="2")
    response = measure(client, trajectory, days_ago=0, importance="7", confidence="5")
    assert response.status_code == 302
    assert list(MotivationRecord.objects.values_list("importance", "confidence")) == [
        (4, 2),
        (7, 5),
    ]
    page = client.get(f"/trajecten/{trajectory.pk}/drijfveren/").content.decode()
    assert '<title id="schaal-titel">Schaalvragen door de tijd</title>' in page
    assert "<polyline" in page
    assert "Belangrijk: 7" in page
    assert page.index("Overweging") < page.index("Nieuwe meting")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"importance": "11"}, "Kies een getal van 0 tot en met 10."),
        ({"confidence": "-1"}, "Kies een getal van 0 tot en met 10."),
        ({"recorded_on": "2999-01-01"}, "Deze datum ligt in de toekomst."),
        (
            {"drives": "", "worries": "", "stage": "", "importance": "", "confidence": ""},
            "Vul minstens één ding in",
        ),
    ],
)
def test_it_refuses_bad_answers_and_keeps_the_rest(client_for, alice, trajectory, changes, message):
    response = measure(client_for(alice), trajectory, **changes)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert not MotivationRecord.objects.exists()
    if changes.get("drives") != "":
        assert "Ordenen en opruimen" in page


def test_the_team_lead_reads_but_does_not_measure(client_for, alice, lead, trajectory):
    measure(client_for(alice), trajectory)
    client = client_for(lead)
    page = client.get(f"/trajecten/{trajectory.pk}/drijfveren/").content.decode()
    assert "Ordenen en opruimen" in page
    assert "Nieuwe meting" not in page
    assert measure(client, trajectory).status_code == 403


def test_htmx_saves_a_measurement_in_place(client_for, alice, trajectory):
    client = client_for(alice)
    measure(client, trajectory, days_ago=30, importance="4", confidence="2")
    response = client.post(
        f"/trajecten/{trajectory.pk}/drijfveren/",
        {"recorded_on": timezone.localdate().isoformat(), "importance": "8", "confidence": "6"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    part = response.content.decode()
    assert part.lstrip().startswith('<div id="metingen">')
    assert "<html" not in part
    assert "De meting is bewaard." in part
    assert "<title>Belangrijk: 8</title>" in part  # the line now has two points
    assert '<input type="number" name="importance" inputmode' in part  # empty again
    assert list(MotivationRecord.objects.values_list("importance", flat=True)) == [4, 8]


def test_htmx_gets_the_errors_in_place_with_what_was_typed(client_for, alice, trajectory):
    response = client_for(alice).post(
        f"/trajecten/{trajectory.pk}/drijfveren/",
        {"recorded_on": timezone.localdate().isoformat(), "importance": "12", "drives": "Geld"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400  # the base template's htmx config swaps it in
    part = response.content.decode()
    assert "Kies een getal van 0 tot en met 10." in part
    assert 'id="id_drives">\nGeld</textarea>' in part
    assert not MotivationRecord.objects.exists()
