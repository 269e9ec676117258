"""Bar and line charts drawn on the server as inline SVG: no chart library, nothing loaded
from outside.

The template (includes/bar_chart.svg.html) gives each chart a title and a
description for screen readers; the numbers stand in a table beside it.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_AREA, VALUE_WIDTH = 22, 8, 150, 260, 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    bar_x: int = LABEL_WIDTH + 8
    width: int = LABEL_WIDTH + 8 + BAR_AREA + VALUE_WIDTH


def bar_chart(title: str, description: str, values: list[tuple[str, int]]) -> BarChart:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    largest = max((v for _, v in values), default=0) or 1
    bars = [
        Bar(label, value, i * (BAR_HEIGHT + GAP), round(value / largest * BAR_AREA))
        for i, (label, value) in enumerate(values)
    ]
    return BarChart(title, description, bars, height=max(len(bars) * (BAR_HEIGHT + GAP), 1))


@dataclass(frozen=True)
class Line:
    label: str
    css_class: str
    points: str  # "x,y x,y ..." for <polyline>
    dots: list[tuple[int, int, int]]  # x, y, value


@dataclass(frozen=True)
class LineChart:
    title: str
    description: str
    lines: list[Line]
    x_labels: list[tuple[int, str]]
    width: int = 420
    height: int = 160
    top: int = 10
    bottom: int = 130  # y of the value 0


# Date labels under the line fit about this many side by side; the table beside
# the chart has every one.
MAX_X_LABELS = 6


def scale_chart(title, description, labels: list[str], series: dict[str, tuple[str, list]]):
    """Lines of 0-to-10 answers over time: one point per measurement, gaps where not asked.

    Values may be averages: a point's title then shows them with one decimal.
    """
    left, right, top, bottom = 30, 380, 10, 130
    step = (right - left) / max(len(labels) - 1, 1)
    xs = [round(left + i * step) for i in range(len(labels))]

    def y(value):
        return round(bottom - value / 10 * (bottom - top))

    def shown(value):
        return number_format(value, 1) if isinstance(value, float) else value

    lines = []
    for label, (css_class, values) in series.items():
        dots = [(x, y(v), shown(v)) for x, v in zip(xs, values, strict=True) if v is not None]
        lines.append(Line(label, css_class, " ".join(f"{x},{yy}" for x, yy, _ in dots), dots))
    every = -(-len(labels) // MAX_X_LABELS)  # rounded up
    x_labels = list(zip(xs, labels, strict=True))[::-1][::every][::-1]  # always the newest
    return LineChart(title, description, lines, x_labels)


def check_in_chart(conversations) -> LineChart:
    """A resident's check-in and check-out numbers, per conversation (`check_in_trend`)."""
    return _check_in_lines(
        _("Check-in en check-out per gesprek"),
        _(
            "Per gesprek hoe de inwoner erbij zat bij het begin (check-in) en met welk gevoel "
            "hij of zij wegging (check-out), van 0 tot 10."
        ),
        [date_format(timezone.localtime(c["held_at"]), "j b") for c in conversations],
        [(c["check_in_score"], c["check_out_score"]) for c in conversations],
    )


def team_check_in_chart(months) -> LineChart:
    """The team's average check-in and check-out, per month (`check_ins_by_month`)."""
    return _check_in_lines(
        _("Check-in en check-out van het team, per maand"),
        _(
            "Per maand het gemiddelde getal van 0 tot 10 waarmee inwoners van het team het "
            "gesprek begonnen (check-in) en verlieten (check-out)."
        ),
        [date_format(m.month, "b Y") for m in months],
        [(m.check_in, m.check_out) for m in months],
    )


def _check_in_lines(title, description, labels: list[str], scores: list[tuple]) -> LineChart:
    return scale_chart(
        title,
        description,
        labels,
        {
            _("Check-in"): ("check-in", [check_in for check_in, _out in scores]),
            _("Check-out"): ("check-out", [check_out for _in, check_out in scores]),
        },
    )
