"""The team lead's pages."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import ReassignForm
from ..models import Resident, User
from ..team import team_caseload
from .htmx import HtmxHttpRequest


def team_overview(request: HtmxHttpRequest):
    """/team/ (and a team lead's start page): the team's caseload at a glance."""
    if not request.user.is_team_lead or request.user.team_id is None:
        raise Http404
    rows, total = team_caseload(request.user.team_id)
    return render(
        request,
        "cases/team_overview.html",
        {
            "team": request.user.team,
            "rows": rows,
            "total": total,
            "steps": range(1, 8),
            "weeks": settings.TEAM_NO_CONTACT_WEEKS,
        },
    )


@require_http_methods(["GET", "POST"])
def reassign(request: HtmxHttpRequest):
    """Move one or more of the team's residents to another consultant of the team."""
    if not request.user.is_team_lead or request.user.team_id is None:
        raise Http404
    residents = (
        Resident.objects.visible_to(request.user)
        .select_related("consultant")
        .order_by("consultant__first_name", "last_name", "first_name")
    )
    consultants = User.objects.filter(
        team_id=request.user.team_id, role=User.Role.CONSULTANT, is_active=True
    )
    form = ReassignForm(request.POST or None, residents=residents, consultants=consultants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.reassign(
            residents=list(data["residents"]),
            to=data["to_consultant"],
            by=request.user,
            reason=data["reason"],
            handover_note=data["handover_note"],
        )
        messages.success(
            request,
            ngettext(
                "%(n)d inwoner is overgedragen aan %(to)s.",
                "%(n)d inwoners zijn overgedragen aan %(to)s.",
                len(data["residents"]),
            )
            % {"n": len(data["residents"]), "to": data["to_consultant"]},
        )
        return redirect("cases:team")
    # From a consultant's caseload the list shows just their residents, none ticked.
    shown = residents
    if chosen := request.GET.get("consulent", "").strip():
        shown = [r for r in residents if str(r.consultant_id) == chosen]
    return render(
        request,
        "cases/reassign.html",
        {
            "form": form,
            "residents": shown,
            "selected": {str(pk) for pk in form["residents"].value() or []},
        },
    )
