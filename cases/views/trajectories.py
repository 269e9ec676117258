"""A resident's trajectory through the seven steps, and ticking a step's checklist."""

from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from steps.models import ChecklistItem, Step

from .. import services
from ..access import (
    get_resident_to_change,
    get_trajectory,
    get_trajectory_to_change,
    may_change_trajectory,
)
from ..forms import TickForm, TrajectoryStatusForm
from ..models import Trajectory
from ..partials import (
    INVALID,
    LATE_SAVE,
    HtmxHttpRequest,
    announce,
    form_status,
    wants_partial,
)
from ..selectors import attach_ticks, step_progress
from ..versions import StaleEdit


def trajectory_detail(request: HtmxHttpRequest, pk):
    trajectory = get_trajectory(request, pk)
    form = TrajectoryStatusForm(instance=copy(trajectory))
    return _render_trajectory(
        request, trajectory, form, trajectory.chosen_round(request.GET.get("ronde"))
    )


def _render_trajectory(request, trajectory, status_form, cycle, *, late: str = ""):
    """The trajectory page; `late` says why a move or new round was refused (StaleEdit)."""
    return render(
        request,
        "cases/trajectory_detail.html",
        {
            "trajectory": trajectory,
            "resident": trajectory.resident,
            "cycle": cycle,
            "cycles": range(1, trajectory.cycle + 1),
            "progress": step_progress(trajectory, cycle),
            "may_change": may_change_trajectory(request, trajectory),
            "status_form": status_form,
            "late": late,
        },
        status=LATE_SAVE if late else form_status(status_form),
    )


def _late_move(request, stale: StaleEdit):
    """A move or new round based on a trajectory someone changed meanwhile: nothing
    happened; the page as it stands now says so."""
    trajectory = stale.current
    late = _(
        "Iemand anders heeft het traject intussen verplaatst of gewijzigd. Er is niets "
        "veranderd: het traject staat nu in stap %(n)s van ronde %(cycle)s."
    ) % {"n": trajectory.current_step, "cycle": trajectory.cycle}
    form = TrajectoryStatusForm(instance=copy(trajectory))
    return _render_trajectory(request, trajectory, form, trajectory.cycle, late=late)


def _seen(request, trajectory) -> int:
    """The version of the trajectory a button's form carried; an old form without it: as
    stored."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return trajectory.version


@require_POST
def trajectory_start(request: HtmxHttpRequest, pk):
    resident = get_resident_to_change(request, pk)
    try:
        trajectory = services.start_trajectory(resident=resident, by=request.user)
    except IntegrityError:
        messages.error(request, _("Deze inwoner heeft al een lopend traject."))
        return redirect(resident)
    messages.success(request, _("Het traject is gestart in stap 1."))
    return redirect(trajectory)


def step_detail(request: HtmxHttpRequest, pk, number: int):
    """The page a consultant opens before and during a conversation."""
    trajectory = get_trajectory(request, pk)
    step, foundation = _get_step_and_foundation(number)
    cycle = trajectory.chosen_round(request.GET.get("ronde"))
    attach_ticks(trajectory, step, cycle)
    open_items = [item for item in step.active_checklist_items if item.tick is None]
    return render(
        request,
        "cases/step_detail.html",
        {
            "trajectory": trajectory,
            "resident": trajectory.resident,
            "step": step,
            "foundation": foundation,
            "cycle": cycle,
            "cycles": range(1, trajectory.cycle + 1),
            "open_items": open_items,
            "may_tick": may_change_trajectory(request, trajectory) and cycle == trajectory.cycle,
            # Back from a tick sent as a plain form (no JavaScript, or a key pressed before
            # htmx took over an item it had just swapped in): the focus is on that box again.
            "focus_item": request.GET.get("vink", ""),
        },
    )


@require_POST
def tick_item(request: HtmxHttpRequest, pk, item_pk: int):
    """Tick, untick or mark an item not applicable.

    htmx gets the item back; a plain form post goes back to the step page.
    """
    trajectory = get_trajectory_to_change(request, pk)
    item = get_object_or_404(ChecklistItem.objects.select_related("step"), pk=item_pk)
    form = TickForm(request.POST)
    error = None
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        if form.cleaned_data["action"] == "undo":
            services.untick(trajectory=trajectory, item=item)
        else:
            services.tick(
                trajectory=trajectory,
                item=item,
                by=request.user,
                not_applicable=form.cleaned_data["action"] == "nvt",
                reason=form.cleaned_data["reason"],
            )
    except ValidationError as invalid:
        error = " ".join(invalid.messages)
    if not wants_partial(request):
        if error:
            messages.error(request, error)
        step_url = reverse("cases:step", args=[trajectory.pk, item.step.number])
        return redirect(f"{step_url}?vink={item.pk}#punt-{item.pk}")
    step = Step.objects.with_content().get(pk=item.step_id)
    attach_ticks(trajectory, step, trajectory.cycle)
    item = next((i for i in step.active_checklist_items if i.pk == item.pk), item)
    response = render(
        request,
        "cases/step_detail.html#tick_answer",
        {
            "trajectory": trajectory,
            "item": item,
            "may_tick": True,
            "error": error,
            "open_items": [i for i in step.active_checklist_items if i.tick is None],
            # Marked not applicable from its form, which the swap takes away: the focus
            # goes to the item's box (a tick keeps it there by the box's id).
            "focus_box": form.is_valid() and form.cleaned_data["action"] == "nvt",
        },
        status=INVALID if error else 200,
    )
    if error:
        return response
    return announce(response, TICK_ANNOUNCEMENTS[form.cleaned_data["action"]])


TICK_ANNOUNCEMENTS = {
    "done": gettext_lazy("Afgevinkt"),
    "nvt": gettext_lazy("Niet van toepassing"),
    "undo": gettext_lazy("Vinkje weggehaald"),
}


@require_POST
def move_step(request: HtmxHttpRequest, pk):
    trajectory = get_trajectory_to_change(request, pk)
    try:
        services.move_to_step(
            trajectory=trajectory,
            step=int(request.POST.get("step", 0)),
            by=request.user,
            seen=_seen(request, trajectory),
        )
    except (ValueError, ValidationError):
        messages.error(request, _("Kies een stap van 1 tot en met 7."))
        return redirect(trajectory)
    except StaleEdit as stale:
        return _late_move(request, stale)
    messages.success(
        request, _("Het traject staat nu in stap %(n)s.") % {"n": trajectory.current_step}
    )
    return redirect("cases:step", trajectory.pk, trajectory.current_step)


@require_POST
def new_round(request: HtmxHttpRequest, pk):
    trajectory = get_trajectory_to_change(request, pk)
    try:
        services.start_new_round(
            trajectory=trajectory, by=request.user, seen=_seen(request, trajectory)
        )
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
        return redirect(trajectory)
    except StaleEdit as stale:
        return _late_move(request, stale)
    messages.success(
        request,
        _("Ronde %(cycle)s is begonnen bij stap 3. De vorige rondes blijven zichtbaar.")
        % {"cycle": trajectory.cycle},
    )
    return redirect(trajectory)


@require_POST
def change_status(request: HtmxHttpRequest, pk):
    trajectory = get_trajectory_to_change(request, pk)
    # The form changes its own copy: the page shows the trajectory as stored.
    form = TrajectoryStatusForm(request.POST, instance=copy(trajectory))
    if form.is_valid():
        try:
            services.set_trajectory_status(
                trajectory=trajectory,
                status=form.cleaned_data["status"],
                outcome=form.cleaned_data["outcome"],
                seen=form.seen_version,
            )
        except StaleEdit as stale:
            trajectory, form = stale.current, form.late_save(copy(stale.current))
        else:
            messages.success(
                request, _("De status is nu: %(s)s.") % {"s": trajectory.get_status_display()}
            )
            return redirect(trajectory)
    return _render_trajectory(request, trajectory, form, trajectory.cycle)


def _get_step_and_foundation(number: int) -> tuple[Step, Step | None]:
    if not Trajectory.FIRST_STEP <= number <= Trajectory.LAST_STEP:
        raise Http404
    try:
        return Step.objects.get_with_foundation(number)
    except Step.DoesNotExist:
        raise Http404 from None
