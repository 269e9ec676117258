"""The dossier's timeline: every kind of event, newest first, read in one query."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from cases import services
from cases.models import (
    Agreement,
    AppointmentChange,
    CaseReview,
    HandedOverDocument,
    PlanChange,
    Reassignment,
    SituationChange,
    StepChange,
    Tick,
)
from cases.timeline import DEFAULT_KINDS, KINDS
from steps.models import ChecklistItem

from .factories import ConversationFactory, PlanFactory

pytestmark = pytest.mark.django_db

# Every kind the dossier can show, from the timeline's own registry.
ALL_KINDS = list(KINDS)


def days_ago(n, hour=10):
    return (timezone.now() - timedelta(days=n)).replace(hour=hour, minute=0)


@pytest.fixture
def history(resident, trajectory, alice, bob, lead):
    """One of every kind of event, each on its own day."""
    StepChange.objects.filter(trajectory=trajectory).update(changed_at=days_ago(30))
    conversation = ConversationFactory(
        trajectory=trajectory, held_at=days_ago(25), kind="diagnosegesprek", report="Kennisgemaakt."
    )
    Agreement.objects.create(conversation=conversation, owner="inwoner", what="Cv maken")
    AppointmentChange.objects.create(
        conversation=conversation,
        what="verzet",
        asked_by="inwoner",
        planned_at=days_ago(26, hour=14),
        moved_to=conversation.held_at,
        reason="Johan moest naar de tandarts.",
        by=alice,
        at=days_ago(27),
    )
    Agreement.objects.create(
        conversation=conversation,
        owner="netwerk",
        network_member=resident.network.get(),
        what="Rooster opvragen",
        done_on=days_ago(20).date(),
    )
    Reassignment.objects.create(
        resident=resident,
        from_consultant=alice,
        to_consultant=bob,
        reason="Verlof",
        handover_note="Johan houdt van vaste tijden.",
        by=lead,
        at=days_ago(22),
    )
    CaseReview.objects.create(
        resident=resident,
        question="Hoe houden we Johan betrokken?",
        requested_by=alice,
        requested_at=days_ago(21),
        status="besproken",
        outcome="Kleine stappen.",
        discussed_on=days_ago(18).date(),
    )
    plan = PlanFactory(trajectory=trajectory)
    PlanChange.objects.create(plan=plan, at=days_ago(15), by=alice, summary="Doel vastgelegd")
    HandedOverDocument.objects.create(
        trajectory=trajectory,
        kind="afsprakenbriefje",
        pdf=b"%PDF-1.7",
        how="gemaild",
        sent_to="johan@example.org",
        mail="verstuurd",
        created_by=alice,
        created_at=days_ago(12),
    )
    services.move_to_step(trajectory=trajectory, step=2, by=alice)
    StepChange.objects.filter(trajectory=trajectory, to_step=2).update(changed_at=days_ago(10))
    SituationChange.objects.create(
        trajectory=trajectory,
        subject="werk",
        changes={"phase": ["", "kiezen"]},
        changed_by=alice,
        changed_at=days_ago(8),
    )
    item = ChecklistItem.objects.active().filter(step__number=2).first()
    services.tick(
        trajectory=trajectory, item=item, by=alice, not_applicable=True, reason="Al bekend"
    )
    Tick.objects.update(ticked_at=days_ago(5))
    return {"trajectory": trajectory, "conversation": conversation, "plan": plan, "item": item}


def test_every_kind_is_on_the_timeline_newest_first(client_for, alice, resident, history):
    response = client_for(alice).get(
        f"/inwoners/{resident.pk}/", {"toon": ALL_KINDS, "aantal": "20"}
    )
    page = response.content.decode()
    timeline = page[page.index('id="tijdlijn"') :]
    expected = [
        f"Niet van toepassing (stap 2): {history['item'].text} — Al bekend",
        "Levensgebied werk bijgewerkt door Alice Aarts",
        "Van stap 1 naar stap 2 door Alice Aarts",
        "Afsprakenbriefje gemaild naar johan@example.org door Alice Aarts",
        "Doel vastgelegd",
        "Besproken in de casuïstiekbespreking",
        "Afspraak gedaan: Maria de Wit — Rooster opvragen",
        "Ingebracht in de casuïstiekbespreking door Alice Aarts",
        "Overgedragen van Alice Aarts aan Bob Bos door Lotte Leider",
        "Diagnosegesprek · op kantoor · 2 afspraken",
        "verzet naar",
        "Traject gestart in stap 1 door Alice Aarts",
    ]
    positions = [timeline.index(text) for text in expected]
    assert positions == sorted(positions)
    assert "Fase: — → Kiezen" in timeline
    assert "Reden: Verlof. Wat je moet weten: Johan houdt van vaste tijden." in timeline
    assert "Advies en afspraken: Kleine stappen." in timeline
    moved = date_format(timezone.localtime(days_ago(26, hour=14)), "j b Y, H:i")
    assert f"Afspraak van {moved} verzet naar" in timeline
    assert "op verzoek van de inwoner" in timeline
    assert "Johan moest naar de tandarts." in timeline
    assert f'href="/gesprekken/{history["conversation"].pk}/"' in timeline
    assert f'href="/trajecten/{history["plan"].pk}/doel-actieplan/"' in timeline
    document = HandedOverDocument.objects.get()
    assert f'href="/documenten/{document.pk}.pdf"' in timeline
    assert "Eerdere gebeurtenissen tonen" not in timeline
    # The history has one of each kind the timeline knows, so a new kind needs one here.
    assert {entry.kind for entry in response.context["timeline"]} == set(KINDS)


def test_a_page_at_a_time_newest_first(client_for, alice, resident, history):
    client = client_for(alice)
    page = client.get(f"/inwoners/{resident.pk}/", {"toon": ALL_KINDS, "aantal": "10"})
    timeline = page.content.decode()
    timeline = timeline[timeline.index('id="tijdlijn"') :]
    assert "Niet van toepassing (stap 2)" in timeline
    assert "Diagnosegesprek" in timeline  # the tenth of eleven
    assert "Traject gestart" not in timeline
    assert "Eerdere gebeurtenissen tonen" in timeline


def test_the_default_leaves_out_ticks_and_the_personal_situation(
    client_for, alice, resident, history
):
    response = client_for(alice).get(f"/inwoners/{resident.pk}/")
    page = response.content.decode()
    timeline = page[page.index('id="tijdlijn"') :]
    assert "Traject gestart in stap 1" in timeline
    assert "Doel vastgelegd" in timeline
    assert "Niet van toepassing" not in timeline
    assert "Levensgebied werk" not in timeline
    assert {entry.kind for entry in response.context["timeline"]} == set(DEFAULT_KINDS)
    assert "vinkjes" not in DEFAULT_KINDS and "beeld" not in DEFAULT_KINDS
    # The filter offers every kind in the registry's order, the default ones ticked.
    boxes = re.findall(r'name="toon" value="(\w+)" ?(checked)?> ([^<]+)</label>', page)
    assert boxes == [
        (kind.slug, "checked" if kind.shown_by_default else "", str(kind.label))
        for kind in KINDS.values()
    ]


def test_the_next_appointment_is_still_to_come_and_passed_ones_wait_to_be_logged(
    client_for, alice, resident, trajectory
):
    now = timezone.now()

    def planned(at, setting):
        return ConversationFactory(
            trajectory=trajectory, status="gepland", held_at=at, setting=setting
        )

    long_ago = planned(now - timedelta(days=9), "telefonisch")  # never logged
    earlier_today = planned(now - timedelta(hours=3), "wandeling")
    coming = planned(now + timedelta(days=2), "huisbezoek")
    page = client_for(alice).get(f"/inwoners/{resident.pk}/").content.decode()
    line = page[page.index("Volgende afspraak:") :]
    line = line[: line.index("</p>")]
    assert f'href="/gesprekken/{coming.pk}/"' in line
    assert "huisbezoek" in line
    # Neither drops off: they stay until they are logged, moved or closed.
    to_log = page[page.index("Nog vastleggen:") :]
    to_log = to_log[: to_log.index("</p>")]
    assert to_log.index(f"/gesprekken/{long_ago.pk}/") < to_log.index(
        f"/gesprekken/{earlier_today.pk}/"
    )
    earlier_today.status = long_ago.status = "gevoerd"
    earlier_today.save()
    long_ago.save()
    page = client_for(alice).get(f"/inwoners/{resident.pk}/").content.decode()
    assert "Nog vastleggen:" not in page


def test_a_resident_without_a_trajectory_has_their_handover_on_the_timeline(
    client_for, alice, bob, lead, resident
):
    client_for(lead).post(
        "/team/overdragen/",
        {
            "residents": [str(resident.pk)],
            "to_consultant": str(bob.pk),
            "reason": "Verlof",
            "handover_note": "Nog geen traject; eerst kennismaken.",
        },
    )
    page = client_for(bob).get(f"/inwoners/{resident.pk}/").content.decode()
    timeline = page[page.index('id="tijdlijn"') :]
    assert "Overgedragen van Alice Aarts aan Bob Bos door Lotte Leider" in timeline
    assert "nog niet gepland" in page  # no trajectory, so no appointment
