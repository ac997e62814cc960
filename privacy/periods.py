"""Calendar arithmetic for deadlines and retention periods: whole months, clamped to short months."""

import calendar
import datetime


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (earlier when negative); the month's last day where it is shorter
    (31 January + 1 month → 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_before(day: datetime.date, months: int) -> datetime.date:
    return months_after(day, -months)
