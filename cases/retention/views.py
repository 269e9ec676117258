"""/team/vernietigen/: the team lead approves or refuses the destruction lists of the team."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ..access import team_lead_required
from ..logbook.models import ObjectKind
from ..logbook.services import note
from ..models import Trajectory
from ..partials import form_status
from . import services
from .forms import RefusalForm
from .models import DestructionList


@team_lead_required
def destruction_lists(request, bound=None):
    """What is due for destruction in the team, and the lists decided before (the proof)."""
    lists = DestructionList.objects.filter(team_id=request.user.team_id).select_related(
        "decided_by"
    )
    waiting = [dl for dl in lists if dl.status == DestructionList.Status.PROPOSED]
    ids = [pk for dl in waiting for pk in dl.trajectory_ids]
    trajectories = {
        str(t.pk): t
        for t in Trajectory.objects.filter(pk__in=ids)
        .select_related("resident")
        .prefetch_related("resident__trajectories")
    }
    proposed = []
    for dl in waiting:
        rows = [trajectories[pk] for pk in dl.trajectory_ids if pk in trajectories]
        for trajectory in rows:
            note(
                request,
                kind=ObjectKind.TRAJECTORY,
                object_id=trajectory.pk,
                resident_id=trajectory.resident_id,
            )
        form = bound if bound is not None and bound.list_id == dl.pk else RefusalForm(dl.pk)
        proposed.append((dl, rows, form))
    return render(
        request,
        "cases/retention/lists.html",
        {"proposed": proposed, "decided": [dl for dl in lists if dl not in waiting][:20]},
        status=form_status(bound),
    )


@team_lead_required
@require_POST
def approve(request, pk):
    destruction_list = _waiting_list(request, pk)
    counts = services.destroy(destruction_list, by=request.user)
    messages.success(
        request,
        ngettext(
            "Vernietigd: %(n)d traject, met alles wat erbij hoorde.",
            "Vernietigd: %(n)d trajecten, met alles wat erbij hoorde.",
            counts.get("cases.Trajectory", 0),
        )
        % {"n": counts.get("cases.Trajectory", 0)},
    )
    return redirect("cases:destruction_lists")


@team_lead_required
@require_POST
def refuse(request, pk):
    destruction_list = _waiting_list(request, pk)
    form = RefusalForm(destruction_list.pk, request.POST)
    if not form.is_valid():
        return destruction_lists(request, bound=form)
    services.refuse(destruction_list, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("De lijst is afgewezen; er is niets vernietigd."))
    return redirect("cases:destruction_lists")


def _waiting_list(request, pk) -> DestructionList:
    return get_object_or_404(
        DestructionList,
        pk=pk,
        team_id=request.user.team_id,
        status=DestructionList.Status.PROPOSED,
    )
