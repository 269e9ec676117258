"""The team lead's pages."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from .. import services
from ..charts import bar_chart
from ..forms import ReassignForm
from ..models import Resident, User
from ..team import STEPS, overdue_evaluations, team_caseload
from .export import csv_response
from .htmx import HtmxHttpRequest


def team_overview(request: HtmxHttpRequest):
    """/team/ (and a team lead's start page): the team's caseload at a glance."""
    if not request.user.is_team_lead or request.user.team_id is None:
        raise Http404
    rows, total = team_caseload(request.user.team_id)
    per_step = bar_chart(
        _("Lopende trajecten per stap"),
        _("Het aantal lopende trajecten van het team in elke stap van 1 tot en met 7."),
        [
            (_("Stap %(n)s") % {"n": n}, count)
            for n, count in zip(STEPS, total.step_counts, strict=True)
        ],
    )
    per_consultant = bar_chart(
        _("Lopende trajecten per consulent"),
        _("Het aantal lopende trajecten van elke consulent van het team."),
        [(str(row.consultant), row.active) for row in rows],
    )
    return render(
        request,
        "cases/team_overview.html",
        {
            "team": request.user.team,
            "rows": rows,
            "total": total,
            "steps": STEPS,
            "weeks": settings.TEAM_NO_CONTACT_WEEKS,
            "per_step": per_step,
            "per_consultant": per_consultant,
        },
    )


def team_csv(request: HtmxHttpRequest):
    """The team overview as CSV, for the municipality's own reporting."""
    if not request.user.is_team_lead or request.user.team_id is None:
        raise Http404
    rows, total = team_caseload(request.user.team_id)
    response, writer = csv_response("team-caseload.csv")
    weeks = settings.TEAM_NO_CONTACT_WEEKS
    writer.writerow(
        [
            _("Consulent"),
            _("Lopende trajecten"),
            *(_("Stap %(n)s") % {"n": n} for n in STEPS),
            _("Afspraken te laat"),
            _("Evaluaties te laat"),
            _("Geen contact meer dan %(weeks)s weken") % {"weeks": weeks},
            _("Laatste gesprek"),
        ]
    )
    for name, row in [*((str(r.consultant), r) for r in rows), (_("Team"), total)]:
        last = (
            timezone.localtime(row.last_conversation).date().isoformat()
            if row.last_conversation
            else ""
        )
        writer.writerow(
            [
                name,
                row.active,
                *row.step_counts,
                row.overdue_agreements,
                row.overdue_evaluations,
                row.without_contact,
                last,
            ]
        )
    return response


def overdue_evaluation_list(request: HtmxHttpRequest):
    """The team's evaluations whose date has passed, oldest first; `?consulent=` for one."""
    if not request.user.is_team_lead or request.user.team_id is None:
        raise Http404
    consultants = User.objects.filter(team_id=request.user.team_id, role=User.Role.CONSULTANT)
    if chosen := request.GET.get("consulent", "").strip():
        consultants = consultants.filter(pk=chosen if chosen.isdigit() else 0)
    decisions = (
        overdue_evaluations(consultants)
        .select_related("plan__trajectory__resident__consultant", "option")
        .order_by("evaluation_on", "pk")
    )
    return render(request, "cases/overdue_evaluations.html", {"decisions": decisions})


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
