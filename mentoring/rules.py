"""The programme's limits, each written once: models, forms, services, the database and the
messages people read all take them from here.

Messages that name a limit are built from it, so changing a number here changes every
sentence that mentions it (in both languages).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext

from mentoring.hours import format_hours

# Who may take part: full years of age, both ends included.
MENTOR_AGES = (18, 25)  # on the day of applying and on a pair's start date
MENTEE_AGES = (12, 17)  # on a pair's start date

# Meetings are logged in quarter hours, from a quarter to twelve hours each.
QUARTER_HOUR = Decimal("0.25")
MEETING_MIN_HOURS = QUARTER_HOUR
MEETING_MAX_HOURS = Decimal("12")
# A pair's meetings on one day add up to no more than one meeting may last.
DAY_MAX_HOURS = MEETING_MAX_HOURS
# A month with more than this many times the monthly target is flagged for the coordinator.
FAR_ABOVE_TARGET_FACTOR = Decimal("2")

# The longest text a person may write in each kind of field (characters).
SHORT_TEXT_LENGTH = 500  # availability, a topic
TEXT_LENGTH = 2000  # a meeting note, motivation, interests, goals, a decision's reason
LONG_TEXT_LENGTH = 5000  # coordinators' notes and exit notes

COORDINATORS_GROUP = "Mentoring coordinators"
# The mentor's handbook is private to these groups (Wagtail's page and collection privacy);
# ``services.sync_handbook_access`` keeps people in them as their application and pairs change.
MENTORS_GROUP = "Mentors"  # approved mentors waiting for a first pair or in an active pair
TRAINEES_GROUP = "Mentors in training"  # applicants in training: the handbook's training part only
HANDBOOK_GROUPS = (MENTORS_GROUP, TRAINEES_GROUP)


def quarter_hours(value: Decimal | None) -> None:
    """Hours in whole quarters (0.25, 0.5, …); any number a person can type is answered, never a crash."""
    if value is None:
        return
    try:
        whole = value.is_finite() and (value * 4) == (value * 4).to_integral_value()
    except InvalidOperation:
        whole = False
    if not whole:
        raise ValidationError(
            gettext("Use quarter hours: %(examples)s and so on.")
            % {"examples": ", ".join(format_hours(QUARTER_HOUR * n) for n in range(1, 5))},
            code="quarter_hours",
        )


def _meeting_hours_range() -> str:
    return gettext("A meeting lasts from %(low)s to %(high)s hours, in quarter hours.") % {
        "low": format_hours(MEETING_MIN_HOURS),
        "high": format_hours(MEETING_MAX_HOURS),
    }


def _meeting_hours_help() -> str:
    return gettext("In quarter hours, from %(low)s to %(high)s.") % {
        "low": format_hours(MEETING_MIN_HOURS),
        "high": format_hours(MEETING_MAX_HOURS),
    }


def _mentor_ages_help() -> str:
    low, high = MENTOR_AGES
    return gettext("Mentors are from %(low)s to %(high)s years old on the day they apply.") % {
        "low": low,
        "high": high,
    }


# Lazy, so that each is written in the language of whoever reads it.
meeting_hours_range = lazy(_meeting_hours_range, str)  # the refusal
meeting_hours_help = lazy(_meeting_hours_help, str)  # the field's help
mentor_ages_help = lazy(_mentor_ages_help, str)


def reached_target(hours: Decimal, target: Decimal) -> bool:
    """A pair's month that reached the monthly target (the impact page counts them)."""
    return hours >= target


def far_above_target(hours: Decimal, target: Decimal) -> bool:
    """A month the coordinator should look at: far more hours than the programme asks for."""
    return hours > target * FAR_ABOVE_TARGET_FACTOR
