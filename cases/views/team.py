"""The team lead's pages."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

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
