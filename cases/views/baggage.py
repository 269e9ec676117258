"""Bagage: notes about what a resident carries, with the resident's choice of who may read them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..access import get_resident, may_change_case, require_own_case
from ..forms import BaggageNoteForm
from ..models import BaggageNote
from ..partials import HtmxHttpRequest, form_status
from ..versions import create_once


@require_http_methods(["GET", "POST"])
def baggage(request: HtmxHttpRequest, pk):
    """The notes this user may read, and (for the own consultant) a form to add one."""
    resident = get_resident(request, pk)
    may_write = may_change_case(request, resident)
    form = BaggageNoteForm(request.POST or None) if may_write else None
    if request.method == "POST":
        require_own_case(request, resident)
        if form.is_valid():
            note = form.save(commit=False)
            note.resident = resident
            note.written_by = request.user
            create_once(note, form.one_time_key)  # a double click keeps one note
            messages.success(request, _("De notitie is bewaard."))
            return redirect("cases:baggage", resident.pk)
    notes = BaggageNote.objects.visible_to(request.user, resident).select_related("written_by")
    return render(
        request,
        "cases/baggage.html",
        {"resident": resident, "notes": notes, "form": form},
        status=form_status(form),
    )
