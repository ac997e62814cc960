import datetime
import decimal
from typing import Any

from django import template
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from privacy.models import RetentionSettings

register = template.Library()

EMPTY = "—"


def _date(day: datetime.date) -> str:
    """After a label, as latvian.md asks: "2026. gada 10. decembris" (the nominative); "10 December 2026"."""
    if translation.get_language() == "en":
        return formats.date_format(day, "j F Y")
    return formats.date_format(day, "DATE_FORMAT")


@register.filter
def personal_value(value: Any) -> str:
    """A value of someone's data as a person reads it: dates in the active language, yes or no, a dash for nothing."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{_date(moment)}, {formats.time_format(moment, 'H:i')}"
    if isinstance(value, datetime.date):
        return _date(value)
    if isinstance(value, decimal.Decimal | float):
        return formats.localize(value, use_l10n=True)
    if isinstance(value, list | tuple):
        return "; ".join(personal_value(item) for item in value)
    return str(value)


@register.inclusion_tag("privacy/includes/retention_periods.html")
def retention_periods() -> dict[str, Any]:
    """The centre's retention periods as they are set now (``RetentionSettings``): the privacy notice
    shows these, so it stays true when staff change them."""
    return {"periods": RetentionSettings.for_default_site().periods()}
