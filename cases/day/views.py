"""/vandaag/: the consultant's day, and their start page."""

from django.conf import settings
from django.utils import timezone

from ..access import consultant_required
from ..logbook.models import ObjectKind
from ..logbook.services import note
from ..partials import HtmxHttpRequest, render_page
from . import selectors


@consultant_required
def today(request: HtmxHttpRequest):
    """Today's conversations, those still to log, what is due this week, residents without
    contact for weeks, evaluations due, residents new to the consultant after a handover,
    and double bookings. `?deel=teller` (htmx) is
    only the count of what is due, which follows an agreement marked done."""
    consultant, day = request.user, timezone.localdate()
    due = selectors.due_this_week(consultant, day)
    if request.GET.get("deel") == "teller":
        return render_page(request, "cases/today.html", {"due": due}, partial="due_count")
    bookings = selectors.double_bookings(consultant, day)
    context = {
        "day": day,
        "week_ends": selectors.end_of_week(day),
        "conversations": selectors.todays_conversations(consultant, day),
        "to_log": selectors.conversations_to_log(consultant),
        "due": due,
        "without_contact": selectors.residents_without_contact(consultant),
        "weeks": settings.TEAM_NO_CONTACT_WEEKS,
        "evaluations": selectors.evaluations_due(consultant, day),
        "new_to_me": selectors.new_to_consultant(consultant),
        "double_bookings": bookings,
        "double_booked": {c.pk for b in bookings for c in b.conversations},
    }
    # The access log notes the day as a look at the caseload: how many residents it named.
    note(request, kind=ObjectKind.CASELOAD, count=len(selectors.residents_named(context)))
    return render_page(request, "cases/today.html", context)
