"""Systeemkritiek: a consultant signals it, the team lead follows it up, the consultant
sees what became of it and can tell the resident."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..access import consultant_required, get_resident_to_change
from ..forms import SignalForm, SignalResponseForm
from ..models import Signal
from .htmx import HtmxHttpRequest


@require_http_methods(["GET", "POST"])
def signal_create(request: HtmxHttpRequest, pk):
    resident = get_resident_to_change(request, pk)
    form = SignalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signal = form.save(commit=False)
        signal.resident = resident
        signal.signalled_by = request.user
        signal.save()
        messages.success(request, _("Het signaal is doorgegeven aan je teamleider."))
        return redirect(resident)
    return render(request, "cases/signal_form.html", {"form": form, "resident": resident})


@consultant_required
def my_signals(request: HtmxHttpRequest):
    """The consultant's own signals, with what became of them."""
    signals = Signal.objects.filter(signalled_by=request.user).select_related("resident")
    return render(request, "cases/my_signals.html", {"signals": signals})


def team_signals(request: HtmxHttpRequest, bound=None):
    """/team/signalen/: the team's signals, without the resident unless the consultant shared it."""
    if not request.user.is_team_lead:
        raise Http404
    signals = Signal.objects.for_team_lead(request.user).select_related("signalled_by", "resident")
    items = [
        (
            s,
            bound
            if bound is not None and bound.instance.pk == s.pk
            else SignalResponseForm(instance=s, prefix=str(s.pk)),
        )
        for s in signals
    ]
    return render(
        request,
        "cases/team_signals.html",
        {"items": items},
        status=400 if bound is not None else 200,
    )


@require_POST
def signal_respond(request: HtmxHttpRequest, pk: int):
    signal = get_object_or_404(Signal.objects.for_team_lead(request.user), pk=pk)
    form = SignalResponseForm(request.POST, instance=signal, prefix=str(signal.pk))
    if not form.is_valid():
        return team_signals(request, bound=form)
    signal = form.save(commit=False)
    signal.responded_at = timezone.now()
    signal.save()
    messages.success(request, _("Opgeslagen. De consulent ziet de status en het antwoord."))
    return redirect("cases:team_signals")
