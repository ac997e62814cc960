from django import template

from mentoring.hours import format_hours

register = template.Library()


@register.filter
def hours(value):
    """Hours as people write them in the active language: "3,5" in Latvian, "3.5" in English."""
    return format_hours(value)


@register.filter
def month_label(value):
    """A month after a label or in brackets: "2026. gada marts", "March 2026"."""
    from mentoring.certificates import month_name

    return month_name(value) if value else ""
