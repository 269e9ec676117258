"""The method's core points as figures for the team lead, each with the trajectories behind it."""

from datetime import date, timedelta

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..charts import bar_chart, scale_chart
from ..forms import date_field
from ..indicators import (
    check_ins_by_month,
    first_conversations,
    told_decides_too,
    told_decides_too_by_month,
)
from ..models import User
from .htmx import HtmxHttpRequest


class PeriodForm(forms.Form):
    van = date_field(gettext_lazy("Van"), required=False)
    tot = date_field(gettext_lazy("Tot en met"), required=False)
    consulent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("van", default_start())
        self.initial.setdefault("tot", timezone.localdate())

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        return data

    def period(self) -> tuple[date, date]:
        """The chosen period; by default the last six months up to today."""
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("van") or default_start(), data.get("tot") or timezone.localdate()


def default_start() -> date:
    """The first day of the month five months ago: six months including this one."""
    return (timezone.localdate().replace(day=1) - timedelta(days=150)).replace(day=1)


def overview(request: HtmxHttpRequest):
    team_id = _team_of(request)
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    per_consultant, team = told_decides_too(team_id, start, end)
    consultants = User.objects.filter(team_id=team_id, role=User.Role.CONSULTANT, is_active=True)
    months = told_decides_too_by_month(team_id, start, end)
    chart = bar_chart(
        _("Jij beslist mee, per maand"),
        _(
            "Per maand het percentage eerste gesprekken waarin de inwoner hoorde dat hij of zij "
            "meebeslist."
        ),
        [(date_format(month, "b Y"), share.percentage or 0) for month, share in months],
    )
    check_ins = check_ins_by_month(team_id, start, end)
    return render(
        request,
        "cases/indicators.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "rows": [(c, per_consultant.get(c.pk)) for c in consultants.order_by("first_name")],
            "team": team,
            "months": months,
            "chart": chart,
            "check_ins": check_ins,
            "check_in_chart": _check_in_chart(check_ins) if len(check_ins) > 1 else None,
        },
        status=400 if form.errors else 200,
    )


def _check_in_chart(months):
    return scale_chart(
        _("Check-in en check-out van het team, per maand"),
        _(
            "Per maand het gemiddelde getal van 0 tot 10 waarmee inwoners van het team het "
            "gesprek begonnen (check-in) en verlieten (check-out)."
        ),
        [date_format(m.month, "b Y") for m in months],
        {
            _("Check-in"): ("check-in", [m.check_in for m in months]),
            _("Check-out"): ("check-out", [m.check_out for m in months]),
        },
    )


def told_decides_too_list(request: HtmxHttpRequest):
    """The trajectories behind a figure: whose first conversation, and was it said."""
    team_id = _team_of(request)
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    trajectories = first_conversations(team_id, start, end, shown=True).select_related(
        "resident__consultant"
    )
    consultant = form.cleaned_data.get("consulent") if form.is_valid() else None
    if consultant:
        trajectories = trajectories.filter(resident__consultant_id=consultant)
    return render(
        request,
        "cases/indicator_list.html",
        {"trajectories": trajectories.order_by("first_at"), "start": start, "end": end},
    )


def _team_of(request) -> int:
    if not request.user.is_team_lead or request.user.team_id is None:
        raise Http404
    return request.user.team_id
