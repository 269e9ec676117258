"""Casuïstiekbespreking: a consultant brings a case with a question, the team discusses it."""

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..access import get_resident_to_change
from ..forms import CaseReviewOutcomeForm, CaseReviewPlanForm, CaseReviewRequestForm
from ..models import CaseReview, Trajectory
from .htmx import HtmxHttpRequest


@require_http_methods(["GET", "POST"])
def request_review(request: HtmxHttpRequest, pk):
    """The resident's consultant puts the case on the team's agenda with a question."""
    resident = get_resident_to_change(request, pk)
    form = CaseReviewRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = form.save(commit=False)
        review.resident = resident
        review.requested_by = request.user
        review.save()
        messages.success(request, _("De casus staat op de agenda van de casuïstiekbespreking."))
        return redirect(resident)
    return render(request, "cases/case_review_request.html", {"form": form, "resident": resident})


def agenda(request: HtmxHttpRequest, bound=None):
    """The team lead's agenda: each case by its initials and essentials, not the dossier.

    `bound` is a form with errors for one case, shown again with what was typed.
    """
    reviews = _reviews_for(request)
    open_trajectory = Trajectory.objects.filter(resident=OuterRef("resident")).exclude(
        status=Trajectory.Status.CLOSED
    )
    on_agenda = (
        reviews.filter(status=CaseReview.Status.ON_AGENDA)
        .select_related("resident", "requested_by")
        .annotate(
            step=Subquery(open_trajectory.values("current_step")[:1]),
            cycle=Subquery(open_trajectory.values("cycle")[:1]),
        )
    )
    discussed = (
        reviews.filter(status=CaseReview.Status.DISCUSSED)
        .select_related("resident", "requested_by")
        .order_by("-discussed_on")[:10]
    )
    items = []
    for review in on_agenda:
        forms = [form(instance=review, prefix=str(review.pk)) for form in AGENDA_FORMS]
        if bound is not None and bound.instance.pk == review.pk:
            forms = [bound if type(bound) is type(f) else f for f in forms]
        items.append((review, *forms))
    return render(
        request,
        "cases/case_review_agenda.html",
        {"on_agenda": items, "discussed": discussed},
        status=400 if bound is not None else 200,
    )


AGENDA_FORMS = (CaseReviewPlanForm, CaseReviewOutcomeForm)


@require_POST
def plan(request: HtmxHttpRequest, pk: int):
    review = get_object_or_404(_reviews_for(request), pk=pk)
    form = CaseReviewPlanForm(request.POST, instance=review, prefix=str(review.pk))
    if not form.is_valid():
        return agenda(request, bound=form)
    form.save()
    messages.success(request, _("De datum van de bespreking is opgeslagen."))
    return redirect("cases:case_review_agenda")


@require_POST
def record_outcome(request: HtmxHttpRequest, pk: int):
    """The outcome goes on the case's timeline, for the consultant and the resident's file."""
    review = get_object_or_404(_reviews_for(request), pk=pk)
    form = CaseReviewOutcomeForm(request.POST, instance=review, prefix=str(review.pk))
    if not form.is_valid():
        return agenda(request, bound=form)
    review = form.save(commit=False)
    review.status = CaseReview.Status.DISCUSSED
    review.discussed_on = timezone.localdate()
    review.save()
    messages.success(request, _("De uitkomst staat nu op de tijdlijn van de casus."))
    return redirect("cases:case_review_agenda")


def _reviews_for(request):
    if not request.user.is_team_lead:
        raise Http404
    return CaseReview.objects.visible_to(request.user)
