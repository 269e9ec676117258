"""Check-in and check-out as numbers: a trend per resident, and team averages for the lead."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from cases.charts import scale_chart
from cases.models import Conversation

from .factories import ConversationFactory, TrajectoryFactory
from .queries import ACCESS_LOG
from .test_conversations import conversation_data

pytestmark = pytest.mark.django_db


def talk(trajectory, days_ago, check_in, check_out, **extra):
    return ConversationFactory(
        trajectory=trajectory,
        held_at=timezone.now() - timedelta(days=days_ago),
        check_in_score=check_in,
        check_out_score=check_out,
        **extra,
    )


def test_a_conversation_keeps_the_residents_numbers_beside_their_words(
    client_for, alice, trajectory
):
    client = client_for(alice)
    data = conversation_data(trajectory.resident, check_in_score="4", check_out_score="7")
    client.post(f"/trajecten/{trajectory.pk}/gesprekken/nieuw/", data)
    conversation = Conversation.objects.get(status="gevoerd")
    assert (conversation.check_in_score, conversation.check_out_score) == (4, 7)
    page = client.get(f"/gesprekken/{conversation.pk}/").content.decode()
    assert 'Johan is zenuwachtig, moeder is er bij. <span class="tag">4/10</span>' in page
    assert "7/10" in page


def test_the_residents_trend_is_drawn_with_the_numbers_beside_it(client_for, alice, trajectory):
    talk(trajectory, 30, 3, 5, kind="intake")
    talk(trajectory, 14, 5, None, kind="diagnosegesprek")
    talk(trajectory, 2, 7, 8, kind="vervolggesprek")
    talk(trajectory, 1, None, None)  # no numbers: not in the trend
    other = TrajectoryFactory(resident__consultant=alice)
    talk(other, 3, 1, 1)  # someone else's
    page = client_for(alice).get(f"/trajecten/{trajectory.pk}/drijfveren/").content.decode()
    section = page[page.index('id="check-in"') :]
    assert '<title id="check-in-grafiek-titel">Check-in en check-out per gesprek</title>' in section
    assert "<title>Check-in: 7</title>" in section
    assert "<title>Check-out: 1</title>" not in section
    rows = section[section.index("<tbody>") : section.index("</tbody>")].split("<tr>")[1:]
    assert len(rows) == 3
    assert "intakegesprek" in rows[0]  # oldest first, as the line reads
    assert [row.count('class="number">') for row in rows] == [2, 2, 2]
    assert '<td class="number">—</td>' in rows[1]  # a check-in without a check-out


def test_without_two_numbers_there_is_no_line_but_the_table(client_for, alice, trajectory):
    talk(trajectory, 2, 6, 7)
    page = client_for(alice).get(f"/trajecten/{trajectory.pk}/drijfveren/").content.decode()
    assert "check-in-grafiek" not in page
    assert '<td class="number">6</td>' in page


def test_the_team_lead_sees_team_averages_per_month_and_no_residents_numbers(
    client_for, lead, alice, bob, charlie
):
    def on(day, check_in, check_out, consultant):
        trajectory = TrajectoryFactory(
            resident__consultant=consultant, resident__first_name="Zichtbaar"
        )
        at = datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())
        ConversationFactory(
            trajectory=trajectory, held_at=at, check_in_score=check_in, check_out_score=check_out
        )

    on(date(2026, 9, 3), 4, 6, alice)
    on(date(2026, 9, 20), 6, None, bob)
    on(date(2026, 10, 5), 8, 9, alice)
    on(date(2026, 10, 6), 1, 1, charlie)  # another team
    on(date(2026, 10, 7), None, None, bob)  # no numbers
    response = client_for(lead).get("/team/kernpunten/", {"van": "2026-09-01", "tot": "2026-10-31"})
    months = [
        (m.month.month, m.conversations, m.check_in, m.check_out)
        for m in response.context["check_ins"]
    ]
    assert months == [(9, 2, 5.0, 6.0), (10, 1, 8.0, 9.0)]
    page = response.content.decode()
    section = page[page.index('id="check-in-titel"') :]
    assert '<td class="number">5,0</td>' in section
    assert "<title>Check-in: 5,0</title>" in section
    assert "Zichtbaar" not in page
    assert "Alice" not in section
    lines = (
        client_for(lead)
        .get("/team/check-in.csv", {"van": "2026-09-01", "tot": "2026-10-31"})
        .content.decode("utf-8-sig")
        .splitlines()
    )
    assert lines == [
        "Maand;Gesprekken;Check-in gemiddeld;Check-out gemiddeld",
        "2026-09;2;5,0;6,0",
        "2026-10;1;8,0;9,0",
    ]


def test_a_period_that_starts_and_ends_within_a_month_counts_only_its_days(
    client_for, lead, alice, bob
):
    """Whole months come from the stored monthly totals, the days of a month the period
    covers in part from the conversations: together they are what the period holds."""
    trajectory = TrajectoryFactory(resident__consultant=alice)
    other = TrajectoryFactory(resident__consultant=bob)
    zone = timezone.get_current_timezone()
    for day, check_in, on in [
        (date(2026, 8, 31), 1, trajectory),  # before the period
        (date(2026, 9, 14), 2, trajectory),  # before the period, in its first month
        (date(2026, 9, 15), 4, other),
        (date(2026, 10, 1), 6, trajectory),
        (date(2026, 10, 31), 8, other),
        (date(2026, 11, 5), 9, trajectory),
        (date(2026, 11, 6), 3, trajectory),  # after the period, in its last month
    ]:
        at = datetime.combine(day, time(23, 30), tzinfo=zone)  # late: still that local day
        ConversationFactory(trajectory=on, held_at=at, check_in_score=check_in)
    response = client_for(lead).get("/team/kernpunten/", {"van": "2026-09-15", "tot": "2026-11-05"})
    months = [(m.month, m.conversations, m.check_in) for m in response.context["check_ins"]]
    assert months == [
        (date(2026, 9, 1), 1, 4.0),
        (date(2026, 10, 1), 2, 7.0),
        (date(2026, 11, 1), 1, 9.0),
    ]
    one_month = client_for(lead).get(
        "/team/check-in.csv", {"van": "2026-10-01", "tot": "2026-10-30"}
    )
    assert one_month.content.decode("utf-8-sig").splitlines()[1:] == ["2026-10;1;6,0;"]


def test_only_the_team_lead_sees_the_team_averages(client_for, alice):
    assert client_for(alice).get("/team/kernpunten/").status_code == 403


def test_a_long_trend_labels_only_some_dates_and_always_the_newest():
    labels = [f"{n} okt" for n in range(1, 13)]
    chart = scale_chart("t", "d", labels, {"Check-in": ("check-in", list(range(12)))})
    shown = [label for _, label in chart.x_labels]
    assert len(shown) <= 6
    assert shown[-1] == "12 okt"
    assert len(chart.lines[0].dots) == 12  # every measurement is still a point


@pytest.mark.parametrize("size", [2, 20])
def test_the_motivation_page_runs_a_fixed_number_of_queries(
    client_for, alice, trajectory, size, django_assert_num_queries
):
    for i in range(size):
        talk(trajectory, i + 1, i % 11, (i + 3) % 11)
    client = client_for(alice)
    # session, user, trajectory, measurements, conversations with numbers
    with django_assert_num_queries(6 + ACCESS_LOG):
        response = client.get(f"/trajecten/{trajectory.pk}/drijfveren/")
    assert response.status_code == 200
    assert len(response.context["conversations"]) == min(size, 12)
