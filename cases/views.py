from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.middleware import HtmxDetails

from steps.models import Step

from .access import case_worker_required, consultant_required, get_resident, get_resident_to_change
from .forms import NetworkFormSet, ResidentForm
from .models import Resident, User
from .services import StaleEdit, register_resident, update_resident


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def home(request: HtmxHttpRequest):
    """Each role's start page."""
    user = request.user
    if user.is_consultant:
        return resident_list(request)
    if user.is_team_lead:
        return team_overview(request)
    return method_overview(request)


def team_overview(request: HtmxHttpRequest):
    consultants = (
        User.objects.filter(team_id=request.user.team_id, role=User.Role.CONSULTANT, is_active=True)
        .annotate(caseload_size=Count("caseload"))
        .order_by("first_name", "last_name")
    )
    return render(
        request, "cases/team_overview.html", {"team": request.user.team, "consultants": consultants}
    )


def method_overview(request: HtmxHttpRequest):
    steps = Step.objects.annotate(
        item_count=Count(
            "checklist_items", filter=Q(checklist_items__retired_at=None), distinct=True
        ),
        prompt_count=Count("prompts", filter=Q(prompts__retired_at=None), distinct=True),
        tool_count=Count("tools", distinct=True),
    )
    return render(request, "cases/method_overview.html", {"steps": steps})


@case_worker_required
def resident_list(request: HtmxHttpRequest):
    query = request.GET.get("q", "").strip()
    residents = Resident.objects.visible_to(request.user).select_related("consultant")
    if query:
        residents = residents.search(query)
    template = "cases/resident_list.html"
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        template += "#results"
    return render(
        request,
        template,
        {
            "residents": residents,
            "query": query,
            "is_own_caseload": request.user.is_consultant,
        },
    )


@consultant_required
@require_http_methods(["GET", "POST"])
def resident_create(request: HtmxHttpRequest):
    form = ResidentForm(request.POST or None)
    network = NetworkFormSet(request.POST or None, instance=Resident(), prefix="netwerk")
    if request.method == "POST" and form.is_valid() and network.is_valid():
        resident = register_resident(form=form, network_formset=network, consultant=request.user)
        messages.success(request, _("%(name)s is ingeschreven.") % {"name": resident.full_name})
        return redirect(resident)
    return render(
        request, "cases/resident_form.html", {"form": form, "network": network, "resident": None}
    )


def resident_detail(request: HtmxHttpRequest, pk):
    resident = get_resident(request, pk)
    return render(
        request,
        "cases/resident_detail.html",
        {
            "resident": resident,
            "network": resident.network.all(),
            "may_change": resident.consultant_id == request.user.pk,
        },
    )


@require_http_methods(["GET", "POST"])
def resident_edit(request: HtmxHttpRequest, pk):
    resident = get_resident_to_change(request, pk)
    form = ResidentForm(request.POST or None, instance=resident)
    network = NetworkFormSet(request.POST or None, instance=resident, prefix="netwerk")
    conflicts = []
    if request.method == "POST" and form.is_valid() and network.is_valid():
        try:
            update_resident(form=form, network_formset=network)
        except StaleEdit as stale:
            conflicts = _differences(form, stale.current)
            form, network = _rebase_on(request.POST, stale.current)
            messages.error(
                request,
                _(
                    "Iemand anders heeft deze gegevens opgeslagen terwijl jij ze aanpaste. "
                    "Er is niets overschreven. Jouw invoer staat hieronder nog: kijk wat er "
                    "nu is opgeslagen en sla daarna opnieuw op."
                ),
            )
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(resident)
    return render(
        request,
        "cases/resident_form.html",
        {"form": form, "network": network, "resident": resident, "conflicts": conflicts},
    )


def _differences(form, current):
    """What is stored now, for each field where it differs from what the user typed."""
    differences = []
    for name in form.Meta.fields:
        stored = getattr(current, name)
        if stored == form.cleaned_data.get(name):
            continue
        if display := getattr(current, f"get_{name}_display", None):
            stored = display()
        elif isinstance(stored, bool):
            stored = _("ja") if stored else _("nee")
        differences.append({"label": form.fields[name].label, "stored": stored})
    return differences


def _rebase_on(data, current):
    """The user's input, now based on the stored version, so a new save is deliberate."""
    data = data.copy()
    data["version"] = current.version
    return (
        ResidentForm(data, instance=current),
        NetworkFormSet(data, instance=current, prefix="netwerk"),
    )
