"""The geometry of drawn figures (bars, charts), written once for every app.

Figures are server-drawn SVG whose sizes are attributes, so they pass a strict
CSP; each comes with words or a table for people who cannot see it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

Number = int | float | Decimal


def percent(part: Number | None, whole: Number | None) -> float:
    """``part`` as a share of ``whole`` in per cent, clamped to 0–100, one decimal: the one rounding rule."""
    if not whole or whole <= 0 or not part or part <= 0:
        return 0
    return min(100.0, round(float(part) * 100 / float(whole), 1))


@dataclass
class Bar:
    label: Any
    value: Number
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    baseline: int
    top: float


def bar_chart(
    series: Sequence[tuple[Any, Number]],
    *,
    width: int = 600,
    height: int = 220,
    minimum_top: float = 10.0,
    gap: int = 8,
    axis: int = 20,
    headroom: int = 24,
) -> BarChart:
    """Columns for ``(label, value)`` pairs: the tallest reaches the top less ``headroom``,
    room for labels is kept under the ``baseline``."""
    top = max([float(value) for _label, value in series] + [minimum_top])
    count = max(len(series), 1)
    bar_width = (width - gap * (count + 1)) / count
    drawable = height - axis - headroom
    bars = []
    for index, (label, value) in enumerate(series):
        bar_height = round(float(value) / top * drawable, 1)
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(gap + index * (bar_width + gap), 1),
                y=round(height - axis - bar_height, 1),
                width=round(bar_width, 1),
                height=bar_height,
            )
        )
    return BarChart(bars=bars, width=width, height=height, baseline=height - axis, top=top)
