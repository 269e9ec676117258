"""/vandaag/: the consultant's day, and their start page."""

import json
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from cases import services
from cases.day.selectors import end_of_week
from cases.models import AgendaItem, Agreement, Evaluation

from .factories import (
    ActionFactory,
    ConversationFactory,
    DecisionFactory,
    ResidentFactory,
    TrajectoryFactory,
)
from .queries import ACCESS_LOG

pytestmark = pytest.mark.django_db


def at(days, hour, minute=0):
    """A local moment `days` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def case(consultant, first_name, **fields):
    return TrajectoryFactory(
        resident=ResidentFactory(consultant=consultant, first_name=first_name, last_name="Test"),
        **fields,
    )


def planned(trajectory, when, **fields):
    return ConversationFactory(trajectory=trajectory, status="gepland", held_at=when, **fields)


def section(page, title):
    """The part of the page from the heading `title` to the next section."""
    part = page[page.index(title) :]
    return part[: part.index("</section>")]


def test_a_consultant_starts_at_their_day(client_for, alice):
    page = client_for(alice).get("/").content.decode()
    assert "<h1>Vandaag</h1>" in page
    nav = page[page.index('aria-label="Hoofdmenu"') :]
    assert nav.index(">Vandaag<") < nav.index(">Mijn caseload<")
    assert 'href="/inwoners/"' in nav  # the caseload has its own address


def test_todays_conversations_in_time_order_with_their_agenda(client_for, alice, bob):
    anna, bert, chris = (case(alice, name) for name in ("Anna", "Bert", "Chris"))
    afternoon = planned(anna, at(0, 16), kind="evaluatiegesprek", setting="huisbezoek")
    AgendaItem.objects.create(conversation=afternoon, text="Hoe ging de proefdag?")
    AgendaItem.objects.create(conversation=afternoon, text="Reiskosten", raised_by="inwoner")
    ConversationFactory(trajectory=bert, held_at=at(0, 9), kind="intake", setting="kantoor")
    planned(chris, at(0, 11, 30), setting="wandeling")
    planned(chris, at(1, 10))  # tomorrow
    planned(case(bob, "Dirk"), at(0, 13))  # a colleague's
    page = section(client_for(alice).get("/vandaag/").content.decode(), "gesprekken-titel")
    assert 'Gesprekken vandaag <span class="count">(3)</span>' in page
    assert page.index("Bert Test") < page.index("Chris Test") < page.index("Anna Test")
    assert "Evaluatiegesprek · huisbezoek" in page
    assert "Hoe ging de proefdag?" in page
    assert 'Reiskosten <span class="muted">(punt van de inwoner)</span>' in page
    assert "Dirk" not in page
    assert "wandeling" in page


def test_planned_conversations_whose_time_passed_wait_to_be_logged(client_for, alice):
    anna, bert = case(alice, "Anna"), case(alice, "Bert")
    last_week = planned(anna, timezone.now() - timedelta(days=6))
    an_hour_ago = planned(bert, timezone.now() - timedelta(hours=1))
    coming = planned(bert, timezone.now() + timedelta(hours=30))
    client = client_for(alice)
    page = section(client.get("/vandaag/").content.decode(), "Nog vastleggen")
    assert "(2)" in page
    assert page.index(f"/gesprekken/{last_week.pk}/bewerken/") < page.index(
        f"/gesprekken/{an_hour_ago.pk}/bewerken/"
    )
    assert f"/gesprekken/{an_hour_ago.pk}/verzetten/" in page
    assert f"/gesprekken/{an_hour_ago.pk}/afzeggen/" in page
    assert str(coming.pk) not in page
    services.close_planned_conversation(
        conversation=last_week, what="niet_verschenen", seen=last_week.version, by=alice
    )
    an_hour_ago.status = "gevoerd"
    an_hour_ago.save()
    page = section(client.get("/vandaag/").content.decode(), "Nog vastleggen")
    assert "Alles is vastgelegd." in page


def test_what_is_due_this_week_overdue_first(client_for, alice, bob):
    anna, bert = case(alice, "Anna"), case(alice, "Bert")
    today, sunday = timezone.localdate(), end_of_week(timezone.localdate())
    talk = ConversationFactory(trajectory=anna)

    def agreement(owner, what, due_on, **fields):
        return Agreement.objects.create(
            conversation=talk, owner=owner, what=what, due_on=due_on, **fields
        )

    agreement("inwoner", "Cv sturen", sunday)
    agreement("consulent", "Werkgever bellen", today - timedelta(days=3))
    agreement("inwoner", "Al gedaan", today, done_on=today)
    agreement("inwoner", "Volgende week", sunday + timedelta(days=1))
    ActionFactory(plan__trajectory=bert, what="Proefdag regelen", due_on=today - timedelta(days=1))
    ActionFactory(plan__trajectory=bert, what="Ook gedaan", due_on=today, status="gedaan")
    colleague = ConversationFactory(trajectory=case(bob, "Dirk"))
    Agreement.objects.create(conversation=colleague, owner="inwoner", what="Niet van mij")
    page = section(client_for(alice).get("/vandaag/").content.decode(), "Deze week te doen")
    assert "(3)" in page
    assert page.index("Werkgever bellen") < page.index("Proefdag regelen") < page.index("Cv sturen")
    for absent in ("Al gedaan", "Volgende week", "Ook gedaan", "Niet van mij"):
        assert absent not in page
    late = page[page.index("Werkgever bellen") :]
    assert "te laat" in late[: late.index("</li>")]
    assert "<strong>Consulent</strong>: Werkgever bellen" in page  # the consultant's own
    assert f'href="/inwoners/{anna.resident.pk}/">Anna Test</a>' in page
    assert f'href="/trajecten/{bert.pk}/doel-actieplan/#acties"' in page


def test_marking_an_agreement_done_refreshes_the_count(client_for, alice):
    talk = ConversationFactory(trajectory=case(alice, "Anna"))
    agreement = Agreement.objects.create(
        conversation=talk, owner="inwoner", what="Cv sturen", due_on=timezone.localdate()
    )
    client = client_for(alice)
    page = client.get("/vandaag/").content.decode()
    assert 'hx-trigger="afspraak-gewijzigd from:body"' in page
    response = client.post(
        f"/afspraken/{agreement.pk}/gedaan/",
        {"done": "1", "vanaf": "vandaag"},
        headers={"HX-Request": "true"},
    )
    assert json.loads(response["HX-Trigger"]) == {"afspraak-gewijzigd": {}}
    assert "Anna Test" in response.content.decode()  # the line keeps its resident
    count = client.get("/vandaag/?deel=teller", headers={"HX-Request": "true"})
    assert count.content.decode().strip().endswith("(0)</span>")
    # Without JavaScript the form goes back to the day.
    plain = client.post(f"/afspraken/{agreement.pk}/gedaan/", {"done": "0", "vanaf": "vandaag"})
    assert plain.url == "/vandaag/"


def test_residents_without_contact_for_weeks(client_for, alice, settings):
    settings.TEAM_NO_CONTACT_WEEKS = 6
    seven_weeks = case(alice, "Ricardo")
    ConversationFactory(trajectory=seven_weeks, held_at=timezone.now() - timedelta(weeks=7))
    never = case(alice, "Nadia")
    recent = case(alice, "Rob")
    ConversationFactory(trajectory=recent, held_at=timezone.now() - timedelta(weeks=2))
    closed = case(alice, "Karel", status="afgesloten")
    ConversationFactory(trajectory=closed, held_at=timezone.now() - timedelta(weeks=20))
    ResidentFactory(consultant=alice, first_name="Zonder", last_name="Traject")
    page = section(client_for(alice).get("/vandaag/").content.decode(), "contact-titel")
    assert "Al 6 weken geen contact" in page
    assert page.index("Nadia Test") < page.index("Ricardo Test")  # never seen first
    assert "laatste gesprek 7 weken geleden" in page
    assert f"/trajecten/{seven_weeks.pk}/gesprekken/nieuw/?plannen=1" in page
    for absent in ("Rob Test", "Karel Test", "Zonder Traject"):
        assert absent not in page
    assert escape(never.resident.full_name) in page


def test_evaluations_due_this_week(client_for, alice):
    today, sunday = timezone.localdate(), end_of_week(timezone.localdate())
    late = DecisionFactory(plan__trajectory=case(alice, "Anna"), evaluation_on=today - timedelta(3))
    DecisionFactory(plan__trajectory=case(alice, "Bert"), evaluation_on=sunday)
    DecisionFactory(plan__trajectory=case(alice, "Chris"), evaluation_on=sunday + timedelta(1))
    done = DecisionFactory(plan__trajectory=case(alice, "Dirk"), evaluation_on=today)
    Evaluation.objects.create(
        plan=done.plan, cycle=1, what_changed="Meer rust", next_step="doorgaan", evaluated_by=alice
    )
    page = section(client_for(alice).get("/vandaag/").content.decode(), "Evaluaties")
    assert page.index("Anna Test") < page.index("Bert Test")
    assert "te laat, was op" in page
    assert f'href="/trajecten/{late.plan_id}/doel-actieplan/#evaluatie"' in page
    assert "Chris Test" not in page and "Dirk Test" not in page


def test_double_bookings_are_flagged(client_for, alice):
    fatima, jan = case(alice, "Fatima"), case(alice, "Jan-Willem")
    first = planned(fatima, at(2, 16))
    second = planned(jan, at(2, 16, 30))
    planned(jan, at(2, 18))  # an hour and a half later: fine
    planned(fatima, at(0, 10))
    planned(jan, at(0, 10))  # today, the same hour
    page = client_for(alice).get("/vandaag/").content.decode()
    bookings = section(page, "Dubbel geboekt")
    assert f'href="/gesprekken/{first.pk}/"' in bookings
    assert f'href="/gesprekken/{second.pk}/"' in bookings
    assert "18:00" not in bookings
    today = section(page, "gesprekken-titel")
    assert today.count("dubbel geboekt") == 2


def test_planning_over_another_conversation_warns(client_for, alice):
    fatima, jan = case(alice, "Fatima"), case(alice, "Jan-Willem")
    planned(fatima, at(3, 16))
    from .test_appointments import form_moment, planning_data

    response = client_for(alice).post(
        f"/trajecten/{jan.pk}/gesprekken/nieuw/?plannen=1",
        planning_data(held_at=form_moment(at(3, 16, 15))),
        follow=True,
    )
    assert "Let op: je hebt dan ook een gesprek met Fatima Test om 16:00." in (
        response.content.decode()
    )


@pytest.mark.parametrize("size", [2, 12])
def test_the_day_runs_a_fixed_number_of_queries(client_for, alice, size, django_assert_num_queries):
    today = timezone.localdate()
    for i in range(size):
        trajectory = case(alice, f"Inwoner{i}")
        talk = ConversationFactory(trajectory=trajectory, held_at=timezone.now() - timedelta(50))
        Agreement.objects.create(conversation=talk, owner="inwoner", what="Cv", due_on=today)
        ActionFactory(plan__trajectory=trajectory, due_on=today - timedelta(days=1))
        DecisionFactory(plan__trajectory=trajectory, evaluation_on=today)
        today_at = planned(trajectory, at(0, 8 + i % 9))
        AgendaItem.objects.create(conversation=today_at, text="Rooster")
        planned(trajectory, timezone.now() - timedelta(days=2))
    client = client_for(alice)
    # session, user, second factor, today's conversations and their agenda, still to log,
    # agreements and actions due, without contact, evaluations, new after a handover,
    # double bookings; and the access log
    with django_assert_num_queries(12 + ACCESS_LOG):
        response = client.get("/vandaag/")
    assert response.status_code == 200


# Text anyone may type: a name or an agreement is written as text, never as markup.
HOSTILE = "<script>alert(1)</script> \"quoted\" 'single' & more"


def test_names_and_agreements_full_of_html_show_as_text(client_for, alice):
    trajectory = case(alice, HOSTILE)
    talk = ConversationFactory(trajectory=trajectory)
    today = timezone.localdate()
    agreement = Agreement.objects.create(
        conversation=talk, owner="inwoner", what=f"Afspraak {HOSTILE}", due_on=today
    )
    ActionFactory(plan__trajectory=trajectory, what=f"Actie {HOSTILE}", due_on=today)
    client = client_for(alice)
    page = section(client.get("/vandaag/").content.decode(), "Deze week te doen")
    assert "<script>alert(1)" not in page
    assert f"{escape(HOSTILE)} Test</a>" in page  # the resident's name, twice
    assert page.count(escape(HOSTILE)) == 2 + 3 + 2  # name; agreement with its buttons; action
    # The agreement as htmx swaps it in after its done button, as text too.
    done = client.post(
        f"/afspraken/{agreement.pk}/gedaan/",
        {"done": "1", "vanaf": "vandaag"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "<script>alert(1)" not in done
    assert f"Afspraak {escape(HOSTILE)}" in done
