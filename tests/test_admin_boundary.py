"""The beheerder's boundary in /beheer/: no page shows case data, not even the delete page of
a user whose work it is; no self-escalation; no password typed for someone else.

The case data carries marker strings; every admin address of every model, and the delete
pages of users and teams, are fetched as the beheerder and searched for them."""

import logging

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from cases import services
from cases.models import BaggageNote, Reassignment, Signal, User

from .factories import ConversationFactory, ResidentFactory

pytestmark = pytest.mark.django_db

MARKERS = [
    "Zwaantje",
    "Klompmaker",
    "GEHEIM-BLIJFT-TUSSEN-ONS",
    "OVERDRACHT-TEKST",
    "SIGNAAL-TEKST",
]


@pytest.fixture
def case_data(alice, bob, lead):
    resident = ResidentFactory(consultant=alice, first_name="Zwaantje", last_name="Klompmaker")
    trajectory = services.start_trajectory(resident=resident, by=alice)
    ConversationFactory(trajectory=trajectory)
    BaggageNote.objects.create(
        resident=resident, text="GEHEIM-BLIJFT-TUSSEN-ONS", private=True, written_by=alice
    )
    Reassignment.objects.create(
        resident=resident,
        from_consultant=bob,
        to_consultant=alice,
        reason="Verlof",
        handover_note="OVERDRACHT-TEKST",
        by=lead,
    )
    Signal.objects.create(
        resident=resident, category="regels", description="SIGNAAL-TEKST", signalled_by=alice
    )
    return resident


def assert_no_case_data(response, address):
    page = response.content.decode(errors="replace")
    for marker in MARKERS:
        assert marker not in page, f"{marker} on {address}"


def admin_addresses(objects):
    """Every page the admin has for each registered model, with one object each."""
    for model in admin.site._registry:
        base = f"/beheer/{model._meta.app_label}/{model._meta.model_name}/"
        yield base
        yield f"{base}add/"
        obj = objects.get(model) or model._default_manager.first()
        if obj is not None:
            for page in ("change/", "delete/", "history/", "password/"):
                yield f"{base}{obj.pk}/{page}"


def test_no_admin_page_shows_case_data(client_for, beheerder, alice, lead, team, case_data):
    client = client_for(beheerder)
    for address in [*admin_addresses({User: alice}), "/beheer/"]:
        assert_no_case_data(client.get(address), address)
    for user in (alice, lead):
        assert_no_case_data(client.get(f"/beheer/cases/user/{user.pk}/delete/"), user.pk)
    assert_no_case_data(client.get(f"/beheer/cases/team/{team.pk}/delete/"), team.pk)


def test_no_case_model_is_in_the_admin_nor_behind_its_shortcut(client_for, beheerder, case_data):
    client = client_for(beheerder)
    kept = {User, *admin.site._registry}
    for model in apps.get_app_config("cases").get_models():
        if model in kept:
            continue
        base = f"/beheer/cases/{model._meta.model_name}/"
        assert client.get(base).status_code == 404, model
        obj = model._default_manager.first()
        if obj is not None:
            content_type = ContentType.objects.get_for_model(model)
            response = client.get(f"/beheer/r/{content_type.pk}/{obj.pk}/")
            assert response.status_code == 404, model
            assert_no_case_data(response, model)


def test_a_user_with_a_caseload_is_not_deleted_but_deactivated(
    client_for, beheerder, alice, case_data
):
    client = client_for(beheerder)
    page = client.get(f"/beheer/cases/user/{alice.pk}/delete/")
    text = page.content.decode()
    assert "Zet het account op inactief" in text
    assert "inwoners: 1" in text
    assert client.post(f"/beheer/cases/user/{alice.pk}/delete/", {"post": "yes"}).status_code == 200
    assert User.objects.filter(pk=alice.pk).exists()
    # No bulk delete around the refusal.
    changelist = client.get("/beheer/cases/user/").content.decode()
    assert "delete_selected" not in changelist


def test_a_user_without_history_can_be_deleted(client_for, beheerder, bob):
    client = client_for(beheerder)
    response = client.post(f"/beheer/cases/user/{bob.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=bob.pk).exists()


def test_a_team_delete_page_counts_its_members(client_for, beheerder, alice, team, case_data):
    page = client_for(beheerder).get(f"/beheer/cases/team/{team.pk}/delete/").content.decode()
    assert "gebruikers: 3" in page  # alice, bob and their lead
    assert "Alice" not in page


def test_the_beheerder_cannot_change_their_own_role(client_for, beheerder, team):
    client = client_for(beheerder)
    page = client.get(f"/beheer/cases/user/{beheerder.pk}/change/").content.decode()
    assert 'name="role"' not in page
    assert 'name="team"' not in page
    client.post(
        f"/beheer/cases/user/{beheerder.pk}/change/",
        {"username": "beheerder", "role": "teamleider", "team": team.pk, "is_active": "on"},
    )
    beheerder.refresh_from_db()
    assert beheerder.role == User.Role.BEHEERDER
    assert beheerder.team is None


def test_giving_a_case_role_is_logged(client_for, beheerder, bob, team, caplog):
    client = client_for(beheerder)
    with caplog.at_level(logging.INFO, logger="samenbeslissen.security"):
        response = client.post(
            f"/beheer/cases/user/{bob.pk}/change/",
            {
                "username": "bob",
                "first_name": "Bob",
                "role": "teamleider",
                "team": team.pk,
                "is_active": "on",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    events = [r.security for r in caplog.records if hasattr(r, "security")]
    change = next(e for e in events if e["action"] == "user_changed")
    assert change["user_id"] == beheerder.pk
    assert change["target_user_id"] == bob.pk
    assert change["role"] == "teamleider"
    assert change["was_role"] == "consulent"
    assert "Bob" not in caplog.text


def test_the_teams_lead_sees_a_case_role_given_and_a_move_to_another_team(
    client_for, client, beheerder, bob, team, other_team, lead, other_lead
):
    admin = client_for(beheerder)
    form = {"username": "bob", "first_name": "Bob", "last_name": "Bos", "is_active": "on"}
    admin.post(
        f"/beheer/cases/user/{bob.pk}/change/", {**form, "role": "teamleider", "team": team.pk}
    )
    admin.post(
        f"/beheer/cases/user/{bob.pk}/change/", {**form, "role": "consulent", "team": other_team.pk}
    )
    admin.post("/uitloggen/")
    north = client_for(lead).get("/team/").content.decode()
    assert "<strong>Bob Bos</strong>, nu Teamleider, was Consulent" in north
    assert "<strong>Bob Bos</strong>, nu Consulent, was Teamleider, naar team Zuid" in north
    assert north.count("(door Bea") == 2
    client.post("/uitloggen/")
    south = client_for(other_lead).get("/team/").content.decode()
    assert "<strong>Bob Bos</strong>, nu Consulent, was Teamleider, in het team gekomen" in south
    assert "nu Teamleider, was Consulent" not in south  # that was in Noord, not here


def test_no_one_sets_another_users_password_in_the_admin(client_for, beheerder, alice):
    client = client_for(beheerder)
    assert client.get(f"/beheer/cases/user/{alice.pk}/password/").status_code == 403
    response = client.post(
        f"/beheer/cases/user/{alice.pk}/password/",
        {"password1": "Nieuw-wachtwoord-1234", "password2": "Nieuw-wachtwoord-1234"},
    )
    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.check_password("geheim-wachtwoord-123")
    add = client.get("/beheer/cases/user/add/").content.decode()
    assert 'name="password1"' not in add


def test_the_beheerder_sends_a_link_and_the_user_sets_their_password(client_for, beheerder, client):
    new = User.objects.create(username="nieuw", email="nieuw@gemeente.example", role="consulent")
    new.set_unusable_password()
    new.save()
    admin_client = client_for(beheerder)
    admin_client.post(
        "/beheer/cases/user/", {"action": "send_password_link", "_selected_action": [new.pk]}
    )
    assert len(mail.outbox) == 1
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/inloggen/wachtwoord/" in line
    )
    admin_client.post("/uitloggen/")
    path = link.split("testserver", 1)[1].strip()
    response = client.get(path, follow=True)
    assert "Wachtwoord instellen" in response.content.decode()
    form_path = response.redirect_chain[-1][0]
    response = client.post(
        form_path,
        {
            "new_password1": "Eigen-gekozen-wachtwoord-7",
            "new_password2": "Eigen-gekozen-wachtwoord-7",
        },
    )
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.check_password("Eigen-gekozen-wachtwoord-7")
    # The link works once.
    assert "werkt niet meer" in client.get(path, follow=True).content.decode()
