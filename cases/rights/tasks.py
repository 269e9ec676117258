"""The resident's copy is made by a worker: years of history are a long PDF."""

import logging

from django.tasks import task
from django.utils import timezone

from cases.documents import consultant_contact
from cases.pdf import DocumentFailed, render_pdf

from .export import gather
from .models import SubjectAccessExport

logger = logging.getLogger(__name__)


@task()
def make_copy(export_id: int) -> str:
    export = SubjectAccessExport.objects.select_related(
        "resident__consultant__team", "made_by"
    ).get(pk=export_id)
    if export.status != SubjectAccessExport.Status.MAKING:
        return export.status  # run twice: done already
    copy = gather(export.resident, at=export.made_at)
    try:
        export.pdf = render_pdf("documents/inzage.html", copy_context(copy, export))
    except DocumentFailed:
        export.status = SubjectAccessExport.Status.FAILED
    else:
        export.data = copy.as_json()
        export.descriptions = copy.field_descriptions()
        export.status = SubjectAccessExport.Status.READY
    export.finished_at = timezone.now()
    export.save(update_fields=["pdf", "data", "descriptions", "status", "finished_at"])
    return export.status


def copy_context(copy, export) -> dict:
    resident = export.resident
    return {
        "title": "Alles wat we over je weten",
        "resident_name": resident.full_name,
        "first_name": resident.first_name,
        "consultant": consultant_contact(resident.consultant),
        "sections": copy.sections,
        "made_at": copy.made_at,
        "asked_on": export.asked_on,
    }
