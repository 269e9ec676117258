"""Two requests at the same moment, with real threads on PostgreSQL: a double click makes
one record and answers like the first; two saves of one record never both win.

SQLite serialises writes itself (a second writer waits or fails on the file lock), so
these run on PostgreSQL, where two transactions really overlap.
"""

import threading
import uuid

import pytest
from django.db import connection, connections
from django.test import Client

from cases.accounts.second_factor import log_in_verified
from cases.models import (
    Agreement,
    BaggageNote,
    CaseReview,
    Conversation,
    Goal,
    Plan,
    Signal,
)

from .factories import (
    ConversationFactory,
    GoalFactory,
    NetworkMemberFactory,
    PlanFactory,
    ResidentFactory,
    TrajectoryFactory,
)
from .test_conversations import conversation_data
from .test_stored_facts import assert_facts_true

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("method_content"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two real transactions"),
]


def at_once(user, n, post):
    """Run `post(client)` in `n` threads released together; their responses."""
    clients = [log_in_verified(Client(), user) for _ in range(n)]
    start, responses = threading.Barrier(n), [None] * n

    def run(i):
        try:
            start.wait()
            responses[i] = post(clients[i])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return responses


def one_each(values):
    """A function that gives each thread that calls it the next of `values`."""
    values, lock = iter(values), threading.Lock()

    def take():
        with lock:
            return next(values)

    return take


def test_a_double_clicked_new_conversation_makes_one_and_answers_both(alice, trajectory):
    data = conversation_data(trajectory.resident)
    url = f"/trajecten/{trajectory.pk}/gesprekken/nieuw/"
    responses = at_once(alice, 5, lambda client: client.post(url, data))
    assert [r.status_code for r in responses] == [302] * 5
    assert Conversation.objects.filter(trajectory=trajectory).count() == 1
    assert len({r["Location"] for r in responses}) == 1


def test_conversations_of_one_consultants_residents_logged_at_once_all_count(alice):
    """Each save recomputes the consultant's monthly totals (cases/facts.py): removed and
    written again, one save at a time, never two at once that both write a month."""
    trajectories = []
    for i in range(4):
        resident = ResidentFactory(consultant=alice, first_name=f"Inwoner {i}")
        NetworkMemberFactory(resident=resident)
        trajectories.append(TrajectoryFactory(resident=resident, started_by=alice))
    next_one = one_each(trajectories)

    def post(client):
        trajectory = next_one()
        data = conversation_data(trajectory.resident, check_in_score=6)
        return client.post(f"/trajecten/{trajectory.pk}/gesprekken/nieuw/", data)

    responses = at_once(alice, 4, post)
    assert [r.status_code for r in responses] == [302] * 4
    assert_facts_true()


def test_two_tabs_saving_one_agreement_at_once_never_both_win(alice, trajectory):
    conversation = ConversationFactory(trajectory=trajectory)
    agreement = Agreement.objects.create(conversation=conversation, owner="inwoner", what="Cv")
    url = f"/afspraken/{agreement.pk}/bewerken/"
    texts = one_each([f"Versie {i}" for i in range(6)])

    def post(client):
        what = texts()
        return client.post(url, {"owner": "inwoner", "what": what, "version": 1})

    responses = at_once(alice, 6, post)
    assert sorted(r.status_code for r in responses) == [302] + [409] * 5
    agreement.refresh_from_db()
    assert agreement.version == 2


def test_ten_moves_at_once_write_one_step_history_and_refuse_the_rest(alice, trajectory):
    """The issue's "naar stap": ten tabs at version 1, each to its own step."""
    url = f"/trajecten/{trajectory.pk}/naar-stap/"
    steps = one_each([2, 3, 4, 5, 6, 7, 2, 3, 4, 5])

    def post(client):
        step = steps()
        return client.post(url, {"step": step, "version": 1})

    responses = at_once(alice, 10, post)
    codes = sorted(r.status_code for r in responses)
    assert codes.count(302) >= 1
    assert set(codes) <= {302, 409}
    trajectory.refresh_from_db()
    moves = list(
        trajectory.step_changes.exclude(from_step=None).values_list("from_step", "to_step")
    )
    # One move from where everyone saw it, to where it stands; no history that never happened.
    assert moves == [(1, trajectory.current_step)]
    late = next(r for r in responses if r.status_code == 409).content.decode()
    assert "Iemand anders heeft het traject intussen verplaatst" in late
    assert f"het traject staat nu in stap {trajectory.current_step}" in late


def test_a_double_clicked_move_moves_once_and_answers_both_like_the_first(alice, trajectory):
    url = f"/trajecten/{trajectory.pk}/naar-stap/"
    responses = at_once(alice, 5, lambda client: client.post(url, {"step": 2, "version": 1}))
    assert [r.status_code for r in responses] == [302] * 5
    assert {r["Location"] for r in responses} == {f"/trajecten/{trajectory.pk}/stap/2/"}
    assert trajectory.step_changes.exclude(from_step=None).count() == 1


def test_goals_added_at_once_get_each_their_own_position(alice, trajectory):
    url = f"/trajecten/{trajectory.pk}/doel-actieplan/doelen/nieuw/"
    texts = one_each([f"Doel {i}" for i in range(8)])

    def post(client):
        text = texts()
        data = {"deel-in_own_words": text, "deel-domain": "werk", "deel-version": 0}
        return client.post(url, {**data, "deel-submission": str(uuid.uuid4())})

    responses = at_once(alice, 8, post)
    assert [r.status_code for r in responses] == [302] * 8
    positions = sorted(Goal.objects.filter(plan__trajectory=trajectory).values_list("position"))
    assert positions == [(p,) for p in range(1, 9)]


@pytest.mark.parametrize(
    ("part", "data"),
    [
        ("doelen", {"deel-in_own_words": "Werken met hout", "deel-domain": "werk"}),
        (
            "acties",
            {
                "deel-what": "Cv maken",
                "deel-owner": "inwoner",
                "deel-due_on": "01-03-2027",
                "deel-status": "open",
            },
        ),
        ("opties", {"deel-title": "Werkervaringsplaats"}),
    ],
)
def test_a_double_clicked_new_part_adds_one(alice, trajectory, part, data):
    url = f"/trajecten/{trajectory.pk}/doel-actieplan/{part}/nieuw/"
    form = {**data, "deel-version": 0, "deel-submission": str(uuid.uuid4())}
    responses = at_once(alice, 5, lambda client: client.post(url, form))
    assert [r.status_code for r in responses] == [302] * 5
    plan = Plan.objects.get(trajectory=trajectory)
    made = {"doelen": plan.goals, "acties": plan.actions, "opties": plan.options}[part]
    if part == "opties":  # besides "nu even niet / afwachten", which the card always has
        made = made.filter(is_waiting=False)
    assert made.count() == 1


def test_a_part_moved_up_from_two_tabs_at_once_moves_once(alice, trajectory):
    plan = PlanFactory(trajectory=trajectory)
    goals = [GoalFactory(plan=plan, position=p, in_own_words=f"Doel {p}") for p in (1, 2, 3)]
    url = f"/trajecten/{trajectory.pk}/doel-actieplan/doelen/{goals[2].pk}/verplaatsen/"
    responses = at_once(
        alice,
        4,
        lambda client: client.post(
            url, {"richting": "omhoog", "version": 1}, HTTP_HX_REQUEST="true"
        ),
    )
    assert sorted(r.status_code for r in responses) == [200, 409, 409, 409]
    order = list(plan.goals.order_by("position").values_list("in_own_words", flat=True))
    assert order == ["Doel 1", "Doel 3", "Doel 2"]


def test_identical_baggage_notes_from_one_form_make_one(alice, resident):
    url = f"/inwoners/{resident.pk}/bagage/"
    data = {"text": "Vader overleed toen hij 15 was.", "private": "on", "submission": uuid.uuid4()}
    responses = at_once(alice, 10, lambda client: client.post(url, data))
    assert [r.status_code for r in responses] == [302] * 10
    assert BaggageNote.objects.filter(resident=resident).count() == 1


def test_a_double_clicked_signal_and_case_review_are_brought_once(alice, resident):
    signal = {
        "category": "brieven",
        "description": "De brief was dreigend.",
        "submission": uuid.uuid4(),
    }
    review = {"question": "Hoe bouwen we de paniek af?", "submission": uuid.uuid4()}
    signalled = at_once(alice, 4, lambda c: c.post(f"/inwoners/{resident.pk}/signaal/", signal))
    brought = at_once(alice, 4, lambda c: c.post(f"/inwoners/{resident.pk}/casuistiek/", review))
    assert [r.status_code for r in signalled + brought] == [302] * 8
    assert Signal.objects.count() == CaseReview.objects.count() == 1


def test_two_tabs_answering_a_signal_at_once_never_both_win(alice, lead, resident):
    signal = Signal.objects.create(
        resident=resident, category="brieven", description="Dreigend.", signalled_by=alice
    )
    url = f"/team/signalen/{signal.pk}/"
    # Two tabs give the same answer: still only one of them saved it.
    answers = one_each(["besproken", "doorgezet", "afgehandeld", "doorgezet"])

    def post(client):
        status = answers()
        data = {"status": status, "response": f"Antwoord: {status}", "version": 1}
        return client.post(url, {f"{signal.pk}-{k}": v for k, v in data.items()})

    responses = at_once(lead, 4, post)
    assert sorted(r.status_code for r in responses) == [302, 409, 409, 409]
    signal.refresh_from_db()
    assert signal.version == 2
    late = next(r for r in responses if r.status_code == 409).content.decode()
    assert "Iemand anders heeft dit opgeslagen terwijl jij het aanpaste" in late


def test_two_tabs_recording_a_case_reviews_outcome_at_once_never_both_win(alice, lead, resident):
    review = CaseReview.objects.create(resident=resident, question="Hoe?", requested_by=alice)
    url = f"/team/casuistiek/{review.pk}/uitkomst/"
    outcomes = one_each([f"Advies {i}" for i in range(4)])

    def post(client):
        outcome = outcomes()
        return client.post(url, {f"{review.pk}-outcome": outcome, f"{review.pk}-version": 1})

    responses = at_once(lead, 4, post)
    assert sorted(r.status_code for r in responses) == [302, 409, 409, 409]
    review.refresh_from_db()
    assert (review.status, review.version) == ("besproken", 2)
