"""Who may see what: every case URL for every role.

The matrix is checked against the URL configuration, so a new case URL
without a row here fails the suite.
"""

import pytest

from cases import urls as case_urls

pytestmark = pytest.mark.django_db

ROLES = ["alice", "bob", "charlie", "lead", "other_lead", "beheerder"]

# url name -> (path template, {persona: status for GET})
MATRIX = {
    "residents": (
        "/inwoners/",
        {
            "alice": 200,
            "bob": 200,
            "charlie": 200,
            "lead": 200,
            "other_lead": 200,
            "beheerder": 403,
        },
    ),
    "resident_create": (
        "/inwoners/nieuw/",
        {
            "alice": 200,
            "bob": 200,
            "charlie": 200,
            "lead": 403,
            "other_lead": 403,
            "beheerder": 403,
        },
    ),
    "resident": (
        "/inwoners/{resident}/",
        {
            "alice": 200,
            "bob": 404,
            "charlie": 404,
            "lead": 200,
            "other_lead": 404,
            "beheerder": 404,
        },
    ),
    "resident_edit": (
        "/inwoners/{resident}/bewerken/",
        {
            "alice": 200,
            "bob": 404,
            "charlie": 404,
            "lead": 403,
            "other_lead": 404,
            "beheerder": 404,
        },
    ),
}

# Pages that list residents: who finds alice's resident Johan there.
SEES_JOHAN_IN_LISTS = {"alice", "lead"}


def test_every_case_url_has_a_row_in_the_matrix():
    assert {pattern.name for pattern in case_urls.urlpatterns} == set(MATRIX)


@pytest.mark.parametrize("persona", ROLES)
@pytest.mark.parametrize("url_name", MATRIX)
def test_it_answers_each_role_as_the_rules_say(client_for, personas, resident, url_name, persona):
    path, expected = MATRIX[url_name]
    response = client_for(personas[persona]).get(path.format(resident=resident.pk))
    assert response.status_code == expected[persona]
    if response.status_code == 200 and url_name == "residents":
        assert ("Johan de Wit" in response.content.decode()) == (persona in SEES_JOHAN_IN_LISTS)


@pytest.mark.parametrize(("persona", "status"), [("bob", 404), ("lead", 403), ("beheerder", 404)])
def test_only_the_own_consultant_may_change_a_resident(
    client_for, personas, resident, persona, status
):
    response = client_for(personas[persona]).post(
        f"/inwoners/{resident.pk}/bewerken/", {"first_name": "Overschreven"}
    )
    assert response.status_code == status
    resident.refresh_from_db()
    assert resident.first_name == "Johan"


@pytest.mark.parametrize("persona", ["lead", "beheerder"])
def test_only_consultants_register_residents(client_for, personas, persona):
    response = client_for(personas[persona]).post("/inwoners/nieuw/", {"first_name": "X"})
    assert response.status_code == 403


def test_a_team_lead_reads_a_residents_page_without_the_edit_button(client_for, lead, resident):
    page = client_for(lead).get(f"/inwoners/{resident.pk}/").content.decode()
    assert "Johan de Wit" in page
    assert "Gegevens aanpassen" not in page


def test_the_forbidden_page_is_in_dutch(client_for, beheerder):
    response = client_for(beheerder).get("/inwoners/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
