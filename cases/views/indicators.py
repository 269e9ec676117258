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
    CORE_POINTS,
    CORE_POINTS_BY_SLUG,
    Share,
    check_ins_by_month,
    shares,
    shares_by_month,
)
from ..models import User
from .export import csv_response
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


def figures(team_id, start: date, end: date) -> list[dict]:
    """Per core point: the share per consultant, for the team, and per month."""
    consultants = list(
        User.objects.filter(team_id=team_id, role=User.Role.CONSULTANT, is_active=True).order_by(
            "first_name"
        )
    )
    points = []
    for point in CORE_POINTS:
        per_consultant, team = shares(point, team_id, start, end)
        points.append(
            {
                "point": point,
                "rows": [(c, per_consultant.get(c.pk)) for c in consultants],
                "team": team,
                "months": shares_by_month(point, team_id, start, end),
            }
        )
    return points


def overview(request: HtmxHttpRequest):
    """The three core points for a period: per consultant, for the team, and month by month."""
    team_id = _team_of(request)
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    points = figures(team_id, start, end)
    for p in points:
        p["chart"] = bar_chart(
            _("%(point)s, per maand") % {"point": p["point"].title},
            p["point"].question,
            [(date_format(month, "b Y"), share.percentage or 0) for month, share in p["months"]],
        )
    check_ins = check_ins_by_month(team_id, start, end)
    return render(
        request,
        "cases/indicators.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "points": points,
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


def indicators_csv(request: HtmxHttpRequest):
    """The numbers behind the core points' tables and charts, for the municipality's reports."""
    team_id = _team_of(request)
    start, end = PeriodForm(request.GET or None).period()
    response, writer = csv_response(f"kernpunten-{start:%Y-%m-%d}-{end:%Y-%m-%d}.csv")
    writer.writerow([_("Kernpunt"), _("Wie of wanneer"), _("Ja"), _("Totaal"), _("Percentage")])
    for p in figures(team_id, start, end):
        title = p["point"].title
        lines = [(str(c), share) for c, share in p["rows"]]
        lines.append((_("Team"), p["team"]))
        lines += [(month.strftime("%Y-%m"), share) for month, share in p["months"]]
        for who, share in lines:
            share = share or Share(0, 0)
            percentage = "" if share.percentage is None else share.percentage
            writer.writerow([title, who, share.yes, share.total, percentage])
    return response


def check_ins_csv(request: HtmxHttpRequest):
    """The numbers behind the team's check-in chart: per month, averages only."""
    team_id = _team_of(request)
    start, end = PeriodForm(request.GET or None).period()
    response, writer = csv_response(f"check-in-{start:%Y-%m-%d}-{end:%Y-%m-%d}.csv")
    writer.writerow(
        [_("Maand"), _("Gesprekken"), _("Check-in gemiddeld"), _("Check-out gemiddeld")]
    )
    for m in check_ins_by_month(team_id, start, end):
        averages = [
            "" if v is None else f"{v:.1f}".replace(".", ",") for v in (m.check_in, m.check_out)
        ]
        writer.writerow([m.month.strftime("%Y-%m"), m.conversations, *averages])
    return response


def indicator_list(request: HtmxHttpRequest, point: str):
    """The trajectories or decisions behind a figure, and whether the core point was met."""
    team_id = _team_of(request)
    point = CORE_POINTS_BY_SLUG.get(point)
    if point is None:
        raise Http404
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    rows = point.rows(team_id, start, end)
    consultant = form.cleaned_data.get("consulent") if form.is_valid() else None
    if consultant:
        rows = rows.filter(**{point.consultant: consultant})
    rows = rows.select_related(*point.related).order_by("when", "pk")
    entries = [point.entry(row) for row in rows]
    return render(
        request,
        "cases/indicator_list.html",
        {"point": point, "entries": entries, "start": start, "end": end},
    )


def _team_of(request) -> int:
    if not request.user.is_team_lead or request.user.team_id is None:
        raise Http404
    return request.user.team_id
