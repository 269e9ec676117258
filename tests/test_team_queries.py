"""Every page of the team lead's runs the same number of queries however large the team
and however long its history: pinned on the synthetic team of bench --scale
(cases/demo/synthetic_history.py) at two sizes."""

import pytest

from cases.demo.synthetic_history import five_years
from cases.management.commands.bench import team_pages
from cases.models import Conversation

from .queries import ACCESS_LOG

pytestmark = pytest.mark.django_db

# Per page: its own queries (session, user, what it reads), and the access log's when
# the page lists residents or exports (tests/queries.py).
PINNED = {
    # The overview's counts in one statement (10 and 9 before, five queries).
    "Team /": 6,
    "Inwoners van het team": 5 + ACCESS_LOG,
    "Inwoners zoeken (team)": 5 + ACCESS_LOG,
    "Team: geen contact": 5 + ACCESS_LOG,
    "Team /team/": 6,
    "Team caseload.csv": 5 + ACCESS_LOG,
    # One query for the three core points (9 and 8 before their stored monthly totals).
    "Kernpunten half jaar": 6,
    "Kernpunten 5 jaar": 6,
    "Kernpunten.csv 5 jaar": 5 + ACCESS_LOG,
    "Check-in.csv 5 jaar": 4 + ACCESS_LOG,
    "Jij beslist mee: rijen": 4 + ACCESS_LOG,
    "Eigen woorden: rijen": 4 + ACCESS_LOG,
    "Evaluaties te laat": 5 + ACCESS_LOG,
    "Overdragen": 7 + ACCESS_LOG,
    "Overdragen (consulent)": 7 + ACCESS_LOG,
    "Signalen": 4,
    "Casuistiek": 5,
    "Vernietigen": 4,
}


# Seven residents a consultant reach every step, so every list has rows to show.
@pytest.mark.parametrize(("consultants", "residents", "conversations"), [(2, 7, 4), (3, 9, 30)])
def test_every_team_page_runs_a_fixed_number_of_queries(
    client_for, django_assert_max_num_queries, consultants, residents, conversations
):
    lead = five_years(consultants, residents=residents, conversations=conversations)
    assert Conversation.objects.count() >= consultants * residents * conversations
    client = client_for(lead)
    found = {}
    for label, url in team_pages(lead):
        client.get(url)  # a session's first request reads more than the page's own
        with django_assert_max_num_queries(100) as captured:
            assert client.get(url).status_code == 200, url
        found[label] = len(captured)
    assert found == PINNED
