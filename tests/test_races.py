"""Two requests at the same moment, with real threads on PostgreSQL: a double click makes
one record and answers like the first; two saves of one record never both win.

SQLite serialises writes itself (a second writer waits or fails on the file lock), so
these run on PostgreSQL, where two transactions really overlap.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from cases.accounts.second_factor import log_in_verified
from cases.models import Agreement, Conversation

from .factories import ConversationFactory
from .test_conversations import conversation_data

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


def test_a_double_clicked_new_conversation_makes_one_and_answers_both(alice, trajectory):
    data = conversation_data(trajectory.resident)
    url = f"/trajecten/{trajectory.pk}/gesprekken/nieuw/"
    responses = at_once(alice, 5, lambda client: client.post(url, data))
    assert [r.status_code for r in responses] == [302] * 5
    assert Conversation.objects.filter(trajectory=trajectory).count() == 1
    assert len({r["Location"] for r in responses}) == 1


def test_two_tabs_saving_one_agreement_at_once_never_both_win(alice, trajectory):
    conversation = ConversationFactory(trajectory=trajectory)
    agreement = Agreement.objects.create(conversation=conversation, owner="inwoner", what="Cv")
    url = f"/afspraken/{agreement.pk}/bewerken/"
    texts = iter([f"Versie {i}" for i in range(6)])
    lock = threading.Lock()

    def post(client):
        with lock:
            what = next(texts)
        return client.post(url, {"owner": "inwoner", "what": what, "version": 1})

    responses = at_once(alice, 6, post)
    assert sorted(r.status_code for r in responses) == [302] + [409] * 5
    agreement.refresh_from_db()
    assert agreement.version == 2
