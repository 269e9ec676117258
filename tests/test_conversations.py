"""Planning and logging conversations, their agreements, the dossier and the caseload."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from cases import services
from cases.models import AgendaItem, Agreement, Conversation, Tick
from steps.models import ChecklistItem, Step

from .factories import (
    ActionFactory,
    ConversationFactory,
    NetworkMemberFactory,
    ResidentFactory,
    TrajectoryFactory,
)
from .queries import ACCESS_LOG

pytestmark = pytest.mark.django_db


def moment(days=0, hour=10):
    """A local time `days` from today, as the form sends it."""
    day = timezone.localdate() + timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def conversation_data(resident, **changes):
    mother = resident.network.get()
    data = {
        "held_at": moment(-1),
        "kind": "intake",
        "setting": "kantoor",
        "participants": [mother.pk],
        "check_in": "Johan is zenuwachtig, moeder is er bij.",
        "told_decides_too": "on",
        "steps_worked_on": ["1"],
        "report": "Kennisgemaakt. De houtwerkplaats sluit over drie maanden.",
        "check_out": "Opgelucht dat er een plan komt.",
        "submission": str(uuid.uuid4()),
        **management("agenda", 2),
        "agenda-0-text": "Kennismaken",
        "agenda-0-raised_by": "consulent",
        "agenda-0-discussed": "on",
        "agenda-1-text": "Wat als de werkplaats dicht is?",
        "agenda-1-raised_by": "inwoner",
        **management("afspraken", 2),
        "afspraken-0-owner": "inwoner",
        "afspraken-0-what": "Lijstje maken van wat hij graag doet",
        "afspraken-0-due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "afspraken-1-owner": "netwerk",
        "afspraken-1-network_member": str(mother.pk),
        "afspraken-1-what": "Rooster van de werkplaats opvragen",
        "afspraken-1-due_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_consultant_logs_a_conversation_with_two_agreements(client_for, alice, trajectory):
    resident = trajectory.resident
    client = client_for(alice)
    response = client.post(
        f"/trajecten/{trajectory.pk}/gesprekken/nieuw/", conversation_data(resident), follow=True
    )
    conversation = Conversation.objects.get()
    assert response.redirect_chain[-1][0] == f"/gesprekken/{conversation.pk}/"
    assert "Het gesprek is vastgelegd." in response.content.decode()
    assert conversation.told_decides_too
    assert list(conversation.participants.values_list("name", flat=True)) == ["Maria de Wit"]
    assert conversation.agreements.count() == 2
    dossier = client.get(f"/inwoners/{resident.pk}/").content.decode()
    assert "Lijstje maken van wat hij graag doet" in dossier
    assert "Maria de Wit</strong>: Rooster van de werkplaats opvragen" in dossier
    assert "Intakegesprek" in dossier  # on the timeline


def test_a_double_clicked_submit_makes_one_conversation(client_for, alice, trajectory):
    client = client_for(alice)
    data = conversation_data(trajectory.resident)
    url = f"/trajecten/{trajectory.pk}/gesprekken/nieuw/"
    first = client.post(url, data)
    second = client.post(url, data)
    assert Conversation.objects.count() == 1
    assert Agreement.objects.count() == 2
    assert first.url == second.url


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_at": moment(2)}, "Een gevoerd gesprek kan niet in de toekomst liggen."),
        ({"held_at": ""}, "Vul de datum en tijd in."),
        ({"kind": ""}, "Kies de soort gesprek."),
        (
            {"afspraken-0-due_on": (timezone.localdate() - timedelta(days=3)).isoformat()},
            "Deze datum ligt vóór het gesprek.",
        ),
        ({"afspraken-1-network_member": ""}, "Kies wie uit het netwerk dit doet."),
        ({"afspraken-0-what": ""}, "Vul in wat er is afgesproken."),
        ({"next_appointment": moment(-2)}, "De volgende afspraak ligt na dit gesprek."),
        ({"check_in_score": "11"}, "Kies een getal van 0 tot en met 10."),
        ({"check_out_score": "zes"}, "Kies een getal van 0 tot en met 10."),
    ],
)
def test_it_refuses_bad_input_and_keeps_what_was_typed(
    client_for, alice, trajectory, changes, message
):
    response = client_for(alice).post(
        f"/trajecten/{trajectory.pk}/gesprekken/nieuw/",
        conversation_data(trajectory.resident, **changes),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Kennisgemaakt. De houtwerkplaats sluit over drie maanden." in page
    assert "Wat als de werkplaats dicht is?" in page
    assert not Conversation.objects.exists()


def test_a_retired_item_cannot_be_ticked_from_the_conversation(client_for, alice, trajectory):
    item = ChecklistItem.objects.active().filter(step__number=1).first()
    item.retired_at = timezone.now()
    item.save()
    response = client_for(alice).post(
        f"/trajecten/{trajectory.pk}/gesprekken/nieuw/",
        conversation_data(trajectory.resident, ticked_items=[str(item.pk)]),
    )
    assert "niet meer in gebruik" in response.content.decode()
    assert not Conversation.objects.exists()


def test_items_are_ticked_from_the_conversation(client_for, alice, trajectory):
    items = list(ChecklistItem.objects.active().filter(step__number=1)[:2])
    client = client_for(alice)
    form = client.get(f"/trajecten/{trajectory.pk}/gesprekken/nieuw/").content.decode()
    assert "Afgevinkt in dit gesprek" in form
    assert items[0].text in form
    client.post(
        f"/trajecten/{trajectory.pk}/gesprekken/nieuw/",
        conversation_data(trajectory.resident, ticked_items=[str(i.pk) for i in items]),
    )
    assert Tick.objects.filter(trajectory=trajectory, cycle=1).count() == 2


def test_the_next_appointment_is_planned_with_the_open_agenda_items(client_for, alice, trajectory):
    client = client_for(alice)
    client.post(
        f"/trajecten/{trajectory.pk}/gesprekken/nieuw/",
        conversation_data(trajectory.resident, next_appointment=moment(6, hour=14)),
    )
    planned = Conversation.objects.get(status="gepland")
    assert list(planned.agenda_items.values_list("text", "raised_by")) == [
        ("Wat als de werkplaats dicht is?", "inwoner")
    ]
    dossier = client.get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    assert "Volgende afspraak:" in dossier
    assert f"/gesprekken/{planned.pk}/" in dossier
    agenda = client.get(f"/gesprekken/{planned.pk}/").content.decode()
    assert "Agenda voor ons gesprek, Johan" in agenda
    assert "Wat als de werkplaats dicht is?" in agenda
    assert "(jouw punt)" in agenda
    assert "Agenda afdrukken" in agenda


def test_a_new_conversation_starts_with_the_agenda_items_not_discussed(
    client_for, alice, trajectory
):
    client = client_for(alice)
    client.post(
        f"/trajecten/{trajectory.pk}/gesprekken/nieuw/", conversation_data(trajectory.resident)
    )
    form = client.get(f"/trajecten/{trajectory.pk}/gesprekken/nieuw/").content.decode()
    assert 'value="Wat als de werkplaats dicht is?"' in form
    assert 'value="Kennismaken"' not in form


def test_a_late_save_of_a_conversation_does_not_overwrite(client_for, alice, trajectory):
    client = client_for(alice)
    client.post(
        f"/trajecten/{trajectory.pk}/gesprekken/nieuw/",
        conversation_data(trajectory.resident, **management("afspraken", 0)),
    )
    conversation = Conversation.objects.get()
    url = f"/gesprekken/{conversation.pk}/bewerken/"
    base = conversation_data(
        trajectory.resident,
        submission=None,
        version=str(conversation.version),
        **management("agenda", 0),
        **management("afspraken", 0),
    )
    client.post(url, {**base, "report": "Eerste versie van het verslag."})
    response = client.post(url, {**base, "report": "Mijn latere versie."})
    assert response.status_code == 409
    assert (
        "Iemand anders heeft dit opgeslagen terwijl jij het aanpaste." in response.content.decode()
    )
    assert "Zo staat het nu opgeslagen" in response.content.decode()
    assert "Mijn latere versie." in response.content.decode()
    conversation.refresh_from_db()
    assert conversation.report == "Eerste versie van het verslag."


def test_an_agreement_is_marked_done_and_overdue_ones_stand_out(client_for, alice, trajectory):
    conversation = ConversationFactory(
        trajectory=trajectory, held_at=timezone.now() - timedelta(days=20)
    )
    late = Agreement.objects.create(
        conversation=conversation,
        owner="inwoner",
        what="Cv sturen",
        due_on=timezone.localdate() - timedelta(days=3),
    )
    client = client_for(alice)
    dossier = client.get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    assert "te laat" in dossier
    caseload = client.get("/inwoners/").content.decode()
    assert '<strong class="overdue">1</strong>' in caseload

    response = client.post(f"/afspraken/{late.pk}/gedaan/", headers={"HX-Request": "true"})
    assert response.content.decode().lstrip().startswith(f'<li id="afspraak-{late.pk}"')
    late.refresh_from_db()
    assert late.done_on == timezone.localdate()
    dossier = client.get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    assert "Afspraak gedaan: Inwoner — Cv sturen" in dossier  # on the timeline
    client.post(f"/afspraken/{late.pk}/gedaan/", {"done": "0"})
    late.refresh_from_db()
    assert late.done_on is None


def test_an_agreement_can_be_changed_later(client_for, alice, trajectory):
    conversation = ConversationFactory(
        trajectory=trajectory, held_at=timezone.now() - timedelta(days=2)
    )
    agreement = Agreement.objects.create(conversation=conversation, owner="inwoner", what="Cv")
    client = client_for(alice)
    before = (timezone.localdate() - timedelta(days=5)).isoformat()
    response = client.post(
        f"/afspraken/{agreement.pk}/bewerken/", {"owner": "inwoner", "what": "Cv", "due_on": before}
    )
    assert "Deze datum ligt vóór het gesprek." in response.content.decode()
    later = (timezone.localdate() + timedelta(days=10)).isoformat()
    client.post(
        f"/afspraken/{agreement.pk}/bewerken/",
        {"owner": "consulent", "what": "Cv samen nalopen", "due_on": later, "version": 1},
    )
    agreement.refresh_from_db()
    assert (agreement.owner, agreement.what) == ("consulent", "Cv samen nalopen")


def test_the_timeline_is_filtered_by_kind(client_for, alice, trajectory):
    item = ChecklistItem.objects.active().filter(step__number=1).first()
    services.tick(trajectory=trajectory, item=item, by=alice)
    client = client_for(alice)
    client.post(
        f"/trajecten/{trajectory.pk}/gesprekken/nieuw/", conversation_data(trajectory.resident)
    )
    url = f"/inwoners/{trajectory.resident.pk}/"
    # By default: conversations, agreements done and steps; ticks when asked for.
    default = client.get(url).content.decode()
    assert "Traject gestart in stap 1 door Alice Aarts" in default
    assert "Intakegesprek · op kantoor · 2 afspraken" in default
    assert f"Afgevinkt (stap 1): {item.text}" not in default
    only_ticks = client.get(url, {"toon": "vinkjes"}, headers={"HX-Request": "true"})
    page = only_ticks.content.decode()
    assert page.lstrip().startswith('<ol class="timeline"')
    assert f"Afgevinkt (stap 1): {item.text}" in page
    assert "Traject gestart" not in page
    assert "Intakegesprek" not in page


def test_the_caseload_shows_step_contact_and_next_appointment(client_for, alice, trajectory):
    services.move_to_step(trajectory=trajectory, step=4, by=alice)
    ConversationFactory(trajectory=trajectory, held_at=timezone.now() - timedelta(days=50))
    ConversationFactory(
        trajectory=trajectory,
        status="gepland",
        held_at=timezone.now() + timedelta(days=2),
        kind="vervolggesprek",
        setting="wandeling",
    )
    ResidentFactory(consultant=alice, first_name="Anna", last_name="Aalbers")
    page = client_for(alice).get("/inwoners/", {"sorteer": "contact"}).content.decode()
    assert "Stap 4" in page
    assert "7 weken geleden" in page
    assert "nog geen" in page  # Anna, never seen
    # Sorted by last contact: never contacted first, then longest ago.
    assert page.index("Anna Aalbers") < page.index("Johan de Wit")
    assert 'aria-sort="ascending"' in page


@pytest.mark.parametrize("size", [2, 20])
def test_the_caseload_runs_a_fixed_number_of_queries(
    client_for, alice, size, django_assert_num_queries
):
    for trajectory in TrajectoryFactory.create_batch(size, resident__consultant=alice):
        ConversationFactory(trajectory=trajectory, held_at=timezone.now() - timedelta(days=3))
    client = client_for(alice)
    # session, user with team, how many residents, a page of them with their facts
    with django_assert_num_queries(5 + ACCESS_LOG):
        response = client.get("/inwoners/", {"sorteer": "stap"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 15])
def test_the_dossier_runs_a_fixed_number_of_queries(
    client_for, alice, trajectory, size, django_assert_num_queries
):
    items = ChecklistItem.objects.active().filter(step__number=1)
    for i in range(size):
        conversation = ConversationFactory(
            trajectory=trajectory,
            held_at=timezone.now() - timedelta(days=i + 1),
            kind="vervolggesprek",
        )
        Agreement.objects.create(
            conversation=conversation,
            owner="netwerk",
            network_member=trajectory.resident.network.get(),
            what=f"Afspraak {i}",
            done_on=timezone.localdate() if i % 2 else None,
        )
        services.tick(trajectory=trajectory, item=items[i % items.count()], by=alice)
        ActionFactory(plan__trajectory=trajectory, what=f"Actie {i}")
    client = client_for(alice)
    # session, user, resident with trajectories and their step 2 picture, the
    # steps, life domains, network, open agreements, open actions, and the timeline
    # (all its kinds, the next appointment and those still to log in one)
    with django_assert_num_queries(10 + ACCESS_LOG):
        response = client.get(f"/inwoners/{trajectory.resident.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 12])
def test_the_conversation_form_runs_a_fixed_number_of_queries(
    client_for, alice, trajectory, size, django_assert_num_queries
):
    resident = trajectory.resident
    for i in range(size):
        NetworkMemberFactory(resident=resident, name=f"Netwerk {i}")
        held = ConversationFactory(trajectory=trajectory, held_at=timezone.now() - timedelta(i + 1))
        Agreement.objects.create(conversation=held, owner="inwoner", what=f"Afspraak {i}")
        AgendaItem.objects.create(conversation=held, text=f"Punt {i}")
    client = client_for(alice)
    # session, user, second factor, the trajectory, a conversation planned? the last one
    # held and its agenda items not discussed, the network (who may join), the steps,
    # the step's checklist items not ticked, and the network again for the agreements
    # (once for all of them)
    with django_assert_num_queries(11 + ACCESS_LOG):
        response = client.get(f"/trajecten/{trajectory.pk}/gesprekken/nieuw/")
    page = response.content.decode()
    # Each agreement's select offers the whole network, the participants too.
    assert page.count(">Netwerk 0<") == 2
    assert page.count("Netwerk 0</label>") == 1
    assert 'value="Punt 0"' in page  # carried from the last conversation


def test_a_planned_agenda_can_be_mailed_from_the_consultants_own_mail(
    client_for, alice, trajectory
):
    resident = trajectory.resident
    planned = services.plan_next_conversation(
        previous=ConversationFactory(
            trajectory=trajectory, held_at=timezone.now() - timedelta(days=1)
        ),
        held_at=timezone.now() + timedelta(days=3),
        by=alice,
    )
    AgendaItem.objects.create(conversation=planned, text="Werkplaats en dagritme")
    client = client_for(alice)
    assert "Agenda mailen" not in client.get(f"/gesprekken/{planned.pk}/").content.decode()
    resident.email = "johan@example.org"
    resident.save()
    page = client.get(f"/gesprekken/{planned.pk}/").content.decode()
    assert 'href="mailto:johan%40example.org?subject=Agenda%20voor%20ons%20gesprek' in page
    assert "Werkplaats%20en%20dagritme" in page


def test_a_conversation_written_by_a_command_is_dated_by_its_clock(alice, trajectory):
    """save_conversation takes plain data: a command logs a conversation as the form does,
    with its agenda, agreements, ticks and the next appointment, stamped `at`."""
    held = timezone.now().replace(microsecond=0) - timedelta(days=10)
    logged = held + timedelta(hours=2)
    mother = trajectory.resident.network.get()
    item = ChecklistItem.objects.active().filter(step__number=1).first()
    conversation = services.save_conversation(
        conversation=Conversation(
            trajectory=trajectory, held_at=held, kind="intake", setting="kantoor", report="Kennis"
        ),
        by=alice,
        participants=[mother],
        steps_worked_on=Step.objects.filter(number=1),
        agenda=[AgendaItem(text="Kennismaken", discussed=True), AgendaItem(text="Rooster")],
        agreements=[Agreement(owner="inwoner", what="Cv meenemen")],
        ticked_items=[item],
        next_appointment=held + timedelta(days=14),
        at=logged,
    )
    assert conversation.created_at == logged
    assert list(conversation.participants.all()) == [mother]
    assert list(conversation.steps_worked_on.values_list("number", flat=True)) == [1]
    assert list(conversation.agreements.values_list("what", flat=True)) == ["Cv meenemen"]
    assert Tick.objects.get(item=item).ticked_at == logged
    planned = Conversation.objects.get(status="gepland")
    assert (planned.held_at, planned.created_at) == (held + timedelta(days=14), logged)
    assert list(planned.agenda_items.values_list("text", flat=True)) == ["Rooster"]


def test_the_next_conversation_can_be_planned_with_its_own_kind_and_agenda(alice, trajectory):
    previous = ConversationFactory(trajectory=trajectory, setting="huisbezoek")
    AgendaItem.objects.create(conversation=previous, text="Niet aan toegekomen")
    planned = services.plan_next_conversation(
        previous=previous,
        held_at=timezone.now() + timedelta(days=7),
        by=alice,
        kind="diagnosegesprek",
        agenda=[AgendaItem(text="Een gewone week", raised_by="inwoner")],
        at=previous.held_at + timedelta(hours=1),
    )
    assert (planned.kind, planned.setting) == ("diagnosegesprek", "huisbezoek")
    assert planned.created_at == previous.held_at + timedelta(hours=1)
    assert list(planned.agenda_items.values_list("text", "raised_by", "position")) == [
        ("Niet aan toegekomen", "consulent", 0),
        ("Een gewone week", "inwoner", 1),
    ]


def test_an_agreement_done_is_on_the_timeline_on_the_day_it_was_done(client_for, alice, trajectory):
    conversation = ConversationFactory(
        trajectory=trajectory, held_at=timezone.now() - timedelta(days=20)
    )
    agreement = Agreement.objects.create(conversation=conversation, owner="inwoner", what="Cv")
    done = timezone.now() - timedelta(days=12)
    services.set_agreement_done(agreement=agreement, at=done)
    agreement.refresh_from_db()
    assert agreement.done_on == timezone.localdate(done)
    page = client_for(alice).get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    entry = page[: page.index("Afspraak gedaan: Inwoner — Cv")]
    assert f'datetime="{timezone.localdate(done).isoformat()}T23:59' in entry[-300:]
    services.set_agreement_done(agreement=agreement, done=False)
    agreement.refresh_from_db()
    assert agreement.done_on is None


def test_an_agreement_changed_in_another_tab_is_not_overwritten(client_for, alice, trajectory):
    conversation = ConversationFactory(trajectory=trajectory)
    agreement = Agreement.objects.create(conversation=conversation, owner="inwoner", what="Cv")
    client, url = client_for(alice), f"/afspraken/{agreement.pk}/bewerken/"
    first = client.post(url, {"owner": "inwoner", "what": "Cv en brief", "version": 1})
    assert first.status_code == 302
    late = client.post(url, {"owner": "inwoner", "what": "Cv naar Kringloop", "version": 1})
    assert late.status_code == 409
    page = late.content.decode()
    assert "Iemand anders heeft dit opgeslagen terwijl jij het aanpaste." in page
    assert "Cv en brief</dd>" in page  # what is stored now
    assert 'value="Cv naar Kringloop"' in page  # what was typed, kept
    agreement.refresh_from_db()
    assert agreement.what == "Cv en brief"


def test_an_older_conversation_form_does_not_revert_an_agreement_changed_since(
    client_for, alice, trajectory
):
    conversation = ConversationFactory(trajectory=trajectory)
    agreement = Agreement.objects.create(conversation=conversation, owner="inwoner", what="Cv")
    client = client_for(alice)
    opened = conversation_data(
        trajectory.resident,
        version=str(conversation.version),
        **management("agenda", 0),
        **management("afspraken", 1, initial=1),
        **{
            "afspraken-0-id": agreement.pk,
            "afspraken-0-owner": "inwoner",
            "afspraken-0-what": "Cv",
            "afspraken-0-version": 1,
        },
    )
    # Meanwhile the agreement is changed on its own page.
    client.post(
        f"/afspraken/{agreement.pk}/bewerken/",
        {"owner": "inwoner", "what": "Cv en brief", "version": 1},
    )
    response = client.post(
        f"/gesprekken/{conversation.pk}/bewerken/",
        {**opened, "afspraken-0-what": "Cv opgestuurd"},
    )
    assert response.status_code == 409
    assert "Cv en brief</dd>" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.what == "Cv en brief"


def test_the_dossier_lists_the_plans_open_actions_with_the_agreements(
    client_for, alice, trajectory
):
    today = timezone.localdate()
    ActionFactory(plan__trajectory=trajectory, what="Cv naar de werkplaats", due_on=today)
    ActionFactory(
        plan__trajectory=trajectory, what="Proefdag plannen", due_on=today - timedelta(days=4)
    )
    ActionFactory(plan__trajectory=trajectory, what="Al gedaan", status="gedaan")
    page = client_for(alice).get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    open_part = page[page.index("Wat openstaat") : page.index('id="tijdlijn-titel"')]
    assert "Acties uit het doel-actieplan" in open_part
    assert open_part.index("Proefdag plannen") < open_part.index("Cv naar de werkplaats")
    late = open_part[open_part.index("Proefdag plannen") :]
    assert "te laat" in late[: late.index("</li>")]
    assert "Al gedaan" not in open_part
