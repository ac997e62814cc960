from django import template

from mentoring.hours import format_hours

register = template.Library()


@register.filter
def hours(value):
    """Hours as people write them in the active language: "3,5" in Latvian, "3.5" in English."""
    return format_hours(value)
