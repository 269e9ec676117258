"""Bar charts drawn on the server as inline SVG: no chart library, nothing loaded from outside.

The template (includes/bar_chart.svg.html) gives each chart a title and a
description for screen readers; the numbers stand in a table beside it.
"""

from dataclasses import dataclass

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
