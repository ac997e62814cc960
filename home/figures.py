"""The portal's figures: what the impact page draws and the home page's "A year in figures" shows.

``home`` imports no other app: each app registers a ``FigureSource`` with the Wagtail hook
``register_figure_source`` (in its ``wagtail_hooks``), built from functions in its own
``services``, where the rules of what counts live (received items per the pledge states,
approved hours per the mentoring rules). The staff's yearly figures register the same way.

No figure small enough to single out a child is shown: every count of people (and every
share or sum whose base is a count of people) under ``SMALLEST_SHOWN`` reads "fewer than 5".
That rule lives here, in ``too_few``, and nowhere else.
"""

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from wagtail import hooks

from home.charts import BarChart, BarRows, Number

HOOK = "register_figure_source"

# What a figure counts, which decides how it is written and whether it may be suppressed.
PEOPLE = "people"  # children, families, pairs, donors: suppressed under SMALLEST_SHOWN
THINGS = "things"  # items, camps: shown as they are
HOURS = "hours"  # a sum of hours: suppressed when it is the time of fewer than SMALLEST_SHOWN people (``base``)
SHARE = "share"  # per cent: suppressed when its base counts fewer than SMALLEST_SHOWN

# Counts of people below this are never shown (nor shares or sums of so few people).
SMALLEST_SHOWN = 5


def too_few(count: Number | None) -> bool:
    """The one suppression rule: a count of people under ``SMALLEST_SHOWN`` is not shown."""
    return count is None or count < SMALLEST_SHOWN


def fewer_than() -> str:
    """What a reader sees instead of a suppressed number: "fewer than 5"."""
    return ngettext("fewer than %(count)s", "fewer than %(count)s", SMALLEST_SHOWN) % {"count": SMALLEST_SHOWN}


def agreeing(value: Number | None, kind: str = PEOPLE) -> int:
    """The number a label after a figure agrees with (``ngettext``): the figure's own, or 5 where
    "fewer than 5" is written ("mazāk nekā 5 bērni")."""
    if value is None or (kind == PEOPLE and too_few(value)):
        return SMALLEST_SHOWN
    return int(value)


def format_number(value: Number, decimals: int = 0) -> str:
    """A number in the active language: "10 000" and "3,7" in Latvian, "10,000" and "3.7" in English."""
    if decimals == 0:
        value = round(Decimal(value))
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class Figure:
    """One number with what it counts: ``label`` reads after the number ("131 children supported")."""

    key: str
    label: str
    value: Number | None
    kind: str = PEOPLE
    base: Number | None = None  # for SHARE and HOURS: how many people (or pairs) it is of
    decimals: int = 0
    hidden_reason: str = ""  # why a share or a sum is not shown ("not shown: fewer than 5 pairs")

    @property
    def suppressed(self) -> bool:
        if self.value is None:
            return True
        if self.kind == PEOPLE:
            return too_few(self.value)
        if self.kind in (SHARE, HOURS) and self.base is not None:
            return too_few(self.base)
        return False

    @property
    def number(self) -> str:
        """The number as the page writes it; "fewer than 5" for a count of people not shown, a dash
        for a share or a sum not shown (``reason`` says why) or not known."""
        if self.suppressed:
            return fewer_than() if self.kind == PEOPLE and self.value is not None else "–"
        text = format_number(self.value or 0, self.decimals)
        if self.kind == SHARE:
            return gettext("%(number)s%%") % {"number": text}
        return text

    @property
    def reason(self) -> str:
        if self.suppressed and self.kind != PEOPLE and self.value is not None:
            return self.hidden_reason or gettext("not shown: too few people")
        return ""


@dataclass(frozen=True)
class Cell:
    """A value in a chart's table: its number as written ("fewer than 5" when suppressed)."""

    value: Number | None
    suppressed: bool
    decimals: int = 0
    unit: str = ""

    @property
    def text(self) -> str:
        if self.suppressed or self.value is None:
            return fewer_than()
        number = format_number(self.value, self.decimals)
        return f"{number} {self.unit}" if self.unit else number

    def __str__(self) -> str:
        return self.text


def cell(
    value: Number | None, *, kind: str = THINGS, base: Number | None = None, decimals: int = 0, unit: str = ""
) -> Cell:
    """A chart's value under the same rule as a ``Figure``."""
    figure = Figure(key="", label="", value=value, kind=kind, base=base, decimals=decimals)
    return Cell(value=value, suppressed=figure.suppressed, decimals=decimals, unit=unit)


@dataclass(frozen=True)
class Chart:
    """A drawn figure with its text alternative: ``caption`` says what it shows, the table its numbers.

    ``drawing`` is a ``home.charts.BarChart`` (columns, as the coordinator's dashboard draws
    hours per month: ``includes/bar_chart.html``) or a ``home.charts.BarRows`` (a row for each
    campaign or category, with a bar for each series: ``includes/bar_rows.html``).
    """

    key: str
    title: str
    caption: str
    drawing: BarChart | BarRows
    label_heading: str
    value_headings: Sequence[str] = ()
    unit: str = ""
    note: str = ""

    @property
    def columns(self) -> bool:
        return isinstance(self.drawing, BarChart)

    @property
    def empty(self) -> bool:
        return not (self.drawing.bars if isinstance(self.drawing, BarChart) else self.drawing.rows)


@dataclass(frozen=True)
class FigureSource:
    """What an app tells the impact page and the home page.

    ``choices``: ``(key, label)`` of the figures an editor may put on the home page (no query);
    ``figures(keys)``: those figures computed (``None``: all of them), a few queries at most;
    ``charts()``: the app's charts for the impact page.
    """

    name: str
    title: Any  # words, or a function giving them (a year's section is named after its year)
    choices: Callable[[], Sequence[tuple[str, Any]]]
    figures: Callable[[Collection[str] | None], Sequence[Figure]]
    charts: Callable[[], Sequence[Chart]] = field(default=list)
    note: Callable[[], str] = field(default=str)  # where the figures come from
    order: int = 100


def sources() -> list[FigureSource]:
    return sorted((source() for source in hooks.get_hooks(HOOK)), key=lambda source: source.order)


def figure_choices() -> list[tuple[str, Any]]:
    """Every registered figure, for the editor's choice (the home page's live figures block)."""
    return [choice for source in sources() for choice in source.choices()]


def figures(keys: Sequence[str]) -> list[Figure]:
    """The figures named by ``keys``, in that order; each source is asked once, only for its own keys."""
    found: dict[str, Figure] = {}
    for source in sources():
        own = {key for key, _label in source.choices()}
        wanted = [key for key in keys if key in own]
        if wanted:
            found.update({figure.key: figure for figure in source.figures(wanted)})
    return [found[key] for key in keys if key in found]


@dataclass(frozen=True)
class Section:
    """One source's part of the impact page: its headline figures and its charts."""

    name: str
    title: str
    figures: Sequence[Figure]
    charts: Sequence[Chart]
    note: str = ""


def impact_sections() -> list[Section]:
    """Everything every source knows, in the sources' order (the impact page)."""
    sections = []
    for source in sources():
        title = source.title() if callable(source.title) else source.title
        known = [figure for figure in source.figures(None) if figure.value is not None]
        section = Section(source.name, title, known, list(source.charts()), source.note())
        if section.figures or section.charts:
            sections.append(section)
    return sections
