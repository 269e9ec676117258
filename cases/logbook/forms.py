"""Choosing what of the access log to read: a period, and for the privacy officer more."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import User
from cases.team.forms import PeriodForm

from .models import Action, Result
from .selectors import Period, entries_in, outside_working_hours


class AccessPeriodForm(PeriodForm):
    """A resident's overview: by default the last twelve months."""

    consulent = None

    def default_start(self) -> date:
        return timezone.localdate() - timedelta(days=365)

    def chosen(self) -> Period:
        return Period(*self.period())


class LogSearchForm(AccessPeriodForm):
    """The privacy officer's search of the whole log; by default the last 30 days."""

    persoon = forms.ModelChoiceField(
        label=_("Medewerker"),
        queryset=User.objects.order_by("first_name", "last_name", "username"),
        required=False,
        empty_label=_("Iedereen"),
        error_messages={"invalid_choice": _("Kies een medewerker uit de lijst.")},
    )
    inwoner = forms.UUIDField(
        label=_("Inwoner (nummer)"),
        required=False,
        help_text=_("Het nummer uit het adres van het dossier: /inwoners/<nummer>/."),
        error_messages={"invalid": _("Dit is geen nummer van een inwoner.")},
    )
    actie = forms.ChoiceField(
        label=_("Wat"), choices=[("", _("Alles")), *Action.choices], required=False
    )
    resultaat = forms.ChoiceField(
        label=_("Resultaat"), choices=[("", _("Alles")), *Result.choices], required=False
    )
    buiten_werktijd = forms.BooleanField(label=_("Alleen buiten werktijd"), required=False)

    def default_start(self) -> date:
        return timezone.localdate() - timedelta(days=30)

    def entries(self):
        """The entries the search asks for, newest first; all of the default period when
        the search was not valid (the form then says why)."""
        entries = entries_in(self.chosen())
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("persoon"):
            entries = entries.filter(user=data["persoon"])
        if data.get("inwoner"):
            entries = entries.filter(resident_id=data["inwoner"])
        if data.get("actie"):
            entries = entries.filter(action=data["actie"])
        if data.get("resultaat"):
            entries = entries.filter(result=data["resultaat"])
        if data.get("buiten_werktijd"):
            entries = outside_working_hours(entries)
        return entries.order_by("-at", "-id")
