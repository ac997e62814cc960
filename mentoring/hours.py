"""Hours as people write them: no trailing zeros, the active language's decimal mark."""

from decimal import Decimal

from django.utils.formats import number_format


def plain_hours(value: Decimal | int | str | None) -> Decimal:
    """3.50 → 3.5 and 10.00 → 10 (``Decimal.normalize`` alone would give 1E+1)."""
    value = Decimal(value or 0)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def format_hours(value: Decimal | int | str | None) -> str:
    """ "3,5" in Latvian, "3.5" in English."""
    return number_format(plain_hours(value))
