from django import template

from mentoring.hours import format_hours

register = template.Library()


@register.filter
def hours(value):
    """Hours as people write them in the active language: "3,5" in Latvian, "3.5" in English."""
    return format_hours(value)


@register.simple_tag
def months_between(first, last):
    """A period of months after a label or in brackets: "2026. gada marts – 2026. gada maijs", "March 2026"."""
    from mentoring.certificates import months_between

    return months_between(first, last) if first and last else ""
