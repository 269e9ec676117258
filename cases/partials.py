"""How a view answers: a whole page, or for htmx the part of it that changed; and the
status of a form's answer, the same on every page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django_htmx.middleware import HtmxDetails

# A form with errors answers 400, one refused because someone else saved first 409;
# the base template's htmx configuration swaps both in like a success.
INVALID = 400
LATE_SAVE = 409


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def wants_partial(request: HtmxHttpRequest) -> bool:
    """An htmx request that swaps part of the page (not a boosted link or a history restore)."""
    return (
        bool(request.htmx) and not request.htmx.boosted and not request.htmx.history_restore_request
    )


def render_page(
    request: HtmxHttpRequest, template: str, context: dict, *, partial: str = "", status=200
) -> HttpResponse:
    """The page, or only its `{% partialdef %}` named `partial` when htmx asks for a part."""
    if partial and wants_partial(request):
        template = f"{template}#{partial}"
    return render(request, template, context, status=status)


def form_status(*forms) -> int:
    """409 when a form was refused as a late save, 400 when one has errors, else 200."""
    bound = [f for f in forms if f is not None and f.is_bound]
    each_form = [form for f in bound for form in getattr(f, "forms", [f])]  # formsets' too
    if any(getattr(form, "is_late", False) for form in each_form):
        return LATE_SAVE
    if any(_has_errors(f) for f in bound):
        return INVALID
    return 200


def _has_errors(form_or_formset) -> bool:
    if hasattr(form_or_formset, "total_error_count"):  # a formset
        return form_or_formset.total_error_count() > 0
    return bool(form_or_formset.errors)


def announce(response: HttpResponse, text: str) -> HttpResponse:
    """Has the page's live region (`#aankondiging` in base.html) say what an htmx answer
    changed, for whoever cannot see it change ("Afgevinkt", "Subdoel toegevoegd"). The
    words go into the region that is already there (out of band, its inner HTML): a
    screen reader reads a change inside a live region, not a region that is new."""
    response.write(format_html('<div hx-swap-oob="innerHTML:#aankondiging">{}</div>', text))
    return response
