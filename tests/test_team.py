"""/team/: the team lead's view of the team's caseload."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from cases.accounts.services import record_place_change
from cases.models import Agreement, Evaluation
from cases.team import services as team_services

from .factories import (
    ActionFactory,
    ConversationFactory,
    DecisionFactory,
    ResidentFactory,
    TrajectoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def case(consultant, *, step=1, last_contact_days=None, overdue=0, status="actief"):
    """A resident of `consultant` with an open trajectory in `step`."""
    trajectory = TrajectoryFactory(
        resident__consultant=consultant, current_step=step, status=status
    )
    if last_contact_days is not None:
        conversation = ConversationFactory(
            trajectory=trajectory, held_at=timezone.now() - timedelta(days=last_contact_days)
        )
        for i in range(overdue):
            Agreement.objects.create(
                conversation=conversation,
                owner="inwoner",
                what=f"Afspraak {i}",
                due_on=timezone.localdate() - timedelta(days=1),
            )
    return trajectory.resident


def test_it_counts_per_consultant_and_for_the_team(client_for, lead, alice, bob, charlie):
    case(alice, step=1, last_contact_days=3)
    case(alice, step=4, last_contact_days=50, overdue=2)  # no contact for 7 weeks
    case(alice, step=4)  # never seen
    case(bob, step=7, last_contact_days=10, overdue=1, status="gepauzeerd")
    closed = case(bob, step=5, last_contact_days=100)
    closed.trajectories.update(status="afgesloten")
    ResidentFactory(consultant=bob)  # registered, no trajectory yet
    case(charlie, step=2)  # another team

    response = client_for(lead).get("/team/")
    rows = {row.consultant.username: row for row in response.context["rows"]}
    assert set(rows) == {"alice", "bob"}
    assert rows["alice"].active == 3
    assert rows["alice"].step_counts == [1, 0, 0, 2, 0, 0, 0]
    assert rows["alice"].overdue_agreements == 2
    assert rows["alice"].without_contact == 2
    assert rows["bob"].active == 1  # paused counts as open; closed does not
    assert rows["bob"].step_counts == [0, 0, 0, 0, 0, 0, 1]
    assert rows["bob"].overdue_agreements == 1
    assert rows["bob"].without_contact == 0
    total = response.context["total"]
    assert (total.active, total.overdue_agreements, total.without_contact) == (4, 3, 2)
    assert total.step_counts == [1, 0, 0, 2, 0, 0, 1]
    assert rows["alice"].last_conversation.date() == (timezone.now() - timedelta(days=3)).date()
    page = response.content.decode()
    assert "Team Noord" in page
    assert f"?consulent={alice.pk}" in page
    assert "Charlie" not in page
    # Each row ends with the day of the consultant's last conversation.
    seen = date_format(timezone.localdate() - timedelta(days=3), "j b Y")
    alices_row = page[page.index(f"?consulent={alice.pk}") :]
    assert f"</td><td>{seen}</td>" in alices_row[: alices_row.index("</tr>")]


def decided(resident, evaluation_days: int, *, evaluated=False, cycle=1):
    """A decision in the resident's trajectory, evaluated `evaluation_days` from today."""
    decision = DecisionFactory(
        plan__trajectory=resident.trajectories.get(),
        cycle=cycle,
        evaluation_on=timezone.localdate() + timedelta(days=evaluation_days),
    )
    if evaluated:
        Evaluation.objects.create(
            plan=decision.plan,
            cycle=cycle,
            what_changed="Meer ritme",
            next_step="doorgaan",
            evaluated_by=resident.consultant,
        )
    return resident


def late_action(resident, *, days=-2, status="open", cycle=1):
    """An action of the resident's plan, `days` from today."""
    ActionFactory(
        plan__trajectory=resident.trajectories.get(),
        cycle=cycle,
        status=status,
        due_on=timezone.localdate() + timedelta(days=days),
    )
    return resident


def test_plan_actions_past_their_date_count_with_the_agreements(client_for, lead, alice, bob):
    late = late_action(case(alice, step=6, last_contact_days=5, overdue=1))
    late_action(late, status="bezig", days=-10)
    late_action(late, status="gedaan")  # done: not late
    late_action(late, days=3)  # still to come
    earlier_round = case(alice, step=4)
    earlier_round.trajectories.update(cycle=2)
    late_action(earlier_round, cycle=1)  # that round was evaluated
    late_action(case(bob, step=6, status="afgesloten"))  # a closed trajectory
    client = client_for(lead)
    rows = {row.consultant.username: row for row in client.get("/team/").context["rows"]}
    assert (rows["alice"].overdue_agreements, rows["alice"].overdue_actions) == (1, 2)
    assert rows["alice"].overdue == 3
    assert rows["bob"].overdue == 0
    # Alice's own caseload counts them in "Te laat" too.
    page = client_for(alice).get("/inwoners/", {"sorteer": "te-laat"}).content.decode()
    assert '<strong class="overdue">3</strong>' in page


def test_every_number_of_the_overview_links_to_its_rows(client_for, lead, alice, bob):
    three = case(alice, step=3, last_contact_days=60)
    late = case(alice, step=5, last_contact_days=2, overdue=1)
    case(bob, step=3, last_contact_days=1)
    client = client_for(lead)
    page = client.get("/team/").content.decode()
    for query, shown, hidden in [
        (f"consulent={alice.pk}&amp;stap=3", [three], [late]),
        (f"consulent={alice.pk}&amp;toon=te-laat", [late], [three]),
        (f"consulent={alice.pk}&amp;toon=geen-contact", [three], [late]),
        (f"consulent={alice.pk}&amp;toon=lopend", [three, late], []),
    ]:
        assert f'href="/inwoners/?{query}"' in page
        rows = client.get("/inwoners/?" + query.replace("&amp;", "&")).content.decode()
        for resident in shown:
            assert escape(resident.full_name) in rows
        for resident in hidden:
            assert escape(resident.full_name) not in rows
    # The team's row links to the whole team's rows.
    assert 'href="/inwoners/?stap=3"' in page
    team_in_step_3 = client.get("/inwoners/?stap=3").content.decode()
    assert "2 inwoners met een lopend traject in stap 3" in team_in_step_3
    assert "alle inwoners tonen" in team_in_step_3


def test_overdue_evaluations_are_counted_and_listed(client_for, lead, alice, bob):
    late = decided(case(alice, step=6), evaluation_days=-3)
    decided(case(alice, step=7), evaluation_days=-3, evaluated=True)
    decided(case(alice, step=6), evaluation_days=2)  # still to come
    closed = decided(case(alice, step=7, status="afgesloten"), evaluation_days=-3)
    earlier_round = case(bob, step=4)
    earlier_round.trajectories.update(cycle=2)
    decided(earlier_round, evaluation_days=-30, cycle=1)  # that round went on without one
    client = client_for(lead)
    rows = {row.consultant.username: row for row in client.get("/team/").context["rows"]}
    assert (rows["alice"].overdue_evaluations, rows["bob"].overdue_evaluations) == (1, 0)
    page = client.get("/team/evaluaties/", {"consulent": alice.pk}).content.decode()
    assert escape(late.full_name) in page
    assert escape(closed.full_name) not in page
    assert f"/trajecten/{late.trajectories.get().pk}/doel-actieplan/#evaluatie" in page
    assert (
        "Geen evaluaties te laat."
        in client.get("/team/evaluaties/", {"consulent": bob.pk}).content.decode()
    )


def test_an_empty_team_shows_a_message(client_for, lead):
    page = client_for(lead).get("/team/").content.decode()
    assert "Er zijn nog geen consulenten in dit team." in page


def test_a_team_leads_start_page_is_the_overview(client_for, lead, alice):
    case(alice, step=2)
    page = client_for(lead).get("/").content.decode()
    assert "De caseload van het team" in page


@pytest.mark.parametrize("persona", ["alice", "charlie", "beheerder"])
def test_only_team_leads_have_a_team_page(client_for, personas, persona):
    assert client_for(personas[persona]).get("/team/").status_code == 403


def test_a_team_lead_opens_one_consultants_caseload_read_only(client_for, lead, alice, bob):
    mine = case(alice, step=3)
    other = case(bob, step=3)
    page = client_for(lead).get("/inwoners/", {"consulent": alice.pk}).content.decode()
    assert f"Caseload van {alice}" in page
    assert escape(mine.full_name) in page
    assert escape(other.full_name) not in page
    assert "Inwoner inschrijven" not in page


def test_a_consultant_of_another_team_cannot_be_opened(client_for, lead, alice, charlie):
    theirs = case(charlie, step=3)
    page = client_for(lead).get("/inwoners/", {"consulent": charlie.pk}).content.decode()
    assert escape(theirs.full_name) not in page
    assert "Inwoners van het team" in page  # the filter is ignored, not obeyed


@pytest.mark.parametrize("size", [2, 8])
def test_the_overview_runs_a_fixed_number_of_queries(
    client_for, lead, team, size, django_assert_num_queries
):
    for i in range(size):
        consultant = UserFactory(username=f"consulent{i}", team=team)
        decided(case(consultant, step=i % 7 + 1, last_contact_days=60, overdue=1), -1)
        record_place_change(user=consultant, before=None, by=None, at=timezone.now())
    client = client_for(lead)
    # session, user, consultants, one statement for trajectories per step with those
    # without contact, overdue agreements and actions, overdue evaluations and last
    # conversations (five queries before), account changes
    with django_assert_num_queries(6):
        response = client.get("/team/")
    assert response.status_code == 200


def handover(chosen, to, **changes):
    data = {
        "residents": [str(r.pk) for r in chosen],
        "to_consultant": str(to.pk),
        "reason": "Alice gaat met verlof",
        "handover_note": "Johan wil graag op dinsdag afspreken. Moeder komt mee.",
    }
    data.update(changes)
    return data


def test_a_team_lead_hands_residents_over_with_a_note(client_for, lead, alice, bob):
    johan, emma = case(alice, step=3), case(alice, step=5)
    response = client_for(lead).post("/team/overdragen/", handover([johan, emma], bob), follow=True)
    assert "2 inwoners zijn overgedragen aan Bob Bos." in response.content.decode()
    johan.refresh_from_db()
    assert johan.consultant == bob
    assert johan.version == 2  # a form opened before the move is not saved over it
    # The new consultant sees the case and the note at once, "new" until they open it.
    client = client_for(bob)
    caseload = client.get("/inwoners/").content.decode()
    row = caseload[caseload.index(escape(johan.full_name)) :]
    assert "Nieuw bij jou" in row[: row.index("</tr>")]
    day = client.get("/").content.decode()
    assert "Nieuw bij jou" in day and escape(johan.full_name) in day
    dossier = client.get(f"/inwoners/{johan.pk}/").content.decode()
    assert "Overgedragen van Alice Aarts aan Bob Bos door Lotte Leider" in dossier
    assert "Reden: Alice gaat met verlof. Wat je moet weten: Johan wil graag op dinsdag" in dossier
    caseload = client.get("/inwoners/").content.decode()
    row = caseload[caseload.index(escape(johan.full_name)) :]
    assert "Nieuw bij jou" not in row[: row.index("</tr>")]
    row = caseload[caseload.index(escape(emma.full_name)) :]
    assert "Nieuw bij jou" in row[: row.index("</tr>")]  # not opened yet
    # The lead reading the dossier does not take "new" away from Bob.
    client_for(lead).get(f"/inwoners/{emma.pk}/")
    emma.refresh_from_db()
    assert emma.new_to_consultant
    # The former consultant no longer sees it.
    assert client_for(alice).get(f"/inwoners/{johan.pk}/").status_code == 404


def test_the_former_consultants_bookmark_says_where_the_resident_went(
    client_for, lead, alice, bob, charlie, team
):
    johan = case(alice, step=3)
    trajectory = johan.trajectories.get()
    conversation = ConversationFactory(trajectory=trajectory)
    client_for(lead).post("/team/overdragen/", handover([johan], bob))
    for path in (
        f"/inwoners/{johan.pk}/",
        f"/trajecten/{trajectory.pk}/",
        f"/trajecten/{trajectory.pk}/doel-actieplan/",
        f"/gesprekken/{conversation.pk}/",
    ):
        response = client_for(alice).get(path)
        page = response.content.decode()
        assert response.status_code == 404, path
        assert "Niet meer in jouw caseload" in page, path
        assert "overgedragen aan Bob Bos." in page, path
        assert escape(johan.full_name) not in page  # where they went, nothing of the file
    # Anyone else learns nothing, not even that it exists.
    dora = UserFactory(username="dora", first_name="Dora", team=team)
    for outsider in (charlie, dora):
        page = client_for(outsider).get(f"/inwoners/{johan.pk}/").content.decode()
        assert "overgedragen" not in page and "Bob Bos" not in page
    # Handed back, it opens again.
    client_for(lead).post("/team/overdragen/", handover([johan], alice))
    assert client_for(alice).get(f"/inwoners/{johan.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"residents": []}, "Kies minstens één inwoner om over te dragen."),
        ({"to_consultant": ""}, "Kies aan wie je overdraagt."),
        ({"reason": ""}, "Schrijf kort op waarom je overdraagt."),
        ({"handover_note": ""}, "Schrijf op wat de nieuwe consulent moet weten."),
    ],
)
def test_a_handover_needs_residents_a_consultant_a_reason_and_a_note(
    client_for, lead, alice, bob, changes, message
):
    johan = case(alice, step=3)
    response = client_for(lead).post("/team/overdragen/", handover([johan], bob, **changes))
    assert message in response.content.decode()
    johan.refresh_from_db()
    assert johan.consultant == alice


def test_a_resident_cannot_be_handed_to_their_own_consultant(client_for, lead, alice):
    johan = case(alice, step=3)
    response = client_for(lead).post("/team/overdragen/", handover([johan], alice))
    assert "heeft deze consulent al." in response.content.decode()


def test_a_team_lead_cannot_move_another_teams_residents(client_for, lead, alice, charlie):
    theirs = case(charlie, step=3)
    response = client_for(lead).post("/team/overdragen/", handover([theirs], alice))
    assert "hoort niet (meer) bij je team" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.consultant == charlie


def test_consultants_cannot_hand_over(client_for, alice, bob):
    johan = case(alice, step=3)
    response = client_for(alice).post("/team/overdragen/", handover([johan], bob))
    assert response.status_code == 403
    johan.refresh_from_db()
    assert johan.consultant == alice


def test_the_handover_form_can_list_one_consultants_residents(client_for, lead, alice, bob):
    johan, other = case(alice, step=3), case(bob, step=2)
    page = client_for(lead).get("/team/overdragen/", {"consulent": alice.pk}).content.decode()
    assert f'value="{johan.pk}" >' in page  # listed, not ticked in advance
    assert str(other.pk) not in page
    assert f"?consulent={alice.pk}&amp;alle=1" in page


def test_all_of_one_consultants_residents_are_ticked_at_once(client_for, lead, alice, bob):
    mine = [case(alice, step=n) for n in (1, 3, 5)]
    other = case(bob, step=2)
    page = (
        client_for(lead)
        .get("/team/overdragen/", {"consulent": alice.pk, "alle": "1"})
        .content.decode()
    )
    for resident in mine:
        assert f'value="{resident.pk}" checked' in page
    assert str(other.pk) not in page


def test_the_handover_list_is_searched(client_for, lead, alice, bob):
    gulsum = case(alice, step=2)
    gulsum.first_name, gulsum.last_name = "Gülsüm", "Öztürk"
    gulsum.save()
    other = case(bob, step=2)
    page = client_for(lead).get("/team/overdragen/", {"q": "ozturk"}).content.decode()
    assert "Gülsüm Öztürk" in page
    assert str(other.pk) not in page


def test_the_overview_downloads_as_csv(client_for, lead, alice, bob):
    case(alice, step=1, last_contact_days=3)
    case(alice, step=4, last_contact_days=50, overdue=2)
    late_action(decided(case(bob, step=7), evaluation_days=-1))
    response = client_for(lead).get("/team/caseload.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="team-caseload.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Consulent;Lopende trajecten;Stap 1;Stap 2;Stap 3;Stap 4;Stap 5;Stap 6;Stap 7;"
        "Afspraken te laat;Acties te laat;Evaluaties te laat;Geen contact meer dan 6 weken;"
        "Laatste gesprek"
    )
    three_days_ago = (timezone.localtime() - timedelta(days=3)).date().isoformat()
    assert lines[1] == f"Alice Aarts;2;1;0;0;1;0;0;0;2;0;0;1;{three_days_ago}"
    assert lines[2] == "Bob Bos;1;0;0;0;0;0;0;1;0;1;1;1;"
    assert lines[3] == f"Team;3;1;0;0;1;0;0;1;2;1;1;2;{three_days_ago}"


def test_a_name_that_looks_like_a_formula_goes_out_as_text(client_for, lead, alice):
    alice.first_name, alice.last_name = '=HYPERLINK("https://example.org","klik")', ""
    alice.save()
    case(alice, step=1)
    lines = client_for(lead).get("/team/caseload.csv").content.decode("utf-8-sig").splitlines()
    assert lines[1].startswith('"\'=HYPERLINK(""https://example.org"",""klik"")";1;')


def test_the_charts_are_drawn_on_the_server_with_a_title(client_for, lead, alice):
    case(alice, step=4)
    page = client_for(lead).get("/team/").content.decode()
    assert '<svg class="chart"' in page
    assert '<title id="per-stap-titel">Lopende trajecten per stap</title>' in page
    assert '<title id="per-consulent-titel">Lopende trajecten per consulent</title>' in page


def test_a_handover_is_dated_by_the_clock(client_for, lead, alice, bob):
    johan = case(alice, step=3)
    at = timezone.now().replace(microsecond=0) - timedelta(days=5)
    team_services.reassign(
        residents=[johan], to=bob, by=lead, reason="Verlof", handover_note="Dinsdag", at=at
    )
    assert johan.reassignments.get().at == at
    dossier = client_for(bob).get(f"/inwoners/{johan.pk}/").content.decode()
    entry = dossier[: dossier.rindex("Overgedragen van Alice Aarts aan Bob Bos")]
    assert f'datetime="{timezone.localtime(at).isoformat()}"' in entry[-300:]
