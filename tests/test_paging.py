"""Long lists a page at a time (cases/paging.py): the team lead's residents, the handover
list, the overdue evaluations and the access log keep their sort, search and filters from
page to page; a page past the last shows the last one and says so, never an error."""

import pytest
from django.utils.html import escape

from cases.demo.synthetic_history import five_years
from cases.models import Decision, Resident, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def scale_lead():
    """A team of two consultants with seven residents each (five_years' team), two of
    them with an evaluation past its date."""
    return five_years(2, residents=7, conversations=2)


def names_in(page: str, residents) -> list[str]:
    """The residents' names in the order the page shows them (as HTML writes them: a name
    like "van 't Riet" has its apostrophe escaped)."""
    shown = [(page.find(escape(r.full_name)), r.full_name) for r in residents]
    return [name for place, name in sorted(shown) if place >= 0]


def test_the_team_leads_residents_come_a_page_at_a_time(client_for, scale_lead, monkeypatch):
    monkeypatch.setattr("cases.views.residents.PAGE", 5)
    everyone = list(Resident.objects.order_by("last_name", "first_name", "pk"))
    client = client_for(scale_lead)
    first = client.get("/inwoners/").content.decode()
    assert names_in(first, everyone) == [r.full_name for r in everyone[:5]]
    assert "14 inwoners" in first  # the caption counts the whole list
    assert "Pagina 1 van 3" in first
    assert 'href="?sorteer=naam&amp;pagina=2"' not in first  # no sort asked: none added
    assert 'href="?pagina=2" rel="next"' in first
    last = client.get("/inwoners/", {"pagina": 3}).content.decode()
    assert names_in(last, everyone) == [r.full_name for r in everyone[10:]]
    assert 'rel="next"' not in last
    assert 'href="?pagina=2" rel="prev"' in last


def test_a_page_keeps_the_sort_and_the_filter(client_for, scale_lead, monkeypatch):
    monkeypatch.setattr("cases.views.residents.PAGE", 3)
    consultant = User.objects.filter(team=scale_lead.team, role="consulent").first()
    theirs = list(
        Resident.objects.filter(consultant=consultant).order_by("last_name", "first_name", "pk")
    )
    client = client_for(scale_lead)
    url = f"/inwoners/?consulent={consultant.pk}&sorteer=naam&pagina=2"
    page = client.get(url).content.decode()
    assert names_in(page, theirs) == [r.full_name for r in theirs[3:6]]
    assert f'href="?consulent={consultant.pk}&amp;sorteer=naam&amp;pagina=3"' in page
    assert f'href="?consulent={consultant.pk}&amp;sorteer=naam&amp;pagina=1"' in page


@pytest.mark.parametrize("asked", ["99", "4"])
def test_a_page_past_the_end_shows_the_last(client_for, scale_lead, monkeypatch, asked):
    monkeypatch.setattr("cases.views.residents.PAGE", 5)
    response = client_for(scale_lead).get("/inwoners/", {"pagina": asked})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pagina 3 van 3" in page
    assert "Zo veel pagina’s zijn er niet: dit is de laatste, pagina 3." in page


@pytest.mark.parametrize("asked", ["nul", "-1", "0", "1.5", ""])
def test_a_page_that_is_no_number_shows_the_first(client_for, scale_lead, monkeypatch, asked):
    monkeypatch.setattr("cases.views.residents.PAGE", 5)
    response = client_for(scale_lead).get("/inwoners/", {"pagina": asked})
    assert response.status_code == 200
    assert "Pagina 1 van 3" in response.content.decode()


def test_the_handover_list_comes_a_page_at_a_time(client_for, scale_lead, monkeypatch):
    monkeypatch.setattr("cases.team.views.PAGE", 4)
    everyone = list(Resident.objects.order_by("consultant__first_name", "last_name", "first_name"))
    client = client_for(scale_lead)
    first = client.get("/team/overdragen/").content.decode()
    assert names_in(first, everyone) == [r.full_name for r in everyone[:4]]
    assert "Pagina 1 van 4" in first
    last = client.get("/team/overdragen/", {"pagina": 4}).content.decode()
    assert names_in(last, everyone) == [r.full_name for r in everyone[12:]]
    past = client.get("/team/overdragen/", {"pagina": 40})
    assert past.status_code == 200
    assert "dit is de laatste, pagina 4" in past.content.decode()


def test_all_of_a_consultants_residents_are_ticked_on_their_page(client_for, scale_lead):
    consultant = User.objects.filter(team=scale_lead.team, role="consulent").first()
    page = client_for(scale_lead).get(
        "/team/overdragen/", {"consulent": consultant.pk, "alle": "1"}
    )
    assert page.content.decode().count("checked") == 7
    assert "Pagina" not in page.content.decode()


def test_the_overdue_evaluations_come_a_page_at_a_time(client_for, scale_lead, monkeypatch):
    monkeypatch.setattr("cases.team.views.PAGE", 1)
    client = client_for(scale_lead)
    first = client.get("/team/evaluaties/").content.decode()
    last = client.get("/team/evaluaties/", {"pagina": 4}).content.decode()
    past = client.get("/team/evaluaties/", {"pagina": 5}).content.decode()
    assert "Pagina 1 van 4" in first
    assert "Pagina 4 van 4" in last
    assert "dit is de laatste, pagina 4" in past
    assert first.count("Evaluatie was op") == 1
    assert first != last


def test_the_rows_behind_a_core_point_come_a_page_at_a_time(client_for, scale_lead, monkeypatch):
    monkeypatch.setattr("cases.team.views.PAGE", 5)
    decisions = Decision.objects.count()  # all in the five years asked for
    pages = -(-decisions // 5)
    client = client_for(scale_lead)
    url = "/team/kernpunten/afgewogen/?van=2020-01-01"
    first = client.get(url).content.decode()
    assert f"Pagina 1 van {pages}" in first
    assert first.count("<tr>") == 1 + 5  # the head and five rows
    assert 'href="?van=2020-01-01&amp;pagina=2" rel="next"' in first
    past = client.get(url + "&pagina=99").content.decode()
    assert f"dit is de laatste, pagina {pages}" in past


def test_the_access_log_comes_a_page_at_a_time(client_for, privacy, alice, monkeypatch):
    monkeypatch.setattr("cases.logbook.views.PAGE", 2)
    for _ in range(3):
        client_for(alice).get("/")  # each login is a row of the log
    client = client_for(privacy)
    first = client.get("/logboek/").content.decode()
    assert "Pagina 1 van" in first
    assert 'rel="next">Oudere</a>' in first
    past = client.get("/logboek/", {"pagina": 999})
    assert past.status_code == 200
    assert "Zo veel pagina’s zijn er niet" in past.content.decode()
    assert 'rel="prev">Nieuwere</a>' in past.content.decode()
