"""The banner every page of a restricted file shows (base.html)."""

from cases.access import case_resident


def restriction(request):
    resident = case_resident(request)
    if resident is not None and resident.is_restricted:
        return {"restricted_file": resident}
    return {}
