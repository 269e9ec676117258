"""Bagage: 'blijft tussen ons' is for the resident's own consultant only."""

import pytest

from cases.models import BaggageNote

pytestmark = pytest.mark.django_db

PRIVATE = "Na de scheiding raakte hij zijn huis kwijt; daar wil hij niet over praten met anderen."
SHARED = "Eerdere consulenten wisselden vaak; dat maakt hem wantrouwig."
PASS_ON = "Hij schaamt zich voor zijn schulden. Dit mag de volgende consulent weten."


def write(client, resident, text, *, private, may_pass_on=False):
    data = {"text": text}
    if private:
        data["private"] = "on"
    if may_pass_on:
        data["may_pass_on"] = "on"
    return client.post(f"/inwoners/{resident.pk}/bagage/", data)


@pytest.fixture
def notes(client_for, alice, resident):
    client = client_for(alice)
    write(client, resident, PRIVATE, private=True)
    write(client, resident, SHARED, private=False)
    write(client, resident, PASS_ON, private=True, may_pass_on=True)


def test_the_own_consultant_reads_every_note(client_for, alice, resident, notes):
    page = client_for(alice).get(f"/inwoners/{resident.pk}/bagage/").content.decode()
    for text in (PRIVATE, SHARED, PASS_ON):
        assert text.split(";")[0] in page
    assert "blijft tussen ons" in page


def test_the_team_lead_reads_only_what_may_be_in_the_file(client_for, lead, resident, notes):
    page = client_for(lead).get(f"/inwoners/{resident.pk}/bagage/").content.decode()
    assert "Eerdere consulenten wisselden vaak" in page
    assert "Na de scheiding" not in page
    assert "Hij schaamt zich" not in page
    assert "Notitie toevoegen" not in page


def test_a_private_note_never_reaches_the_team_views(client_for, lead, resident, notes):
    client = client_for(lead)
    for path in ("/team/", "/inwoners/", f"/inwoners/{resident.pk}/", "/team/caseload.csv"):
        assert "Na de scheiding" not in client.get(path).content.decode()


def test_after_a_handover_only_notes_allowed_to_pass_on_come_along(
    client_for, lead, alice, bob, resident, notes
):
    client_for(lead).post(
        "/team/overdragen/",
        {
            "residents": [str(resident.pk)],
            "to_consultant": str(bob.pk),
            "reason": "Verlof",
            "handover_note": "Zie bagage",
        },
    )
    page = client_for(bob).get(f"/inwoners/{resident.pk}/bagage/").content.decode()
    assert "Eerdere consulenten wisselden vaak" in page
    assert "Hij schaamt zich voor zijn schulden" in page
    assert "Na de scheiding" not in page
    assert client_for(alice).get(f"/inwoners/{resident.pk}/bagage/").status_code == 404


def test_others_cannot_write_and_an_empty_note_is_refused(client_for, alice, lead, resident):
    assert write(client_for(lead), resident, "x", private=False).status_code == 403
    response = write(client_for(alice), resident, "", private=True)
    assert "Schrijf op wat de inwoner vertelt." in response.content.decode()
    assert not BaggageNote.objects.exists()
