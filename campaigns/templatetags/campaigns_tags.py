from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import Locale

from campaigns.models import CampaignPage
from campaigns.models.pages import attach_totals

register = template.Library()


def progress_words(needed, pledged, received):
    """The sentence beside a bar (and what a screen reader hears instead of it)."""
    on_the_way = max(0, pledged - received)
    still = max(0, needed - pledged)
    parts = [
        ngettext("%(count)s needed", "%(count)s needed", needed) % {"count": needed},
        ngettext("%(count)s received", "%(count)s received", received) % {"count": received},
        ngettext("%(count)s pledged and on the way", "%(count)s pledged and on the way", on_the_way)
        % {"count": on_the_way},
        ngettext("%(count)s still needed", "%(count)s still needed", still) % {"count": still},
    ]
    return ", ".join(parts)


@register.inclusion_tag("campaigns/includes/progress.html")
def campaign_progress(needed, pledged, received, compact=False):
    """A bar with received solid and pledged-on-the-way lighter, and the numbers in words."""
    return {
        "needed": needed,
        "received": received,
        "on_the_way": max(0, pledged - received),
        "still_needed": max(0, needed - pledged),
        "label": progress_words(needed, pledged, received),
        "compact": compact,
    }


@register.inclusion_tag("campaigns/includes/active_campaigns.html", takes_context=True)
def active_campaigns(context, limit=3):
    """The running campaigns of the active language with their overall progress, for the home page."""
    today = timezone.localdate()
    campaigns = list(
        CampaignPage.objects.live()
        .public()
        .filter(locale=Locale.get_active(), start_date__lte=today, end_date__gte=today)
        .select_related("image")
        .order_by("end_date")[:limit]
    )
    attach_totals(campaigns)
    return {"request": context.get("request"), "campaigns": campaigns}


@register.simple_tag
def state_badge_class(state):
    return {
        "pledged": "badge",
        "partly_received": "badge badge--warn",
        "received": "badge badge--ok",
        "cancelled": "badge badge--muted",
        "expired": "badge badge--error",
    }.get(state, "badge")


@register.simple_tag
def days_left(campaign):
    days = (campaign.end_date - timezone.localdate()).days
    if days < 0:
        return _("ended")
    if days == 0:
        return _("last day today")
    return ngettext("%(count)s day left", "%(count)s days left", days) % {"count": days}


UNIT_COUNTS = {
    "pieces": lambda n: ngettext("%(count)s piece", "%(count)s pieces", n),
    "pairs": lambda n: ngettext("%(count)s pair", "%(count)s pairs", n),
    "sets": lambda n: ngettext("%(count)s set", "%(count)s sets", n),
}


@register.simple_tag
def quantity(count, unit):
    """ "1 pair", "2 pairs": the unit agrees with the number in every language."""
    count = count or 0
    return UNIT_COUNTS.get(unit, UNIT_COUNTS["pieces"])(count) % {"count": count}
