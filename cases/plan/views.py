"""The doel-actieplan on screen: steps 4 to 7, made together.

Every part (goal, sub-goal, option, the resident's question, action) is added,
changed, moved and removed through the same four views; what differs per kind
is the kind's own (`PartKind` and its subclasses). With htmx a form opens in
place and a save swaps its section of the page; without JavaScript the same
URLs are plain pages and posts that go back to the plan.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap

from ..access import get_trajectory, get_trajectory_to_change, may_change_trajectory
from ..ics import ics_response
from ..logbook.models import Action as LoggedAction
from ..logbook.services import describe
from ..models import HandedOverDocument
from ..partials import (
    LATE_SAVE,
    HtmxHttpRequest,
    announce,
    form_status,
    render_page,
    wants_partial,
)
from ..versions import StaleEdit
from ..views.documents import preview_or_hand_over
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
from .models import (
    Action,
    Decision,
    Evaluation,
    Goal,
    Option,
    OptionAnswer,
    OptionQuestion,
    Plan,
    SubGoal,
)
from .selectors import plan_sheet

# The sections of the plan page, by the id of their element.
SECTIONS = {
    "doel": "goals",
    "keuzekaart": "card",
    "besluit": "decision",
    "acties": "actions",
    "evaluatie": "evaluation",
}


class PartKind:
    """A kind of part of the plan, as its four views handle it. This base is a part of
    the current round (an option, a question, an action); goals and sub-goals belong to
    the plan as a whole."""

    model: type
    form: type
    section: str
    noun: str

    def __init__(self, model, form, section, noun):
        self.model, self.form, self.section, self.noun = model, form, section, noun

    def changeable(self, trajectory):
        """The parts of this plan a user may change: the current round's."""
        return self.model.objects.filter(plan__trajectory=trajectory, cycle=trajectory.cycle)

    def start(self, request, trajectory, plan):
        """A new part, not saved yet. `plan` is None until the plan's first part is saved."""
        return self.model(plan=plan, cycle=trajectory.cycle)

    def form_kwargs(self, trajectory, part) -> dict:
        return {}

    def done(self, message: str) -> str:
        """What happened to a part of this kind, e.g. "Subdoel toegevoegd.", for the
        message and the live region."""
        return message % {"noun": capfirst(self.noun)}

    def add(self, part, form, *, by):
        return services.add_part(part, by=by, submission=form.one_time_key)

    def change(self, part, form, *, by):
        return services.change_part(part, seen=form.seen_version, by=by)


class Goals(PartKind):
    def changeable(self, trajectory):
        return Goal.objects.filter(plan__trajectory=trajectory)

    def start(self, request, trajectory, plan):
        return Goal(plan=plan, created_by=request.user)


class SubGoals(PartKind):
    def changeable(self, trajectory):
        return SubGoal.objects.filter(goal__plan__trajectory=trajectory).select_related("goal")

    def start(self, request, trajectory, plan):
        """A sub-goal of the goal in `?doel=`, which must be this plan's."""
        goal = get_object_or_404(Goal, plan__trajectory=trajectory, pk=request.GET.get("doel") or 0)
        return SubGoal(goal=goal)


class Options(PartKind):
    def form_kwargs(self, trajectory, part) -> dict:
        """The resident's questions of this round are the option's extra rows."""
        return {
            "questions": OptionQuestion.objects.filter(
                plan__trajectory=trajectory, cycle=trajectory.cycle
            ),
            "answers": dict(
                OptionAnswer.objects.filter(option_id=part.pk).values_list("question_id", "text")
            ),
        }

    def add(self, part, form, *, by):
        return services.add_option(
            part, answers=form.answers(), by=by, submission=form.one_time_key
        )

    def change(self, part, form, *, by):
        return services.change_option(part, answers=form.answers(), seen=form.seen_version, by=by)


class Actions(PartKind):
    def form_kwargs(self, trajectory, part) -> dict:
        return {"network": trajectory.resident.network.all()}


PARTS = {
    "doelen": Goals(Goal, GoalForm, "doel", gettext_lazy("doel")),
    "subdoelen": SubGoals(SubGoal, SubGoalForm, "doel", gettext_lazy("subdoel")),
    "opties": Options(Option, OptionForm, "keuzekaart", gettext_lazy("mogelijkheid")),
    "vragen": PartKind(OptionQuestion, QuestionForm, "keuzekaart", gettext_lazy("vraag")),
    "acties": Actions(Action, ActionForm, "acties", gettext_lazy("actie")),
}


def _kind(part: str) -> PartKind:
    try:
        return PARTS[part]
    except KeyError:
        raise Http404 from None


def _context(request, sheet, **extra):
    return {
        "trajectory": sheet.trajectory,
        "resident": sheet.trajectory.resident,
        "sheet": sheet,
        "may_change": may_change_trajectory(request, sheet.trajectory) and sheet.is_current_round,
        "max_options_form": MaxOptionsForm(instance=sheet.plan),
        "hand_over_submission": uuid.uuid4(),
        "handed_over": sheet.trajectory.handed_over_documents.listed().filter(
            kind=HandedOverDocument.Kind.PLAN
        ),
        **extra,
    }


@require_GET
def plan(request: HtmxHttpRequest, pk):
    """The plan of a round; `?deel=<section>` gives one section to htmx (a cancelled form)."""
    trajectory = get_trajectory(request, pk)
    sheet = plan_sheet(trajectory, trajectory.chosen_round(request.GET.get("ronde")))
    context = _context(request, sheet)
    section = request.GET.get("deel")
    if wants_partial(request) and section in SECTIONS:
        # A form closed without saving: the focus goes back to its section.
        context["focus_section"] = section
        return render(request, f"cases/plan_sections.html#{SECTIONS[section]}", context)
    return render(request, "cases/plan.html", context)


@require_GET
def plan_together(request: HtmxHttpRequest, pk):
    """The "samen" view: the plan alone, in large type, to read side by side. It shows
    no controls to change it unless the consultant asks (`?aanpassen=1`): read together,
    a "Weghalen" is only a distraction."""
    trajectory = get_trajectory(request, pk)
    sheet = plan_sheet(trajectory, trajectory.chosen_round(request.GET.get("ronde")))
    context = _context(request, sheet, together=True)
    context["may_edit"] = context["may_change"]
    context["may_change"] &= request.GET.get("aanpassen") == "1"
    return render(request, "cases/plan_together.html", context)


def _saved(request, trajectory, section: str, message: str, *, error: str = ""):
    """After a save (or a refusal to remove): htmx gets every section anew, out of band;
    a plain post goes back to the plan with the message."""
    if wants_partial(request):
        sheet = plan_sheet(trajectory)
        # The form that was saved is gone: the focus goes to its section's heading.
        context = _context(
            request, sheet, error=error, error_section=section, focus_section=section
        )
        response = render(
            request, "cases/plan_sections.html#all", context, status=LATE_SAVE if error else 200
        )
        return reswap(response if error else announce(response, message), "none")
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return redirect(f"{reverse('cases:plan', args=[trajectory.pk])}#{section}")


def _autofocus(widget):
    """Focus on the widget, or on the first of its radio buttons: HTML allows one
    autofocus, and a radio group's widget would give each button the attribute."""
    if not getattr(widget, "option_inherits_attrs", False):
        widget.attrs["autofocus"] = True
        return
    create_option = widget.create_option

    def first_focused(name, value, label, selected, index, subindex=None, attrs=None):
        option = create_option(name, value, label, selected, index, subindex, attrs)
        if index == 0 and not subindex:
            option["attrs"]["autofocus"] = True
        return option

    widget.create_option = first_focused


def _form_page(request, trajectory, form, *, title: str, section: str):
    """A part's form: in place for htmx, else as a page of its own."""
    if wants_partial(request) and not form.errors:
        # Opened in place: typing can start at once (a refused form focuses its errors).
        first = next((field for field in form.visible_fields()), None)
        if first is not None:
            _autofocus(first.field.widget)
    context = {
        "trajectory": trajectory,
        "resident": trajectory.resident,
        "form": form,
        "action": request.get_full_path(),
        "title": title,
        "section": section,
    }
    return render_page(
        request, "cases/plan_part_form.html", context, partial="form", status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
def part_create(request: HtmxHttpRequest, pk, part: str):
    trajectory = get_trajectory_to_change(request, pk)
    kind = _kind(part)
    plan = Plan.objects.filter(trajectory=trajectory).first()
    instance = kind.start(request, trajectory, plan)
    form = kind.form(
        request.POST or None,
        instance=instance,
        prefix="deel",
        **kind.form_kwargs(trajectory, instance),
    )
    if request.method == "POST" and form.is_valid():
        if plan is None and kind.model is not SubGoal:  # a sub-goal's goal has its plan
            instance.plan = services.get_or_create_plan(trajectory)
        try:
            kind.add(instance, form, by=request.user)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            return _saved(request, trajectory, kind.section, kind.done(_("%(noun)s toegevoegd.")))
    title = _("Nieuw: %(noun)s") % {"noun": kind.noun}
    return _form_page(request, trajectory, form, title=title, section=kind.section)


@require_http_methods(["GET", "POST"])
def part_edit(request: HtmxHttpRequest, pk, part: str, item: int):
    trajectory = get_trajectory_to_change(request, pk)
    kind = _kind(part)
    instance = get_object_or_404(kind.changeable(trajectory), pk=item)
    kwargs = kind.form_kwargs(trajectory, instance)
    form = kind.form(request.POST or None, instance=instance, prefix="deel", **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            kind.change(instance, form, by=request.user)
        except StaleEdit as stale:
            form = form.late_save(stale.current, **kwargs)
        else:
            return _saved(request, trajectory, kind.section, kind.done(_("%(noun)s bewaard.")))
    title = _("Wijzigen: %(noun)s") % {"noun": kind.noun}
    return _form_page(request, trajectory, form, title=title, section=kind.section)


@require_POST
def part_remove(request: HtmxHttpRequest, pk, part: str, item: int):
    trajectory = get_trajectory_to_change(request, pk)
    kind = _kind(part)
    instance = get_object_or_404(kind.changeable(trajectory), pk=item)
    describe(request, LoggedAction.DELETE, part=part, item=item)
    try:
        services.remove_part(instance, by=request.user, seen=_seen(request, instance))
    except ValidationError as refused:
        error = " ".join(refused.messages)
    except StaleEdit:
        error = _("Iemand anders heeft dit intussen gewijzigd. Bekijk het en haal het dan weg.")
    else:
        return _saved(request, trajectory, kind.section, kind.done(_("%(noun)s weggehaald.")))
    return _saved(request, trajectory, kind.section, "", error=error)


@require_POST
def part_move(request: HtmxHttpRequest, pk, part: str, item: int):
    trajectory = get_trajectory_to_change(request, pk)
    kind = _kind(part)
    instance = get_object_or_404(kind.changeable(trajectory), pk=item)
    try:
        services.move_part(
            instance, up=request.POST.get("richting") != "omlaag", seen=_seen(request, instance)
        )
    except StaleEdit:
        error = _(
            "Iemand anders heeft dit intussen verplaatst of gewijzigd. Kijk of het nu goed staat."
        )
        return _saved(request, trajectory, kind.section, "", error=error)
    return _saved(request, trajectory, kind.section, kind.done(_("%(noun)s verplaatst.")))


def _seen(request, part) -> int:
    """The version of `part` a button's form carried; an old form without it: as stored."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return part.version


@require_POST
def max_options(request: HtmxHttpRequest, pk):
    """How many options the resident wants to weigh; the card honours it."""
    trajectory = get_trajectory_to_change(request, pk)
    plan = services.get_or_create_plan(trajectory)
    form = MaxOptionsForm(request.POST, instance=plan)
    if form.is_valid():
        try:
            services.set_max_options(
                plan,
                max_options=form.cleaned_data["max_options"],
                # 0: the form was opened before the plan had a first part
                seen=form.seen_version or plan.version,
            )
        except StaleEdit:
            error = _("Iemand anders heeft dit intussen aangepast. Kijk wat er nu staat.")
            return _saved(request, trajectory, "keuzekaart", "", error=error)
    return _saved(request, trajectory, "keuzekaart", _("Aantal mogelijkheden bewaard."))


def _this_round(trajectory, model):
    """The plan (404 while there is none) and its record of `model` for the current round:
    the stored one, or a new one."""
    plan = get_object_or_404(Plan, trajectory=trajectory)
    record = model.objects.filter(plan=plan, cycle=trajectory.cycle).first()
    return plan, record or model(plan=plan, cycle=trajectory.cycle)


@require_http_methods(["GET", "POST"])
def decision(request: HtmxHttpRequest, pk):
    """Step 5's end: the decision of the current round, among the round's options."""
    trajectory = get_trajectory_to_change(request, pk)
    plan, current = _this_round(trajectory, Decision)
    kwargs = {"prefix": "besluit", "options": plan.options.filter(cycle=trajectory.cycle)}
    form = DecisionForm(request.POST or None, instance=current, **kwargs)
    if not form.fields["option"].queryset.exists():  # no option weighed yet
        raise Http404
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(form.instance, seen=form.seen_version, by=request.user)
        except StaleEdit as stale:
            form = form.late_save(stale.current, **kwargs)
        else:
            return _saved(request, trajectory, "besluit", _("Besluit bewaard."))
    return _form_page(request, trajectory, form, title=_("Samen beslissen"), section="besluit")


@require_http_methods(["GET", "POST"])
def evaluation(request: HtmxHttpRequest, pk):
    """Step 7: the evaluation of the current round, once it has a decision. "Een nieuwe
    ronde" changes the whole page, so the browser loads it anew."""
    trajectory = get_trajectory_to_change(request, pk)
    plan, current = _this_round(trajectory, Evaluation)
    decided = Decision.objects.filter(plan=plan, cycle=trajectory.cycle).first()
    if decided is None:
        raise Http404
    kwargs = {"prefix": "evaluatie", "decided_on": decided.decided_on}
    form = EvaluationForm(request.POST or None, instance=current, **kwargs)
    if request.method == "POST" and form.is_valid():
        cycle = trajectory.cycle
        try:
            services.evaluate(
                form.instance, trajectory=trajectory, seen=form.seen_version, by=request.user
            )
        except StaleEdit as stale:
            form = form.late_save(stale.current, **kwargs)
        else:
            if trajectory.cycle == cycle:
                return _saved(request, trajectory, "evaluatie", _("Evaluatie bewaard."))
            messages.success(
                request,
                _("Ronde %(n)s is begonnen bij stap 3: kijk samen opnieuw naar de mogelijkheden.")
                % {"n": trajectory.cycle},
            )
            url = reverse("cases:plan", args=[trajectory.pk])
            return HttpResponseClientRedirect(url) if wants_partial(request) else redirect(url)
    return _form_page(request, trajectory, form, title=_("Evalueren"), section="evaluatie")


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
