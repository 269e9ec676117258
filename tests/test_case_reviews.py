"""Casuïstiekbespreking: a consultant brings a case, the team lead plans and records the outcome."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import CaseReview
from cases.team import services as team_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(client_for, alice, resident, trajectory):
    client_for(alice).post(
        f"/inwoners/{resident.pk}/casuistiek/",
        {"question": "Johan raakt in paniek bij elke verandering. Hoe bouwen we dit af?"},
    )
    return CaseReview.objects.get()


def test_a_consultant_puts_a_case_on_the_agenda(client_for, alice, resident, review):
    assert review.requested_by == alice
    assert review.status == "aangemeld"
    dossier = client_for(alice).get(f"/inwoners/{resident.pk}/").content.decode()
    assert "Ingebracht in de casuïstiekbespreking door Alice Aarts" in dossier
    assert "Vraag: Johan raakt in paniek" in dossier


def test_the_question_is_required(client_for, alice, resident):
    response = client_for(alice).post(f"/inwoners/{resident.pk}/casuistiek/", {"question": ""})
    assert "Schrijf de vraag op die je aan het team wilt stellen." in response.content.decode()
    assert not CaseReview.objects.exists()


def test_the_agenda_shows_initials_and_essentials_not_the_dossier(client_for, lead, review):
    page = client_for(lead).get("/team/casuistiek/").content.decode()
    assert "J.W. · " in page
    assert f"{review.resident.age} jaar · stap 1" in page
    assert "Johan raakt in paniek" in page
    assert "Johan de Wit" not in page
    assert "06-12345678" not in page
    assert review.resident.get_absolute_url() not in page


def test_the_team_lead_plans_and_records_the_outcome(client_for, alice, lead, review):
    client = client_for(lead)
    meeting = (timezone.localdate() + timedelta(days=3)).isoformat()
    client.post(
        f"/team/casuistiek/{review.pk}/datum/",
        {f"{review.pk}-meeting_on": meeting, f"{review.pk}-version": 1},
    )
    review.refresh_from_db()
    assert review.meeting_on.isoformat() == meeting
    response = client.post(
        f"/team/casuistiek/{review.pk}/uitkomst/",
        {
            f"{review.pk}-outcome": "Kleine stappen, steeds op dezelfde dag. Moeder betrekken.",
            f"{review.pk}-version": 2,
        },
        follow=True,
    )
    assert "De uitkomst staat nu op de tijdlijn van de casus." in response.content.decode()
    review.refresh_from_db()
    assert (review.status, review.discussed_on) == ("besproken", timezone.localdate())
    dossier = client_for(alice).get(f"/inwoners/{review.resident.pk}/").content.decode()
    assert "Besproken in de casuïstiekbespreking" in dossier
    assert "Advies en afspraken: Kleine stappen" in dossier


def test_an_empty_outcome_is_refused(client_for, lead, review):
    response = client_for(lead).post(
        f"/team/casuistiek/{review.pk}/uitkomst/", {f"{review.pk}-outcome": " "}
    )
    assert response.status_code == 400
    assert "Schrijf het advies en de afspraken op." in response.content.decode()
    review.refresh_from_db()
    assert review.status == "aangemeld"


def test_another_teams_lead_sees_nothing(client_for, other_lead, review):
    page = client_for(other_lead).get("/team/casuistiek/").content.decode()
    assert "Johan raakt in paniek" not in page
    assert "Er staan geen casussen op de agenda." in page


def test_an_invalid_meeting_date_is_refused_and_kept(client_for, lead, review):
    response = client_for(lead).post(
        f"/team/casuistiek/{review.pk}/datum/", {f"{review.pk}-meeting_on": "31-02-2027"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vul een geldige datum in" in page
    assert 'value="31-02-2027"' in page


def test_the_outcome_is_on_the_timeline_on_the_day_it_was_discussed(
    client_for, alice, lead, review
):
    """record_case_review_outcome takes the review with its outcome and `at`."""
    review.outcome = "Kleine stappen, steeds op dezelfde dag."
    discussed = timezone.now() - timedelta(days=4)
    team_services.record_case_review_outcome(review=review, seen=1, at=discussed)
    review.refresh_from_db()
    assert (review.status, review.discussed_on) == ("besproken", timezone.localdate(discussed))
    dossier = client_for(alice).get(f"/inwoners/{review.resident.pk}/").content.decode()
    entry = dossier[: dossier.index("Besproken in de casuïstiekbespreking")]
    assert f'datetime="{timezone.localdate(discussed).isoformat()}T23:59' in entry[-300:]
    agenda = client_for(lead).get("/team/casuistiek/").content.decode()
    assert "Er staan geen casussen op de agenda." in agenda
    recent = agenda[agenda.index("Onlangs besproken") :]
    assert "J.W.</strong> (Alice Aarts, " in recent
    assert "Kleine stappen, steeds op dezelfde dag." in recent


def test_a_case_brought_by_a_command_is_dated_by_its_clock(client_for, alice, resident):
    at = timezone.now().replace(microsecond=0) - timedelta(days=4)
    review = team_services.bring_case_review(
        review=CaseReview(question="Hoe houden we hem gemotiveerd?"),
        resident=resident,
        by=alice,
        at=at,
    )
    assert (review.requested_at, review.requested_by) == (at, alice)
    assert review.status == CaseReview.Status.ON_AGENDA
    page = client_for(alice).get(f"/inwoners/{resident.pk}/").content.decode()
    entry = page[: page.index("Vraag: Hoe houden we hem gemotiveerd?")]
    assert f'datetime="{timezone.localtime(at).isoformat()}"' in entry[-400:]
