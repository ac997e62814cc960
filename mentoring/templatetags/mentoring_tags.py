from typing import Any

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

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


# A row number no real meeting has: a link is reversed once a list and the number put in per row.
_ANY_ROW = 987654321


@register.simple_tag
def meeting_list(month: dict[str, Any], editable: bool = False) -> SafeString:
    """A month's meetings (``services.pair_months``) as ``<ul class="meetings">``: the day, the activity,
    the hours, a flagged worry and the note, and, while the month is open and the page lets the mentor
    change it (``editable``), links to edit and delete the meeting.

    Written in Python rather than as a template loop: two years of meetings are a hundred rows, which
    cost the mentor's page most of its time as a loop (``python -m bench.pledge --mentor``). The
    markup is the template's as it was.
    """
    actions = editable and month["editable"]
    flagged, edit, delete = _("worry flagged"), _("Edit"), _("Delete")
    edit_url = reverse("mentoring:edit_meeting", args=[_ANY_ROW]) if actions else ""
    delete_url = reverse("mentoring:delete_meeting", args=[_ANY_ROW]) if actions else ""
    rows = []
    for meeting in month["meetings"]:
        day = date_format(meeting.date, "SHORT_DATE_FORMAT")
        links = ""
        if actions:
            row = str(meeting.pk)
            links = format_html(
                '<div class="meeting__actions">'
                '<a class="btn btn--ghost btn--small" href="{}">{}<span class="visually-hidden"> {}</span></a>'
                '<a class="btn btn--ghost btn--small" href="{}">{}<span class="visually-hidden"> {}</span></a>'
                "</div>",
                edit_url.replace(str(_ANY_ROW), row),
                edit,
                day,
                delete_url.replace(str(_ANY_ROW), row),
                delete,
                day,
            )
        rows.append(
            (
                day,
                meeting.get_activity_display(),
                _("%(hours)s h") % {"hours": format_hours(meeting.hours)},
                format_html(' <span class="badge badge--warn">{}</span>', flagged) if meeting.concern else "",
                format_html(' <p class="meeting__note">{}</p>', meeting.note) if meeting.note else "",
                links,
            )
        )
    return format_html(
        '<ul class="meetings">{}</ul>',
        format_html_join(
            "\n",
            '<li class="meeting"><div class="meeting__main"><strong>{}</strong> · {} · {}{}{}</div>{}</li>',
            rows,
        ),
    )
