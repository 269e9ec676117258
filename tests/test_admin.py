"""/beheer/: the beheerder keeps the method content, users and teams; nobody else gets in."""

import pytest

from steps.models import ChecklistItem, Step

pytestmark = pytest.mark.django_db


def inline_data(step):
    """The step's change form as the admin renders it, ready to post."""
    data = {
        "title": step.title,
        "summary": step.summary,
        "description": step.description,
        "existing_moments": step.existing_moments,
        "tools": [t.pk for t in step.tools.all()],
    }
    for prefix, items, fields in (
        ("checklist_items", step.checklist_items.all(), ("position", "phase", "text")),
        ("prompts", step.prompts.all(), ("position", "text")),
    ):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(items)),
                f"{prefix}-INITIAL_FORMS": str(len(items)),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for i, item in enumerate(items):
            data[f"{prefix}-{i}-id"] = str(item.pk)
            data[f"{prefix}-{i}-step"] = str(step.pk)
            for field in fields:
                data[f"{prefix}-{i}-{field}"] = str(getattr(item, field))
            if item.is_retired:
                data[f"{prefix}-{i}-retired"] = "on"
    return data


def test_the_beheerder_rewords_a_checklist_item_which_keeps_its_identity(client_for, beheerder):
    step = Step.objects.get(number=4)
    item = step.checklist_items.first()
    data = inline_data(step)
    data["checklist_items-0-text"] = "Bepaal samen met de inwoner het doel."
    response = client_for(beheerder).post(f"/beheer/steps/step/{step.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert item.text == "Bepaal samen met de inwoner het doel."
    page = client_for(beheerder).get("/werkwijze/4/").content.decode()
    assert "Bepaal samen met de inwoner het doel." in page


def test_the_beheerder_retires_an_item_and_adds_one(client_for, beheerder):
    step = Step.objects.get(number=6)
    count = step.checklist_items.count()
    item = step.checklist_items.last()
    data = inline_data(step)
    data[f"checklist_items-{count - 1}-retired"] = "on"
    data["checklist_items-TOTAL_FORMS"] = str(count + 1)
    data[f"checklist_items-{count}-step"] = str(step.pk)
    data[f"checklist_items-{count}-position"] = "9"
    data[f"checklist_items-{count}-phase"] = "gesprek"
    data[f"checklist_items-{count}-text"] = "Vraag of de inwoner het besluit wil opschrijven."
    client = client_for(beheerder)
    assert client.post(f"/beheer/steps/step/{step.pk}/change/", data).status_code == 302
    item.refresh_from_db()
    assert item.is_retired
    page = client.get("/werkwijze/6/").content.decode()
    assert "Vraag of de inwoner het besluit wil opschrijven." in page
    assert item.text not in page
    assert ChecklistItem.objects.filter(pk=item.pk).exists()


def test_checklist_items_cannot_be_deleted_or_steps_added(client_for, beheerder):
    step = Step.objects.get(number=1)
    client = client_for(beheerder)
    page = client.get(f"/beheer/steps/step/{step.pk}/change/").content.decode()
    assert "checklist_items-0-DELETE" not in page
    assert client.get("/beheer/steps/step/add/").status_code == 403
    assert client.get(f"/beheer/steps/step/{step.pk}/delete/").status_code == 403


def test_the_beheerder_sees_users_and_teams_but_no_case_data(client_for, beheerder, resident):
    client = client_for(beheerder)
    index = client.get("/beheer/").content.decode()
    assert "/beheer/cases/user/" in index
    assert "/beheer/cases/team/" in index
    assert "resident" not in index
    assert client.get("/beheer/cases/resident/").status_code == 404
    assert client.get("/beheer/cases/networkmember/").status_code == 404


@pytest.mark.parametrize("persona", ["alice", "lead"])
def test_consultants_and_team_leads_cannot_open_the_admin(client_for, personas, persona):
    client = client_for(personas[persona])
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response.url.startswith("/beheer/login/")
    # Logged in with a role that has no place there: refused, not sent to log in again.
    assert client.get(response.url).status_code == 403
    assert client.get("/beheer/steps/step/").status_code == 302


def test_a_tick_keeps_the_wording_it_was_made_on(client_for, beheerder, alice, trajectory):
    from cases import services
    from steps.models import ChecklistItemWording

    step = Step.objects.get(number=1)
    item = step.checklist_items.first()
    before = item.text
    services.tick(trajectory=trajectory, item=item, by=alice)
    data = inline_data(step)
    data["checklist_items-0-text"] = "Een heel andere tekst voor dit punt."
    assert (
        client_for(beheerder).post(f"/beheer/steps/step/{step.pk}/change/", data).status_code == 302
    )
    # The method keeps both wordings, oldest first.
    assert list(
        ChecklistItemWording.objects.filter(item=item)
        .order_by("since")
        .values_list("text", flat=True)
    ) == [before, "Een heel andere tekst voor dit punt."]
    client = client_for(alice)
    page = client.get(f"/trajecten/{trajectory.pk}/stap/1/").content.decode()
    ticked = page[page.index(f'id="punt-{item.pk}"') :]
    ticked = ticked[: ticked.index("</li>")]
    assert before in ticked
    assert "het punt luidt nu: “Een heel andere tekst voor dit punt.”" in ticked
    timeline = client.get(f"/inwoners/{trajectory.resident.pk}/", {"toon": "vinkjes"})
    assert f"Afgevinkt (stap 1): {before}" in timeline.content.decode()
    # A tick made now is made on the new words.
    item.refresh_from_db()
    services.untick(trajectory=trajectory, item=item)
    services.tick(trajectory=trajectory, item=item, by=alice)
    page = client.get(f"/trajecten/{trajectory.pk}/stap/1/").content.decode()
    ticked = page[page.index(f'id="punt-{item.pk}"') :]
    assert "luidt nu" not in ticked[: ticked.index("</li>")]
