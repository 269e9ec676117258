"""Planning a conversation, logging it, and following up its agreements."""

import uuid
from urllib.parse import quote

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import documents, services
from ..access import (
    get_agreement_to_change,
    get_conversation,
    get_conversation_to_change,
    get_trajectory_to_change,
    may_change_case,
)
from ..forms import AgendaFormSet, AgreementForm, AgreementFormSet, ConversationForm
from ..models import AgendaItem, Agreement, Conversation
from ..partials import HtmxHttpRequest, form_status, wants_partial
from ..versions import StaleEdit


@require_http_methods(["GET", "POST"])
def conversation_create(request: HtmxHttpRequest, pk):
    trajectory = get_trajectory_to_change(request, pk)
    planning = request.GET.get("plannen") == "1"
    initial = {
        "status": Conversation.Status.PLANNED if planning else Conversation.Status.HELD,
        "held_at": timezone.localtime().replace(second=0, microsecond=0),
        "submission": uuid.uuid4(),
        "steps_worked_on": [trajectory.current_step],
    }
    conversation = Conversation(trajectory=trajectory)
    carried = _open_agenda_items(trajectory)
    return _edit(request, trajectory, conversation, initial, carried)


@require_http_methods(["GET", "POST"])
def conversation_edit(request: HtmxHttpRequest, pk):
    conversation = get_conversation_to_change(request, pk)
    trajectory = conversation.trajectory
    if not trajectory.is_open:
        messages.error(request, _("Dit traject is afgesloten; gesprekken blijven leesbaar."))
        return redirect(conversation)
    initial = {}
    if conversation.is_planned:  # logging a planned conversation, or changing its plan
        initial = {
            "steps_worked_on": [trajectory.current_step],
            "status": services.logging_status(conversation),
        }
    return _edit(request, trajectory, conversation, initial, [])


def _edit(request, trajectory, conversation, initial, carried_agenda):
    data = request.POST if request.method == "POST" else None
    form = ConversationForm(data, instance=conversation, initial=initial, trajectory=trajectory)
    held_on = None
    if form.is_bound and form.is_valid():
        held_on = timezone.localtime(form.cleaned_data["held_at"]).date()
    agenda = AgendaFormSet(
        data,
        instance=conversation,
        prefix="agenda",
        initial=[{"text": i.text, "raised_by": i.raised_by} for i in carried_agenda],
    )
    if carried_agenda:
        agenda.extra = len(carried_agenda) + 1
    agreements = AgreementFormSet(
        data,
        instance=conversation,
        prefix="afspraken",
        form_kwargs={"network": trajectory.resident.network.all(), "held_on": held_on},
    )
    if form.is_bound and form.is_valid() and agenda.is_valid() and agreements.is_valid():
        data = form.cleaned_data
        changed_agreements = agreements.save(commit=False)
        for agreement_form in agreements.forms:  # a changed one as the user saw it
            if agreement_form.instance.pk is not None:
                agreement_form.instance.version = agreement_form.seen_version
        try:
            saved = services.save_conversation(
                conversation=form.instance,
                by=request.user,
                seen=form.seen_version,
                submission=data.get("submission"),
                participants=data["participants"],
                steps_worked_on=data["steps_worked_on"],
                agenda=agenda.save(commit=False),
                agreements=changed_agreements,
                removed=[*agenda.deleted_objects, *agreements.deleted_objects],
                ticked_items=data["ticked_items"],
                next_appointment=data.get("next_appointment"),
            )
        except StaleEdit as stale:
            if isinstance(stale.current, Agreement):  # changed on its own page meanwhile
                _late_agreement(agreements, stale.current, held_on)
            else:
                form = form.late_save(stale.current, trajectory=trajectory)
        else:
            if saved.is_planned:
                messages.success(request, _("Het gesprek is gepland, met de agenda."))
            else:
                messages.success(request, _("Het gesprek is vastgelegd."))
            return redirect(saved)
    return render(
        request,
        "cases/conversation_form.html",
        {
            "form": form,
            "agenda": agenda,
            "agreements": agreements,
            "conversation": None if conversation._state.adding else conversation,
            "trajectory": trajectory,
            "resident": trajectory.resident,
        },
        status=form_status(form, agenda, agreements),
    )


def _late_agreement(agreements, current, held_on) -> None:
    """The agreement someone saved meanwhile shows what is stored now, beside what was typed."""
    for i, agreement_form in enumerate(agreements.forms):
        if agreement_form.instance.pk == current.pk:
            network = agreement_form.fields["network_member"].queryset
            agreements.forms[i] = agreement_form.late_save(
                current, network=network, held_on=held_on
            )


def _open_agenda_items(trajectory):
    """The agenda items the last held conversation did not get to."""
    last = trajectory.conversations.filter(status=Conversation.Status.HELD).first()
    if last is None:
        return []
    return list(AgendaItem.objects.filter(conversation=last, discussed=False))


def conversation_detail(request: HtmxHttpRequest, pk):
    conversation = get_conversation(request, pk)
    trajectory = conversation.trajectory
    is_own_case = may_change_case(request, trajectory.resident)
    context = {
        "conversation": conversation,
        "trajectory": trajectory,
        "resident": trajectory.resident,
        "agenda": conversation.agenda_items.all(),
        "participants": conversation.participants.all(),
        "may_change": is_own_case and trajectory.is_open,
    }
    if conversation.is_planned:
        context["agenda_mailto"] = _agenda_mailto(conversation)
    else:
        # What the resident takes home: the afsprakenbriefje, the same as a text to
        # send, and the versions handed over before.
        letter = documents.agreements_letter(conversation)
        context |= {
            "agreements": conversation.agreements.select_related("network_member"),
            "steps": conversation.steps_worked_on.all(),
            "agreements_text": documents.agreements_text(letter),
            "next_appointment": letter.context["next_appointment"],
            "may_hand_over": is_own_case,
            "hand_over_submission": uuid.uuid4(),
            "handed_over": conversation.handed_over_documents.listed(),
        }
    return render(request, "cases/conversation_detail.html", context)


def _agenda_mailto(conversation) -> str:
    """A mailto: link with the agenda, for the consultant's own mail program.

    The invitation goes out from the consultant's mailbox, as letters do now;
    the application sends nothing itself.
    """
    resident = conversation.trajectory.resident
    if not resident.email:
        return ""
    when = date_format(timezone.localtime(conversation.held_at), "l j F \\o\\m H:i")
    lines = [
        _("Beste %(name)s,") % {"name": resident.first_name},
        "",
        _("We spreken elkaar op %(when)s. Dit wil ik met je bespreken:") % {"when": when},
        *(f"- {item.text}" for item in conversation.agenda_items.all()),
        "",
        _("Wat wil jij bespreken? Laat het me weten, dan zet ik het erbij."),
        _("Je mag iemand meenemen naar het gesprek."),
        "",
        _("Groet,"),
        str(resident.consultant),
    ]
    subject = _("Agenda voor ons gesprek")
    return (
        f"mailto:{quote(resident.email)}?subject={quote(subject)}&body={quote(chr(10).join(lines))}"
    )


@require_POST
def agreement_done(request: HtmxHttpRequest, pk):
    """Mark an agreement done, or open again."""
    agreement = get_agreement_to_change(request, pk)
    services.set_agreement_done(agreement=agreement, done=request.POST.get("done") != "0")
    if wants_partial(request):
        return render(
            request,
            "cases/_agreement.html",
            {"agreement": agreement, "may_change": True},
        )
    return redirect(agreement.conversation.trajectory.resident)


@require_http_methods(["GET", "POST"])
def agreement_edit(request: HtmxHttpRequest, pk):
    agreement = get_agreement_to_change(request, pk)
    conversation = agreement.conversation
    form = AgreementForm(
        request.POST or None,
        instance=agreement,
        network=conversation.trajectory.resident.network.all(),
        held_on=timezone.localtime(conversation.held_at).date(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_agreement(agreement=form.instance, seen=form.seen_version)
        except StaleEdit as stale:
            form = form.late_save(
                stale.current,
                network=conversation.trajectory.resident.network.all(),
                held_on=timezone.localtime(conversation.held_at).date(),
            )
        else:
            messages.success(request, _("De afspraak is aangepast."))
            return redirect(conversation.trajectory.resident)
    return render(
        request,
        "cases/agreement_form.html",
        {"form": form, "agreement": agreement, "resident": conversation.trajectory.resident},
        status=form_status(form),
    )
