"""What a consultant does after a conversation: send the agreements, hand over the briefje."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from cases.models import Agreement, Conversation, HandedOverDocument

from ..factories import ConversationFactory
from ..pdfs import pdf_text

pytestmark = pytest.mark.browser

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def conversation(resident, trajectory, alice):
    conversation = ConversationFactory(
        trajectory=trajectory, held_at=datetime(2026, 1, 12, 10, tzinfo=AMSTERDAM)
    )
    Agreement.objects.create(
        conversation=conversation,
        owner="inwoner",
        what="Een lijstje maken van wat je graag doet",
        due_on=date(2026, 1, 19),
    )
    Agreement.objects.create(
        conversation=conversation,
        owner="netwerk",
        network_member=resident.network.get(),
        what="Het rooster van de werkplaats opvragen",
    )
    Conversation.objects.create(
        trajectory=trajectory,
        status=Conversation.Status.PLANNED,
        held_at=datetime(2026, 1, 20, 14, tzinfo=AMSTERDAM),
        kind=Conversation.Kind.FOLLOW_UP,
        setting=Conversation.Setting.HOME_VISIT,
        created_by=alice,
    )
    return conversation


@pytest.mark.django_db(transaction=True)
def test_copying_the_agreements_and_handing_over_the_briefje(
    alice, conversation, live_server, login, screenshot
):
    page = login(alice)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/gesprekken/{conversation.pk}/")

    text = page.get_by_label("Tekst om te versturen via WhatsApp of e-mail")
    expect(text).to_have_attribute("readonly", "")
    expect(text).to_contain_text("- Jij: Een lijstje maken van wat je graag doet")
    expect(text).to_contain_text("Onze volgende afspraak is op dinsdag 20 januari om 14.00 uur.")
    page.get_by_role("button", name="Tekst kopiëren").click()
    expect(page.locator("[data-copy-status]")).to_have_text(
        "De tekst is gekopieerd. Plak hem in WhatsApp of in een mail."
    )
    assert page.evaluate("navigator.clipboard.readText()") == text.input_value()
    screenshot("conversation-hand-over")

    # Handing over keeps the PDF and opens that copy in the browser, to print.
    page.get_by_role("button", name="Afdrukken en meegeven").click()
    stored = HandedOverDocument.objects.get()
    expect(page).to_have_url(f"{live_server.url}/documenten/{stored.pk}.pdf")

    page.goto(f"{live_server.url}/gesprekken/{conversation.pk}/")
    handed_over = page.get_by_role("region", name="Afspraken voor Johan").locator(".handed-over")
    expect(handed_over).to_contain_text("geprint en meegegeven door Alice Aarts")
    with page.expect_download() as download_info:
        handed_over.get_by_role("link", name="Afsprakenbriefje").click()
    data = Path(download_info.value.path()).read_bytes()
    assert data == bytes(stored.pdf), "the stored, exact copy"
    assert data.startswith(b"%PDF-")
    text_of_pdf = pdf_text(data)
    assert "Een lijstje maken van wat je graag doet" in text_of_pdf
    assert "Bij jou thuis" in text_of_pdf


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_text_is_there_to_select(
    alice, conversation, live_server, browser, login
):
    context = browser.new_context(java_script_enabled=False)
    page = login(alice, page=context.new_page())
    page.goto(f"{live_server.url}/gesprekken/{conversation.pk}/")
    expect(page.get_by_label("Tekst om te versturen via WhatsApp of e-mail")).to_contain_text(
        "- Maria de Wit: Het rooster van de werkplaats opvragen"
    )
    expect(page.get_by_role("button", name="Tekst kopiëren")).to_be_hidden()
    context.close()
