"""Planning a conversation, logging it, and following up its agreements."""

import uuid
from urllib.parse import quote

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from .. import documents, services
from ..access import (
    get_agreement_to_change,
    get_conversation,
    get_conversation_to_change,
    get_trajectory_to_change,
    may_change_case,
)
from ..day.selectors import booked_at_the_same_time
from ..forms import (
    AgendaFormSet,
    AgreementForm,
    AgreementFormSet,
    CloseForm,
    ConversationForm,
    MoveForm,
    PlannedAgendaFormSet,
    PlanningForm,
)
from ..models import AgendaItem, Agreement, Conversation
from ..partials import HtmxHttpRequest, form_status, wants_partial
from ..versions import StaleEdit


@require_http_methods(["GET", "POST"])
def conversation_create(request: HtmxHttpRequest, pk):
    """Log a conversation that was held, or (`?plannen=1`) plan one with its agenda."""
    trajectory = get_trajectory_to_change(request, pk)
    # Its id is made when it is saved: until then the forms ask the database nothing about
    # it (its participants, steps, agenda and agreements: none yet).
    conversation = Conversation(trajectory=trajectory, id=None)
    carried = _open_agenda_items(trajectory)
    if request.GET.get("plannen") == "1":
        return _plan(request, trajectory, conversation, {}, carried)
    initial = {
        "held_at": timezone.localtime().replace(second=0, microsecond=0),
        "steps_worked_on": [trajectory.current_step],
    }
    return _edit(request, trajectory, conversation, initial, carried)


@require_http_methods(["GET", "POST"])
def conversation_edit(request: HtmxHttpRequest, pk):
    """Log a planned conversation (or change a held one); `?plannen=1` changes a planned
    one's kind, place, company and agenda."""
    conversation = get_conversation_to_change(request, pk)
    trajectory = conversation.trajectory
    if not trajectory.is_open:
        messages.error(request, _("Dit traject is afgesloten; gesprekken blijven leesbaar."))
        return redirect(conversation)
    if conversation.is_closed_unheld:
        messages.error(request, _("Dit gesprek ging niet door. Plan een nieuw gesprek."))
        return redirect(conversation)
    if conversation.is_planned and request.GET.get("plannen") == "1":
        return _plan(request, trajectory, conversation, {}, [])
    initial = {}
    if conversation.is_planned:
        initial = {"steps_worked_on": [trajectory.current_step]}
    return _edit(request, trajectory, conversation, initial, [])


def _plan(request, trajectory, conversation, initial, carried_agenda):
    data = request.POST if request.method == "POST" else None
    form = PlanningForm(data, instance=conversation, initial=initial, trajectory=trajectory)
    agenda = _agenda(PlannedAgendaFormSet, data, conversation, carried_agenda)
    if form.is_bound and form.is_valid() and agenda.is_valid():
        try:
            saved = services.save_conversation(
                conversation=form.instance,
                by=request.user,
                seen=form.seen_version,
                submission=form.one_time_key,
                participants=form.cleaned_data["participants"],
                agenda=agenda.save(commit=False),
                removed=agenda.deleted_objects,
            )
        except StaleEdit as stale:
            form = form.late_save(stale.current, trajectory=trajectory)
        else:
            messages.success(request, _("Het gesprek is gepland, met de agenda."))
            _warn_of_double_booking(request, saved)
            return redirect(saved)
    return render(
        request,
        "cases/conversation_plan_form.html",
        {
            "form": form,
            "agenda": agenda,
            "conversation": None if conversation._state.adding else conversation,
            "trajectory": trajectory,
            "resident": trajectory.resident,
        },
        status=form_status(form, agenda),
    )


def _edit(request, trajectory, conversation, initial, carried_agenda):
    data = request.POST if request.method == "POST" else None
    form = ConversationForm(data, instance=conversation, initial=initial, trajectory=trajectory)
    held_on = None
    if form.is_bound and form.is_valid():
        held_on = timezone.localtime(form.cleaned_data["held_at"]).date()
    agenda = _agenda(AgendaFormSet, data, conversation, carried_agenda)
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
                submission=form.one_time_key,
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


def _agenda(formset, data, conversation, carried):
    """The agenda's forms, starting with the items `carried` from the last conversation."""
    agenda = formset(
        data,
        instance=conversation,
        prefix="agenda",
        initial=[{"text": i.text, "raised_by": i.raised_by} for i in carried],
    )
    if carried:
        agenda.extra = len(carried) + 1
    return agenda


def _late_agreement(agreements, current, held_on) -> None:
    """The agreement someone saved meanwhile shows what is stored now, beside what was typed."""
    for i, agreement_form in enumerate(agreements.forms):
        if agreement_form.instance.pk == current.pk:
            network = agreement_form.fields["network_member"].queryset
            agreements.forms[i] = agreement_form.late_save(
                current, network=network, held_on=held_on
            )


def _open_agenda_items(trajectory):
    """The agenda items the last conversation did not get to (held, cancelled or not
    attended), unless a conversation already planned has them."""
    conversations = trajectory.conversations.all()
    if conversations.upcoming().exists():
        return []
    last = conversations.exclude(status=Conversation.Status.PLANNED).first()
    if last is None:
        return []
    return list(AgendaItem.objects.filter(conversation=last, discussed=False))


@require_http_methods(["GET", "POST"])
def conversation_move(request: HtmxHttpRequest, pk):
    """Move a planned conversation to another time; the timeline records it."""

    def move(conversation, form):
        data = form.cleaned_data
        services.move_conversation(
            conversation=conversation,
            to=data["to"],
            asked_by=data["asked_by"],
            reason=data["reason"],
            seen=form.seen_version,
            by=request.user,
        )
        when = date_format(timezone.localtime(data["to"]), "l j F, H:i")
        messages.success(request, _("Het gesprek is verzet naar %(when)s.") % {"when": when})
        _warn_of_double_booking(request, conversation)

    return _reschedule(request, pk, MoveForm, "cases/conversation_move.html", move)


@require_http_methods(["GET", "POST"])
def conversation_close(request: HtmxHttpRequest, pk):
    """A planned conversation that did not take place: cancelled, or not attended."""

    def close(conversation, form):
        data = form.cleaned_data
        change = services.close_planned_conversation(
            conversation=conversation,
            what=data["what"],
            asked_by=data["asked_by"],
            reason=data["reason"],
            seen=form.seen_version,
            by=request.user,
        )
        messages.success(
            request,
            _("Vastgelegd: %(what)s. Plan een nieuw gesprek als dat nodig is.")
            % {"what": change.get_what_display().lower()},
        )

    return _reschedule(request, pk, CloseForm, "cases/conversation_close.html", close)


def _reschedule(request, pk, form_class, template, apply):
    """A form about a planned conversation (moving or closing it) and its answer: `apply`
    saves a valid form, and a late save shows the form again beside what is stored."""
    conversation = get_conversation_to_change(request, pk)
    if refusal := _not_to_reschedule(request, conversation):
        return refusal
    form = form_class(request.POST or None, instance=conversation)
    if request.method == "POST" and form.is_valid():
        try:
            apply(conversation, form)
        except StaleEdit as stale:
            form = form.late_save(stale.current)
        else:
            return redirect(conversation)
    return render(
        request,
        template,
        {
            "form": form,
            "conversation": conversation,
            "trajectory": conversation.trajectory,
            "resident": conversation.trajectory.resident,
        },
        status=form_status(form),
    )


def _warn_of_double_booking(request, conversation) -> None:
    """Say so when the consultant has another conversation less than an hour away."""
    for other in booked_at_the_same_time(conversation):
        messages.warning(
            request,
            _("Let op: je hebt dan ook een gesprek met %(name)s om %(time)s.")
            % {
                "name": other.trajectory.resident.full_name,
                "time": date_format(timezone.localtime(other.held_at), "H:i"),
            },
        )


def _not_to_reschedule(request, conversation):
    """The answer when a conversation cannot be moved or closed (its trajectory is
    closed, or it is no longer planned); None when it can."""
    if not conversation.trajectory.is_open:
        messages.error(request, _("Dit traject is afgesloten; gesprekken blijven leesbaar."))
        return redirect(conversation)
    if not conversation.is_planned:
        messages.error(request, services.NotPlanned().messages[0])
        return redirect(conversation)
    return None


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
        "changes": conversation.appointment_changes.all(),
        "may_change": is_own_case and trajectory.is_open,
    }
    if conversation.is_planned:
        # The printable agenda says who the resident meets, where, and how to reach them.
        contact = documents.consultant_contact(trajectory.resident.consultant)
        place = documents.where(conversation.setting, contact)
        context |= {
            "contact": contact,
            "place": place,
            "interpreter": documents.interpreter(trajectory.resident),
            "agenda_mailto": _agenda_mailto(conversation, place),
        }
    elif not conversation.is_closed_unheld:  # one that did not take place has nothing to take
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


def _agenda_mailto(conversation, place: str) -> str:
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
        _("We spreken elkaar op %(when)s. %(place)s.") % {"when": when, "place": place},
        "",
        _("Dit wil ik met je bespreken:"),
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
    from_the_day = request.POST.get("vanaf") == "vandaag"  # a list of several residents'
    if wants_partial(request):
        response = render(
            request,
            "cases/_agreement.html",
            {
                "agreement": agreement,
                "may_change": True,
                "show_resident": from_the_day,
            },
        )
        # The counts of what is still to do on the page refresh themselves.
        return trigger_client_event(response, "afspraak-gewijzigd")
    return redirect("cases:today" if from_the_day else agreement.conversation.trajectory.resident)


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
