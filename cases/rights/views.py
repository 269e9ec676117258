"""The team lead restricts a file's processing; the consultant asks to erase a file and
the team lead approves or refuses."""

import io
import zipfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..access import get_resident, team_lead_required
from ..logbook.models import Action
from ..logbook.services import describe
from ..partials import form_status
from ..retention.services import still_kept
from . import services
from .forms import CopyForm, ErasureDecisionForm, ErasureRequestForm, RestrictionForm
from .models import ErasureRequest, SubjectAccessExport


@team_lead_required
@require_http_methods(["GET", "POST"])
def restriction(request, pk):
    """/inwoners/<id>/beperken/: restrict the processing of a file of the team, or lift it."""
    resident = get_resident(request, pk)
    form = RestrictionForm(request.POST or None, instance=resident)
    if request.method == "POST":
        if resident.is_restricted:
            services.lift_restriction(resident=resident, by=request.user, request=request)
            messages.success(request, _("De beperking is opgeheven."))
            return redirect(resident)
        if form.is_valid():
            services.restrict(
                resident=resident,
                reason=form.cleaned_data["restriction_reason"],
                by=request.user,
                request=request,
            )
            messages.success(
                request, _("De verwerking is beperkt. Het dossier is nu alleen te lezen.")
            )
            return redirect(resident)
    return render(
        request,
        "cases/rights/restriction.html",
        {"resident": resident, "form": form},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
def erasure(request, pk):
    """/inwoners/<id>/wissen/: the resident's own consultant asks, with a reason; the team
    lead reads the request and approves it (the file is erased) or refuses it."""
    resident = get_resident(request, pk)
    pending = ErasureRequest.objects.filter(resident=resident).select_related("requested_by")
    pending = pending.first()
    if request.user.is_team_lead:
        return _decide(request, resident, pending)
    if resident.consultant_id != request.user.pk:
        raise PermissionDenied
    form = None if pending else ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form is not None and form.is_valid():
        services.request_erasure(resident=resident, by=request.user, **form.cleaned_data)
        messages.success(request, _("Je verzoek om het dossier te wissen ligt bij je teamleider."))
        return redirect(resident)
    return render(
        request,
        "cases/rights/erasure.html",
        {"resident": resident, "form": form, "pending": pending},
        status=form_status(form),
    )


def _decide(request, resident, pending):
    kept = still_kept(list(resident.trajectories.all()))
    form = ErasureDecisionForm(request.POST or None)
    if request.method == "POST" and pending is not None:
        if request.POST.get("besluit") == "afwijzen":
            services.refuse_erasure(erasure=pending, by=request.user, request=request)
            messages.success(request, _("Het verzoek is afgewezen. Het dossier blijft."))
            return redirect(resident)
        if form.is_valid():
            try:
                services.erase(
                    erasure=pending,
                    by=request.user,
                    ground=form.cleaned_data["ground"],
                    request=request,
                )
            except ValidationError as refused:
                form.add_error("ground", refused)
            else:
                messages.success(request, _("Het dossier is gewist."))
                return redirect("cases:residents")
    return render(
        request,
        "cases/rights/erasure.html",
        {"resident": resident, "pending": pending, "decision": form, "kept": kept},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
def copy(request, pk):
    """/inwoners/<id>/inzage/: the resident's copy of everything stored about them (AVG
    art. 15), asked for by their consultant or team lead and made by a worker."""
    resident = get_resident(request, pk)
    if not (request.user.is_team_lead or resident.consultant_id == request.user.pk):
        raise PermissionDenied
    form = CopyForm(request.POST or None, initial={"asked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.ask_copy(
            resident=resident, asked_on=form.cleaned_data["asked_on"], by=request.user
        )
        describe(request, Action.EXPORT, copy="inzage")
        messages.success(request, _("De inzage wordt gemaakt. Dat kan even duren."))
        return redirect("cases:copy", resident.pk)
    exports = resident.access_exports.defer("pdf", "data", "descriptions").select_related("made_by")
    return render(
        request,
        "cases/rights/copy.html",
        {
            "resident": resident,
            "form": form,
            "exports": exports,
            "making": any(e.status == SubjectAccessExport.Status.MAKING for e in exports),
        },
        status=form_status(form),
    )


def copy_download(request, pk, export):
    """The copy in one download: the PDF, the same as JSON, and what each field means."""
    resident = get_resident(request, pk)
    made = get_object_or_404(
        SubjectAccessExport, pk=export, resident=resident, status=SubjectAccessExport.Status.READY
    )
    describe(request, Action.EXPORT, copy="inzage", export=made.pk)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("inzage.pdf", bytes(made.pdf))
        z.writestr("inzage.json", bytes(made.data))
        z.writestr("uitleg.txt", made.descriptions)
    response = HttpResponse(archive.getvalue(), content_type="application/zip")
    day = timezone.localtime(made.made_at)
    response["Content-Disposition"] = f'attachment; filename="inzage-{day:%Y-%m-%d}.zip"'
    return response
