"""Every view fetches case data through these helpers.

Outsiders get 404 (they learn nothing, not even that a record exists); a user
who may read a case but not change it gets 403 where a write is attempted.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Resident


def get_resident(request, pk) -> Resident:
    residents = Resident.objects.visible_to(request.user).select_related("consultant")
    return get_object_or_404(residents, pk=pk)


def get_resident_to_change(request, pk) -> Resident:
    resident = get_resident(request, pk)
    if resident.consultant_id != request.user.pk:
        raise PermissionDenied
    return resident


def case_worker_required(view):
    """Pages about caseloads: consultants and team leads, not the beheerder."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_consultant or request.user.is_team_lead):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def consultant_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_consultant:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
