"""The addresses made for long lists are the ones reverse() makes."""

import uuid

from django.urls import reverse

from cases.addresses import filled_in


def test_it_gives_what_reverse_gives():
    ids = [uuid.uuid4() for _ in range(3)]
    resident = filled_in("cases:resident", uuid.UUID)
    step = filled_in("cases:step", uuid.UUID, int)
    done = filled_in("cases:agreement_done", int)
    for pk in ids:
        assert resident(pk) == reverse("cases:resident", args=[pk])
        assert resident(str(pk)) == reverse("cases:resident", args=[pk])
        assert step(pk, 7) == reverse("cases:step", args=[pk, 7])
    assert done(12) == reverse("cases:agreement_done", args=[12])
