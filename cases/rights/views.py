"""The team lead restricts a file's processing; the consultant asks to erase a file and
the team lead approves or refuses."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..access import get_resident, team_lead_required
from ..partials import form_status
from ..retention.services import still_kept
from . import services
from .forms import ErasureDecisionForm, ErasureRequestForm, RestrictionForm
from .models import ErasureRequest


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
