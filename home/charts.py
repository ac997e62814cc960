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
    value: Number | None
    x: float
    y: float
    width: float
    height: float
    # The value as the table writes it, where the number itself is not shown ("fewer than 5").
    text: str | None = None

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
    series: Sequence[tuple[Any, Number | None] | tuple[Any, Number | None, str | None]],
    *,
    width: int = 600,
    height: int = 220,
    minimum_top: float = 10.0,
    gap: int = 8,
    axis: int = 20,
    headroom: int = 24,
) -> BarChart:
    """Columns for ``(label, value)`` pairs: the tallest reaches the top less ``headroom``,
    room for labels is kept under the ``baseline``. A value of ``None`` (not shown, see
    ``home.figures``) draws no column; a third item, ``text``, is what the table says instead."""
    top = max([float(value or 0) for _label, value, *_text in series] + [minimum_top])
    count = max(len(series), 1)
    bar_width = (width - gap * (count + 1)) / count
    drawable = height - axis - headroom
    bars = []
    for index, (label, value, *text) in enumerate(series):
        bar_height = round(float(value or 0) / top * drawable, 1)
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(gap + index * (bar_width + gap), 1),
                y=round(height - axis - bar_height, 1),
                width=round(bar_width, 1),
                height=bar_height,
                text=text[0] if text else None,
            )
        )
    return BarChart(bars=bars, width=width, height=height, baseline=height - axis, top=top)


@dataclass
class RowValue:
    """One series' value in a row: its bar's length in per cent of the longest, and the words for it."""

    value: Number | None
    width: float
    text: str
    series: Any = ""


@dataclass
class Row:
    label: Any
    values: list[RowValue]


@dataclass
class BarRows:
    """Horizontal bars, a row for each label and a bar for each series: long names (campaigns,
    categories) read on a phone, where columns would squeeze them."""

    rows: list[Row]
    series: list[Any]

    @property
    def series_count(self) -> int:
        return len(self.series)


def bar_rows(
    rows: Sequence[tuple[Any, Sequence[tuple[Number | None, str]]]],
    series: Sequence[Any],
    *,
    top: Number | None = None,
) -> BarRows:
    """Rows for ``(label, [(value, text), ...])``, one ``(value, text)`` per series: every bar's
    length is a share of ``top`` (shares: 100), else of the largest value of all; ``None`` draws no bar."""
    if top is None:
        top = max([float(value or 0) for _label, values in rows for value, _text in values] + [0.0])
    return BarRows(
        rows=[
            Row(
                label=label,
                values=[
                    RowValue(value, percent(value, top), text, name)
                    for (value, text), name in zip(values, series, strict=True)
                ],
            )
            for label, values in rows
        ],
        series=list(series),
    )
