"""Restricting processing (art. 18) and erasing a file (art. 17): each step a service with
a clock, logged in the access log by id and reason, never by name."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.facts import keep_contact_facts
from cases.logbook.models import Action, ObjectKind, Result
from cases.logbook.services import forget_changes, note
from cases.models import Resident
from cases.retention.services import still_kept

from . import tasks
from .models import ErasureRequest, SubjectAccessExport


@transaction.atomic
def restrict(*, resident: Resident, reason: str, by, request=None, at=None) -> None:
    """The file becomes read-only for everyone and leaves the team's figures and exports."""
    resident.restricted_since = at or timezone.now()
    resident.restriction_reason = reason
    resident.save(update_fields=["restricted_since", "restriction_reason"])
    keep_contact_facts(consultant_ids=[resident.consultant_id])  # its check-ins leave the totals
    _log(request, resident, Action.RESTRICT, by)


@transaction.atomic
def lift_restriction(*, resident: Resident, by, request=None) -> None:
    resident.restricted_since = None
    resident.restriction_reason = ""
    resident.save(update_fields=["restricted_since", "restriction_reason"])
    keep_contact_facts(consultant_ids=[resident.consultant_id])  # and count again
    _log(request, resident, Action.UNRESTRICT, by)


def request_erasure(*, resident: Resident, reason: str, explanation: str, by, at=None):
    if hasattr(resident, "erasure_request"):
        raise ValidationError(_("Er ligt al een verzoek om dit dossier te wissen."))
    return ErasureRequest.objects.create(
        resident=resident,
        reason=reason,
        explanation=explanation,
        requested_by=by,
        requested_at=at or timezone.now(),
    )


def refuse_erasure(*, erasure: ErasureRequest, by, request=None) -> None:
    resident = erasure.resident
    erasure.delete()
    _log(request, resident, Action.ERASE, by, result=Result.REFUSED)


@transaction.atomic
def erase(*, erasure: ErasureRequest, by, ground: str = "", request=None) -> dict:
    """Remove the resident and everything of theirs: trajectories with all in them, network,
    notes, signals, case reviews, handovers, the old values in the access log. What stays
    is the access log's rows (ids only) and one more that says the file was erased, when,
    by whom, on whose request and why."""
    if erasure.requested_by_id == by.pk:
        raise ValidationError(_("Wie het verzoek deed, keurt het niet zelf goed."))
    resident = erasure.resident
    if still_kept(resident.trajectories.all()) and not ground.strip():
        raise ValidationError(
            _("Dit dossier valt nog onder een bewaartermijn: schrijf op waarom het toch weg mag.")
        )
    detail = {
        "reason": erasure.reason,
        "explanation": erasure.explanation,
        "requested_by": erasure.requested_by_id,
        "ground": ground,
    }
    resident_id = resident.pk
    removed = resident.delete()[1]
    keep_contact_facts(consultant_ids=[resident.consultant_id])
    forget_changes([resident_id])
    counts = {label.split(".")[-1]: n for label, n in removed.items() if n}
    note(
        request,
        kind=ObjectKind.RESIDENT,
        object_id=resident_id,
        resident_id=resident_id,
        action=Action.ERASE,
        user=by,
        target_user_id=erasure.requested_by_id,
        detail=detail | {"removed": counts},
    )
    return counts


def _log(request, resident, action, by, result=None, **detail) -> None:
    note(
        request,
        kind=ObjectKind.RESIDENT,
        object_id=resident.pk,
        resident_id=resident.pk,
        action=action,
        user=by,
        result=result,
        detail=detail,
    )


@transaction.atomic
def ask_copy(*, resident: Resident, asked_on, by, at=None):
    """The resident asked for a copy of everything: queue it for a worker to make."""
    export = SubjectAccessExport.objects.create(
        resident=resident, asked_on=asked_on, made_by=by, made_at=at or timezone.now()
    )
    tasks.make_copy.enqueue(export.pk)
    return export
