"""The drop-off as a calendar entry: an iCalendar file (RFC 5545) written with ``icalendar``.

When: the first opening of the drop-off place on the day the donor said they would come (or in the
week after it), while the pledge still stands; where the hours are the campaign's own words, or the
centre gives none, an all-day entry on that day, with the hours in the description.
"""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from icalendar import Calendar, Event

from campaigns.choices import quantity_text
from campaigns.models import CampaignSettings, Dropoff, Pledge

PRODUCT_ID = "-//Bauska SOS Family Support Centre//Portal//LV"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def drop_off_when(
    pledge: Pledge, dropoff: Dropoff, *, today: datetime.date | None = None, grace_days: int | None = None
) -> tuple[datetime.datetime, datetime.datetime] | datetime.date:
    """The entry's time: (start, end) in the centre's time zone, or a date for an all-day entry.

    From the expected date (never a day already past), the place's next opening, provided it comes
    before the pledge would expire (the expected date plus the grace days); else that day, all day.
    """
    today = today or timezone.localdate()
    day = max(pledge.expected_date, today)
    if grace_days is None:
        grace_days = CampaignSettings.for_default_site().grace_days
    last_day = max(pledge.expected_date + datetime.timedelta(days=grace_days), day)
    opening = dropoff.next_opening(day)
    if opening is None or opening[0].date() > last_day:
        return day
    zone = timezone.get_default_timezone()
    return timezone.make_aware(opening[0], zone), timezone.make_aware(opening[1], zone)


def description(pledge: Pledge, lines: list[Any], dropoff: Dropoff, private_url: str) -> str:
    parts = [
        _("Reference: %(reference)s") % {"reference": pledge.reference},
        _("Please say the reference, or show the QR code on your pledge's page, when you bring the items."),
        "",
        _("What you will give:"),
        *(f"- {line.label}: {quantity_text(line.quantity, line.need.unit)}" for line in lines),
        "",
        f"{dropoff.centre_name}, {dropoff.address}",
    ]
    if dropoff.has_hours:
        parts += [_("Opening hours:"), *dropoff.hours_lines()]
    if dropoff.info:
        parts.append(dropoff.info)
    if dropoff.phone:
        parts.append(_("Questions? %(phone)s") % {"phone": dropoff.phone})
    parts += ["", _("Your pledge: %(url)s") % {"url": private_url}]
    return "\n".join(parts)


def pledge_calendar(
    pledge: Pledge,
    context: dict[str, Any],
    *,
    private_url: str,
    host: str,
    grace_days: int | None = None,
    today: datetime.date | None = None,
) -> bytes:
    """The .ics file of a pledge's drop-off, in the active language; ``context`` is ``services.pledge_context``."""
    dropoff: Dropoff = context["dropoff"]
    when = drop_off_when(pledge, dropoff, today=today, grace_days=grace_days)
    event = Event()
    # The same UID every time: downloading the entry again updates it instead of adding a second one.
    event.add("uid", f"pledge-{pledge.reference}@{host}")
    event.add("dtstamp", timezone.now())
    event.add(
        "summary",
        _("Bring the pledged items (%(reference)s): %(campaign)s")
        % {"reference": pledge.reference, "campaign": context["campaign"].title},
    )
    event.add("location", f"{dropoff.centre_name}, {dropoff.address}")
    event.add("description", description(pledge, context["lines"], dropoff, private_url))
    event.add("url", private_url)
    event.add("transp", "TRANSPARENT")  # a reminder of a place's hours, not a meeting that fills the day
    if isinstance(when, tuple):
        event.add("dtstart", when[0])
        event.add("dtend", when[1])
        first = when[0].date()
    else:
        event.add("dtstart", when)
        event.add("dtend", when + datetime.timedelta(days=1))
        first = when
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    # Only the time zone's rules around the entry, not its whole history.
    calendar.add_missing_timezones(first - datetime.timedelta(days=366), first + datetime.timedelta(days=366))
    return calendar.to_ical()
