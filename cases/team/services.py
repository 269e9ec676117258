"""The team's writes: handing residents over, a case brought to the casuïstiekbespreking and
its outcome, a signal of systeemkritiek and its answer.

Like cases.services they take plain data (validated model instances, keyword
values) and `at`, the moment it happens (None: now).
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cases.facts import keep_contact_facts
from cases.models import CaseReview, Reassignment, Resident, Signal
from cases.versions import claim_version, create_once


@transaction.atomic
def reassign(*, residents, to, by, reason, handover_note, at=None) -> None:
    """Move residents to another consultant of the team, recording why and what to know.

    Each resident's version goes up, so a form opened before the move is not
    saved over it, and each is "Nieuw bij jou" until the new consultant opens the dossier.
    """
    at = at or timezone.now()
    for resident in residents:
        Reassignment.objects.create(
            resident=resident,
            from_consultant_id=resident.consultant_id,
            to_consultant=to,
            reason=reason,
            handover_note=handover_note,
            by=by,
            at=at,
        )
    Resident.objects.filter(pk__in=[r.pk for r in residents]).update(
        consultant=to, version=F("version") + 1, new_to_consultant=True
    )
    # Their check-ins now count for `to`, no longer for the consultants they leave.
    keep_contact_facts(consultant_ids={to.pk, *(r.consultant_id for r in residents)})


def handover_read(*, resident) -> None:
    """The new consultant opened the dossier: the resident is no longer "Nieuw bij jou"."""
    Resident.objects.filter(pk=resident.pk).update(new_to_consultant=False)


def bring_case_review(*, review: CaseReview, resident, by, submission=None, at=None) -> CaseReview:
    """The resident's consultant puts the case on the team's agenda: `review` carries the
    question. A second post of the same form (`submission`) returns the first one's."""
    review.resident, review.requested_by = resident, by
    review.requested_at = at or timezone.now()
    return create_once(review, submission)[0]


@transaction.atomic
def plan_case_review(*, review: CaseReview, seen: int) -> CaseReview:
    """The team lead sets the meeting date (`review` carries it), if nobody changed the
    review since `seen`; else StaleEdit."""
    claim_version(review, seen)
    review.save()
    return review


@transaction.atomic
def record_case_review_outcome(*, review: CaseReview, seen: int, at=None) -> CaseReview:
    """The team discussed the case: `review` carries its outcome, which goes on the
    case's timeline, dated the day of `at`. Only from the version the lead saw (`seen`),
    else StaleEdit."""
    claim_version(review, seen)
    review.status = CaseReview.Status.DISCUSSED
    review.discussed_on = timezone.localdate(at or timezone.now())
    review.save()
    return review


def signal(*, signal: Signal, resident, by, submission=None, at=None) -> Signal:
    """A consultant passes on what a resident says about rules or the organisation:
    `signal` carries the category, the description and whether the lead may see who.
    A second post of the same form (`submission`) returns the first one's."""
    signal.resident, signal.signalled_by = resident, by
    signal.signalled_at = at or timezone.now()
    return create_once(signal, submission)[0]


@transaction.atomic
def answer_signal(*, signal: Signal, seen: int, at=None) -> Signal:
    """The team lead's answer (`signal` carries its status and response), which the
    consultant sees with their signals. Only from the version the lead saw (`seen`),
    else StaleEdit."""
    claim_version(signal, seen)
    signal.responded_at = at or timezone.now()
    signal.save()
    return signal
