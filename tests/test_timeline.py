"""The dossier's timeline: every kind of event, newest first, read in one query."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cases import services
from cases.models import (
    Agreement,
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
        "Traject gestart in stap 1 door Alice Aarts",
    ]
    positions = [timeline.index(text) for text in expected]
    assert positions == sorted(positions)
    assert "Fase: — → Kiezen" in timeline
    assert "Reden: Verlof. Wat je moet weten: Johan houdt van vaste tijden." in timeline
    assert "Advies en afspraken: Kleine stappen." in timeline
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


def test_the_next_appointment_is_the_first_still_to_come(client_for, alice, resident, trajectory):
    now = timezone.now()

    def planned(at, setting):
        return ConversationFactory(
            trajectory=trajectory, status="gepland", held_at=at, setting=setting
        )

    planned(now - timedelta(hours=30), "telefonisch")  # long past, never logged
    earlier_today = planned(now - timedelta(hours=3), "wandeling")  # still to be logged
    planned(now + timedelta(days=2), "huisbezoek")
    page = client_for(alice).get(f"/inwoners/{resident.pk}/").content.decode()
    line = page[page.index("Volgende afspraak:") :]
    line = line[: line.index("</p>")]
    assert f'href="/gesprekken/{earlier_today.pk}/"' in line
    assert "wandeling" in line
    earlier_today.status = "gevoerd"
    earlier_today.save()
    line = client_for(alice).get(f"/inwoners/{resident.pk}/").content.decode()
    line = line[line.index("Volgende afspraak:") :]
    assert "huisbezoek" in line[: line.index("</p>")]


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
