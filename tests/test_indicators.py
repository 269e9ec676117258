"""The three core points as figures: 'jij beslist mee' in first conversations, options
weighed and the decision in the resident's own words."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from .factories import ConversationFactory, DecisionFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db


def first_talk(consultant, day: date, *, told: bool, later_told=None):
    """A trajectory whose first conversation was on `day`; a later one may say it too."""
    trajectory = TrajectoryFactory(resident__consultant=consultant)
    at = datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())
    ConversationFactory(trajectory=trajectory, held_at=at, told_decides_too=told)
    if later_told is not None:
        ConversationFactory(
            trajectory=trajectory, held_at=at.replace(hour=15), told_decides_too=later_told
        )
    return trajectory.resident


@pytest.fixture
def first_conversations(alice, bob, charlie):
    first_talk(alice, date(2026, 9, 3), told=True)
    first_talk(alice, date(2026, 9, 20), told=False, later_told=True)  # said too late
    first_talk(alice, date(2026, 10, 5), told=True)
    first_talk(bob, date(2026, 10, 8), told=True)
    first_talk(bob, date(2026, 6, 1), told=False)  # outside the period
    first_talk(charlie, date(2026, 9, 10), told=False)  # another team


def test_it_counts_the_share_of_first_conversations(
    client_for, lead, alice, bob, first_conversations
):
    response = client_for(lead).get("/team/kernpunten/", {"van": "2026-09-01", "tot": "2026-10-31"})
    told = response.context["points"][0]
    rows = {c.username: share for c, share in told["rows"]}
    assert (rows["alice"].yes, rows["alice"].total, rows["alice"].percentage) == (2, 3, 67)
    assert (rows["bob"].yes, rows["bob"].total, rows["bob"].percentage) == (1, 1, 100)
    team = told["team"]
    assert (team.yes, team.total, team.percentage) == (3, 4, 75)
    months = [(m.month, s.yes, s.total) for m, s in told["months"]]
    assert months == [(9, 1, 2), (10, 2, 2)]
    page = response.content.decode()
    period = "van=2026-09-01&amp;tot=2026-10-31"
    assert (
        f'<td class="number">3</td><td class="number"><a href="/team/kernpunten/jij-beslist-mee/'
        f'?{period}&amp;consulent={alice.pk}">67%</a></td>' in page
    )
    # A month as the chart's table lists it: yes, total and the percentage.
    assert (
        '<th scope="row">september 2026</th><td class="number">1</td><td class="number">2</td>'
        '<td class="number">50</td>' in page
    )
    assert '<title id="jij-beslist-mee-titel">' in page


def test_a_consultant_without_decisions_has_a_row_without_a_share(
    client_for, lead, alice, bob, first_conversations
):
    page = (
        client_for(lead)
        .get("/team/kernpunten/", {"van": "2026-09-01", "tot": "2026-10-31"})
        .content.decode()
    )
    decisions = page[page.index("2. Meerdere mogelijkheden afgewogen") :]
    assert (
        f'<th scope="row">{alice}</th><td class="number">0</td><td class="number">0</td>'
        '<td class="number">—</td>' in decisions
    )


def test_an_empty_period_and_an_empty_team_show_no_figure(
    client_for, lead, other_lead, first_conversations
):
    response = client_for(lead).get("/team/kernpunten/", {"van": "2025-01-01", "tot": "2025-01-31"})
    assert [p["team"].total for p in response.context["points"]] == [0, 0, 0]
    assert response.context["points"][0]["team"].percentage is None
    empty = client_for(other_lead).get(
        "/team/kernpunten/", {"van": "2026-09-01", "tot": "2026-10-31"}
    )
    # other_lead's team has charlie: one first conversation, not told.
    team = empty.context["points"][0]["team"]
    assert (team.yes, team.total) == (0, 1)


def test_each_figure_links_to_the_trajectories_behind_it(
    client_for, lead, alice, first_conversations
):
    page = (
        client_for(lead)
        .get(
            "/team/kernpunten/jij-beslist-mee/",
            {"van": "2026-09-01", "tot": "2026-10-31", "consulent": alice.pk},
        )
        .content.decode()
    )
    assert page.count("<tr>") == 4  # header and alice's three trajectories
    assert "<strong>nee</strong>" in page


def test_a_period_that_ends_before_it_starts_is_refused(client_for, lead):
    response = client_for(lead).get("/team/kernpunten/", {"van": "2026-10-01", "tot": "2026-09-01"})
    assert response.status_code == 400
    assert "Deze datum ligt vóór de begindatum." in response.content.decode()


def decided(consultant, day: date, *, weighed: int, own_words: str):
    return DecisionFactory(
        plan__trajectory__resident__consultant=consultant,
        option__title="Werkfit traject",
        in_own_words=own_words,
        evaluation_on=day,
        decided_on=day,
        options_weighed=weighed,
    )


@pytest.fixture
def decisions(alice, bob, charlie):
    decided(alice, date(2026, 9, 3), weighed=2, own_words="Ik ga het proberen")
    decided(alice, date(2026, 9, 20), weighed=1, own_words="")
    decided(alice, date(2026, 10, 5), weighed=3, own_words="Dit past bij mij")
    decided(bob, date(2026, 10, 8), weighed=0, own_words="")
    decided(bob, date(2026, 6, 1), weighed=2, own_words="Buiten de periode")
    decided(charlie, date(2026, 9, 10), weighed=2, own_words="Ander team")


def test_it_counts_decisions_with_two_options_weighed_and_in_own_words(
    client_for, lead, alice, bob, decisions
):
    response = client_for(lead).get("/team/kernpunten/", {"van": "2026-09-01", "tot": "2026-10-31"})
    _told, weighed, own_words = response.context["points"]
    rows = {c.username: share for c, share in weighed["rows"]}
    assert (rows["alice"].yes, rows["alice"].total) == (2, 3)
    assert (rows["bob"].yes, rows["bob"].total) == (0, 1)
    assert (weighed["team"].yes, weighed["team"].total, weighed["team"].percentage) == (2, 4, 50)
    assert [(m.month, s.yes, s.total) for m, s in weighed["months"]] == [(9, 1, 2), (10, 1, 2)]
    assert (own_words["team"].yes, own_words["team"].total) == (2, 4)
    page = response.content.decode()
    assert "2. Meerdere mogelijkheden afgewogen" in page
    assert "3. Het besluit in eigen woorden" in page


def test_the_decisions_behind_a_figure(client_for, lead, bob, decisions):
    page = (
        client_for(lead)
        .get(
            "/team/kernpunten/eigen-woorden/",
            {"van": "2026-09-01", "tot": "2026-10-31", "consulent": bob.pk},
        )
        .content.decode()
    )
    assert page.count("<tr>") == 2  # header and bob's decision in the period
    assert "Werkfit traject" in page
    assert "<strong>nee</strong>" in page
    assert "/doel-actieplan/" in page


def test_an_unknown_core_point_is_not_found(client_for, lead):
    assert client_for(lead).get("/team/kernpunten/bestaat-niet/").status_code == 404


def test_the_numbers_download_as_csv(client_for, lead, alice, bob, first_conversations, decisions):
    response = client_for(lead).get(
        "/team/kernpunten.csv", {"van": "2026-09-01", "tot": "2026-10-31"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="kernpunten-2026-09-01-2026-10-31.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Kernpunt;Wie of wanneer;Ja;Totaal;Percentage"
    assert "1. Jij beslist mee;Alice Aarts;2;3;67" in lines
    assert "1. Jij beslist mee;Team;3;4;75" in lines
    assert "1. Jij beslist mee;2026-09;1;2;50" in lines
    assert "2. Meerdere mogelijkheden afgewogen;Bob Bos;0;1;0" in lines
    assert "3. Het besluit in eigen woorden;Team;2;4;50" in lines
