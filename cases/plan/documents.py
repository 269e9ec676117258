"""The doel-actieplan on paper, and its evaluation date for the resident's calendar."""

from dataclasses import replace

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases import ics
from cases.documents import (
    AgreementLine,
    Document,
    consultant_contact,
    document_context,
    who_does_what,
)
from cases.models import Action, HandedOverDocument

from .selectors import PlanSheet


def plan_document(sheet: PlanSheet) -> Document:
    """The doel-actieplan to take home: the goals in the resident's words, the choice and what
    it asks, who does what and when, and when we look back together. Only what the
    resident said and decided goes on it: no card of options not chosen, no notes."""
    trajectory = sheet.trajectory
    today = timezone.localdate()
    decision = sheet.decision
    chosen = decision.option if decision else None
    context = document_context(
        trajectory,
        _("Mijn plan, %(date)s") % {"date": date_format(today, "j F Y")},
        today=today,
        goals=[
            {
                "words": goal.in_own_words,
                "why": goal.why_it_matters,
                "steps": [sub.text for sub in goal.sub_goals.all()],
            }
            for goal in sheet.goals
        ],
        choice=_choice(chosen) if chosen else None,
        decision_words=decision.in_own_words if decision else "",
        evaluation_on=decision.evaluation_on if decision else None,
    )
    context["actions"] = [
        _action_line(a, context["consultant"])
        for a in sheet.actions
        if a.status != Action.Status.DROPPED
    ]
    return Document(
        kind=HandedOverDocument.Kind.PLAN,
        template_name="documents/doel-actieplan.html",
        context=context,
        trajectory=trajectory,
    )


def evaluation_event(sheet: PlanSheet) -> bytes:
    """The evaluation date for the resident's calendar, as a whole day."""
    consultant = consultant_contact(sheet.trajectory.resident.consultant)
    return ics.calendar_event(
        uid=f"evaluatie-{sheet.trajectory.pk}-{sheet.cycle}@samenbeslissen",
        start=sheet.decision.evaluation_on,
        summary=_("Samen terugkijken op mijn plan, met %(name)s (gemeente)")
        % {"name": consultant["name"]},
        description=_("We kijken samen hoe het gaat en wat er nodig is."),
    )


def _choice(option) -> dict:
    if option.is_waiting:
        return {"waiting": True, "title": option.title}
    return {
        "waiting": False,
        "title": option.title,
        "provider": option.offer.provider if option.offer else "",
        "asks": option.expected_of_resident,
        "offers": option.expected_of_us,
        "time": option.time,
        "travel": option.travel,
    }


def _action_line(action: Action, consultant: dict) -> AgreementLine:
    line = who_does_what(action, consultant, action.owner_name)
    # The plan prints each action as a sentence and adds its own full stop.
    return replace(line, what=line.what.rstrip(" ."))
