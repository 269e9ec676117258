"""The documents a resident takes home, and what goes on them.

A document is a template and a context built here from explicitly chosen
fields: never a model instance handed to the template whole, so a report, a
tick or a "blijft tussen ons" note cannot appear on paper by accident.
cases/pdf.py draws it; cases/views/documents.py shows, stores and mails it.
The doel-actieplan's document is made in cases/plan/documents.py.

Adding a kind of document takes a HandedOverDocument.Kind, a template that
extends "documents/base.html", and a function that returns a Document
with a context from `document_context()`; its view hands it to
`cases.views.documents.preview_or_hand_over()`.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import ics
from .models import Action, Agreement, Conversation, HandedOverDocument, Trajectory, User
from .selectors import appointment_after

# Where a conversation takes place, as the resident reads it.
WHERE = {
    Conversation.Setting.OFFICE: gettext_lazy("Op het kantoor van de gemeente"),
    Conversation.Setting.HOME_VISIT: gettext_lazy("Bij jou thuis"),
    Conversation.Setting.WALK: gettext_lazy("We gaan samen wandelen"),
    Conversation.Setting.PHONE: gettext_lazy("Aan de telefoon: ik bel jou"),
    Conversation.Setting.ONLINE: gettext_lazy("Online, met beeldbellen"),
}


@dataclass(frozen=True)
class Document:
    """One document for a resident: what to draw, and which case it belongs to."""

    kind: HandedOverDocument.Kind
    template_name: str
    context: dict  # from document_context()
    trajectory: Trajectory
    conversation: Conversation | None = None

    @property
    def title(self) -> str:
        return self.context["title"]

    @property
    def filename(self) -> str:
        return f"{self.kind}-{timezone.localdate():%Y-%m-%d}.pdf"


@dataclass(frozen=True)
class AgreementLine:
    """Wie doet wat, wanneer; or that it is done already."""

    owner: str
    who: str
    what: str
    due_on: date | None
    done: bool = False


@dataclass(frozen=True)
class Appointment:
    at: datetime
    where: str


def document_context(trajectory: Trajectory, title: str, **details) -> dict:
    """What every document and the mail that carries it use: the title, the resident's
    name, how to reach their consultant, and the interpreter's language when one comes
    along; plus the document's own `details`."""
    resident = trajectory.resident
    return {
        "title": title,
        "resident_name": resident.full_name,
        "first_name": resident.first_name,
        "consultant": consultant_contact(resident.consultant),
        "interpreter": interpreter(resident),
        **details,
    }


def interpreter(resident) -> str:
    """The language of the interpreter who comes to the conversations, or ""."""
    return resident.language if resident.needs_interpreter else ""


def consultant_contact(consultant: User) -> dict:
    team = consultant.team if consultant.team_id else None
    return {
        "name": consultant.get_full_name() or consultant.username,
        "first_name": consultant.first_name,
        "phone": consultant.phone,
        "email": consultant.email,
        "team": team.name if team else "",
        "office": team.office_address if team else "",
    }


def where(setting: str, consultant: dict) -> str:
    """Where a conversation takes place, as the resident reads it; the office with its
    address, from the team's settings."""
    place = str(WHERE[setting])
    if setting == Conversation.Setting.OFFICE and consultant["office"]:
        return f"{place}: {consultant['office']}"
    return place


def agreements_letter(conversation: Conversation) -> Document:
    """The afsprakenbriefje: this conversation's agreements and the next appointment."""
    held_on = timezone.localdate(conversation.held_at)
    title = _("Onze afspraken van %(date)s") % {"date": date_format(held_on, "j F Y")}
    context = document_context(
        conversation.trajectory,
        title,
        held_on=held_on,
    )
    context["next_appointment"] = _appointment(
        appointment_after(conversation), context["consultant"]
    )
    agreements = conversation.agreements.select_related("network_member").order_by(
        F("due_on").asc(nulls_last=True), "pk"
    )
    context["agreements"] = [agreement_line(a, context["consultant"]) for a in agreements]
    return Document(
        kind=HandedOverDocument.Kind.AGREEMENTS,
        template_name="documents/afsprakenbriefje.html",
        context=context,
        trajectory=conversation.trajectory,
        conversation=conversation,
    )


def agreements_text(document: Document) -> str:
    """The afsprakenbriefje as a short text the consultant sends by WhatsApp or mail."""
    return render_to_string("documents/afspraken.txt", document.context).strip()


def mail_body(document: Document) -> str:
    """The mail that carries a document to the resident."""
    return render_to_string("documents/mail.txt", document.context).strip()


def appointment_ics(appointment: Conversation, consultant: User) -> bytes:
    """A planned conversation for the resident's calendar: when, where, and with whom."""
    consultant = consultant_contact(consultant)
    lines = []
    if language := interpreter(appointment.trajectory.resident):
        lines.append(_("Er is een tolk %(language)s bij het gesprek.") % {"language": language})
    if reach := " ".join(filter(None, [consultant["phone"], consultant["email"]])):
        lines.append(
            _("Kun je niet? Laat het %(name)s weten: %(reach)s")
            % {"name": consultant["first_name"] or consultant["name"], "reach": reach}
        )
    description = "\n".join(lines)
    return ics.calendar_event(
        uid=f"gesprek-{appointment.pk}@samenbeslissen",
        start=appointment.held_at,
        summary=_("Afspraak met %(name)s (gemeente)") % {"name": consultant["name"]},
        location=where(appointment.setting, consultant),
        description=description,
    )


def agreement_line(agreement: Agreement, consultant: dict) -> AgreementLine:
    member = agreement.network_member
    return who_does_what(
        agreement, consultant, member.name if member else _("Iemand uit je netwerk")
    )


def who_does_what(item: Agreement | Action, consultant: dict, someone_else: str) -> AgreementLine:
    """Wie doet wat, wanneer, as the resident reads it: "Jij", their consultant, or
    `someone_else`; and whether it is done. Agreements and actions name their owners alike."""
    if item.owner == Agreement.Owner.RESIDENT:
        who = _("Jij")
    elif item.owner == Agreement.Owner.CONSULTANT:
        who = consultant["name"]
    else:
        who = someone_else
    if isinstance(item, Agreement):
        done = item.done_on is not None
    else:
        done = item.status == Action.Status.DONE
    return AgreementLine(owner=item.owner, who=who, what=item.what, due_on=item.due_on, done=done)


def _appointment(conversation: Conversation | None, consultant: dict) -> Appointment | None:
    if conversation is None:
        return None
    return Appointment(
        at=timezone.localtime(conversation.held_at), where=where(conversation.setting, consultant)
    )
