"""The team's pages: the team lead's overview and handovers, the core points, the
casuïstiekbespreking and systeemkritiek."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ..access import (
    consultant_required,
    get_case_review_to_change,
    get_resident_to_change,
    get_team_signal_to_change,
    team_lead_required,
)
from ..charts import bar_chart, team_check_in_chart
from ..forms import SearchForm
from ..logbook.models import Action, ObjectKind
from ..logbook.services import note
from ..models import CaseReview, Decision, Resident, Signal, Trajectory
from ..paging import page_of
from ..partials import HtmxHttpRequest, form_status
from ..versions import StaleEdit
from ..views.export import csv_response
from . import services
from .forms import (
    CaseReviewOutcomeForm,
    CaseReviewPlanForm,
    CaseReviewRequestForm,
    PeriodForm,
    ReassignForm,
    SignalForm,
    SignalResponseForm,
)
from .indicators import (
    CORE_POINTS,
    CORE_POINTS_BY_SLUG,
    Share,
    check_ins_by_month,
    core_point_figures,
)
from .selectors import (
    ACCOUNT_CHANGES_DAYS,
    STEPS,
    account_changes,
    of_team,
    team_caseload,
    team_consultants,
)

# --- The team lead's overview, the overdue evaluations and handovers.

# Rows on a page of the team's long lists: more than any consultant's caseload.
PAGE = 100


@team_lead_required
def team_overview(request: HtmxHttpRequest):
    """/team/ (and a team lead's start page): the team's caseload at a glance."""
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
            "account_changes": account_changes(request.user.team_id),
            "account_changes_days": ACCOUNT_CHANGES_DAYS,
        },
    )


@team_lead_required
def team_csv(request: HtmxHttpRequest):
    """The team overview as CSV, for the municipality's own reporting."""
    rows, total = team_caseload(request.user.team_id)
    response, writer = csv_response("team-caseload.csv")
    weeks = settings.TEAM_NO_CONTACT_WEEKS
    writer.writerow(
        [
            _("Consulent"),
            _("Lopende trajecten"),
            *(_("Stap %(n)s") % {"n": n} for n in STEPS),
            _("Afspraken te laat"),
            _("Acties te laat"),
            _("Evaluaties te laat"),
            _("Geen contact meer dan %(weeks)s weken") % {"weeks": weeks},
            _("Laatste gesprek"),
        ]
    )
    note(request, kind=ObjectKind.LIST, action=Action.EXPORT, count=total.active)
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
                row.overdue_actions,
                row.overdue_evaluations,
                row.without_contact,
                last,
            ]
        )
    return response


@team_lead_required
def overdue_evaluation_list(request: HtmxHttpRequest):
    """The team's evaluations whose date has passed, oldest first; `?consulent=` for one."""
    consultant = "plan__trajectory__resident__consultant"
    decisions = Decision.objects.evaluation_overdue().filter(
        of_team(request.user.team_id, consultant)
    )
    if chosen := request.GET.get("consulent", "").strip():
        decisions = decisions.filter(**{consultant: chosen if chosen.isdigit() else 0})
    # What a row shows, no more: 1,500 overdue of a team of 100 are sorted for a page.
    decisions = (
        decisions.select_related(consultant, "option")
        .only(
            "evaluation_on",
            "plan__trajectory__resident__first_name",
            "plan__trajectory__resident__infix",
            "plan__trajectory__resident__last_name",
            f"{consultant}__first_name",
            f"{consultant}__last_name",
            f"{consultant}__username",
            "option__title",
        )
        .order_by("evaluation_on", "pk")
    )
    page = page_of(request, decisions, PAGE)
    note(request, kind=ObjectKind.LIST, count=page.paginator.count)
    return render(request, "cases/overdue_evaluations.html", {"page": page})


@team_lead_required
@require_http_methods(["GET", "POST"])
def reassign(request: HtmxHttpRequest):
    """Move one or more of the team's residents to another consultant of the team.

    The list is narrowed with `?consulent=` and `?q=` (the residents' search); `?alle=1`
    ticks every resident shown, "all of this consultant's residents" in one go."""
    residents = (
        Resident.objects.visible_to(request.user)
        .select_related("consultant")
        .order_by("consultant__first_name", "last_name", "first_name")
    )
    consultants = team_consultants(request.user.team_id)
    form = ReassignForm(request.POST or None, residents=residents, consultants=consultants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        for resident in data["residents"]:
            note(
                request,
                kind=ObjectKind.RESIDENT,
                object_id=resident.pk,
                resident_id=resident.pk,
                action=Action.HAND_OVER,
                target_user_id=data["to_consultant"].pk,
                detail={"from": resident.consultant_id, "to": data["to_consultant"].pk},
            )
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
    search = SearchForm(request.GET)
    shown = residents
    chosen = _chosen(consultants, request.GET.get("consulent", ""))
    if chosen:
        shown = shown.filter(consultant=chosen)
    if search.text:
        shown = shown.search(search.text)
    # A page holds more than a consultant's caseload: "alle" ticks all of theirs.
    page = page_of(request, shown, PAGE)
    shown = list(page)
    note(request, kind=ObjectKind.LIST, count=page.paginator.count)
    if request.method == "GET" and request.GET.get("alle") == "1":
        selected = {str(r.pk) for r in shown}
    else:
        selected = {str(pk) for pk in form["residents"].value() or []}
    return render(
        request,
        "cases/reassign.html",
        {
            "form": form,
            "residents": shown,
            "page": page,
            "selected": selected,
            "consultants": consultants,
            "chosen": chosen,
            "search": search,
        },
        status=form_status(form, search),
    )


def _chosen(consultants, asked: str):
    """The consultant of `?consulent=`, if one of the team's; else None."""
    if not asked.isdigit():
        return None
    return next((c for c in consultants if c.pk == int(asked)), None)


# --- The method's core points as figures for the team lead, each with the trajectories behind it.


def figures(team_id, start: date, end: date) -> list[dict]:
    """Per core point: the share per consultant, for the team, and per month."""
    consultants = list(team_consultants(team_id))
    counted = core_point_figures(team_id, start, end)
    return [
        {
            "point": point,
            "rows": [(c, counted[point.slug].per_consultant.get(c.pk)) for c in consultants],
            "team": counted[point.slug].team,
            "months": counted[point.slug].months,
        }
        for point in CORE_POINTS
    ]


@team_lead_required
def indicators_overview(request: HtmxHttpRequest):
    """The three core points for a period: per consultant, for the team, and month by month."""
    team_id = request.user.team_id
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    points = figures(team_id, start, end)
    months = {}  # "dec 2026", worked out once for the three charts

    def month_label(month):
        if month not in months:
            months[month] = date_format(month, "b Y")
        return months[month]

    for p in points:
        p["chart"] = bar_chart(
            _("%(point)s, per maand") % {"point": p["point"].title},
            p["point"].question,
            [(month_label(month), share.percentage or 0) for month, share in p["months"]],
        )
    check_ins = check_ins_by_month(team_id, start, end)
    return render(
        request,
        "cases/indicators.html",
        {
            "form": form,
            "start": start,
            "end": end,
            # The period in the links: worked out once, not in each of 300 rows.
            "period": f"van={start:%Y-%m-%d}&tot={end:%Y-%m-%d}",
            "points": points,
            "check_ins": check_ins,
            "check_in_chart": team_check_in_chart(check_ins) if len(check_ins) > 1 else None,
        },
        status=form_status(form),
    )


@team_lead_required
def indicators_csv(request: HtmxHttpRequest):
    """The numbers behind the core points' tables and charts, for the municipality's reports."""
    team_id = request.user.team_id
    start, end = PeriodForm(request.GET or None).period()
    response, writer = csv_response(f"kernpunten-{start:%Y-%m-%d}-{end:%Y-%m-%d}.csv")
    note(request, kind=ObjectKind.LIST, action=Action.EXPORT, count=0)
    writer.writerow([_("Kernpunt"), _("Wie of wanneer"), _("Ja"), _("Totaal"), _("Percentage")])
    for p in figures(team_id, start, end):
        title = p["point"].title
        lines = [(str(c), share) for c, share in p["rows"]]
        lines.append((_("Team"), p["team"]))
        lines += [(month.strftime("%Y-%m"), share) for month, share in p["months"]]
        for who, share in lines:
            share = share or Share(0, 0)
            percentage = "" if share.percentage is None else share.percentage
            writer.writerow([title, who, share.yes, share.total, percentage])
    return response


@team_lead_required
def check_ins_csv(request: HtmxHttpRequest):
    """The numbers behind the team's check-in chart: per month, averages only."""
    team_id = request.user.team_id
    start, end = PeriodForm(request.GET or None).period()
    response, writer = csv_response(f"check-in-{start:%Y-%m-%d}-{end:%Y-%m-%d}.csv")
    note(request, kind=ObjectKind.LIST, action=Action.EXPORT, count=0)
    writer.writerow(
        [_("Maand"), _("Gesprekken"), _("Check-in gemiddeld"), _("Check-out gemiddeld")]
    )
    for m in check_ins_by_month(team_id, start, end):
        averages = [
            "" if v is None else f"{v:.1f}".replace(".", ",") for v in (m.check_in, m.check_out)
        ]
        writer.writerow([m.month.strftime("%Y-%m"), m.conversations, *averages])
    return response


@team_lead_required
def indicator_list(request: HtmxHttpRequest, point: str):
    """The trajectories or decisions behind a figure, and whether the core point was met."""
    team_id = request.user.team_id
    point = CORE_POINTS_BY_SLUG.get(point)
    if point is None:
        raise Http404
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    rows = point.rows(team_id, start, end)
    consultant = form.cleaned_data.get("consulent") if form.is_valid() else None
    if consultant:
        rows = rows.filter(**{point.consultant: consultant})
    rows = rows.select_related(*point.related).order_by("when", "pk")
    page = page_of(request, rows, PAGE)
    entries = [point.entry(row) for row in page]
    note(request, kind=ObjectKind.LIST, count=page.paginator.count)
    return render(
        request,
        "cases/indicator_list.html",
        {"point": point, "entries": entries, "page": page, "start": start, "end": end},
    )


# --- Casuïstiekbespreking: a consultant brings a case with a question, the team discusses it.


@require_http_methods(["GET", "POST"])
def request_review(request: HtmxHttpRequest, pk):
    """The resident's consultant puts the case on the team's agenda with a question."""
    resident = get_resident_to_change(request, pk)
    form = CaseReviewRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.bring_case_review(
            review=form.instance, resident=resident, by=request.user, submission=form.one_time_key
        )
        messages.success(request, _("De casus staat op de agenda van de casuïstiekbespreking."))
        return redirect(resident)
    return render(
        request,
        "cases/case_review_request.html",
        {"form": form, "resident": resident},
        status=form_status(form),
    )


@team_lead_required
def case_review_agenda(request: HtmxHttpRequest, bound=None):
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
    items = [
        (review, *(_form_for(review, form, bound) for form in AGENDA_FORMS)) for review in on_agenda
    ]
    for review in [*on_agenda, *discussed]:
        _note_read(request, ObjectKind.CASE_REVIEW, review)
    return render(
        request,
        "cases/case_review_agenda.html",
        {"on_agenda": items, "discussed": discussed, "bound": bound},
        status=form_status(bound),
    )


AGENDA_FORMS = (CaseReviewPlanForm, CaseReviewOutcomeForm)


def _form_for(obj, form_class, bound):
    """The form of one row of a list: `bound`, refused and posted again, if it is this
    row's form of this kind; else a fresh one."""
    if bound is not None and type(bound) is form_class and bound.instance.pk == obj.pk:
        return bound
    return form_class(instance=obj, prefix=str(obj.pk))


@team_lead_required
@require_POST
def case_review_plan(request: HtmxHttpRequest, pk: int):
    review = get_case_review_to_change(request, pk)
    form = CaseReviewPlanForm(request.POST, instance=review, prefix=str(review.pk))
    if not form.is_valid():
        return case_review_agenda(request, bound=form)
    try:
        services.plan_case_review(review=form.instance, seen=form.seen_version)
    except StaleEdit as stale:
        return case_review_agenda(request, bound=form.late_save(stale.current))
    messages.success(request, _("De datum van de bespreking is opgeslagen."))
    return redirect("cases:case_review_agenda")


@team_lead_required
@require_POST
def case_review_outcome(request: HtmxHttpRequest, pk: int):
    """The outcome goes on the case's timeline, for the consultant and the resident's file."""
    review = get_case_review_to_change(request, pk)
    form = CaseReviewOutcomeForm(request.POST, instance=review, prefix=str(review.pk))
    if not form.is_valid():
        return case_review_agenda(request, bound=form)
    try:
        services.record_case_review_outcome(review=form.instance, seen=form.seen_version)
    except StaleEdit as stale:
        return case_review_agenda(request, bound=form.late_save(stale.current))
    messages.success(request, _("De uitkomst staat nu op de tijdlijn van de casus."))
    return redirect("cases:case_review_agenda")


def _reviews_for(request):
    return CaseReview.objects.visible_to(request.user)


def _note_read(request, kind, obj):
    """A case review or signal on a list names its resident: a read of their file."""
    if obj.resident_id is not None:
        note(request, kind=kind, object_id=obj.pk, resident_id=obj.resident_id)


# --- Systeemkritiek: a consultant signals it, the team lead follows it up, the consultant
# sees what became of it and can tell the resident.


@require_http_methods(["GET", "POST"])
def signal_create(request: HtmxHttpRequest, pk):
    resident = get_resident_to_change(request, pk)
    form = SignalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.signal(
            signal=form.instance, resident=resident, by=request.user, submission=form.one_time_key
        )
        messages.success(request, _("Het signaal is doorgegeven aan je teamleider."))
        return redirect(resident)
    return render(
        request,
        "cases/signal_form.html",
        {"form": form, "resident": resident},
        status=form_status(form),
    )


@consultant_required
def my_signals(request: HtmxHttpRequest):
    """The consultant's own signals, with what became of them."""
    signals = list(Signal.objects.filter(signalled_by=request.user).select_related("resident"))
    for signal in signals:
        _note_read(request, ObjectKind.SIGNAL, signal)
    return render(request, "cases/my_signals.html", {"signals": signals})


@team_lead_required
def team_signals(request: HtmxHttpRequest, bound=None):
    """/team/signalen/: the team's signals, without the resident unless the consultant shared it."""
    signals = Signal.objects.for_team_lead(request.user).select_related("signalled_by", "resident")
    items = [(s, _form_for(s, SignalResponseForm, bound)) for s in signals]
    for signal, _form in items:
        if signal.share_identity:
            _note_read(request, ObjectKind.SIGNAL, signal)
    return render(
        request,
        "cases/team_signals.html",
        {"items": items, "bound": bound},
        status=form_status(bound),
    )


@team_lead_required
@require_POST
def signal_respond(request: HtmxHttpRequest, pk: int):
    signal = get_team_signal_to_change(request, pk)
    form = SignalResponseForm(request.POST, instance=signal, prefix=str(signal.pk))
    if not form.is_valid():
        return team_signals(request, bound=form)
    try:
        services.answer_signal(signal=form.instance, seen=form.seen_version)
    except StaleEdit as stale:
        return team_signals(request, bound=form.late_save(stale.current))
    messages.success(request, _("Opgeslagen. De consulent ziet de status en het antwoord."))
    return redirect("cases:team_signals")
