import datetime
import decimal
from typing import Any

from django import template
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from privacy.models import RetentionSettings

register = template.Library()

EMPTY = "—"


def _date(day: datetime.date, short: bool = False) -> str:
    """As latvian.md asks: after a label "2026. gada 10. decembris" (the nominative), "10 December 2026";
    in a table "10.12.2026.", "10 Dec 2026"."""
    english = translation.get_language() == "en"
    if short:
        return formats.date_format(day, "j M Y" if english else "d.m.Y.")
    return formats.date_format(day, "j F Y" if english else "DATE_FORMAT")


@register.filter
def personal_value(value: Any, style: str = "") -> str:
    """A value of someone's data as a person reads it: dates in the active language (``"short"`` in a
    table), yes or no, a dash for nothing."""
    short = style == "short"
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{_date(moment, short)}, {formats.time_format(moment, 'H:i')}"
    if isinstance(value, datetime.date):
        return _date(value, short)
    if isinstance(value, decimal.Decimal | float):
        return formats.localize(value, use_l10n=True)
    if isinstance(value, list | tuple):
        return "; ".join(personal_value(item, style) for item in value)
    return str(value)


@register.inclusion_tag("privacy/includes/retention_periods.html")
def retention_periods() -> dict[str, Any]:
    """The centre's retention periods as they are set now (``RetentionSettings``): the privacy notice
    shows these, so it stays true when staff change them."""
    return {"periods": RetentionSettings.for_default_site().periods()}
