"""A save based on what someone else changed meanwhile (another tab, a colleague) is refused
with the same message and status everywhere, on both databases; tests/test_races.py sends
the same posts at the same moment on PostgreSQL."""

import uuid

import pytest

from cases.models import BaggageNote, CaseReview, Goal, MotivationRecord, Resident, Signal

from .factories import GoalFactory, PlanFactory
from .test_residents import registration

pytestmark = pytest.mark.django_db

LATE = "Iemand anders heeft dit opgeslagen terwijl jij het aanpaste"


def test_a_move_from_an_old_step_page_changes_nothing_and_says_where_it_stands(
    client_for, alice, trajectory
):
    client = client_for(alice)
    client.post(f"/trajecten/{trajectory.pk}/naar-stap/", {"step": 3, "version": 1})
    # The other tab still shows step 1 at version 1.
    response = client.post(f"/trajecten/{trajectory.pk}/naar-stap/", {"step": 2, "version": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Er is niets veranderd: het traject staat nu in stap 3 van ronde 1." in page
    trajectory.refresh_from_db()
    assert trajectory.current_step == 3
    assert list(
        trajectory.step_changes.order_by("changed_at").values_list("from_step", "to_step")
    ) == [(None, 1), (1, 3)]


def test_a_status_saved_over_a_move_is_refused_with_what_is_stored(client_for, alice, trajectory):
    client = client_for(alice)
    client.post(f"/trajecten/{trajectory.pk}/naar-stap/", {"step": 2, "version": 1})
    response = client.post(
        f"/trajecten/{trajectory.pk}/status/",
        {"status": "afgesloten", "outcome": "werk", "version": 1},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert LATE in page
    assert '<option value="werk" selected>' in page  # what was typed is still there
    trajectory.refresh_from_db()
    assert trajectory.is_open
    again = client.post(
        f"/trajecten/{trajectory.pk}/status/",
        {"status": "afgesloten", "outcome": "werk", "version": trajectory.version},
    )
    assert again.status_code == 302


def test_a_part_moved_from_an_old_page_is_refused(client_for, alice, trajectory):
    plan = PlanFactory(trajectory=trajectory)
    first, second = GoalFactory(plan=plan, position=1), GoalFactory(plan=plan, position=2)
    client = client_for(alice)
    url = f"/trajecten/{trajectory.pk}/doel-actieplan/doelen/{second.pk}/verplaatsen/"
    assert client.post(url, {"richting": "omhoog", "version": 1}).status_code == 302
    late = client.post(url, {"richting": "omhoog", "version": 1}, HTTP_HX_REQUEST="true")
    assert late.status_code == 409
    assert "Iemand anders heeft dit intussen verplaatst of gewijzigd" in late.content.decode()
    assert list(plan.goals.values_list("pk", flat=True)) == [second.pk, first.pk]


def test_a_signal_answered_in_another_tab_is_refused_with_what_is_stored(
    client_for, alice, lead, resident
):
    signal = Signal.objects.create(
        resident=resident, category="brieven", description="Dreigend.", signalled_by=alice
    )
    client = client_for(lead)

    def answer(status, response):
        data = {"status": status, "response": response, "version": 1}
        return client.post(
            f"/team/signalen/{signal.pk}/", {f"{signal.pk}-{k}": v for k, v in data.items()}
        )

    assert answer("doorgezet", "Naar het team brieven.").status_code == 302
    late = answer("afgehandeld", "Opgelost.")
    assert late.status_code == 409
    page = late.content.decode()
    assert LATE in page
    assert "Naar het team brieven." in page  # what is stored
    assert "Opgelost.</textarea>" in page  # what was typed
    signal.refresh_from_db()
    assert signal.status == "doorgezet"


def test_a_case_reviews_date_set_in_another_tab_is_refused(client_for, alice, lead, resident):
    review = CaseReview.objects.create(resident=resident, question="Hoe?", requested_by=alice)
    client = client_for(lead)
    url = f"/team/casuistiek/{review.pk}/datum/"
    data = {f"{review.pk}-version": 1}
    assert client.post(url, {**data, f"{review.pk}-meeting_on": "10-03-2027"}).status_code == 302
    late = client.post(url, {**data, f"{review.pk}-meeting_on": "17-03-2027"})
    assert late.status_code == 409
    assert LATE in late.content.decode()
    review.refresh_from_db()
    assert review.meeting_on.isoformat() == "2027-03-10"


@pytest.mark.parametrize(
    ("path", "data", "model"),
    [
        (
            "/inwoners/{resident}/bagage/",
            {"text": "Vader overleed vroeg.", "private": "on"},
            BaggageNote,
        ),
        (
            "/trajecten/{trajectory}/drijfveren/",
            {"recorded_on": "01-12-2026", "drives": "Zijn dochter"},
            MotivationRecord,
        ),
        (
            "/trajecten/{trajectory}/doel-actieplan/doelen/nieuw/",
            {"deel-in_own_words": "Werken met hout", "deel-domain": "werk", "deel-version": 0},
            Goal,
        ),
        # Not Johan's phone: else the form first asks whether Emma is Johan.
        ("/inwoners/nieuw/", registration(phone="06-99999999"), Resident),
    ],
)
def test_a_form_sent_twice_makes_one_record(client_for, alice, trajectory, path, data, model):
    url = path.format(resident=trajectory.resident_id, trajectory=trajectory.pk)
    client = client_for(alice)
    page = client.get(url).content.decode()
    key_name = "deel-submission" if "deel-" in next(iter(data)) else "submission"
    assert f'name="{key_name}"' in page  # the form carries its one-time key
    before = model.objects.count()
    form = {**data, key_name: str(uuid.uuid4())}
    first, second = client.post(url, form), client.post(url, form)
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"]
    assert model.objects.count() == before + 1
