"""The first core point as a figure: 'jij beslist mee' in first conversations."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from cases import services

from .factories import ConversationFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def first_talk(consultant, day: date, *, told: bool, later_told=None):
    """A trajectory whose first conversation was on `day`; a later one may say it too."""
    resident = ResidentFactory(consultant=consultant)
    trajectory = services.start_trajectory(resident=resident, by=consultant)
    at = datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())
    ConversationFactory(trajectory=trajectory, held_at=at, told_decides_too=told)
    if later_told is not None:
        ConversationFactory(
            trajectory=trajectory, held_at=at.replace(hour=15), told_decides_too=later_told
        )
    return resident


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
    rows = {c.username: share for c, share in response.context["rows"]}
    assert (rows["alice"].told, rows["alice"].total, rows["alice"].percentage) == (2, 3, 67)
    assert (rows["bob"].told, rows["bob"].total, rows["bob"].percentage) == (1, 1, 100)
    team = response.context["team"]
    assert (team.told, team.total, team.percentage) == (3, 4, 75)
    months = [(m.month, s.told, s.total) for m, s in response.context["months"]]
    assert months == [(9, 1, 2), (10, 2, 2)]
    page = response.content.decode()
    assert "67%" in page
    assert f"consulent={alice.pk}" in page
    assert '<title id="per-maand-titel">' in page


def test_an_empty_period_and_an_empty_team_show_no_figure(
    client_for, lead, other_lead, first_conversations
):
    response = client_for(lead).get("/team/kernpunten/", {"van": "2025-01-01", "tot": "2025-01-31"})
    assert response.context["team"].total == 0
    assert response.context["team"].percentage is None
    empty = client_for(other_lead).get(
        "/team/kernpunten/", {"van": "2026-09-01", "tot": "2026-10-31"}
    )
    # other_lead's team has charlie: one first conversation, not told.
    assert (empty.context["team"].told, empty.context["team"].total) == (0, 1)


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
