"""Writes that touch more than one row, each in one transaction."""

from django.db import transaction
from django.db.models import F

from .models import Resident


class StaleEdit(Exception):
    """The record changed since the form was opened; nothing was saved."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


@transaction.atomic
def register_resident(*, form, network_formset, consultant) -> Resident:
    resident = form.save(commit=False)
    resident.consultant = consultant
    resident.save()
    network_formset.instance = resident
    network_formset.save()
    return resident


@transaction.atomic
def update_resident(*, form, network_formset) -> Resident:
    """Save the form only if nobody saved the resident since it was opened.

    Claiming the next version number with a conditional UPDATE makes the check
    and the write one step, so of two simultaneous saves exactly one wins.
    """
    resident = form.instance
    seen = form.cleaned_data["version"]
    claimed = Resident.objects.filter(pk=resident.pk, version=seen).update(version=F("version") + 1)
    if not claimed:
        raise StaleEdit(Resident.objects.get(pk=resident.pk))
    resident = form.save(commit=False)
    resident.version = seen + 1
    resident.save()
    network_formset.save()
    return resident
