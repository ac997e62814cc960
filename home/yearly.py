"""The yearly figures staff enter (``YearlyFigures``) as a figure source, like every app's:
the latest year's numbers for the impact page and the home page's figures."""

from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, gettext_lazy, ngettext_lazy

from home.charts import bar_rows
from home.figures import PEOPLE, SHARE, THINGS, Chart, Figure, FigureSource, agreeing
from home.models import YearlyFigures

# field, kind, the editor's choice, the words after the number (with the year), the base of a share
FIELDS: list[tuple[str, str, Any, Any, str | None]] = [
    (
        "children_supported",
        PEOPLE,
        gettext_lazy("Children supported during the year (yearly figures)"),
        ngettext_lazy("child supported in %(year)s", "children supported in %(year)s", "n"),
        None,
    ),
    (
        "families_supported",
        PEOPLE,
        gettext_lazy("Families supported during the year (yearly figures)"),
        ngettext_lazy("family supported in %(year)s", "families supported in %(year)s", "n"),
        None,
    ),
    (
        "children_per_month",
        PEOPLE,
        gettext_lazy("Children a month on average (yearly figures)"),
        ngettext_lazy("child a month on average in %(year)s", "children a month on average in %(year)s", "n"),
        None,
    ),
    (
        "families_per_month",
        PEOPLE,
        gettext_lazy("Families a month on average (yearly figures)"),
        ngettext_lazy("family a month on average in %(year)s", "families a month on average in %(year)s", "n"),
        None,
    ),
    (
        "high_risk_share",
        SHARE,
        gettext_lazy("Share of high-risk families (yearly figures)"),
        gettext_lazy("of the families were at high risk in %(year)s"),
        "families_supported",
    ),
    (
        "medium_risk_share",
        SHARE,
        gettext_lazy("Share of medium-risk families (yearly figures)"),
        gettext_lazy("of the families were at medium risk in %(year)s"),
        "families_supported",
    ),
    (
        "cases_closed",
        PEOPLE,
        gettext_lazy("Family cases closed (yearly figures)"),
        ngettext_lazy("family case closed in %(year)s", "family cases closed in %(year)s", "n"),
        None,
    ),
    (
        "cases_goals_reached",
        PEOPLE,
        gettext_lazy("Closed cases that reached their goals (yearly figures)"),
        ngettext_lazy(
            "closed case reached its goals in %(year)s", "closed cases reached their goals in %(year)s", "n"
        ),
        None,
    ),
    (
        "camps",
        THINGS,
        gettext_lazy("Camps (yearly figures)"),
        ngettext_lazy("camp for families in %(year)s", "camps for families in %(year)s", "n"),
        None,
    ),
    (
        "camp_families",
        PEOPLE,
        gettext_lazy("Families at camps (yearly figures)"),
        ngettext_lazy("family at camps in %(year)s", "families at camps in %(year)s", "n"),
        None,
    ),
    (
        "camp_children",
        PEOPLE,
        gettext_lazy("Children at camps (yearly figures)"),
        ngettext_lazy("child at camps in %(year)s", "children at camps in %(year)s", "n"),
        None,
    ),
]


def key(name: str) -> str:
    return f"year.{name}"


class Yearly:
    """The latest year's figures, read once (one query) however many figures and charts ask."""

    def __init__(self) -> None:
        self._year: YearlyFigures | None = None
        self._read = False

    @property
    def year(self) -> YearlyFigures | None:
        if not self._read:
            self._year, self._read = YearlyFigures.objects.latest_year(), True
        return self._year

    @staticmethod
    def choices() -> list[tuple[str, Any]]:
        return [(key(name), choice) for name, _kind, choice, _label, _base in FIELDS]

    def figures(self, keys: Collection[str] | None = None) -> list[Figure]:
        year = self.year
        if year is None:
            return []
        found = []
        for name, kind, _choice, label, base in FIELDS:
            value = getattr(year, name)
            if value is None or (keys is not None and key(name) not in keys):
                continue
            found.append(
                Figure(
                    key(name),
                    str(label % {"n": agreeing(value, kind), "year": year.year}),
                    value,
                    kind,
                    base=getattr(year, base) if base else None,
                    decimals=1 if isinstance(value, Decimal) and value != value.to_integral_value() else 0,
                )
            )
        return found

    def charts(self) -> list[Chart]:
        """The families by risk level, as rows (the shares are of the families supported)."""
        year = self.year
        if year is None or year.high_risk_share is None or year.medium_risk_share is None:
            return []
        shares = {figure.key: figure for figure in self.figures([key("high_risk_share"), key("medium_risk_share")])}
        rows = [
            (gettext("High risk"), shares[key("high_risk_share")]),
            (gettext("Medium risk"), shares[key("medium_risk_share")]),
        ]
        return [
            Chart(
                key="year.risk",
                title=gettext("Risk levels"),
                caption=gettext("Families supported in %(year)s by risk level (per cent)") % {"year": year.year},
                drawing=bar_rows(
                    [(label, [(None if f.suppressed else f.value, f.number)]) for label, f in rows],
                    [gettext("Share of families")],
                    top=100,
                ),
                label_heading=gettext("Risk level"),
            )
        ]

    def title(self) -> str:
        year = self.year
        return gettext("The year %(year)s") % {"year": year.year} if year else gettext("The year in figures")


def figure_source() -> FigureSource:
    yearly = Yearly()
    return FigureSource(
        name="year",
        title=yearly.title,
        choices=yearly.choices,
        figures=yearly.figures,
        charts=yearly.charts,
        note=lambda: yearly.year.source_note if yearly.year else "",
        order=10,
    )
