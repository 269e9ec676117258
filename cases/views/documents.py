"""The resident's documents: looked at, handed over on paper or by mail, and kept."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import documents, services
from ..access import get_conversation, get_handed_over_document, get_trajectory, require_own_case
from ..ics import ics_response
from ..logbook.models import Action
from ..logbook.services import describe
from ..models import HandedOverDocument
from ..partials import HtmxHttpRequest
from ..pdf import DocumentFailed, log_failure, pdf_response, render_pdf
from ..selectors import appointment_after


@require_http_methods(["GET", "POST"])
def agreements_pdf(request: HtmxHttpRequest, pk):
    """The afsprakenbriefje of a held conversation (a planned one has no agreements yet)."""
    conversation = get_conversation(request, pk)
    if conversation.is_planned:
        raise Http404
    document = documents.agreements_letter(conversation)
    return preview_or_hand_over(request, document, back=conversation.get_absolute_url())


def preview_or_hand_over(
    request: HtmxHttpRequest, document: documents.Document, *, back: str
) -> HttpResponse:
    """GET shows the document as it would be drawn now, and keeps nothing.

    POST (the resident's own consultant only) hands it over with `how`:
    "geprint" keeps the exact PDF and opens that stored copy to print;
    "gemaild" keeps it and mails it to the resident, then returns to `back`.
    The PDF is complete before anything is sent: a failed render answers with
    an error page, never half a file.
    """
    how = None
    if request.method == "POST":
        require_own_case(request, document.trajectory.resident)
        how = request.POST.get("how")
        if how not in HandedOverDocument.How.values:
            return HttpResponseBadRequest(_("Kies afdrukken of mailen."))
        printed = how == HandedOverDocument.How.PRINTED
        describe(request, Action.PRINT if printed else Action.MAIL, document=document.kind)
    try:
        pdf = render_pdf(document.template_name, document.context)
    except DocumentFailed:
        return render(request, "documents/failed.html", {"back": back}, status=500)
    if how is None:
        return pdf_response(pdf, document.filename)
    try:
        stored = services.hand_over_document(
            document=document, pdf=pdf, how=how, by=request.user, submission=_submission(request)
        )
    except services.NoEmailAddress:
        messages.error(
            request,
            _(
                "Mailen kan niet: er is geen e-mailadres van %(name)s bekend. Vul het in bij "
                "‘Gegevens aanpassen’, of druk het document af."
            )
            % {"name": document.context["first_name"]},
        )
        return redirect(back)
    except OSError as error:  # the mail server refused or could not be reached
        log_failure("Mailing a document failed", error)
        messages.error(
            request,
            _(
                "Het mailen is niet gelukt. Er is niets verstuurd en niets bewaard. Probeer "
                "het later nog eens, of druk het document af."
            ),
        )
        return redirect(back)
    if stored.how == HandedOverDocument.How.PRINTED:
        return redirect(stored)
    messages.success(
        request,
        _("Het document is gemaild naar %(address)s en bewaard.") % {"address": stored.sent_to},
    )
    return redirect(back)


def _submission(request) -> uuid.UUID | None:
    """The hand-over form's one-time key, if it carried a valid one."""
    try:
        return uuid.UUID(request.POST.get("submission", ""))
    except ValueError:
        return None


def handed_over_document(request: HtmxHttpRequest, pk):
    """A stored document exactly as it was handed over: the kept bytes, never drawn again."""
    stored = get_handed_over_document(request, pk)
    return pdf_response(bytes(stored.pdf), stored.filename)


def trajectory_documents(request: HtmxHttpRequest, pk):
    """Every document handed to the resident in this trajectory, newest first."""
    trajectory = get_trajectory(request, pk)
    return render(
        request,
        "cases/handed_over_documents.html",
        {
            "trajectory": trajectory,
            "resident": trajectory.resident,
            "handed_over": trajectory.handed_over_documents.listed().select_related("conversation"),
        },
    )


def appointment_ics(request: HtmxHttpRequest, pk):
    """The next appointment for the resident's calendar: this planned conversation, or the
    one planned after this held one."""
    conversation = get_conversation(request, pk)
    appointment = conversation if conversation.is_planned else appointment_after(conversation)
    if appointment is None:
        raise Http404
    consultant = conversation.trajectory.resident.consultant
    day = timezone.localdate(appointment.held_at)
    return ics_response(
        documents.appointment_ics(appointment, consultant), f"afspraak-{day:%Y-%m-%d}.ics"
    )
