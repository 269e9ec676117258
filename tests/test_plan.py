"""The doel-actieplan on screen: steps 4 to 7, made together, with the method's rules."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases import services
from cases.models import (
    Action,
    BaggageNote,
    Decision,
    Evaluation,
    Goal,
    HandedOverDocument,
    Offer,
    Option,
    SubGoal,
)

from .pdfs import pdf_reader, pdf_text
from .queries import ACCESS_LOG

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def offer():
    return Offer.objects.create(
        name="Werkfit traject",
        kind="traject",
        provider="Werkbedrijf Rijn",
        description="Stap voor stap wennen aan werken.",
        duration="6 maanden",
        hours_per_week="16 uur per week",
    )


def url(trajectory, rest=""):
    return f"/trajecten/{trajectory.pk}/doel-actieplan/{rest}"


def add(client, trajectory, part, data, query="", **extra):
    fields = {f"deel-{k}": v for k, v in data.items()}
    return client.post(url(trajectory, f"{part}/nieuw/{query}"), fields, **extra)


def add_goal(client, trajectory, words="Ik wil weer werken, het liefst met mijn handen"):
    add(client, trajectory, "doelen", {"in_own_words": words, "domain": "werk"})
    return Goal.objects.latest("pk")


def add_option(client, trajectory, **data):
    return add(client, trajectory, "opties", {"title": "Vrijwilligerswerk", **data})


def decide(client, trajectory, option, **changes):
    data = {
        "option": option.pk,
        "in_own_words": "Ik ga het werkfit traject doen, twee ochtenden per week.",
        "enough_information": "ja",
        "satisfaction": "tevreden",
        "evaluation_on": (timezone.localdate() + timedelta(weeks=8)).isoformat(),
        "version": 1,
        **changes,
    }
    return client.post(url(trajectory, "besluit/"), {f"besluit-{k}": v for k, v in data.items()})


def test_a_goal_in_the_residents_words_with_sub_goals_and_who_formulated_them(
    client_for, alice, trajectory
):
    client = client_for(alice)
    response = add(
        client,
        trajectory,
        "doelen",
        {
            "in_own_words": "Ik wil weer werken, het liefst met mijn handen",
            "paraphrase": "Werk in de techniek of de groenvoorziening",
            "domain": "werk",
            "why_it_matters": "Dan heb ik weer een ritme",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url(trajectory) + "#doel"
    goal = Goal.objects.get()
    add(
        client,
        trajectory,
        "subdoelen",
        {"text": "Een dag meelopen", "formulated_by": "inwoner"},
        f"?doel={goal.pk}",
    )
    add(
        client,
        trajectory,
        "subdoelen",
        {"text": "Een fiets regelen", "formulated_by": "samen"},
        f"?doel={goal.pk}",
    )
    page = client.get(url(trajectory)).content.decode()
    assert "“Ik wil weer werken, het liefst met mijn handen”" in page
    assert "Werk in de techniek of de groenvoorziening" in page
    assert 'Een dag meelopen <span class="muted">(verwoord door de inwoner)' in page
    assert 'Een fiets regelen <span class="muted">(samen verwoord)' in page
    assert "Het eerste subdoel is niet door de inwoner zelf verwoord" not in page


def test_it_warns_when_the_first_sub_goal_is_not_the_residents_own(client_for, alice, trajectory):
    client = client_for(alice)
    goal = add_goal(client, trajectory)
    add(
        client,
        trajectory,
        "subdoelen",
        {"text": "Cv maken", "formulated_by": "consulent"},
        f"?doel={goal.pk}",
    )
    page = client.get(url(trajectory)).content.decode()
    assert "Het eerste subdoel is niet door de inwoner zelf verwoord" in page


def test_sub_goals_are_reordered_and_removed(client_for, alice, trajectory):
    client = client_for(alice)
    goal = add_goal(client, trajectory)
    for text in ("Eerst", "Tweede", "Derde"):
        add(
            client,
            trajectory,
            "subdoelen",
            {"text": text, "formulated_by": "inwoner"},
            f"?doel={goal.pk}",
        )
    page = client.get(url(trajectory)).content.decode()
    assert 'Omhoog<span class="visually-hidden">: Tweede' in page
    assert 'Omhoog<span class="visually-hidden">: Eerst' not in page  # already on top
    assert 'Omlaag<span class="visually-hidden">: Derde' not in page
    third = SubGoal.objects.get(text="Derde")
    client.post(url(trajectory, f"subdoelen/{third.pk}/verplaatsen/"), {"richting": "omhoog"})
    assert list(goal.sub_goals.values_list("text", flat=True)) == ["Eerst", "Derde", "Tweede"]
    first = SubGoal.objects.get(text="Eerst")
    client.post(url(trajectory, f"subdoelen/{first.pk}/weghalen/"), {"version": first.version})
    assert list(goal.sub_goals.values_list("text", flat=True)) == ["Derde", "Tweede"]


def test_a_goal_needs_the_residents_words_and_a_domain(client_for, alice, trajectory):
    client = client_for(alice)
    response = add(client, trajectory, "doelen", {"in_own_words": "", "why_it_matters": "Ritme"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Schrijf het doel op zoals de inwoner het zegt." in page
    assert "Kies of het doel over werk, participatie of beide gaat." in page
    assert "Ritme</textarea>" in page
    assert not Goal.objects.exists()


def test_the_choice_card_always_has_waiting_and_takes_options_from_the_aanbod(
    client_for, alice, trajectory, offer
):
    client = client_for(alice)
    add_goal(client, trajectory)
    response = add(client, trajectory, "opties", {"offer": offer.pk, "pros": "Ik krijg weer ritme"})
    assert response.status_code == 302
    chosen = Option.objects.get(is_waiting=False)
    assert chosen.title == "Werkfit traject"
    assert chosen.time == "16 uur per week, 6 maanden"
    waiting = Option.objects.get(is_waiting=True)
    assert waiting.title == "Nu even niet / afwachten"
    page = client.get(url(trajectory)).content.decode()
    assert page.index("Werkfit traject") < page.index("Nu even niet / afwachten")
    assert "Werkbedrijf Rijn" in page
    assert "Ik krijg weer ritme" in page


def test_the_residents_own_questions_are_rows_of_the_card(client_for, alice, trajectory):
    client = client_for(alice)
    add(client, trajectory, "vragen", {"text": "Kan ik mijn dochter nog van school halen?"})
    add_option(client, trajectory, **{})
    option = Option.objects.get(is_waiting=False)
    question = option.plan.questions.get()
    response = client.post(
        url(trajectory, f"opties/{option.pk}/"),
        {
            "deel-title": "Vrijwilligerswerk",
            "deel-version": option.version,
            f"deel-vraag_{question.pk}": "Ja, het is alleen ’s ochtends",
        },
    )
    assert response.status_code == 302
    page = client.get(url(trajectory)).content.decode()
    assert '<th scope="row">Kan ik mijn dochter nog van school halen?</th>' in page
    assert "Ja, het is alleen ’s ochtends" in page


def test_the_card_honours_how_many_options_the_resident_wants_to_weigh(
    client_for, alice, trajectory
):
    client = client_for(alice)
    client.post(url(trajectory, "aantal-mogelijkheden/"), {"max_options": "2", "version": 1})
    add_option(client, trajectory, title="Werkfit traject")
    add_option(client, trajectory, title="Taalcursus")
    response = add_option(client, trajectory, title="Jobcoaching")
    assert response.status_code == 400
    assert "De inwoner wil hooguit 2 mogelijkheden afwegen." in response.content.decode()
    assert 'value="Jobcoaching"' in response.content.decode()
    assert Option.objects.filter(is_waiting=False).count() == 2
    page = client.get(url(trajectory)).content.decode()
    assert "de kaart is vol" in page
    assert "Mogelijkheid toevoegen" not in page


def test_it_warns_until_two_real_options_are_weighed_with_pros_and_cons(
    client_for, alice, trajectory
):
    client = client_for(alice)
    warning = "Er zijn nog geen twee echte mogelijkheden met hun voor- en nadelen afgewogen."
    add_option(client, trajectory, title="Werkfit traject", pros="Ritme")
    add_option(client, trajectory, title="Taalcursus")
    assert warning in client.get(url(trajectory)).content.decode()
    option = Option.objects.get(title="Taalcursus")
    client.post(
        url(trajectory, f"opties/{option.pk}/"),
        {"deel-title": "Taalcursus", "deel-cons": "Ver reizen", "deel-version": option.version},
    )
    assert warning not in client.get(url(trajectory)).content.decode()


def test_the_waiting_option_cannot_be_removed_nor_a_chosen_one(client_for, alice, trajectory):
    client = client_for(alice)
    add_option(client, trajectory, title="Werkfit traject", pros="Ritme")
    waiting = Option.objects.get(is_waiting=True)
    response = client.post(
        url(trajectory, f"opties/{waiting.pk}/weghalen/"), {"version": 1}, follow=True
    )
    assert "hoort altijd op de keuzekaart" in response.content.decode()
    assert Option.objects.filter(pk=waiting.pk).exists()
    chosen = Option.objects.get(is_waiting=False)
    decide(client, trajectory, chosen)
    response = client.post(
        url(trajectory, f"opties/{chosen.pk}/weghalen/"), {"version": 1}, follow=True
    )
    assert (
        "Voor deze mogelijkheid is gekozen. Pas eerst het besluit aan." in response.content.decode()
    )
    assert Option.objects.filter(pk=chosen.pk).exists()


def test_a_decision_in_the_residents_words_records_how_many_options_were_weighed(
    client_for, alice, trajectory
):
    client = client_for(alice)
    add_option(client, trajectory, title="Werkfit traject", pros="Ritme")
    add_option(client, trajectory, title="Taalcursus", cons="Ver weg")
    chosen = Option.objects.get(title="Werkfit traject")
    response = decide(client, trajectory, chosen)
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.options_weighed == 2
    assert decision.cycle == 1
    page = client.get(url(trajectory)).content.decode()
    assert "“Ik ga het werkfit traject doen, twee ochtenden per week.”" in page
    assert "2 echte mogelijkheden afgewogen" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"evaluation_on": ""}, "Plan de evaluatie: vul een datum in."),
        ({"evaluation_on": "2020-01-01"}, "De evaluatie ligt na het besluit."),
        ({"satisfaction": ""}, "Vraag hoe tevreden de inwoner is over het besluit."),
    ],
)
def test_a_decision_refuses_what_the_method_needs(client_for, alice, trajectory, changes, message):
    client = client_for(alice)
    add_option(client, trajectory, title="Werkfit traject")
    response = decide(client, trajectory, Option.objects.get(is_waiting=False), **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"owner": "", "what": "Bellen", "due_on": "2030-01-01"}, "Kies wie dit doet."),
        (
            {"owner": "inwoner", "what": "Bellen", "due_on": ""},
            "Vul in wanneer dit gebeurd moet zijn.",
        ),
        (
            {"owner": "aanbieder", "what": "Intake", "due_on": "2030-01-01"},
            "Vul in welke aanbieder dit doet.",
        ),
        (
            {"owner": "netwerk", "what": "Meegaan", "due_on": "2030-01-01"},
            "Kies wie uit het netwerk dit doet.",
        ),
    ],
)
def test_an_action_needs_an_owner_and_a_date(client_for, alice, trajectory, data, message):
    response = add(client_for(alice), trajectory, "acties", {"status": "open", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Action.objects.exists()


def test_actions_say_who_does_what_and_when(client_for, alice, trajectory, resident):
    client = client_for(alice)
    mother = resident.network.get()
    add(
        client,
        trajectory,
        "acties",
        {
            "owner": "netwerk",
            "network_member": mother.pk,
            "what": "Mee naar de intake",
            "due_on": "2030-01-06",
            "status": "open",
        },
    )
    add(
        client,
        trajectory,
        "acties",
        {
            "owner": "aanbieder",
            "provider": "Werkbedrijf Rijn",
            "what": "Intake plannen",
            "due_on": "2030-01-03",
            "status": "open",
        },
    )
    page = client.get(url(trajectory)).content.decode()
    assert "<td>Maria de Wit</td>" in page
    assert "<td>Werkbedrijf Rijn</td>" in page
    assert "6 januari 2030" in page


def test_htmx_gets_the_section_back_and_a_refusal_in_place(client_for, alice, trajectory):
    client = client_for(alice)
    response = add(
        client, trajectory, "doelen", {"in_own_words": "Werken", "domain": "werk"}, **HTMX
    )
    assert response.status_code == 200
    # Every section comes back out of band: a change in one changes what the others offer.
    assert response["HX-Reswap"] == "none"
    sent = response.content.decode()
    for section in ("doel", "keuzekaart", "besluit", "acties", "evaluatie"):
        assert f'<section id="{section}" hx-swap-oob="true"' in sent
    refused = add(client, trajectory, "doelen", {"in_own_words": ""}, **HTMX)
    assert refused.status_code == 400
    assert refused.content.decode().lstrip().startswith("<form")
    assert "HX-Reswap" not in refused


def test_a_late_save_of_the_same_part_is_refused_and_keeps_what_was_typed(
    client_for, alice, trajectory
):
    client = client_for(alice)
    goal = add_goal(client, trajectory, words="Werken in de zorg")
    edit = url(trajectory, f"doelen/{goal.pk}/")
    first = client.post(
        edit,
        {"deel-in_own_words": "Werken in de thuiszorg", "deel-domain": "werk", "deel-version": 1},
    )
    assert first.status_code == 302
    late = client.post(
        edit,
        {"deel-in_own_words": "Werken in een ziekenhuis", "deel-domain": "werk", "deel-version": 1},
    )
    assert late.status_code == 409
    page = late.content.decode()
    assert "Iemand anders heeft dit opgeslagen terwijl jij het aanpaste." in page
    assert "Zo staat het nu opgeslagen" in page
    assert "Werken in de thuiszorg</dd>" in page
    assert "Werken in een ziekenhuis</textarea>" in page
    goal.refresh_from_db()
    assert goal.in_own_words == "Werken in de thuiszorg"
    again = client.post(
        edit,
        {"deel-in_own_words": "Werken in een ziekenhuis", "deel-domain": "werk", "deel-version": 2},
    )
    assert again.status_code == 302


def test_a_decision_without_the_residents_words_is_kept_with_a_warning(
    client_for, alice, trajectory
):
    client = client_for(alice)
    add_option(client, trajectory, title="Werkfit traject")
    response = decide(client, trajectory, Option.objects.get(is_waiting=False), in_own_words="")
    assert response.status_code == 302
    page = client.get(url(trajectory)).content.decode()
    assert "laat de inwoner het besluit in eigen woorden zeggen" in page


def test_a_second_first_decision_of_a_round_is_refused(client_for, alice, trajectory):
    client = client_for(alice)
    add_option(client, trajectory, title="Werkfit traject")
    option = Option.objects.get(is_waiting=False)
    decide(client, trajectory, option)
    # A second tab that opened the empty decision form before the first save.
    from cases.plan.forms import DecisionForm
    from cases.plan.services import decide as record

    form = DecisionForm(
        {
            "besluit-option": option.pk,
            "besluit-in_own_words": "Toch niet",
            "besluit-enough_information": "ja",
            "besluit-satisfaction": "neutraal",
            "besluit-evaluation_on": "2030-01-01",
            "besluit-version": 1,
        },
        prefix="besluit",
        options=Option.objects.all(),
        instance=Decision(plan=option.plan, cycle=1),
    )
    assert form.is_valid()
    with pytest.raises(services.StaleEdit):
        record(form.instance, seen=form.seen_version, by=alice)
    assert Decision.objects.get().in_own_words.startswith("Ik ga het werkfit traject doen")


def test_an_evaluation_for_a_new_round_starts_it_and_keeps_the_history(
    client_for, alice, trajectory
):
    client = client_for(alice)
    add_option(client, trajectory, title="Werkfit traject", pros="Ritme")
    decide(client, trajectory, Option.objects.get(is_waiting=False))
    add(
        client,
        trajectory,
        "acties",
        {"owner": "inwoner", "what": "Starten", "due_on": "2030-01-01", "status": "gedaan"},
    )
    response = client.post(
        url(trajectory, "evaluatie/"),
        {
            "evaluatie-held_on": timezone.localdate().isoformat(),
            "evaluatie-what_changed": "Ik sta weer vroeg op.",
            "evaluatie-next_step": "ronde",
            "evaluatie-version": 1,
        },
    )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.cycle, trajectory.current_step) == (2, 3)
    assert Evaluation.objects.get().cycle == 1
    now = client.get(url(trajectory)).content.decode()
    assert "Nog geen besluit." not in now  # no options yet in round 2
    assert "Eerst de keuzemogelijkheden naast elkaar zetten." in now
    assert "gekozen voor Werkfit traject" in now
    earlier = client.get(url(trajectory) + "?ronde=1").content.decode()
    assert "Ik sta weer vroeg op." in earlier
    assert "Starten" in earlier
    assert "Wijzigen" not in earlier  # an earlier round stays as it was


def test_an_evaluation_waits_for_a_decision(client_for, alice, trajectory):
    response = client_for(alice).get(url(trajectory, "evaluatie/"))
    assert response.status_code == 404


def test_an_overdue_evaluation_shows(client_for, alice, trajectory):
    client = client_for(alice)
    add_option(client, trajectory, title="Werkfit traject")
    decide(client, trajectory, Option.objects.get(is_waiting=False))
    Decision.objects.update(evaluation_on=timezone.localdate() - timedelta(days=1))
    page = client.get(url(trajectory)).content.decode()
    assert "te laat" in page
    assert "stond gepland op" in page and "staat gepland op" not in page
    caseload = client.get("/inwoners/", {"sorteer": "te-laat"}).content.decode()
    assert f'href="/trajecten/{trajectory.pk}/doel-actieplan/#evaluatie">evaluatie' in caseload


def test_the_samen_view_shows_the_plan_alone_in_large_type(client_for, alice, trajectory):
    client = client_for(alice)
    add_goal(client, trajectory, words="Ik wil koken in een restaurant")
    page = client.get(url(trajectory, "samen/")).content.decode()
    assert '<body class="together"' in page
    assert "Ik wil koken in een restaurant" in page
    assert "Mijn caseload" not in page
    assert "Tijdlijn" not in page


def test_the_samen_view_shows_no_controls_until_the_consultant_asks(
    client_for, alice, lead, trajectory
):
    client = client_for(alice)
    add_goal(client, trajectory, words="Ik wil koken in een restaurant")
    add_option(client, trajectory, title="Werkfit traject")
    reading = client.get(url(trajectory, "samen/")).content.decode()
    for control in ("Wijzigen", "Omhoog", "Weghalen", "Doel toevoegen", "Mogelijkheid toevoegen"):
        assert control not in reading
    assert 'href="?aanpassen=1">Aanpassen</a>' in reading
    assert 'role="region" aria-label="Keuzekaart, schuift opzij" tabindex="0"' in reading
    editing = client.get(url(trajectory, "samen/"), {"aanpassen": "1"}).content.decode()
    assert "Weghalen" in editing and "Doel toevoegen" in editing
    assert 'href="?">Klaar met aanpassen</a>' in editing
    # The team lead has nothing to switch on.
    leads = client_for(lead).get(url(trajectory, "samen/"), {"aanpassen": "1"}).content.decode()
    assert "Aanpassen" not in leads and "Weghalen" not in leads


def test_the_team_lead_reads_the_plan_but_changes_nothing(client_for, alice, lead, trajectory):
    add_goal(client_for(alice), trajectory, words="Werken in de bouw")
    client = client_for(lead)
    page = client.get(url(trajectory)).content.decode()
    assert "Werken in de bouw" in page
    assert "Doel toevoegen" not in page
    assert (
        add(client, trajectory, "doelen", {"in_own_words": "X", "domain": "werk"}).status_code
        == 403
    )


def test_the_plan_page_runs_a_fixed_number_of_queries(
    client_for, alice, trajectory, django_assert_num_queries
):
    client = client_for(alice)

    def fill(n):
        for i in range(n):
            goal = add_goal(client, trajectory, words=f"Doel {i}")
            add(
                client,
                trajectory,
                "subdoelen",
                {"text": "Sub", "formulated_by": "inwoner"},
                f"?doel={goal.pk}",
            )
            add(client, trajectory, "vragen", {"text": f"Vraag {i}"})
            add_option(client, trajectory, title=f"Optie {i}", pros="ja")
            add(
                client,
                trajectory,
                "acties",
                {
                    "owner": "inwoner",
                    "what": f"Actie {i}",
                    "due_on": "2030-01-01",
                    "status": "open",
                },
            )

    # session, user, trajectory, plan, goals, sub-goals, options, questions, answers,
    # decisions, evaluations, actions, documents handed over
    fill(1)
    with django_assert_num_queries(14 + ACCESS_LOG):
        response = client.get(url(trajectory))
    assert response.status_code == 200
    fill(3)
    with django_assert_num_queries(14 + ACCESS_LOG):
        response = client.get(url(trajectory))
    assert response.status_code == 200


def test_the_dossier_timeline_shows_the_plans_changes(client_for, alice, trajectory, resident):
    client = client_for(alice)
    add_goal(client, trajectory, words="Ik wil koken in een restaurant")
    add_option(client, trajectory, title="Werkfit traject", pros="Ritme")
    decide(client, trajectory, Option.objects.get(is_waiting=False))
    page = client.get(f"/inwoners/{resident.pk}/").content.decode()
    assert "Doel toegevoegd: Ik wil koken in een restaurant" in page
    assert "Samen besloten: Werkfit traject" in page
    assert f'href="/trajecten/{trajectory.pk}/doel-actieplan/"' in page


def decided_plan(client, trajectory, offer=None):
    """A plan with a goal, two options weighed, a decision and two actions."""
    goal = add_goal(client, trajectory, words="Ik wil weer werken, het liefst buiten")
    client.post(
        url(trajectory, f"doelen/{goal.pk}/"),
        {
            "deel-in_own_words": goal.in_own_words,
            "deel-domain": "werk",
            "deel-paraphrase": "Interne notitie: eerst schuldhulp regelen",
            "deel-feasibility": "Consulent twijfelt over de haalbaarheid",
            "deel-version": 1,
        },
    )
    add(
        client,
        trajectory,
        "subdoelen",
        {"text": "Twee keer meelopen bij een hovenier", "formulated_by": "inwoner"},
        f"?doel={goal.pk}",
    )
    add_option(
        client,
        trajectory,
        title="Werkfit traject",
        pros="Ritme",
        expected_of_resident="Twee ochtenden per week komen",
    )
    add_option(client, trajectory, title="Taalcursus bij ROC", cons="Ver weg")
    decide(
        client, trajectory, Option.objects.get(title="Werkfit traject"), evaluation_on="2030-03-04"
    )
    add(
        client,
        trajectory,
        "acties",
        {
            "owner": "inwoner",
            "what": "Intake bij het werkbedrijf",
            "due_on": "2030-01-15",
            "status": "open",
        },
    )
    add(
        client,
        trajectory,
        "acties",
        {
            "owner": "consulent",
            "what": "Reiskosten regelen",
            "due_on": "2030-01-10",
            "status": "open",
        },
    )


def test_the_plan_pdf_says_what_the_resident_decided_and_nothing_internal(
    client_for, alice, trajectory, resident
):
    client = client_for(alice)
    decided_plan(client, trajectory)
    BaggageNote.objects.create(
        resident=resident, text="Geheim: schulden", private=True, written_by=alice
    )
    response = client.get(f"/trajecten/{trajectory.pk}/doel-actieplan.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Mijn plan" in text
    assert "Johan de Wit" in text
    assert "“Ik wil weer werken, het liefst buiten”" in text
    assert "Twee keer meelopen bij een hovenier" in text
    assert "Werkfit traject" in text
    assert "Twee ochtenden per week komen" in text
    # Not this year: the year is printed (it is the plan of a decision years ahead).
    assert "Jij: Intake bij het werkbedrijf. Uiterlijk dinsdag 15 januari 2030." in text
    assert "Alice Aarts: Reiskosten regelen" in text
    assert "Maandag 4 maart 2030" in text
    assert "Dit plan hebben we samen gemaakt." in text
    for internal in ("Interne notitie", "twijfelt", "Taalcursus", "Geheim", "Ritme"):
        assert internal not in text
    assert not HandedOverDocument.objects.exists()  # looking keeps nothing


def test_a_done_action_is_printed_as_done_not_as_due(client_for, alice, trajectory):
    client = client_for(alice)
    decided_plan(client, trajectory)
    Action.objects.filter(what="Reiskosten regelen").update(status="gedaan")
    text = pdf_text(client.get(f"/trajecten/{trajectory.pk}/doel-actieplan.pdf").content)
    assert "Alice Aarts: Reiskosten regelen. Gedaan." in text
    assert "Uiterlijk donderdag 10 januari" not in text
    assert "Jij: Intake bij het werkbedrijf. Uiterlijk dinsdag 15 januari 2030." in text


def test_who_does_what_moves_to_the_next_page_whole_rather_than_split(
    client_for, alice, trajectory
):
    client = client_for(alice)
    decided_plan(client, trajectory)
    for day in range(11, 20):
        what = (
            f"Stap {day}: samen met de jobcoach een dag meelopen en daarna bespreken hoe het ging"
        )
        add(
            client,
            trajectory,
            "acties",
            {"owner": "inwoner", "what": what, "due_on": f"2030-02-{day}", "status": "open"},
        )
    pdf = client.get(f"/trajecten/{trajectory.pk}/doel-actieplan.pdf").content
    first, second = (" ".join(page.extract_text().split()) for page in pdf_reader(pdf).pages)
    assert "Waar ik voor kies" in first
    assert "Wie doet wat" not in first
    assert second.startswith("Wie doet wat, en wanneer?")
    for day in range(11, 20):
        assert f"Stap {day}: samen met de jobcoach" in second


def test_a_handed_over_plan_is_kept_exactly_and_listed(client_for, alice, trajectory):
    client = client_for(alice)
    decided_plan(client, trajectory)
    response = client.post(f"/trajecten/{trajectory.pk}/doel-actieplan.pdf", {"how": "geprint"})
    stored = HandedOverDocument.objects.get()
    assert response.status_code == 302
    assert stored.kind == "doel-actieplan"
    goal = Goal.objects.get()
    client.post(
        url(trajectory, f"doelen/{goal.pk}/"),
        {
            "deel-in_own_words": "Een heel ander doel",
            "deel-domain": "werk",
            "deel-version": goal.version,
        },
    )
    kept = client.get(stored.get_absolute_url())
    assert kept.content == bytes(stored.pdf)
    assert "het liefst buiten" in pdf_text(kept.content)
    page = client.get(url(trajectory)).content.decode()
    assert "geprint en meegegeven" in page


def test_the_evaluation_date_goes_into_the_residents_calendar(client_for, alice, trajectory):
    client = client_for(alice)
    decided_plan(client, trajectory)
    ics = client.get(f"/trajecten/{trajectory.pk}/evaluatie.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20300304" in ics
    assert "SUMMARY:Samen terugkijken op mijn plan\\, met Alice Aarts (gemeente)" in ics


def test_a_plan_without_a_goal_has_no_pdf(client_for, alice, trajectory):
    assert (
        client_for(alice).get(f"/trajecten/{trajectory.pk}/doel-actieplan.pdf").status_code == 404
    )


@pytest.mark.parametrize("size", [1, 3])
def test_an_htmx_decision_runs_a_fixed_number_of_queries(
    client_for, alice, trajectory, size, django_assert_num_queries
):
    client = client_for(alice)
    for i in range(size):
        add_goal(client, trajectory, words=f"Doel {i}")
        add_option(client, trajectory, title=f"Optie {i}", pros="ja")
    option = Option.objects.filter(is_waiting=False).first()
    data = {
        "besluit-option": option.pk,
        "besluit-in_own_words": "Ik ga het doen.",
        "besluit-enough_information": "ja",
        "besluit-satisfaction": "tevreden",
        "besluit-evaluation_on": (timezone.localdate() + timedelta(weeks=8)).isoformat(),
        "besluit-version": 0,
    }
    # session, user, trajectory, plan, the round's decision, whether it has options, the
    # chosen option and its check, then in a savepoint: the plan's lock, an earlier first
    # decision, the options weighed, the decision, its consultant's core-point totals
    # (the consultant locked, read, removed, written: cases/facts.py) and its history
    # line; then the plan
    # sheet once: plan, goals, sub-goals, options, questions, decisions, evaluations,
    # actions, documents handed over. (29 before, with the plan sheet read twice.)
    with django_assert_num_queries(29 + ACCESS_LOG):
        response = client.post(url(trajectory, "besluit/"), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Ik ga het doen." in response.content.decode()
