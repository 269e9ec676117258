"""The afsprakenbriefje: drawn, handed over on paper or by mail, kept exactly, and in the
resident's calendar."""

import contextlib
import logging
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks_db.models import DBTaskResult

from cases import ics, pdf, services, tasks
from cases.documents import agreements_letter
from cases.models import Agreement, BaggageNote, Conversation, HandedOverDocument
from cases.templatetags.casework import on_day
from steps.models import ChecklistItem

from .factories import ConversationFactory
from .pdfs import pdf_reader, pdf_text
from .queries import ACCESS_LOG
from .queue import run_the_queue

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
REPORT = "Johan vertelde over zijn schulden bij de energieleverancier."
CHECK_IN = "Zenuwachtig, slecht geslapen."
PRIVATE_NOTE = "Na de scheiding raakte hij zijn huis kwijt."
FILE_NOTE = "Interne notitie: let op bij het onderwerp geld."


@pytest.fixture
def alice(alice):
    alice.phone = "026 377 12 34"
    alice.email = "alice.aarts@gemeente.example"
    alice.save()
    return alice


@pytest.fixture
def conversation(resident, trajectory, alice):
    """Johan's conversation of 12 January with three agreements, a report, a tick and
    notes that must never reach paper; the next one is planned for the 20th at two."""
    resident.notes = FILE_NOTE
    resident.save()
    conversation = ConversationFactory(
        trajectory=trajectory,
        held_at=datetime(2026, 1, 12, 10, tzinfo=AMSTERDAM),
        report=REPORT,
        check_in=CHECK_IN,
    )
    mother = resident.network.get()
    Agreement.objects.create(
        conversation=conversation,
        owner="inwoner",
        what="Een lijstje maken van wat je graag doet",
        due_on=date(2026, 1, 19),
    )
    Agreement.objects.create(
        conversation=conversation,
        owner="netwerk",
        network_member=mother,
        what="Het rooster van de werkplaats opvragen",
        due_on=date(2026, 1, 17),
    )
    Agreement.objects.create(
        conversation=conversation, owner="consulent", what="Navragen of het werkfit-traject past"
    )
    Conversation.objects.create(
        trajectory=trajectory,
        status=Conversation.Status.PLANNED,
        held_at=datetime(2026, 1, 20, 14, tzinfo=AMSTERDAM),
        kind=Conversation.Kind.FOLLOW_UP,
        setting=Conversation.Setting.OFFICE,
        created_by=alice,
    )
    item = ChecklistItem.objects.active().filter(step__number=1).first()
    services.tick(trajectory=trajectory, item=item, by=alice)
    BaggageNote.objects.create(resident=resident, text=PRIVATE_NOTE, private=True, written_by=alice)
    return conversation


def url(conversation):
    return f"/gesprekken/{conversation.pk}/afspraken.pdf"


def test_the_afsprakenbriefje_shows_who_does_what_when_and_the_next_appointment(
    client_for, alice, conversation
):
    response = client_for(alice).get(url(conversation))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert "Johan" not in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Onze afspraken" in text
    assert "Johan de Wit" in text
    assert "maandag 12 januari 2026" in text
    assert "Jij Een lijstje maken van wat je graag doet Uiterlijk maandag 19 januari" in text
    assert "Maria de Wit Het rooster van de werkplaats opvragen Uiterlijk zaterdag 17" in text
    assert "Alice Aarts Navragen of het werkfit-traject past Geen vaste dag" in text
    assert "Dinsdag 20 januari 2026 om 14.00 uur" in text
    assert "Op het kantoor van de gemeente" in text
    assert "Bellen: 026 377 12 34" in text
    assert "Mailen: alice.aarts@gemeente.example" in text
    assert "Deze afspraken hebben we samen gemaakt." in text
    assert not HandedOverDocument.objects.exists(), "a preview keeps nothing"


def test_the_briefje_says_the_year_when_not_this_one_and_what_is_done_already(
    client_for, alice, conversation
):
    next_year = timezone.localdate().year + 1
    Agreement.objects.filter(what__startswith="Een lijstje").update(due_on=date(next_year, 1, 1))
    Agreement.objects.filter(what__startswith="Het rooster").update(done_on=date(2026, 1, 15))
    text = pdf_text(client_for(alice).get(url(conversation)).content)
    weekday = date_format(date(next_year, 1, 1), "l")
    assert f"Een lijstje maken van wat je graag doet Uiterlijk {weekday} 1 januari {next_year}" in (
        text
    )
    assert "Het rooster van de werkplaats opvragen Gedaan" in text
    assert "Uiterlijk zaterdag 17" not in text


def test_the_office_address_and_the_interpreter_are_on_the_briefje(
    client_for, alice, resident, conversation
):
    alice.team.office_address = "Koningstraat 38, 6811 DG Arnhem"
    alice.team.save()
    resident.language, resident.needs_interpreter = "Tigrinya", True
    resident.save()
    client = client_for(alice)
    text = pdf_text(client.get(url(conversation)).content)
    assert "Op het kantoor van de gemeente: Koningstraat 38, 6811 DG Arnhem" in text
    assert "Er is een tolk Tigrinya bij het gesprek." in text
    message = client.get(f"/gesprekken/{conversation.pk}/").content.decode()
    assert "Koningstraat 38, 6811 DG Arnhem." in message  # the text to send, too
    assert "Er is een tolk Tigrinya bij het gesprek." in message
    planned = Conversation.objects.get(status=Conversation.Status.PLANNED)
    event = client.get(f"/gesprekken/{planned.pk}/afspraak.ics").content.decode()
    assert "LOCATION:Op het kantoor van de gemeente: Koningstraat 38\\, 6811 DG Arnhem" in event
    assert "Er is een tolk Tigrinya bij het gesprek." in event


def test_the_printed_agenda_says_who_where_and_how_to_reach_them(
    client_for, alice, resident, conversation
):
    alice.team.office_address = "Koningstraat 38, 6811 DG Arnhem"
    alice.team.save()
    resident.needs_interpreter, resident.language = True, "Arabisch"
    resident.save()
    planned = Conversation.objects.get(status=Conversation.Status.PLANNED)
    page = client_for(alice).get(f"/gesprekken/{planned.pk}/").content.decode()
    agenda = page[page.index('class="card printable"') :]
    agenda = agenda[: agenda.index("</section>")]
    assert "Gemeente · Noord" in agenda
    assert f"{on_day(planned.held_at)} om 14.00 uur" in agenda  # with the year after 2026
    assert "Op het kantoor van de gemeente: Koningstraat 38, 6811 DG Arnhem" in agenda
    assert "Alice Aarts, je consulent" in agenda
    assert "Er is een tolk Arabisch bij het gesprek." in agenda
    assert "Bellen: 026 377 12 34" in agenda
    assert "Mailen: alice.aarts@gemeente.example" in agenda


def test_nothing_meant_for_the_file_reaches_the_paper(client_for, alice, conversation):
    text = pdf_text(client_for(alice).get(url(conversation)).content)
    tick = conversation.trajectory.ticks.get().item.text
    for private in (REPORT, CHECK_IN, PRIVATE_NOTE, FILE_NOTE, tick):
        assert private[:30] not in text
    assert "✓" not in text


def test_it_is_one_accessible_a4_page_in_dutch_with_embedded_lato(client_for, alice, conversation):
    reader = pdf_reader(client_for(alice).get(url(conversation)).content)
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert root["/MarkInfo"]["/Marked"]  # tagged for reading software
    assert reader.metadata.title == "Onze afspraken van 12 januari 2026"
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "Lato" in descriptor["/FontName"]
        assert "/FontFile2" in descriptor  # embedded


def test_a_planned_conversation_has_no_afsprakenbriefje(client_for, alice, conversation):
    planned = Conversation.objects.get(status=Conversation.Status.PLANNED)
    assert client_for(alice).get(url(planned)).status_code == 404


def test_printing_keeps_and_opens_the_exact_pdf(client_for, alice, conversation):
    client = client_for(alice)
    response = client.post(url(conversation), {"how": "geprint"})
    stored = HandedOverDocument.objects.get()
    assert response.status_code == 302
    assert response.url == f"/documenten/{stored.pk}.pdf"
    download = client.get(response.url)
    assert download["Content-Type"] == "application/pdf"
    assert download.content == bytes(stored.pdf)
    assert "Een lijstje maken van wat je graag doet" in pdf_text(download.content)
    assert (stored.kind, stored.how, stored.sent_to) == ("afsprakenbriefje", "geprint", "")
    assert (stored.trajectory, stored.conversation, stored.created_by) == (
        conversation.trajectory,
        conversation,
        alice,
    )


def test_an_old_version_still_says_what_the_resident_got(client_for, alice, conversation):
    client = client_for(alice)
    first = client.post(url(conversation), {"how": "geprint"}).url
    agreement = conversation.agreements.get(owner="inwoner")
    agreement.what = "Twee vacatures uitzoeken"
    agreement.save()
    second = client.post(url(conversation), {"how": "geprint"}).url
    assert first != second
    old, new = pdf_text(client.get(first).content), pdf_text(client.get(second).content)
    assert "Een lijstje maken van wat je graag doet" in old
    assert "Twee vacatures uitzoeken" not in old
    assert "Twee vacatures uitzoeken" in new


def test_the_handed_over_versions_are_listed_and_on_the_timeline(
    client_for, alice, lead, conversation
):
    stored = services.hand_over_document(
        document=agreements_letter(conversation), pdf=b"%PDF-1.7 eerder", how="geprint", by=alice
    )
    page = client_for(alice).get(f"/gesprekken/{conversation.pk}/").content.decode()
    assert f'href="/documenten/{stored.pk}.pdf" download=' in page
    assert "geprint en meegegeven" in page
    trajectory = conversation.trajectory
    for reader in (alice, lead):
        client = client_for(reader)
        listing = client.get(f"/trajecten/{trajectory.pk}/documenten/").content.decode()
        assert f"/documenten/{stored.pk}.pdf" in listing
        assert "gesprek van 12 januari 2026" in listing
        assert client.get(f"/documenten/{stored.pk}.pdf").content == b"%PDF-1.7 eerder"
        dossier = client.get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
        assert "Afsprakenbriefje geprint en meegegeven door Alice Aarts" in dossier


@pytest.mark.django_db(transaction=True)  # see run_the_queue()
@pytest.mark.usefixtures("method_content")
def test_mailing_keeps_the_pdf_and_a_worker_sends_it(client_for, alice, resident, conversation):
    resident.email = "johan@example.org"
    resident.save()
    client = client_for(alice)
    response = client.post(url(conversation), {"how": "gemaild"}, follow=True)
    assert "Het document is bewaard en wordt gemaild naar johan@example.org." in (
        response.content.decode()
    )
    stored = HandedOverDocument.objects.get()
    assert (stored.how, stored.sent_to, stored.mail) == ("gemaild", "johan@example.org", "wachtrij")
    assert mail.outbox == []  # the click did not wait for the mail server
    listing = f"/trajecten/{conversation.trajectory_id}/documenten/"
    assert "wordt gemaild naar johan@example.org" in client.get(listing).content.decode()
    dossier = f"/inwoners/{resident.pk}/"
    assert "Afsprakenbriefje wordt gemaild naar johan@example.org, door Alice Aarts" in (
        client.get(dossier).content.decode()
    )

    run_the_queue()
    [message] = mail.outbox
    assert message.to == ["johan@example.org"]
    assert message.reply_to == ["alice.aarts@gemeente.example"]
    assert message.subject == "Onze afspraken van 12 januari 2026"
    assert message.body.startswith("Beste Johan,")
    assert "Alice Aarts" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename.endswith(".pdf"), mimetype) == (True, "application/pdf")
    assert content == bytes(stored.pdf)
    stored.refresh_from_db()
    assert stored.mail == "verstuurd"
    assert "Afsprakenbriefje gemaild naar johan@example.org door Alice Aarts" in (
        client.get(dossier).content.decode()
    )
    assert "gemaild naar johan@example.org (" in client.get(listing).content.decode()
    run_the_queue()
    assert len(mail.outbox) == 1  # sent once


@pytest.mark.django_db(transaction=True)  # see run_the_queue()
@pytest.mark.usefixtures("method_content")
def test_a_double_clicked_hand_over_keeps_one_copy_and_sends_one_mail(
    client_for, alice, resident, conversation
):
    resident.email = "johan@example.org"
    resident.save()
    client = client_for(alice)
    page = client.get(conversation.get_absolute_url()).content.decode()
    submission = page.split('name="submission" value="')[1].split('"')[0]
    for _ in range(2):
        client.post(url(conversation), {"how": "gemaild", "submission": submission})
    run_the_queue()
    assert HandedOverDocument.objects.count() == 1
    assert len(mail.outbox) == 1
    client.post(url(conversation), {"how": "gemaild", "submission": str(uuid.uuid4())})
    run_the_queue()
    assert HandedOverDocument.objects.count() == 2  # a new hand-over is a new copy
    assert len(mail.outbox) == 2


@pytest.fixture
def failing_smtp(settings):
    """A mail server that is not there: nothing listens on its port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }


@pytest.mark.django_db(transaction=True)  # see run_the_queue()
@pytest.mark.usefixtures("method_content")
def test_a_failing_mail_server_is_tried_again_and_then_shown_as_failed(
    client_for, alice, resident, conversation, failing_smtp, monkeypatch, caplog
):
    resident.email = "johan@example.org"
    resident.save()
    monkeypatch.setattr(tasks, "RETRY_AFTER", [timedelta(0)] * 4)  # no waiting in a test
    client = client_for(alice)
    response = client.post(url(conversation), {"how": "gemaild"}, follow=True)
    assert "wordt gemaild naar johan@example.org" in response.content.decode()
    with caplog.at_level(logging.WARNING, logger="cases.tasks"):
        run_the_queue()
    assert DBTaskResult.objects.count() == 5  # the first attempt and four more
    assert "ConnectionRefusedError" in caplog.text
    assert "johan" not in caplog.text
    stored = HandedOverDocument.objects.get()
    assert stored.mail == "mislukt"
    listing = client.get(f"/trajecten/{conversation.trajectory_id}/documenten/").content.decode()
    assert "mailen naar johan@example.org is niet gelukt: druk het af of mail het opnieuw" in (
        listing
    )
    dossier = client.get(f"/inwoners/{resident.pk}/").content.decode()
    assert "Afsprakenbriefje kon niet worden gemaild naar johan@example.org" in dossier


@pytest.mark.django_db(transaction=True)  # see run_the_queue()
@pytest.mark.usefixtures("method_content")
def test_a_mail_that_fails_once_goes_on_the_next_attempt(
    client_for, alice, resident, conversation, failing_smtp, settings
):
    resident.email = "johan@example.org"
    resident.save()
    client_for(alice).post(url(conversation), {"how": "gemaild"})
    run_the_queue()
    stored = HandedOverDocument.objects.get()
    assert (stored.mail, mail.outbox) == ("wachtrij", [])  # the next attempt is due later
    retry = DBTaskResult.objects.get(status="READY")
    assert timedelta(seconds=50) < retry.run_after - timezone.now() <= timedelta(minutes=1)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # a minute on
    run_the_queue()
    stored.refresh_from_db()
    assert (stored.mail, len(mail.outbox)) == ("verstuurd", 1)


def test_mailing_without_an_address_is_refused_kindly(client_for, alice, conversation):
    client = client_for(alice)
    page = client.get(f"/gesprekken/{conversation.pk}/").content.decode()
    assert "Mailen naar" not in page
    assert "Mailen kan niet: er is geen e-mailadres van Johan bekend." in page
    response = client.post(url(conversation), {"how": "gemaild"}, follow=True)
    assert "Mailen kan niet: er is geen e-mailadres van Johan bekend." in (
        response.content.decode()
    )
    assert not HandedOverDocument.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_failed_render_gives_an_error_page_and_logs_no_resident_data(
    client_for, alice, conversation, monkeypatch, caplog, method
):
    def fail(html):
        raise RuntimeError(html)  # a message that quotes the document, names and all

    monkeypatch.setattr(pdf, "html_to_pdf", fail)
    with caplog.at_level(logging.ERROR, logger="cases.pdf"):
        response = getattr(client_for(alice), method)(url(conversation), {"how": "geprint"})
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Het document kon niet worden gemaakt" in page
    assert "Er is niets bewaard en niets verstuurd." in page
    assert not HandedOverDocument.objects.exists()
    assert "Rendering documents/afsprakenbriefje.html failed: RuntimeError" in caplog.text
    assert "Johan" not in caplog.text


def test_a_render_past_its_time_limit_stops_with_the_error_page_and_frees_the_worker(
    client_for, alice, conversation, settings, caplog
):
    client = client_for(alice)
    settings.PDF_SECONDS = 0.005  # shorter than any render
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="cases.pdf"):
        response = client.post(url(conversation), {"how": "geprint"})
    assert time.monotonic() - started < 2
    assert response.status_code == 500
    assert "Het document kon niet worden gemaakt" in response.content.decode()
    assert "Rendering documents/afsprakenbriefje.html failed: TimeoutError" in caplog.text
    assert not HandedOverDocument.objects.exists()
    settings.PDF_SECONDS = 10
    assert client.get(url(conversation))["Content-Type"] == "application/pdf"


def test_a_time_limit_swallowed_once_rings_again():
    # As when the alarm lands in a finalizer (`__del__`), which drops the exception.
    started = time.monotonic()
    with pytest.raises(TimeoutError), pdf.time_limit(0.01):
        with contextlib.suppress(TimeoutError):
            time.sleep(1)
        time.sleep(1)
    assert time.monotonic() - started < 0.5


def test_a_block_past_its_limit_fails_though_every_ring_was_swallowed():
    # The render ended before the alarm rang again: it is still too late.
    with pytest.raises(TimeoutError), pdf.time_limit(0.01), contextlib.suppress(TimeoutError):
        time.sleep(0.03)


@pytest.mark.parametrize(("persona", "status"), [("bob", 404), ("lead", 403), ("beheerder", 404)])
def test_only_the_own_consultant_hands_over(client_for, personas, conversation, persona, status):
    response = client_for(personas[persona]).post(url(conversation), {"how": "geprint"})
    assert response.status_code == status
    assert not HandedOverDocument.objects.exists()


def test_handing_over_asks_how(client_for, alice, conversation):
    response = client_for(alice).post(url(conversation), {"how": "per-duif"})
    assert response.status_code == 400
    assert not HandedOverDocument.objects.exists()


def test_the_conversation_page_has_the_agreements_as_text_to_send(
    client_for, alice, lead, conversation
):
    page = client_for(alice).get(f"/gesprekken/{conversation.pk}/").content.decode()
    text = re.search(
        r'<textarea id="afspraken-tekst"[^>]*readonly[^>]*>(.*?)</textarea>', page, re.S
    )
    assert text, "a read-only field to select and copy"
    assert text[1].splitlines() == [
        "Hallo Johan,",
        "",
        "Dit hebben we op maandag 12 januari samen afgesproken:",
        "- Maria de Wit: Het rooster van de werkplaats opvragen (uiterlijk zaterdag 17 januari)",
        "- Jij: Een lijstje maken van wat je graag doet (uiterlijk maandag 19 januari)",
        "- Ik: Navragen of het werkfit-traject past",
        "",
        "Onze volgende afspraak is op dinsdag 20 januari om 14.00 uur. "
        "Op het kantoor van de gemeente.",
        "Kun je niet? Laat het me dan zo snel mogelijk weten.",
        "",
        "Groet,",
        "Alice Aarts",
    ]
    assert "Afdrukken en meegeven" in page
    assert 'data-copy="afspraken-tekst"' in page
    lead_page = client_for(lead).get(f"/gesprekken/{conversation.pk}/").content.decode()
    assert "Afsprakenbriefje bekijken" in lead_page
    assert "Afdrukken en meegeven" not in lead_page


def test_the_next_appointment_goes_into_the_calendar(client_for, alice, resident, conversation):
    response = client_for(alice).get(f"/gesprekken/{conversation.pk}/afspraak.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="afspraak-2026-01-20.ics"'
    body = response.content.decode()
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")
    lines = body.split("\r\n")
    planned = Conversation.objects.get(status=Conversation.Status.PLANNED)
    assert f"UID:gesprek-{planned.pk}@samenbeslissen" in lines
    assert "DTSTART:20260120T130000Z" in lines  # 14:00 in Amsterdam, winter time
    assert "DTEND:20260120T140000Z" in lines
    assert "SUMMARY:Afspraak met Alice Aarts (gemeente)" in lines
    assert "LOCATION:Op het kantoor van de gemeente" in lines
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in lines)
    assert resident.last_name not in body
    # A planned conversation's own page offers the same appointment.
    own = client_for(alice).get(f"/gesprekken/{planned.pk}/afspraak.ics").content.decode()
    assert f"UID:gesprek-{planned.pk}@samenbeslissen" in own


def test_without_a_next_appointment_there_is_no_calendar_file(client_for, alice, conversation):
    Conversation.objects.filter(status=Conversation.Status.PLANNED).delete()
    client = client_for(alice)
    assert client.get(f"/gesprekken/{conversation.pk}/afspraak.ics").status_code == 404
    page = client.get(f"/gesprekken/{conversation.pk}/").content.decode()
    assert "afspraak.ics" not in page
    text = pdf_text(client.get(url(conversation)).content)
    assert "We maken nog een nieuwe afspraak. Ik neem contact met je op." in text


def test_calendar_text_is_escaped_and_folded_at_75_octets():
    description = "Kun je niet? Bel: 026-377, of mail; dank je.\nTot dan! \\ Groet, Zoë " * 4
    body = ics.calendar_event(
        uid="evaluatie-7@samenbeslissen",
        start=date(2026, 3, 3),
        summary="Evaluatie van je plan",
        description=description,
    )
    lines = body.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"DTSTART;VALUE=DATE:20260303" in lines
    assert b"DTEND;VALUE=DATE:20260304" in lines  # a whole day
    unfolded = body.decode().replace("\r\n ", "")
    assert (
        "DESCRIPTION:Kun je niet? Bel: 026-377\\, of mail\\; dank je.\\nTot dan! \\\\ Groet\\, Zoë "
        in unfolded
    )


def test_the_renderer_is_warmed_by_the_server_not_by_commands():
    def run(code, **env):
        return subprocess.run(  # noqa: S603 - our own code, fixed arguments
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={"PATH": os.environ["PATH"], "DEBUG": "true", **env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()

    server = "import samenbeslissen.wsgi, cases.pdf as p; print(p._renderer.cache_info().currsize)"
    assert run(server) == ["1"]
    command = (
        "import sys, django; from django.core.management import call_command; "
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'samenbeslissen.settings'; "
        "django.setup(); call_command('check'); print('weasyprint' in sys.modules)"
    )
    assert run(command)[-1] == "False"


def test_the_documents_read_nothing_from_the_network_or_other_files(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a document tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    for address in ("http://example.org/logo.png", "file:///etc/passwd", "data:image/png,x"):
        with pytest.raises(OSError, match="may only read its fonts and stylesheet"):
            pdf.html_to_pdf(f'<html lang="nl"><title>t</title><img src="{address}" alt=""></html>')
    assert pdf.html_to_pdf('<html lang="nl"><title>t</title><p>Hallo</p></html>').startswith(
        b"%PDF-"
    )


def test_what_a_consultant_types_is_printed_as_text_never_fetched(
    client_for, alice, conversation, monkeypatch
):
    monkeypatch.setattr(socket.socket, "connect", lambda *args: pytest.fail("network"))
    typed = '<img src="https://x.nl/a.png"> & <b>vet</b>'
    conversation.agreements.filter(owner="inwoner").update(what=typed)
    response = client_for(alice).get(url(conversation))
    assert response.status_code == 200
    assert typed in pdf_text(response.content)


@pytest.mark.parametrize("persona", ["alice", "lead"])
def test_the_conversation_page_runs_a_fixed_number_of_queries(
    client_for, personas, conversation, persona, django_assert_num_queries
):
    client = client_for(personas[persona])
    for _ in range(3):
        services.hand_over_document(
            document=agreements_letter(conversation),
            pdf=b"%PDF-",
            how="geprint",
            by=personas["alice"],
        )
    # session, user, conversation, next appointment, team, agreements (letter and page),
    # participants, steps, agenda, moves and cancellations, handed-over documents
    with django_assert_num_queries(13 + ACCESS_LOG):
        response = client.get(f"/gesprekken/{conversation.pk}/")
    assert response.status_code == 200


def test_the_pdf_and_the_list_run_a_fixed_number_of_queries(
    client_for, alice, conversation, django_assert_num_queries
):
    client = client_for(alice)
    client.get(url(conversation))  # the renderer is warm; queries are what is measured
    # session, user, second factor, conversation, next, team, agreements
    with django_assert_num_queries(7 + ACCESS_LOG):
        response = client.get(url(conversation))
    assert response.status_code == 200
    for _ in range(3):
        services.hand_over_document(
            document=agreements_letter(conversation), pdf=b"%PDF-", how="geprint", by=alice
        )
    with django_assert_num_queries(5 + ACCESS_LOG):
        response = client.get(f"/trajecten/{conversation.trajectory.pk}/documenten/")
    assert response.status_code == 200


def test_a_document_handed_over_by_a_command_is_dated_by_its_clock(client_for, alice, conversation):
    at = datetime(2026, 1, 12, 10, 50, tzinfo=AMSTERDAM)
    stored = services.hand_over_document(
        document=agreements_letter(conversation), pdf=b"%PDF-1.7", how="geprint", by=alice, at=at
    )
    assert stored.created_at == at
    assert stored.filename == "afsprakenbriefje-2026-01-12-1050.pdf"
    trajectory = conversation.trajectory
    listing = client_for(alice).get(f"/trajecten/{trajectory.pk}/documenten/").content.decode()
    assert "12 januari 2026, 10:50" in listing
