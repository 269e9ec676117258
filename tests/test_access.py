"""Who may see what: every case URL for every role.

The matrix is checked against the URL configuration, so a new case URL
without a row here fails the suite. Reads answer 404 to outsiders; the
team lead may read the team's cases but changing them answers 403; a page
of another role answers 403 (the rule in cases/access.py).
"""

import pytest
from django.urls import URLResolver

from cases import urls as case_urls

pytestmark = pytest.mark.django_db

ROLES = ["alice", "bob", "charlie", "lead", "other_lead", "beheerder", "privacy"]

OWNER_ONLY = {"alice": 200, "bob": 404, "charlie": 404, "lead": 403, "other_lead": 404}
OWNER_ONLY_POST = {**OWNER_ONLY, "alice": 302, "beheerder": 404}
# The team's pages answer 403 to other roles (the rule in cases/access.py).
TEAM_LEADS_ONLY = {
    "alice": 403,
    "bob": 403,
    "charlie": 403,
    "lead": 200,
    "other_lead": 200,
    "beheerder": 403,
}
READ_TEAM = {"alice": 200, "bob": 404, "charlie": 404, "lead": 200, "other_lead": 404}
PRIVACY_OFFICER_ONLY = {persona: 403 for persona in ROLES} | {"privacy": 200}

# url name -> (method, path, {persona: status}); the privacy officer, who sees no case
# data either, is answered as the beheerder unless a row names them.
MATRIX = {
    "today": (
        "get",
        "/vandaag/",
        {
            "alice": 200,
            "bob": 200,
            "charlie": 200,
            "lead": 403,
            "other_lead": 403,
            "beheerder": 403,
        },
    ),
    "team": (
        "get",
        "/team/",
        TEAM_LEADS_ONLY,
    ),
    "resident_access_log": (
        "get",
        "/inwoners/{resident}/ingezien/",
        {**READ_TEAM, "beheerder": 404},
    ),
    "resident_access_log_pdf": (
        "get",
        "/inwoners/{resident}/ingezien.pdf",
        {**READ_TEAM, "beheerder": 404},
    ),
    "restriction": (
        "get",
        "/inwoners/{resident}/beperken/",
        {**TEAM_LEADS_ONLY, "other_lead": 404},
    ),
    "erasure": ("get", "/inwoners/{resident}/wissen/", {**READ_TEAM, "beheerder": 404}),
    "copy": ("get", "/inwoners/{resident}/inzage/", {**READ_TEAM, "beheerder": 404}),
    "copy_download": (
        "get",
        "/inwoners/{resident}/inzage/{copy}.zip",
        {**READ_TEAM, "beheerder": 404},
    ),
    "destruction_lists": ("get", "/team/vernietigen/", TEAM_LEADS_ONLY),
    "destruction_approve": (
        "post",
        "/team/vernietigen/{destruction}/goedkeuren/",
        {**TEAM_LEADS_ONLY, "lead": 302, "other_lead": 404},
    ),
    # The matrix's data gives no reason, hence 400.
    "destruction_refuse": (
        "post",
        "/team/vernietigen/{destruction}/afwijzen/",
        {**TEAM_LEADS_ONLY, "lead": 400, "other_lead": 404},
    ),
    "access_log": ("get", "/logboek/", PRIVACY_OFFICER_ONLY),
    "access_log_csv": ("get", "/logboek.csv", PRIVACY_OFFICER_ONLY),
    "reassign": (
        "get",
        "/team/overdragen/",
        TEAM_LEADS_ONLY,
    ),
    "team_csv": (
        "get",
        "/team/caseload.csv",
        TEAM_LEADS_ONLY,
    ),
    "check_ins_csv": (
        "get",
        "/team/check-in.csv",
        TEAM_LEADS_ONLY,
    ),
    "indicators_csv": (
        "get",
        "/team/kernpunten.csv",
        TEAM_LEADS_ONLY,
    ),
    "overdue_evaluations": (
        "get",
        "/team/evaluaties/",
        TEAM_LEADS_ONLY,
    ),
    "case_review_agenda": (
        "get",
        "/team/casuistiek/",
        TEAM_LEADS_ONLY,
    ),
    # The lead may post; the matrix's data has no date or outcome, hence 400.
    "case_review_plan": (
        "post",
        "/team/casuistiek/{review}/datum/",
        {
            "alice": 403,
            "bob": 403,
            "charlie": 403,
            "lead": 400,
            "other_lead": 404,
            "beheerder": 403,
        },
    ),
    "case_review_outcome": (
        "post",
        "/team/casuistiek/{review}/uitkomst/",
        {
            "alice": 403,
            "bob": 403,
            "charlie": 403,
            "lead": 400,
            "other_lead": 404,
            "beheerder": 403,
        },
    ),
    "case_review_request": (
        "get",
        "/inwoners/{resident}/casuistiek/",
        {**OWNER_ONLY, "beheerder": 404},
    ),
    "offers": (
        "get",
        "/aanbod/",
        {
            "alice": 200,
            "bob": 200,
            "charlie": 200,
            "lead": 200,
            "other_lead": 200,
            "beheerder": 200,
        },
    ),
    "indicators": (
        "get",
        "/team/kernpunten/",
        TEAM_LEADS_ONLY,
    ),
    "indicator_list": (
        "get",
        "/team/kernpunten/afgewogen/",
        TEAM_LEADS_ONLY,
    ),
    "team_signals": ("get", "/team/signalen/", TEAM_LEADS_ONLY),
    "signal_respond": (
        "post",
        "/team/signalen/{signal}/",
        {
            "alice": 403,
            "bob": 403,
            "charlie": 403,
            "lead": 400,
            "other_lead": 404,
            "beheerder": 403,
        },
    ),
    "my_signals": (
        "get",
        "/signalen/",
        {
            "alice": 200,
            "bob": 200,
            "charlie": 200,
            "lead": 403,
            "other_lead": 403,
            "beheerder": 403,
        },
    ),
    "signal_create": ("get", "/inwoners/{resident}/signaal/", {**OWNER_ONLY, "beheerder": 404}),
    "baggage": ("get", "/inwoners/{resident}/bagage/", {**READ_TEAM, "beheerder": 404}),
    "motivation": ("get", "/trajecten/{trajectory}/drijfveren/", {**READ_TEAM, "beheerder": 404}),
    "situation": ("get", "/trajecten/{trajectory}/situatie/", {**READ_TEAM, "beheerder": 404}),
    "life_domain": ("post", "/trajecten/{trajectory}/situatie/werk/", OWNER_ONLY_POST),
    "residents": (
        "get",
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
        "get",
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
    "resident": ("get", "/inwoners/{resident}/", {**READ_TEAM, "beheerder": 404}),
    "resident_edit": ("get", "/inwoners/{resident}/bewerken/", {**OWNER_ONLY, "beheerder": 404}),
    "trajectory_start": ("post", "/inwoners/{other_resident}/traject/", OWNER_ONLY_POST),
    "trajectory": ("get", "/trajecten/{trajectory}/", {**READ_TEAM, "beheerder": 404}),
    "step": ("get", "/trajecten/{trajectory}/stap/2/", {**READ_TEAM, "beheerder": 404}),
    "tick": ("post", "/trajecten/{trajectory}/vinkjes/{item}/", OWNER_ONLY_POST),
    "move_step": ("post", "/trajecten/{trajectory}/naar-stap/", OWNER_ONLY_POST),
    "new_round": ("post", "/trajecten/{trajectory}/nieuwe-ronde/", OWNER_ONLY_POST),
    "trajectory_status": ("post", "/trajecten/{trajectory}/status/", OWNER_ONLY_POST),
    "conversation_create": (
        "get",
        "/trajecten/{trajectory}/gesprekken/nieuw/",
        {**OWNER_ONLY, "beheerder": 404},
    ),
    "conversation": ("get", "/gesprekken/{conversation}/", {**READ_TEAM, "beheerder": 404}),
    "conversation_edit": (
        "get",
        "/gesprekken/{conversation}/bewerken/",
        {**OWNER_ONLY, "beheerder": 404},
    ),
    "conversation_move": (
        "get",
        "/gesprekken/{planned}/verzetten/",
        {**OWNER_ONLY, "beheerder": 404},
    ),
    "conversation_close": (
        "get",
        "/gesprekken/{planned}/afzeggen/",
        {**OWNER_ONLY, "beheerder": 404},
    ),
    # Handing over (a POST to the same address) is the owner's alone: tests/test_documents.py.
    "agreements_pdf": (
        "get",
        "/gesprekken/{conversation}/afspraken.pdf",
        {**READ_TEAM, "beheerder": 404},
    ),
    "appointment_ics": (
        "get",
        "/gesprekken/{planned}/afspraak.ics",
        {**READ_TEAM, "beheerder": 404},
    ),
    "trajectory_documents": (
        "get",
        "/trajecten/{trajectory}/documenten/",
        {**READ_TEAM, "beheerder": 404},
    ),
    "handed_over_document": ("get", "/documenten/{document}.pdf", {**READ_TEAM, "beheerder": 404}),
    "agreement_done": ("post", "/afspraken/{agreement}/gedaan/", OWNER_ONLY_POST),
    "agreement_edit": ("get", "/afspraken/{agreement}/bewerken/", {**OWNER_ONLY, "beheerder": 404}),
    "plan": ("get", "/trajecten/{trajectory}/doel-actieplan/", {**READ_TEAM, "beheerder": 404}),
    "plan_pdf": (
        "get",
        "/trajecten/{trajectory}/doel-actieplan.pdf",
        {**READ_TEAM, "beheerder": 404},
    ),
    "evaluation_ics": (
        "get",
        "/trajecten/{trajectory}/evaluatie.ics",
        {**READ_TEAM, "beheerder": 404},
    ),
    "plan_together": (
        "get",
        "/trajecten/{trajectory}/doel-actieplan/samen/",
        {**READ_TEAM, "beheerder": 404},
    ),
    "plan_decision": (
        "get",
        "/trajecten/{trajectory}/doel-actieplan/besluit/",
        {**OWNER_ONLY, "beheerder": 404},
    ),
    "plan_evaluation": (
        "get",
        "/trajecten/{trajectory}/doel-actieplan/evaluatie/",
        {**OWNER_ONLY, "beheerder": 404},
    ),
    "plan_max_options": (
        "post",
        "/trajecten/{trajectory}/doel-actieplan/aantal-mogelijkheden/",
        OWNER_ONLY_POST,
    ),
    "plan_part_create": (
        "get",
        "/trajecten/{trajectory}/doel-actieplan/acties/nieuw/",
        {**OWNER_ONLY, "beheerder": 404},
    ),
    "plan_part_edit": (
        "get",
        "/trajecten/{trajectory}/doel-actieplan/doelen/{goal}/",
        {**OWNER_ONLY, "beheerder": 404},
    ),
    "plan_part_move": (
        "post",
        "/trajecten/{trajectory}/doel-actieplan/doelen/{goal}/verplaatsen/",
        OWNER_ONLY_POST,
    ),
    "plan_part_remove": (
        "post",
        "/trajecten/{trajectory}/doel-actieplan/acties/{action}/weghalen/",
        OWNER_ONLY_POST,
    ),
}

# Pages that list residents: who finds alice's resident Johan there.
SEES_JOHAN_IN_LISTS = {"alice", "lead"}


def url_names(patterns) -> set[str]:
    """The names of every URL under `patterns`, through the sub-packages' includes."""
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= url_names(pattern.url_patterns)
        else:
            names.add(pattern.name)
    return names


def test_every_case_url_has_a_row_in_the_matrix():
    assert url_names(case_urls.urlpatterns) == set(MATRIX)


@pytest.mark.parametrize("persona", ROLES)
@pytest.mark.parametrize("url_name", MATRIX)
def test_it_answers_each_role_as_the_rules_say(client_for, personas, case, url_name, persona):
    method, path, expected = MATRIX[url_name]
    client = client_for(personas[persona])
    data = {
        "step": "2",
        "status": "gepauzeerd",
        "action": "done",
        "done": "1",
        "werk-wish": "Werk met hout",
        "beeld-picture": "Een trouwe werker",
        "version": "1",
    }
    response = getattr(client, method)(path.format(**case), data if method == "post" else None)
    assert response.status_code == expected.get(persona, expected["beheerder"])
    # Whatever the answer, a logged-in user's browser keeps no copy of it.
    assert "no-store" in response["Cache-Control"]
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


def test_a_team_lead_reads_a_case_without_the_buttons_to_change_it(client_for, lead, case):
    client = client_for(lead)
    page = client.get(f"/inwoners/{case['resident']}/").content.decode()
    assert "Johan de Wit" in page
    assert "Gegevens aanpassen" not in page
    assert "Gesprek vastleggen" not in page
    step_page = client.get(f"/trajecten/{case['trajectory']}/stap/1/").content.decode()
    assert "vinkjes" not in step_page


def test_a_closed_trajectory_can_be_read_but_not_changed(client_for, alice, case):
    client = client_for(alice)
    client.post(
        f"/trajecten/{case['trajectory']}/status/",
        {"status": "afgesloten", "outcome": "werk", "version": 1},
    )
    assert client.get(f"/trajecten/{case['trajectory']}/").status_code == 200
    response = client.post(f"/trajecten/{case['trajectory']}/naar-stap/", {"step": "3"})
    assert response.status_code == 403


def test_the_forbidden_page_is_in_dutch(client_for, beheerder):
    response = client_for(beheerder).get("/inwoners/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
