"""Calendar arithmetic the programme's rules are written in: ages on a day, months."""

import calendar
import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.text import capfirst


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Full years of age on ``day`` (a birthday counts on the day itself)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the month's last day where it is shorter (31 January + 1 → 28/29 February)."""
    first = add_months(day, months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


def month_range(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first days of every month from ``first``'s month to ``last``'s month, inclusive."""
    current, end = month_start(first), month_start(last)
    months = []
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


@dataclass(frozen=True)
class MonthLabel:
    """A chart column's month: short under the column, in full in the table read aloud."""

    month: datetime.date

    def __str__(self) -> str:
        return date_format(self.month, "m/y")

    @property
    def long(self) -> str:
        return capfirst(date_format(self.month, "YEAR_MONTH_FORMAT"))
