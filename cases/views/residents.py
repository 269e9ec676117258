from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import F, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ..access import (
    case_worker_required,
    consultant_required,
    get_resident_to_change,
    get_resident_with_trajectories,
    may_change_case,
)
from ..forms import NetworkFormSet, ResidentForm, SearchForm
from ..logbook.models import Action, ObjectKind
from ..logbook.services import describe, form_changes, note
from ..models import Resident, Trajectory, User
from ..paging import page_of
from ..partials import HtmxHttpRequest, form_status, render_page
from ..search import same_person
from ..selectors import (
    life_domain_rows,
    open_actions,
    open_agreements,
    step_progress,
    with_caseload_facts,
    without_contact,
)
from ..services import register_resident, update_resident
from ..team.selectors import team_consultants
from ..team.services import handover_read
from ..timeline import DEFAULT_KINDS as TIMELINE_DEFAULT
from ..timeline import KINDS as TIMELINE_KINDS
from ..timeline import timeline
from ..versions import StaleEdit, made_with

# ?sorteer= on the caseload: what a consultant wants on top first. Each ends in the
# primary key, so that a page holds the same rows however often it is asked for.
CASELOAD_SORTS = {
    "naam": ["last_name", "first_name", "pk"],
    "stap": [F("current_step").asc(nulls_first=True), "cycle", "last_name", "pk"],
    "contact": [F("last_contact").asc(nulls_first=True), "last_name", "pk"],
    "afspraak": [F("next_appointment").asc(nulls_last=True), "last_name", "pk"],
    "te-laat": [
        F("evaluation_overdue_on").asc(nulls_last=True),
        "-overdue_count",
        "last_name",
        "pk",
    ],
}
# Rows on a page: a consultant's whole caseload, a team lead's team a page at a time.
PAGE = 100


# ?toon= on a caseload: the rows behind a number of the team overview (and ?stap=N).
CASELOAD_FILTERS = {
    "lopend": (gettext_lazy("met een lopend traject"), lambda: Q(current_step__isnull=False)),
    "te-laat": (
        gettext_lazy("met afspraken of acties over hun datum"),
        lambda: Q(overdue_count__gt=0),
    ),
    "geen-contact": (
        gettext_lazy("met een lopend traject en al weken geen gesprek"),
        without_contact,
    ),
}


def _caseload_filter(request) -> tuple[Q, str, dict]:
    """The condition of `?toon=` or `?stap=`, what it says, and its query parameters."""
    shown = request.GET.get("toon", "")
    if shown in CASELOAD_FILTERS:
        label, condition = CASELOAD_FILTERS[shown]
        return condition(), str(label), {"toon": shown}
    step = request.GET.get("stap", "")
    if step.isdigit() and Trajectory.FIRST_STEP <= int(step) <= Trajectory.LAST_STEP:
        label = _("met een lopend traject in stap %(n)s") % {"n": step}
        return Q(current_step=int(step)), label, {"stap": step}
    return Q(), "", {}


@case_worker_required
def resident_list(request: HtmxHttpRequest):
    search = SearchForm(request.GET)
    query = search.text
    sort = request.GET.get("sorteer", "naam")
    if sort not in CASELOAD_SORTS:
        sort = "naam"
    condition, filter_label, filter_params = _caseload_filter(request)
    residents = (
        with_caseload_facts(Resident.objects.visible_to(request.user).select_related("consultant"))
        .filter(condition)
        .order_by(*CASELOAD_SORTS[sort])
    )
    if query:
        residents = residents.search(query)
    # A team lead opens one consultant's caseload from the team overview.
    consultant = _chosen_consultant(request)
    if consultant:
        residents = residents.filter(consultant=consultant)
        filter_params["consulent"] = consultant.pk
    # A team of 100 consultants has 6,000 residents: a page at a time, in the same order.
    page = page_of(request, residents, PAGE)
    # The search term is not kept, only that a search ran and how many it found.
    note(
        request,
        kind=ObjectKind.LIST if query else ObjectKind.CASELOAD,
        object_id=consultant.pk if consultant else "",
        action=Action.SEARCH if query else Action.READ,
        count=page.paginator.count,
    )
    return render_page(
        request,
        "cases/resident_list.html",
        {
            "residents": page,
            "page": page,
            "query": query,
            "search": search,
            "sort": sort,
            "sort_columns": [
                ("naam", _("Naam")),
                ("stap", _("Stap")),
                ("contact", _("Laatste contact")),
                ("afspraak", _("Volgende afspraak")),
                ("te-laat", _("Te laat")),
            ],
            "is_own_caseload": request.user.is_consultant,
            "consultant": consultant,
            "filter_label": filter_label,
            # Kept by the sort links and the search form: the list stays the one asked for.
            "filter_params": filter_params,
            "filter_query": urlencode(filter_params),
        },
        partial="results",
        status=form_status(search),
    )


@consultant_required
@require_http_methods(["GET", "POST"])
def resident_create(request: HtmxHttpRequest):
    form = ResidentForm(request.POST or None)
    network = NetworkFormSet(request.POST or None, instance=Resident(), prefix="netwerk")
    possible_duplicates = []
    if request.method == "POST" and form.is_valid() and network.is_valid():
        # The consultant decides: asked once, "toch inschrijven" registers anyway. A form
        # sent twice is not asked about the resident its first sending registered.
        if request.POST.get("toch") != "1" and not made_with(Resident, form.one_time_key):
            possible_duplicates = _possible_duplicates(request, form.cleaned_data)
        if not possible_duplicates:
            changes = form_changes(form, network)
            resident = register_resident(
                resident=form.instance,
                network=network.save(commit=False),
                consultant=request.user,
                submission=form.one_time_key,
            )
            note(
                request,
                kind=ObjectKind.RESIDENT,
                object_id=resident.pk,
                resident_id=resident.pk,
                action=Action.CREATE,
                changes=changes,
            )
            messages.success(request, _("%(name)s is ingeschreven.") % {"name": resident.full_name})
            return redirect(resident)
    return render(
        request,
        "cases/resident_form.html",
        {
            "form": form,
            "network": network,
            "resident": None,
            "possible_duplicates": possible_duplicates,
        },
        status=form_status(form, network),
    )


def _possible_duplicates(request, data) -> list[Resident]:
    """Residents the consultant may see who may be the one being registered. Only those:
    the answer names them and links to them, and nobody else's caseload is searched. Shown,
    they are a search in the access log."""
    condition = same_person(
        **{
            name: data[name]
            for name in ("first_name", "infix", "last_name", "date_of_birth", "email", "phone")
        }
    )
    found = list(Resident.objects.visible_to(request.user).filter(condition)[:5])
    if found:
        note(request, kind=ObjectKind.LIST, action=Action.SEARCH, count=found)
    return found


def resident_detail(request: HtmxHttpRequest, pk):
    """The dossier: where the resident is, what is open, and everything that happened."""
    resident, trajectories = get_resident_with_trajectories(request, pk)
    if resident.new_to_consultant and resident.consultant_id == request.user.pk:
        handover_read(resident=resident)
    trajectory = next((t for t in trajectories if t.is_open), None)
    kinds = [k for k in request.GET.getlist("toon") if k in TIMELINE_KINDS] or TIMELINE_DEFAULT
    shown = _timeline_length(request.GET.get("aantal"))
    happened = timeline(resident, trajectories, kinds, limit=shown)
    context = {
        "resident": resident,
        "trajectory": trajectory,
        "earlier_trajectories": [t for t in trajectories if not t.is_open],
        # Where the resident is, at a glance; the trajectory page counts the ticks.
        "progress": step_progress(trajectory, trajectory.cycle, counts=False)
        if trajectory
        else None,
        "network": resident.network.all(),
        "next_appointment": happened.next_appointment,
        "to_log": happened.to_log,
        "open_agreements": open_agreements(resident),
        "open_actions": open_actions(trajectory) if trajectory else [],
        "timeline": happened.entries,
        "timeline_more": happened.has_more,
        # A recent handover is shown on top, so the new consultant reads it first.
        "handover": next((e for e in happened.entries if e.kind == "overdrachten"), None),
        "timeline_next_length": shown + TIMELINE_PAGE,
        "timeline_kinds": TIMELINE_KINDS.values(),
        "shown_kinds": kinds,
        "may_change": may_change_case(request, resident),
        "erasure_requested": hasattr(resident, "erasure_request"),
    }
    if trajectory:
        picture = getattr(trajectory, "personal_situation", None)
        context |= {
            "life_domains": life_domain_rows(trajectory),
            "picture": picture,
            "picture_text": Truncator(picture.picture).words(30) if picture else "",
            "situation_url": reverse("cases:situation", args=[trajectory.pk]),
        }
    return render_page(request, "cases/resident_detail.html", context, partial="timeline")


def _chosen_consultant(request):
    """?consulent=<id>: one consultant of the team lead's own team, or None."""
    if not request.user.is_team_lead:
        return None
    try:
        return team_consultants(request.user.team_id).get(pk=int(request.GET.get("consulent", "")))
    except (ValueError, User.DoesNotExist):
        return None


TIMELINE_PAGE, TIMELINE_MAX = 10, 500


def _timeline_length(asked) -> int:
    """How many timeline entries to show: a page more each time the consultant asks."""
    try:
        return min(max(int(asked), TIMELINE_PAGE), TIMELINE_MAX)
    except (TypeError, ValueError):
        return TIMELINE_PAGE


@require_http_methods(["GET", "POST"])
def resident_edit(request: HtmxHttpRequest, pk):
    resident = get_resident_to_change(request, pk)
    form = ResidentForm(request.POST or None, instance=resident)
    network = NetworkFormSet(request.POST or None, instance=resident, prefix="netwerk")
    if request.method == "POST" and form.is_valid() and network.is_valid():
        changes = form_changes(form, network)
        try:
            update_resident(
                resident=form.instance,
                seen=form.seen_version,
                network=network.save(commit=False),
                removed=network.deleted_objects,
            )
        except StaleEdit as stale:
            form = form.late_save(stale.current)
            network = NetworkFormSet(form.data, instance=stale.current, prefix="netwerk")
        else:
            describe(request, Action.CHANGE, changes=changes)
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(resident)
    return render(
        request,
        "cases/resident_form.html",
        {"form": form, "network": network, "resident": resident},
        status=form_status(form, network),
    )
