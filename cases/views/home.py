"""Each role's start page at /."""

from django.db.models import Count, Q
from django.shortcuts import redirect, render

from steps.models import Step

from ..day.views import today
from ..partials import HtmxHttpRequest
from ..team.views import team_overview


def home(request: HtmxHttpRequest):
    """Each role's start page: a consultant's day, a team lead's team, a beheerder's method.

    A consultant starts at their day rather than the caseload: at nine in the morning
    the first question is what today asks, and the caseload is one click away."""
    user = request.user
    if user.is_consultant:
        return today(request)
    if user.is_team_lead:
        return team_overview(request)
    if user.is_privacy_officer:
        return redirect("cases:access_log")
    return method_overview(request)


def method_overview(request: HtmxHttpRequest):
    steps = Step.objects.annotate(
        item_count=Count(
            "checklist_items", filter=Q(checklist_items__retired_at=None), distinct=True
        ),
        prompt_count=Count("prompts", filter=Q(prompts__retired_at=None), distinct=True),
        tool_count=Count("tools", distinct=True),
    )
    return render(request, "cases/method_overview.html", {"steps": steps})
