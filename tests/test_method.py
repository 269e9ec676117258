"""The method pages: /werkwijze/ and /werkwijze/<n>/."""

import pytest
from django.utils import timezone
from django.utils.html import escape

from steps.models import ChecklistItem, Step

pytestmark = pytest.mark.django_db

# The checklist of the step plan leaflet (seed 000), as key words that each
# item must keep, per step.
SEED_CHECKLIST = {
    1: [
        "met wie je in gesprek",
        "welke informatie",
        "eerdere afspraken",
        "meebeslist",
        "rechten en plichten",
        "verwachtingen",
        "nodig heeft",
    ],
    2: ["wil en wat hij of zij kan", "zorgen en wensen", "diagnosegesprek", "herkent"],
    3: ["STOZ", "tegenhoudt", "inbreng", "zorgen"],
    4: [
        "werk en/of participatie",
        "situatie van de inwoner",
        "prioriteit",
        "haalbaar",
        "zelf het eerste",
    ],
    5: [
        "trajecten en interventies",
        "zelf te bedenken",
        "naast elkaar",
        "doel te bereiken",
        "verwachten",
        "reisafstand",
        "hooguit twee",
    ],
    6: [
        "genoeg informatie",
        "eigen voorkeur",
        "eigen woorden",
        "tevreden",
        "doel-actieplan",
        "evaluatie",
    ],
    7: ["veranderd", "bijdraagt", "verdergaan", "stap 3 tot en met 7", "vervolgafspraken"],
}


def test_it_has_the_foundation_and_seven_steps():
    assert list(Step.objects.values_list("number", flat=True)) == [0, 1, 2, 3, 4, 5, 6, 7]
    foundation = Step.objects.get(number=0)
    assert foundation.title == "Relatie met de inwoner"
    abc = [i.text for i in foundation.checklist_items.all()]
    for word in ("Autonomie", "Betrokkenheid", "Competentie"):
        assert any(text.startswith(word) for text in abc)


@pytest.mark.parametrize(("number", "phrases"), SEED_CHECKLIST.items())
def test_it_holds_the_checklist_of_the_step_plan(number, phrases):
    texts = " ".join(
        ChecklistItem.objects.filter(step__number=number).values_list("text", flat=True)
    )
    for phrase in phrases:
        assert phrase.lower() in texts.lower(), f"step {number} misses '{phrase}'"


@pytest.mark.parametrize("number", range(1, 8))
def test_it_shows_a_steps_checklist_prompts_and_the_foundation(client_for, alice, number):
    step = Step.objects.with_content().get(number=number)
    response = client_for(alice).get(f"/werkwijze/{number}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Stap {number}: {step.title}" in page
    for item in step.active_checklist_items:
        assert escape(item.text) in page
    for prompt in step.active_prompts:
        assert escape(prompt.text) in page
    assert "Basis: Relatie met de inwoner" in page
    assert "gemeente Arnhem en TNO" in page


def test_it_groups_step_one_in_preparation_and_conversation(client_for, alice):
    page = client_for(alice).get("/werkwijze/1/").content.decode()
    assert page.index("Voor het gesprek") < page.index("Ga na met wie je in gesprek gaat")
    assert page.index("In het gesprek") < page.index("Vertel de inwoner expliciet")


def test_it_shows_the_whole_method_on_one_page(client_for, alice):
    page = client_for(alice).get("/werkwijze/").content.decode()
    assert "Basis bij elke stap: Relatie met de inwoner" in page
    for step in Step.objects.numbered():
        assert f"Stap {step.number}: {step.title}" in page
    assert "Wat doe je al:" in page
    assert "Intakegesprek" in page


def test_it_leaves_out_retired_items(client_for, alice):
    item = ChecklistItem.objects.filter(step__number=4).first()
    item.retired_at = timezone.now()
    item.save()
    page = client_for(alice).get("/werkwijze/4/").content.decode()
    assert item.text not in page


@pytest.mark.parametrize("number", [0, 8, 99])
def test_it_answers_404_for_a_step_that_does_not_exist(client_for, alice, number):
    assert client_for(alice).get(f"/werkwijze/{number}/").status_code == 404


@pytest.mark.parametrize("user", ["alice", "lead", "beheerder"])
def test_every_role_may_read_the_method(client_for, personas, user):
    assert client_for(personas[user]).get("/werkwijze/").status_code == 200


def test_the_method_pages_run_a_fixed_number_of_queries(
    client_for, alice, django_assert_num_queries
):
    client = client_for(alice)
    # session, user, steps, checklist items, prompts, tools
    with django_assert_num_queries(7):
        response = client.get("/werkwijze/")
    assert response.status_code == 200
    # the same, plus the list of step numbers for previous and next
    with django_assert_num_queries(8):
        response = client.get("/werkwijze/5/")
    assert response.status_code == 200
