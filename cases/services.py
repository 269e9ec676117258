"""Writes that touch more than one row, each in one transaction.

They take plain data, never a form: validated model instances (saved or not), the
version the user opened (`seen`) and keyword values, so that a view, a command and
the demo write the same way. Every service that stamps a time takes `at`, the
moment it happens (None: now), and uses it for every timestamp it writes.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steps.services import current_wording

from . import tasks
from .documents import Document, mail_body
from .facts import keep_contact_facts
from .models import (
    AgendaItem,
    Agreement,
    AppointmentChange,
    Conversation,
    HandedOverDocument,
    LifeDomain,
    PersonalSituation,
    Resident,
    SituationChange,
    StepChange,
    Tick,
    Trajectory,
)
from .retention import services as retention
from .versions import StaleEdit, claim_version, create_once


@transaction.atomic
def register_resident(
    *, resident: Resident, network=(), consultant, submission=None, at=None
) -> Resident:
    """A new resident (validated, not saved yet) in `consultant`'s caseload, with the
    people of their network (NetworkMembers, not saved yet). A second post of the same
    form (`submission`) returns the resident the first one registered."""
    at = at or timezone.now()
    resident.consultant = consultant
    resident.created_at = resident.updated_at = at
    resident, created = create_once(resident, submission)
    if not created:
        return resident
    for member in network:
        member.resident = resident
        member.save()
    return resident


@transaction.atomic
def update_resident(*, resident: Resident, seen: int, network=(), removed=(), at=None) -> Resident:
    """Save the changed resident, their new and changed network members and remove the
    `removed` ones, only if nobody saved the resident since it was opened at `seen`."""
    claim_version(resident, seen)
    resident.updated_at = at or timezone.now()
    resident.save()
    for member in network:
        member.resident = resident
        member.save()
    for member in removed:
        member.delete()
    return resident


@transaction.atomic
def start_trajectory(*, resident, by, at=None) -> Trajectory:
    at = at or timezone.now()
    trajectory = Trajectory.objects.create(
        resident=resident, started_by=by, started_on=timezone.localdate(at)
    )
    StepChange.objects.create(
        trajectory=trajectory,
        from_step=None,
        to_step=Trajectory.FIRST_STEP,
        cycle=1,
        changed_by=by,
        changed_at=at,
    )
    return trajectory


@transaction.atomic
def move_to_step(*, trajectory, step: int, by, seen: int | None = None, at=None) -> None:
    """The consultant chooses the step; open checklist items never block the move.

    Like every change of a trajectory, only from the version the user saw (`seen`; by
    default the trajectory as the caller holds it), else StaleEdit. A move that someone
    else already made (a double click, two tabs) is no conflict: it is where the user
    wanted the trajectory.
    """
    if not Trajectory.FIRST_STEP <= step <= Trajectory.LAST_STEP:
        raise ValidationError(_("Kies een stap van 1 tot en met 7."))
    if step == trajectory.current_step:
        return
    try:
        claim_version(trajectory, trajectory.version if seen is None else seen)
    except StaleEdit as stale:
        now = stale.current
        if (now.current_step, now.cycle) == (step, trajectory.cycle):
            trajectory.current_step, trajectory.version = now.current_step, now.version
            return
        raise
    StepChange.objects.create(
        trajectory=trajectory,
        from_step=trajectory.current_step,
        to_step=step,
        cycle=trajectory.cycle,
        changed_by=by,
        changed_at=at or timezone.now(),
    )
    trajectory.current_step = step
    trajectory.save(update_fields=["current_step"])


@transaction.atomic
def start_new_round(*, trajectory, by, seen: int | None = None, at=None) -> None:
    """After the evaluation (step 7) the work goes round again from step 3; only from the
    version the user saw (`seen`, by default as the caller holds it), else StaleEdit."""
    if trajectory.current_step != Trajectory.LAST_STEP:
        raise ValidationError(_("Een nieuwe ronde begint na de evaluatie in stap 7."))
    claim_version(trajectory, trajectory.version if seen is None else seen)
    trajectory.cycle += 1
    StepChange.objects.create(
        trajectory=trajectory,
        from_step=trajectory.current_step,
        to_step=Trajectory.NEW_ROUND_STEP,
        cycle=trajectory.cycle,
        changed_by=by,
        changed_at=at or timezone.now(),
    )
    trajectory.current_step = Trajectory.NEW_ROUND_STEP
    trajectory.save(update_fields=["current_step", "cycle"])


@transaction.atomic
def set_trajectory_status(*, trajectory, status, outcome="", seen: int | None = None, at=None):
    """Pause, close (its retention starts: cases/retention/) or reopen; only from the
    version the user saw (`seen`, by default as the caller holds it), else StaleEdit."""
    claim_version(trajectory, trajectory.version if seen is None else seen)
    closed = status == Trajectory.Status.CLOSED
    trajectory.status = status
    trajectory.outcome = outcome if closed else ""
    trajectory.closed_on = timezone.localdate(at or timezone.now()) if closed else None
    trajectory.destroy_on = None
    if closed:
        retention.on_close(trajectory)
    trajectory.save(update_fields=["status", "outcome", "closed_on", "destroy_on"])


@transaction.atomic
def tick(*, trajectory, item, by, not_applicable=False, reason="", at=None) -> Tick:
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
    at = at or timezone.now()
    tick, _created = Tick.objects.update_or_create(
        trajectory=trajectory,
        item=item,
        cycle=trajectory.cycle,
        defaults={
            "not_applicable": not_applicable,
            "reason": reason.strip() if not_applicable else "",
            "ticked_by": by,
            "ticked_at": at,
            # The item's words as they read now: a later change of its text in /beheer/
            # does not change what was ticked.
            "wording": current_wording(item, at=at),
        },
    )
    return tick


def untick(*, trajectory, item) -> None:
    Tick.objects.filter(trajectory=trajectory, item=item, cycle=trajectory.cycle).delete()


@transaction.atomic
def save_conversation(
    *,
    conversation: Conversation,
    by,
    seen: int = 0,
    submission=None,
    participants=(),
    steps_worked_on=(),
    agenda=(),
    agreements=(),
    removed=(),
    ticked_items=(),
    next_appointment=None,
    at=None,
) -> Conversation:
    """Create or update a conversation (validated, its trajectory set) with its agenda,
    agreements and ticks.

    `agenda` and `agreements` are the new and changed AgendaItems and Agreements,
    `removed` those to delete; `participants` and `steps_worked_on` replace what the
    conversation had. A new conversation carries the form's one-time `submission`
    key: a second submit of the same form returns the conversation the first one
    made. A changed one must still be at the version `seen` the user opened.
    `next_appointment` plans the follow-up then.
    """
    at = at or timezone.now()
    moments = [conversation.held_at]  # the months whose check-in totals change
    if conversation._state.adding:
        conversation.created_by = by
        conversation.created_at = at
        conversation, created = create_once(conversation, submission)
        if not created:
            return conversation
    else:
        claim_version(conversation, seen)
        moments += Conversation.objects.filter(pk=conversation.pk).values_list("held_at", flat=True)
        conversation.save()
    conversation.participants.set(participants)
    conversation.steps_worked_on.set(steps_worked_on)
    for agreement in agreements:
        if agreement.pk is not None:  # a changed one carries the version the user saw
            claim_version(agreement, agreement.version)
    for part in [*agenda, *agreements]:
        part.conversation = conversation
        part.save()
    for part in removed:
        part.delete()
    for item in ticked_items:
        tick(trajectory=conversation.trajectory, item=item, by=by, at=at)
    if next_appointment:
        plan_next_conversation(previous=conversation, held_at=next_appointment, by=by, at=at)
    elif not conversation.is_planned:
        carry_agenda(source=conversation, since=conversation.held_at)
    keep_contact_facts(trajectory_ids=[conversation.trajectory_id], moments=moments)
    return conversation


def carry_agenda(*, source: Conversation, since) -> Conversation | None:
    """The agenda items `source` did not get to join the next conversation already
    planned after `since`, if there is one; an item it has already is not added twice."""
    carried = list(source.agenda_items.filter(discussed=False))
    if not carried:
        return None
    target = (
        Conversation.objects.filter(
            trajectory_id=source.trajectory_id,
            status=Conversation.Status.PLANNED,
            held_at__gt=since,
        )
        .exclude(pk=source.pk)
        .order_by("held_at")
        .first()
    )
    if target is None:
        return None
    there = list(target.agenda_items.all())
    texts = {item.text for item in there}
    position = max((item.position for item in there), default=-1) + 1
    new = []
    for item in carried:
        if item.text not in texts:
            new.append(
                AgendaItem(
                    conversation=target, text=item.text, raised_by=item.raised_by, position=position
                )
            )
            texts.add(item.text)
            position += 1
    AgendaItem.objects.bulk_create(new)
    return target


class NotPlanned(ValidationError):
    """Only a planned conversation can be moved, cancelled or marked not attended."""

    def __init__(self):
        super().__init__(_("Dit gesprek is niet meer gepland: het is al vastgelegd of gesloten."))


@transaction.atomic
def move_conversation(
    *, conversation: Conversation, to, asked_by: str, reason="", seen: int, by, at=None
) -> AppointmentChange:
    """Move a planned conversation to `to`, at the request of `asked_by`, if nobody
    changed it since it was opened at version `seen`."""
    if not conversation.is_planned:
        raise NotPlanned
    claim_version(conversation, seen)
    change = AppointmentChange.objects.create(
        conversation=conversation,
        what=AppointmentChange.What.MOVED,
        asked_by=asked_by,
        planned_at=conversation.held_at,
        moved_to=to,
        reason=reason,
        by=by,
        at=at or timezone.now(),
    )
    conversation.held_at = to
    conversation.save(update_fields=["held_at", "version"])
    return change


@transaction.atomic
def close_planned_conversation(
    *, conversation: Conversation, what: str, asked_by="", reason="", seen: int, by, at=None
) -> AppointmentChange:
    """Close a planned conversation that was not held: cancelled (by `asked_by`) or not
    attended. Its agenda joins the next conversation already planned, if there is one."""
    if not conversation.is_planned:
        raise NotPlanned
    claim_version(conversation, seen)
    at = at or timezone.now()
    cancelled = what == AppointmentChange.What.CANCELLED
    change = AppointmentChange.objects.create(
        conversation=conversation,
        what=what,
        asked_by=asked_by if cancelled else "",
        planned_at=conversation.held_at,
        reason=reason,
        by=by,
        at=at,
    )
    conversation.status = (
        Conversation.Status.CANCELLED if cancelled else Conversation.Status.NO_SHOW
    )
    conversation.save(update_fields=["status", "version"])
    carry_agenda(source=conversation, since=conversation.held_at)
    return change


def plan_next_conversation(
    *,
    previous,
    held_at,
    by,
    kind=Conversation.Kind.FOLLOW_UP,
    setting=None,
    agenda=(),
    at=None,
) -> Conversation:
    """Plan the follow-up at `held_at`, with the agenda items that were not discussed
    carried over, then the new `agenda` items (AgendaItems, not saved yet)."""
    planned = Conversation.objects.create(
        trajectory=previous.trajectory,
        status=Conversation.Status.PLANNED,
        held_at=held_at,
        kind=kind,
        setting=setting or previous.setting,
        created_by=by,
        created_at=at or timezone.now(),
    )
    carried = [
        AgendaItem(text=item.text, raised_by=item.raised_by)
        for item in previous.agenda_items.filter(discussed=False)
    ]
    for position, item in enumerate([*carried, *agenda]):
        item.conversation, item.position = planned, position
    AgendaItem.objects.bulk_create([*carried, *agenda])
    return planned


@transaction.atomic
def change_agreement(*, agreement: Agreement, seen: int) -> Agreement:
    """Save an agreement changed on its own page, if nobody saved it since `seen`."""
    claim_version(agreement, seen)
    agreement.save()
    return agreement


def set_agreement_done(*, agreement: Agreement, done: bool = True, at=None) -> Agreement:
    """Mark an agreement done on the day of `at`, or open again."""
    agreement.done_on = timezone.localdate(at or timezone.now()) if done else None
    agreement.save(update_fields=["done_on"])
    return agreement


@transaction.atomic
def save_situation(*, part, values: dict, seen: int, by, at=None):
    """Save a life domain or the picture of step 2 and record what changed.

    `part` is the LifeDomain or PersonalSituation as stored when the user opened
    it (or a new one, not saved yet, its trajectory and domain set), `values` the
    fields with their new (validated) values. Like claim_version, a save based on
    an older version raises StaleEdit; for a part nobody had filled in yet
    (version 0), a colleague who filled it in first wins the same way. Nothing
    changed: nothing is written.
    """
    changes = {
        name: [getattr(part, name) or "", value]
        for name, value in values.items()
        if value != getattr(part, name)
    }
    if not changes:
        return part
    at = at or timezone.now()
    for name, value in values.items():
        setattr(part, name, value)
    part.updated_at, part.updated_by = at, by
    if part._state.adding:
        try:
            with transaction.atomic():
                part.save()
        except IntegrityError:
            raise StaleEdit(_stored_situation_part(part)) from None
    else:
        claim_version(part, seen)
        part.save()
    SituationChange.objects.create(
        trajectory_id=part.trajectory_id,
        subject=part.domain if isinstance(part, LifeDomain) else SituationChange.PICTURE,
        changes=changes,
        changed_by=by,
        changed_at=at,
    )
    return part


@transaction.atomic
def save_situation_parts(*, parts, by, at=None) -> list:
    """Save several parts of step 2 at once (each a (part, values, seen) as for
    save_situation), all or none: one refused as a late save raises StaleEdit and leaves
    the others unsaved too, so the consultant sees them all again as typed."""
    at = at or timezone.now()
    return [
        save_situation(part=part, values=values, seen=seen, by=by, at=at)
        for part, values, seen in parts
    ]


def _stored_situation_part(record):
    """The row a colleague made first, for the part `record` was going to be."""
    if isinstance(record, LifeDomain):
        return LifeDomain.objects.get(trajectory=record.trajectory, domain=record.domain)
    return PersonalSituation.objects.get(trajectory=record.trajectory)


class NoEmailAddress(Exception):
    """The resident has no e-mail address to mail a document to."""


@transaction.atomic
def hand_over_document(
    *, document: Document, pdf: bytes, how, by, submission=None, at=None
) -> HandedOverDocument:
    """Keep the exact PDF the resident gets; a mailed one is queued for their address.

    The mail is queued in the same transaction (the queue is a table of the same
    database): the document is kept with its mail or not at all. A worker sends it
    (cases/tasks.py) and records whether it went. A second post of the same form
    (`submission`) returns the first one's copy and queues nothing.
    """
    resident = document.trajectory.resident
    mailed = how == HandedOverDocument.How.MAILED
    at = at or timezone.now()
    if mailed and not resident.email:
        raise NoEmailAddress
    stored, created = create_once(
        HandedOverDocument(
            trajectory=document.trajectory,
            conversation=document.conversation,
            kind=document.kind,
            pdf=pdf,
            how=how,
            sent_to=resident.email if mailed else "",
            mail=HandedOverDocument.Mail.QUEUED if mailed else "",
            mail_subject=document.title if mailed else "",
            mail_body=mail_body(document) if mailed else "",
            created_by=by,
            created_at=at,
        ),
        submission,
    )
    if created and mailed:
        tasks.mail_document.enqueue(str(stored.pk))
    return stored
