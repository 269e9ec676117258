"""The addresses made for long lists (cases/addresses.py) are the ones reverse() makes."""

import uuid

from django.template import engines
from django.urls import reverse

from cases.addresses import address


def test_it_gives_what_reverse_gives():
    for pk in [uuid.uuid4() for _ in range(3)]:
        assert address("cases:resident", pk) == reverse("cases:resident", args=[pk])
        assert address("cases:step", pk, 7) == reverse("cases:step", args=[pk, 7])
    assert address("cases:agreement_done", 12) == reverse("cases:agreement_done", args=[12])
    assert address("cases:residents") == reverse("cases:residents")


def test_other_arguments_go_through_reverse():
    pk = uuid.uuid4()
    assert address("cases:resident", str(pk)) == reverse("cases:resident", args=[pk])
    assert address("cases:life_domain", pk, "werk") == reverse(
        "cases:life_domain", args=[pk, "werk"]
    )


def test_the_template_tag_gives_the_same_address():
    pk = uuid.uuid4()
    template = engines["django"].from_string(
        "{% load casework %}{% address 'cases:step' pk 3 %}|"
        "{% address 'cases:plan' pk as plan %}{{ plan }}"
    )
    assert template.render({"pk": pk}) == (
        f"{reverse('cases:step', args=[pk, 3])}|{reverse('cases:plan', args=[pk])}"
    )
