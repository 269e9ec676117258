"""Every view fetches case data through these helpers, and checks roles with these decorators.

The rule, the same on every page:
- A case, or anything of one, that the user may not see answers 404: they learn
  nothing, not even that it exists (`get_resident`, `get_trajectory`…).
- A case the user may read but not change (a team lead reading the team's)
  answers 403 where a write is attempted (`require_own_case`, `…_to_change`).
- A page for a role the user does not have (the team's pages for a consultant,
  registering a resident for a team lead, any case page for the beheerder's
  lists) answers 403: its address is in the README, and the answer says nothing
  about any case (`team_lead_required`, `consultant_required`,
  `case_worker_required`). The role is checked first, so someone of another role
  learns nothing about an object's existence either.
- One exception to "learn nothing": the consultant a resident was handed over from
  follows an old link to "overgedragen aan … op …" (`HandedOver`, still a 404).
  They knew the resident; nobody else is told anything.

A file whose processing is restricted (AVG art. 18, cases/rights/) is read-only for
everyone: every write answers 403 with the reason (`ProcessingRestricted`), and the
pages show no forms (`may_change_case`).

Every fetch here is noted in the access log (cases/logbook/), allowed or refused:
`_fetch` notes the object and the resident it belongs to, and the response's
status settles the result (a 403 from `require_own_case` makes it refused).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from .logbook.models import ObjectKind, Result
from .logbook.services import note
from .models import (
    Agreement,
    CaseReview,
    Conversation,
    HandedOverDocument,
    Reassignment,
    Resident,
    Signal,
    Trajectory,
)

# The resident whose file the request opened, for the base template's banner.
CASE_RESIDENT = "case_resident"


class HandedOver(Http404):
    """Not found, for the consultant the resident was handed over from: `reassignment`
    says to whom and when."""

    def __init__(self, reassignment: Reassignment):
        super().__init__("handed over")
        self.reassignment = reassignment


def _not_found(request, resident_id) -> Http404:
    """The 404 for a case the user may not see: `HandedOver` when they are the consultant
    the resident (`resident_id`, None when there is no such case) was handed over from."""
    if resident_id is not None and request.user.is_authenticated and request.user.is_consultant:
        moved = (
            Reassignment.objects.filter(from_consultant=request.user, resident_id=resident_id)
            .select_related("to_consultant")
            .order_by("-at")
            .first()
        )
        if moved is not None:
            return HandedOver(moved)
    return Http404()


class HandedOverMiddleware:
    """Answers `HandedOver` with where the resident went (status 404), also with DEBUG on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, HandedOver):
            return None
        moved = exception.reassignment
        return render(
            request,
            "cases/handed_over.html",
            {"to": moved.to_consultant, "at": moved.at},
            status=404,
        )


class ProcessingRestricted(PermissionDenied):
    """A write to a file whose processing is restricted."""


def case_resident(request) -> Resident | None:
    return request.__dict__.get(CASE_RESIDENT)


def _fetch(request, queryset, pk, kind: ObjectKind, resident_path: str, *, opens_file=True):
    """The object `pk` of `queryset` (what the user may see), noted in the access log;
    404, noted as refused, for anything else. A refusal is noted against the resident
    it concerns, if the object exists, so that their file shows who tried."""
    resident_field = f"{resident_path}id" if resident_path else "pk"
    try:
        found = queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        concerns = (
            queryset.model._default_manager.filter(pk=pk).values_list(resident_field, flat=True)
        ).first()
        note(request, kind=kind, object_id=pk, resident_id=concerns, result=Result.REFUSED)
        raise _not_found(request, concerns) from None
    resident = found
    for step in resident_path.split("__")[:-1]:
        resident = getattr(resident, step)
    note(request, kind=kind, object_id=pk, resident_id=resident.pk)
    if opens_file:
        request.__dict__[CASE_RESIDENT] = resident
    return found


def get_resident(request, pk) -> Resident:
    residents = Resident.objects.visible_to(request.user).select_related("consultant")
    return _fetch(request, residents, pk, ObjectKind.RESIDENT, "")


def get_resident_with_trajectories(request, pk) -> tuple[Resident, list[Trajectory]]:
    """The resident and their trajectories, newest first, in one query when there are any.

    Each trajectory comes with its step 2 picture (or none), which the dossier shows.
    """
    trajectories = list(
        Trajectory.objects.visible_to(request.user)
        .filter(resident_id=pk)
        .select_related("resident__consultant", "resident__erasure_request", "personal_situation")
    )
    if trajectories:
        resident = trajectories[0].resident
        note(request, kind=ObjectKind.RESIDENT, object_id=pk, resident_id=resident.pk)
        request.__dict__[CASE_RESIDENT] = resident
        return resident, trajectories
    return get_resident(request, pk), []


def require_own_case(request, resident: Resident) -> None:
    """Only the resident's own consultant changes their case; a reader gets 403, and so
    does the consultant while the file's processing is restricted."""
    if resident.consultant_id != request.user.pk:
        raise PermissionDenied
    require_unrestricted(resident)


def require_unrestricted(resident: Resident) -> None:
    if resident.is_restricted:
        raise ProcessingRestricted(
            _("De verwerking van dit dossier is beperkt: het is alleen te lezen. Reden: %s")
            % resident.restriction_reason
        )


def may_change_case(request, resident: Resident) -> bool:
    """Whether a page shows the forms that change this file."""
    return resident.consultant_id == request.user.pk and not resident.is_restricted


def get_resident_to_change(request, pk) -> Resident:
    resident = get_resident(request, pk)
    require_own_case(request, resident)
    return resident


def get_trajectory(request, pk) -> Trajectory:
    trajectories = Trajectory.objects.visible_to(request.user).select_related(
        "resident__consultant"
    )
    return _fetch(request, trajectories, pk, ObjectKind.TRAJECTORY, "resident__")


def get_trajectory_to_change(request, pk) -> Trajectory:
    """Only the resident's own consultant changes a trajectory, and only while it is open."""
    trajectory = get_trajectory(request, pk)
    require_own_case(request, trajectory.resident)
    if not trajectory.is_open:
        raise PermissionDenied
    return trajectory


def may_change_trajectory(request, trajectory: Trajectory) -> bool:
    """Whether the page shows its forms: to the resident's own consultant, while it is open."""
    return trajectory.is_open and may_change_case(request, trajectory.resident)


def get_conversation(request, pk) -> Conversation:
    conversations = Conversation.objects.visible_to(request.user).select_related(
        "trajectory__resident__consultant"
    )
    return _fetch(request, conversations, pk, ObjectKind.CONVERSATION, "trajectory__resident__")


def get_conversation_to_change(request, pk) -> Conversation:
    conversation = get_conversation(request, pk)
    require_own_case(request, conversation.trajectory.resident)
    return conversation


def get_agreement_to_change(request, pk) -> Agreement:
    agreements = Agreement.objects.filter(
        conversation__in=Conversation.objects.visible_to(request.user)
    ).select_related("conversation__trajectory__resident", "resident", "network_member")
    agreement = _fetch(
        request, agreements, pk, ObjectKind.AGREEMENT, "conversation__trajectory__resident__"
    )
    require_own_case(request, agreement.conversation.trajectory.resident)
    return agreement


def get_handed_over_document(request, pk) -> HandedOverDocument:
    """A stored document, read by whoever may read its case."""
    documents = HandedOverDocument.objects.visible_to(request.user).select_related(
        "trajectory__resident"
    )
    return _fetch(request, documents, pk, ObjectKind.DOCUMENT, "trajectory__resident__")


def get_case_review_to_change(request, pk) -> CaseReview:
    """A case review of the team lead's team, to plan or record its outcome."""
    reviews = CaseReview.objects.visible_to(request.user).select_related("resident")
    review = _fetch(request, reviews, pk, ObjectKind.CASE_REVIEW, "resident__")
    require_unrestricted(review.resident)
    return review


def get_team_signal_to_change(request, pk) -> Signal:
    """A signal of the team lead's own team, to answer; it may not name its resident, so
    it opens no file (no banner names them either)."""
    signals = Signal.objects.for_team_lead(request.user).select_related("resident")
    signal = _fetch(request, signals, pk, ObjectKind.SIGNAL, "resident__", opens_file=False)
    require_unrestricted(signal.resident)
    return signal


def _role_required(has_role):
    """A view decorator: users for whom `has_role(user)` is false get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user):
                raise PermissionDenied  # logged as a refused page (cases/logbook/)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# Pages about caseloads: consultants and team leads, not the beheerder.
case_worker_required = _role_required(lambda user: user.is_consultant or user.is_team_lead)
consultant_required = _role_required(lambda user: user.is_consultant)
# The access log of the whole municipality: the privacy- en securityfunctionaris only.
privacy_officer_required = _role_required(lambda user: user.is_privacy_officer)
# The team's pages: a team lead of a team (one without a team has none to lead).
team_lead_required = _role_required(lambda user: user.is_team_lead and user.team_id is not None)
