"""Calendar arithmetic the programme's rules are written in: ages on a day, months."""

import datetime


def age_on(birth_date, day):
    """Full years of age on ``day`` (a birthday counts on the day itself)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def month_start(day):
    return day.replace(day=1)


def add_months(day, months):
    """The first day of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_range(first, last):
    """The first days of every month from ``first``'s month to ``last``'s month, inclusive."""
    current, end = month_start(first), month_start(last)
    months = []
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months
