"""The team's writes: handing residents over, a case review's outcome, a signal's answer."""

from django.db import transaction
from django.db.models import F

from cases.models import Reassignment, Resident


@transaction.atomic
def reassign(*, residents, to, by, reason, handover_note) -> None:
    """Move residents to another consultant of the team, recording why and what to know.

    Each resident's version goes up, so a form opened before the move is not
    saved over it.
    """
    for resident in residents:
        Reassignment.objects.create(
            resident=resident,
            from_consultant_id=resident.consultant_id,
            to_consultant=to,
            reason=reason,
            handover_note=handover_note,
            by=by,
        )
    Resident.objects.filter(pk__in=[r.pk for r in residents]).update(
        consultant=to, version=F("version") + 1
    )
