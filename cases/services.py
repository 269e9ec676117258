"""Writes that touch more than one row, each in one transaction."""

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .documents import Document, mail_body
from .models import (
    AgendaItem,
    Conversation,
    HandedOverDocument,
    LifeDomain,
    Resident,
    SituationChange,
    StepChange,
    Tick,
    Trajectory,
)
from .versions import StaleEdit, claim_version


@transaction.atomic
def register_resident(*, form, network_formset, consultant) -> Resident:
    resident = form.save(commit=False)
    resident.consultant = consultant
    resident.save()
    network_formset.instance = resident
    network_formset.save()
    return resident


@transaction.atomic
def update_resident(*, form, network_formset) -> Resident:
    """Save the form only if nobody saved the resident since it was opened."""
    claim_version(form.instance, form.cleaned_data["version"])
    resident = form.save()
    network_formset.save()
    return resident


@transaction.atomic
def start_trajectory(*, resident, by) -> Trajectory:
    trajectory = Trajectory.objects.create(resident=resident, started_by=by)
    StepChange.objects.create(
        trajectory=trajectory, from_step=None, to_step=Trajectory.FIRST_STEP, cycle=1, changed_by=by
    )
    return trajectory


@transaction.atomic
def move_to_step(*, trajectory, step: int, by) -> None:
    """The consultant chooses the step; open checklist items never block the move."""
    if not Trajectory.FIRST_STEP <= step <= Trajectory.LAST_STEP:
        raise ValidationError(_("Kies een stap van 1 tot en met 7."))
    if step == trajectory.current_step:
        return
    StepChange.objects.create(
        trajectory=trajectory,
        from_step=trajectory.current_step,
        to_step=step,
        cycle=trajectory.cycle,
        changed_by=by,
    )
    trajectory.current_step = step
    trajectory.save(update_fields=["current_step"])


@transaction.atomic
def start_new_round(*, trajectory, by) -> None:
    """After the evaluation (step 7) the work goes round again from step 3."""
    if trajectory.current_step != Trajectory.LAST_STEP:
        raise ValidationError(_("Een nieuwe ronde begint na de evaluatie in stap 7."))
    trajectory.cycle += 1
    StepChange.objects.create(
        trajectory=trajectory,
        from_step=trajectory.current_step,
        to_step=Trajectory.NEW_ROUND_STEP,
        cycle=trajectory.cycle,
        changed_by=by,
    )
    trajectory.current_step = Trajectory.NEW_ROUND_STEP
    trajectory.save(update_fields=["current_step", "cycle"])


def set_trajectory_status(*, trajectory, status, outcome="") -> None:
    trajectory.status = status
    trajectory.outcome = outcome if status == Trajectory.Status.CLOSED else ""
    trajectory.closed_on = timezone.localdate() if status == Trajectory.Status.CLOSED else None
    trajectory.save(update_fields=["status", "outcome", "closed_on"])


def tick(*, trajectory, item, by, not_applicable=False, reason="") -> Tick:
    """Tick an item in the current round (or mark it not applicable, with a reason)."""
    if item.is_retired:
        raise ValidationError(
            _("Dit checklistpunt is niet meer in gebruik en kan niet worden afgevinkt.")
        )
    if item.step.is_foundation:
        raise ValidationError(_("De basis wordt niet afgevinkt: die geldt bij elke stap."))
    if not_applicable and not reason.strip():
        raise ValidationError(
            {"reason": _("Schrijf kort op waarom dit punt niet van toepassing is.")}
        )
    tick, _created = Tick.objects.update_or_create(
        trajectory=trajectory,
        item=item,
        cycle=trajectory.cycle,
        defaults={
            "not_applicable": not_applicable,
            "reason": reason.strip() if not_applicable else "",
            "ticked_by": by,
            "ticked_at": timezone.now(),
        },
    )
    return tick


def untick(*, trajectory, item) -> None:
    Tick.objects.filter(trajectory=trajectory, item=item, cycle=trajectory.cycle).delete()


@transaction.atomic
def save_conversation(*, form, agenda, agreements, by) -> Conversation:
    """Create or update a conversation with its agenda, agreements and ticks.

    A new conversation carries the form's one-time submission key: a second
    submit of the same form returns the conversation the first one made.
    A changed one must still be at the version the user opened.
    """
    conversation = form.instance
    if conversation._state.adding:
        submission = form.cleaned_data.get("submission")
        if submission and (earlier := Conversation.objects.filter(submission=submission).first()):
            return earlier
        conversation.trajectory = form.trajectory
        conversation.created_by = by
        conversation.submission = submission
    else:
        claim_version(conversation, form.cleaned_data["version"])
    conversation = form.save()
    agenda.instance = agreements.instance = conversation
    agenda.save()
    agreements.save()
    for item in form.cleaned_data["ticked_items"]:
        tick(trajectory=form.trajectory, item=item, by=by)
    if next_at := form.cleaned_data.get("next_appointment"):
        plan_next_conversation(previous=conversation, at=next_at, by=by)
    return conversation


def plan_next_conversation(*, previous, at, by) -> Conversation:
    """Plan the follow-up, with the agenda items that were not discussed carried over."""
    planned = Conversation.objects.create(
        trajectory=previous.trajectory,
        status=Conversation.Status.PLANNED,
        held_at=at,
        kind=Conversation.Kind.FOLLOW_UP,
        setting=previous.setting,
        created_by=by,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(conversation=planned, text=item.text, raised_by=item.raised_by, position=i)
        for i, item in enumerate(previous.agenda_items.filter(discussed=False))
    )
    return planned


@transaction.atomic
def save_situation(*, form, by):
    """Save a life domain or the picture of step 2 (a SituationForm) and record what changed.

    Like claim_version, a save based on an older version raises StaleEdit;
    for a part nobody had filled in yet (version 0), a colleague who filled it
    in first wins the same way. Nothing changed: nothing is written.
    """
    record = form.instance
    changes = form.changes()
    if not changes:
        return record
    seen = form.cleaned_data["version"] or 0
    record.updated_at, record.updated_by = timezone.now(), by
    if record._state.adding:
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:
            raise StaleEdit(_stored_situation_part(record)) from None
    else:
        claim_version(record, seen)
        form.save()
    SituationChange.objects.create(
        trajectory_id=record.trajectory_id,
        subject=record.domain if isinstance(record, LifeDomain) else SituationChange.PICTURE,
        changes=changes,
        changed_by=by,
    )
    return record


def _stored_situation_part(record):
    """The row a colleague made first, for the part `record` was going to be."""
    if isinstance(record, LifeDomain):
        return LifeDomain.objects.get(trajectory=record.trajectory, domain=record.domain)
    return type(record).objects.get(trajectory=record.trajectory)


class NoEmailAddress(Exception):
    """The resident has no e-mail address to mail a document to."""


@transaction.atomic
def hand_over_document(
    *, document: Document, pdf: bytes, how, by, submission=None
) -> HandedOverDocument:
    """Keep the exact PDF the resident gets; a mailed one goes to their address.

    The mail is sent inside the transaction: when sending fails, nothing is
    recorded as handed over. (Should the commit fail after a sent mail, the
    resident has a document the file does not show; the reverse would be worse.)
    A second post of the same form (`submission`) returns the first one's copy
    and sends nothing.
    """
    resident = document.trajectory.resident
    mailed = how == HandedOverDocument.How.MAILED
    if mailed and not resident.email:
        raise NoEmailAddress
    if submission and (earlier := HandedOverDocument.objects.filter(submission=submission).first()):
        return earlier
    try:
        with transaction.atomic():
            stored = HandedOverDocument.objects.create(
                trajectory=document.trajectory,
                conversation=document.conversation,
                kind=document.kind,
                pdf=pdf,
                how=how,
                sent_to=resident.email if mailed else "",
                created_by=by,
                submission=submission,
            )
    except IntegrityError:  # the same form, posted at the same moment, was first
        return HandedOverDocument.objects.get(submission=submission)
    if mailed:
        message = EmailMessage(
            subject=document.title,
            body=mail_body(document),
            to=[resident.email],
            # The resident's answer reaches their consultant, not a no-reply box.
            reply_to=[by.email] if by.email else None,
        )
        message.attach(document.filename, pdf, "application/pdf")
        message.send()
    return stored
