"""/aanbod/: the catalogue of trajecten and interventies."""

import pytest

from cases.models import Offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    Offer.objects.create(
        name="Taalcafé",
        kind="interventie",
        provider="Bibliotheek Rijnstad",
        description="Samen Nederlands oefenen aan tafel.",
        hours_per_week="2 uur",
        place="Centrum",
    )
    Offer.objects.create(
        name="Werkfit-traject",
        kind="traject",
        provider="Werkplaats Rijnstad",
        description="Wennen aan werken in een vast ritme.",
        duration="3 maanden",
    )
    Offer.objects.create(
        name="Oud traject", kind="traject", provider="X", description="Stopt.", is_active=False
    )


@pytest.mark.parametrize("persona", ["alice", "lead", "beheerder"])
def test_every_role_browses_the_active_aanbod(client_for, personas, catalogue, persona):
    page = client_for(personas[persona]).get("/aanbod/").content.decode()
    assert "Taalcafé" in page
    assert "Werkfit-traject" in page
    assert "3 maanden" in page
    assert "Oud traject" not in page


def test_it_searches_and_filters_by_kind(client_for, alice, catalogue):
    client = client_for(alice)
    page = client.get("/aanbod/", {"q": "nederlands"}).content.decode()
    assert "Taalcafé" in page
    assert "Werkfit-traject" not in page
    page = client.get("/aanbod/", {"soort": "traject"}).content.decode()
    assert "Werkfit-traject" in page
    assert "Taalcafé" not in page
    partial = client.get("/aanbod/", {"q": "ritme"}, headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="resultaten"')


def test_the_beheerder_keeps_the_aanbod_in_the_admin(client_for, beheerder, alice):
    response = client_for(beheerder).post(
        "/beheer/cases/offer/add/",
        {
            "name": "Jobcoaching",
            "kind": "interventie",
            "provider": "Coachpunt",
            "description": "Een coach op de werkvloer.",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Offer.objects.filter(name="Jobcoaching").exists()
    assert client_for(alice).get("/beheer/cases/offer/").status_code == 302


def test_the_aanbod_runs_a_fixed_number_of_queries(
    client_for, alice, catalogue, django_assert_num_queries
):
    client = client_for(alice)
    with django_assert_num_queries(4):  # session, user, offers
        response = client.get("/aanbod/")
    assert response.status_code == 200
