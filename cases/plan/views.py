"""The doel-actieplan on screen: steps 4 to 7, made together.

Every part (goal, sub-goal, option, the resident's question, action) is added,
changed, moved and removed through the same four views. With htmx a form
opens in place and a save swaps its section of the page; without JavaScript
the same URLs are plain pages and posts that go back to the plan.
"""

import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap

from ..access import get_trajectory, get_trajectory_to_change
from ..ics import ics_response
from ..models import HandedOverDocument
from ..services import StaleEdit
from ..views.documents import preview_or_hand_over
from ..views.htmx import HtmxHttpRequest, wants_partial
from . import services
from .documents import evaluation_event, plan_document
from .forms import (
    ActionForm,
    DecisionForm,
    EvaluationForm,
    GoalForm,
    MaxOptionsForm,
    OptionForm,
    QuestionForm,
    SubGoalForm,
)
from .models import Action, Goal, Option, OptionAnswer, OptionQuestion, SubGoal
from .selectors import plan_sheet

# The sections of the plan page, by the id of their element.
SECTIONS = {
    "doel": "goals",
    "keuzekaart": "card",
    "besluit": "decision",
    "acties": "actions",
    "evaluatie": "evaluation",
}


@dataclass(frozen=True)
class PartKind:
    model: type
    form: type[ModelForm]
    section: str
    noun: str

    @property
    def per_round(self) -> bool:
        return self.model is not Goal and self.model is not SubGoal


PARTS = {
    "doelen": PartKind(Goal, GoalForm, "doel", gettext_lazy("doel")),
    "subdoelen": PartKind(SubGoal, SubGoalForm, "doel", gettext_lazy("subdoel")),
    "opties": PartKind(Option, OptionForm, "keuzekaart", gettext_lazy("mogelijkheid")),
    "vragen": PartKind(OptionQuestion, QuestionForm, "keuzekaart", gettext_lazy("vraag")),
    "acties": PartKind(Action, ActionForm, "acties", gettext_lazy("actie")),
}


def _kind(part: str) -> PartKind:
    try:
        return PARTS[part]
    except KeyError:
        raise Http404 from None


def _may_change(request, trajectory) -> bool:
    return trajectory.is_open and trajectory.resident.consultant_id == request.user.pk


def _context(request, sheet, **extra):
    return {
        "trajectory": sheet.trajectory,
        "resident": sheet.trajectory.resident,
        "sheet": sheet,
        "may_change": _may_change(request, sheet.trajectory) and sheet.is_current_round,
        "max_options_form": MaxOptionsForm(instance=sheet.plan),
        "hand_over_submission": uuid.uuid4(),
        "handed_over": sheet.trajectory.handed_over_documents.listed().filter(
            kind=HandedOverDocument.Kind.PLAN
        ),
        **extra,
    }


def _chosen_round(request, trajectory) -> int:
    try:
        cycle = int(request.GET.get("ronde", trajectory.cycle))
    except ValueError:
        return trajectory.cycle
    return cycle if 1 <= cycle <= trajectory.cycle else trajectory.cycle


@require_GET
def plan(request: HtmxHttpRequest, pk):
    """The plan of a round; `?deel=<section>` gives one section to htmx (a cancelled form)."""
    trajectory = get_trajectory(request, pk)
    sheet = plan_sheet(trajectory, _chosen_round(request, trajectory))
    context = _context(request, sheet)
    section = request.GET.get("deel")
    if wants_partial(request) and section in SECTIONS:
        return render(request, f"cases/plan_sections.html#{SECTIONS[section]}", context)
    return render(request, "cases/plan.html", context)


@require_GET
def plan_together(request: HtmxHttpRequest, pk):
    """The "samen" view: the plan alone, in large type, to read side by side."""
    trajectory = get_trajectory(request, pk)
    sheet = plan_sheet(trajectory, _chosen_round(request, trajectory))
    return render(request, "cases/plan_together.html", _context(request, sheet, together=True))


def _saved(request, trajectory, section: str, message: str, *, error: str = ""):
    """After a save (or a refusal to remove): htmx gets every section anew, out of band;
    a plain post goes back to the plan with the message."""
    if wants_partial(request):
        sheet = plan_sheet(trajectory)
        context = _context(request, sheet, error=error, error_section=section)
        response = render(
            request, "cases/plan_sections.html#all", context, status=409 if error else 200
        )
        return reswap(response, "none")
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return redirect(f"{reverse('cases:plan', args=[trajectory.pk])}#{section}")


def _form_page(request, trajectory, form, *, action: str, title: str, section: str, status=200):
    context = {
        "trajectory": trajectory,
        "resident": trajectory.resident,
        "form": form,
        "action": action,
        "title": title,
        "section": section,
    }
    if wants_partial(request):
        return render(request, "cases/plan_part_form.html#form", context, status=status)
    return render(request, "cases/plan_part_form.html", context, status=status)


def _stale_form(make_form, current):
    """The user's form again after someone else saved first: what they typed stays, with what
    is stored now above it. It carries the current version, so saving again overwrites on
    purpose."""
    stored, version = str(current), current.version  # read before the form changes `current`
    form = make_form(current)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Iemand anders heeft dit intussen gewijzigd. Zo staat het nu opgeslagen: "
            "“%(current)s”. Je eigen tekst staat hieronder nog; bewaar opnieuw om die te houden."
        )
        % {"current": stored},
    )
    data = form.data.copy()
    data[form.add_prefix("version")] = version
    form.data = data
    return form


def _part_form(kind: PartKind, trajectory, instance, data=None):
    kwargs = {"data": data, "instance": instance, "prefix": "deel"}
    if kind.model is Option:
        # The resident's questions of this round are the option's extra rows.
        kwargs["questions"] = OptionQuestion.objects.filter(
            plan__trajectory=trajectory, cycle=trajectory.cycle
        )
        kwargs["answers"] = dict(
            OptionAnswer.objects.filter(option_id=instance.pk).values_list("question_id", "text")
        )
    elif kind.model is Action:
        kwargs["network"] = trajectory.resident.network.all()
    return kind.form(**kwargs)


def _parts(kind: PartKind, trajectory):
    """The parts of this plan a user may change: the current round's only."""
    if kind.model is SubGoal:
        return SubGoal.objects.filter(goal__plan__trajectory=trajectory)
    parts = kind.model.objects.filter(plan__trajectory=trajectory)
    return parts.filter(cycle=trajectory.cycle) if kind.per_round else parts


@require_http_methods(["GET", "POST"])
def part_create(request: HtmxHttpRequest, pk, part: str):
    trajectory = get_trajectory_to_change(request, pk)
    kind = _kind(part)
    instance = kind.model()
    if kind.model is SubGoal:
        instance.goal = get_object_or_404(
            Goal, plan__trajectory=trajectory, pk=request.GET.get("doel") or 0
        )
    form = _part_form(kind, trajectory, instance, request.POST or None)
    action = request.get_full_path()
    title = _("Nieuw: %(noun)s") % {"noun": kind.noun}
    if request.method == "POST" and form.is_valid():
        plan = services.get_or_create_plan(trajectory)
        try:
            if kind.model is Option:
                services.add_option(form, plan=plan, cycle=trajectory.cycle, by=request.user)
            else:
                if kind.model is not SubGoal:
                    instance.plan = plan
                if kind.per_round:
                    instance.cycle = trajectory.cycle
                if kind.model is Goal:
                    instance.created_by = request.user
                services.save_part(form, by=request.user)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            return _saved(request, trajectory, kind.section, _("Toegevoegd."))
    status = 400 if form.is_bound else 200
    return _form_page(
        request, trajectory, form, action=action, title=title, section=kind.section, status=status
    )


@require_http_methods(["GET", "POST"])
def part_edit(request: HtmxHttpRequest, pk, part: str, item: int):
    trajectory = get_trajectory_to_change(request, pk)
    kind = _kind(part)
    instance = get_object_or_404(_parts(kind, trajectory), pk=item)
    form = _part_form(kind, trajectory, instance, request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                save = services.change_option if kind.model is Option else services.save_part
                save(form, by=request.user, seen=form.cleaned_data["version"])
            except StaleEdit as stale:
                form = _stale_form(
                    lambda current: _part_form(kind, trajectory, current, request.POST),
                    stale.current,
                )
                status = 409
            else:
                return _saved(request, trajectory, kind.section, _("Bewaard."))
    return _form_page(
        request,
        trajectory,
        form,
        action=request.get_full_path(),
        title=_("Wijzigen: %(noun)s") % {"noun": kind.noun},
        section=kind.section,
        status=status,
    )


@require_POST
def part_remove(request: HtmxHttpRequest, pk, part: str, item: int):
    trajectory = get_trajectory_to_change(request, pk)
    kind = _kind(part)
    instance = get_object_or_404(_parts(kind, trajectory), pk=item)
    try:
        seen = int(request.POST.get("version", ""))
    except ValueError:
        seen = instance.version
    try:
        services.remove_part(instance, by=request.user, seen=seen)
    except ValidationError as refused:
        error = " ".join(refused.messages)
    except StaleEdit:
        error = _("Iemand anders heeft dit intussen gewijzigd. Bekijk het en haal het dan weg.")
    else:
        return _saved(request, trajectory, kind.section, _("Weggehaald."))
    return _saved(request, trajectory, kind.section, "", error=error)


@require_POST
def part_move(request: HtmxHttpRequest, pk, part: str, item: int):
    trajectory = get_trajectory_to_change(request, pk)
    kind = _kind(part)
    instance = get_object_or_404(_parts(kind, trajectory), pk=item)
    services.move_part(instance, up=request.POST.get("richting") != "omlaag")
    return _saved(request, trajectory, kind.section, _("Verplaatst."))


@require_POST
def max_options(request: HtmxHttpRequest, pk):
    """How many options the resident wants to weigh; the card honours it."""
    trajectory = get_trajectory_to_change(request, pk)
    plan = services.get_or_create_plan(trajectory)
    form = MaxOptionsForm(request.POST, instance=plan)
    if form.is_valid():
        form.save()
    return _saved(request, trajectory, "keuzekaart", _("Bewaard."))


def _round_record(request, pk, *, section: str, form_class, current, form_kwargs, save, title):
    """The decision or the evaluation of the current round: one form, saved with its version.

    `current(sheet)` is the record so far, if any. `form_kwargs(sheet)` gives what
    the form needs from the plan, or raises Http404 when the round is not that far
    yet. `save` may return a message that the whole page changed (a new round
    began): the browser then loads it anew.
    """
    trajectory = get_trajectory_to_change(request, pk)
    sheet = plan_sheet(trajectory)
    instance = current(sheet)
    kwargs = {"prefix": section, **form_kwargs(sheet)}
    form = form_class(request.POST or None, instance=instance, **kwargs)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                new_page = save(form, trajectory=trajectory, sheet=sheet, by=request.user)
            except StaleEdit as stale:
                form = _stale_form(
                    lambda current: form_class(request.POST, instance=current, **kwargs),
                    stale.current,
                )
                status = 409
            else:
                if new_page:  # a new round: the whole page changes
                    messages.success(request, new_page)
                    url = reverse("cases:plan", args=[trajectory.pk])
                    if wants_partial(request):
                        return HttpResponseClientRedirect(url)
                    return redirect(url)
                return _saved(request, trajectory, section, _("Bewaard."))
    return _form_page(
        request,
        trajectory,
        form,
        action=request.get_full_path(),
        title=title,
        section=section,
        status=status,
    )


@require_http_methods(["GET", "POST"])
def decision(request: HtmxHttpRequest, pk):
    def options(sheet):
        if not sheet.options:
            raise Http404
        return {"options": Option.objects.filter(pk__in=[o.pk for o in sheet.options])}

    def save(form, *, trajectory, sheet, by):
        services.decide(form, plan=sheet.plan, cycle=trajectory.cycle, by=by)
        return None

    return _round_record(
        request,
        pk,
        section="besluit",
        form_class=DecisionForm,
        current=lambda sheet: sheet.decision,
        save=save,
        title=_("Samen beslissen"),
        form_kwargs=options,
    )


@require_http_methods(["GET", "POST"])
def evaluation(request: HtmxHttpRequest, pk):
    def decided_on(sheet):
        if sheet.decision is None:
            raise Http404
        return {"decided_on": sheet.decision.decided_on}

    def save(form, *, trajectory, sheet, by):
        cycle = trajectory.cycle
        services.evaluate(form, trajectory=trajectory, plan=sheet.plan, cycle=cycle, by=by)
        if trajectory.cycle != cycle:
            return _(
                "Ronde %(n)s is begonnen bij stap 3: kijk samen opnieuw naar de mogelijkheden."
            ) % {"n": trajectory.cycle}
        return None

    return _round_record(
        request,
        pk,
        section="evaluatie",
        form_class=EvaluationForm,
        current=lambda sheet: sheet.evaluation,
        save=save,
        title=_("Evalueren"),
        form_kwargs=decided_on,
    )


@require_http_methods(["GET", "POST"])
def plan_pdf(request: HtmxHttpRequest, pk):
    """The doel-actieplan of the current round on paper, once it has a goal."""
    sheet = plan_sheet(get_trajectory(request, pk))
    if not sheet.goals:
        raise Http404
    document = plan_document(sheet)
    return preview_or_hand_over(request, document, back=sheet.plan.get_absolute_url())


def evaluation_ics(request: HtmxHttpRequest, pk):
    """The evaluation date of the current round for the resident's calendar."""
    sheet = plan_sheet(get_trajectory(request, pk))
    if sheet.decision is None:
        raise Http404
    day = sheet.decision.evaluation_on
    return ics_response(evaluation_event(sheet), f"evaluatie-{day:%Y-%m-%d}.ics")
