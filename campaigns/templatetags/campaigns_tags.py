from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import Locale

from campaigns.choices import PledgeState, quantity_text
from campaigns.models import CampaignPage
from home import dates

register = template.Library()


def progress_words(needed: int, pledged: int, received: int) -> str:
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
def campaign_progress(needed: int, pledged: int, received: int, compact: bool = False) -> dict[str, Any]:
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
def active_campaigns(context: template.Context, limit: int = 3) -> dict[str, Any]:
    """The running campaigns of the active language with their overall progress, for the home page."""
    today = timezone.localdate()
    campaigns = CampaignPage.for_cards(
        CampaignPage.objects.live()
        .public()
        .filter(locale=Locale.get_active(), start_date__lte=today, end_date__gte=today)
        .order_by("end_date")[:limit]
    )
    return {"request": context.get("request"), "campaigns": campaigns}


BADGES = {
    PledgeState.PLEDGED: "badge",
    PledgeState.PARTLY_RECEIVED: "badge badge--warn",
    PledgeState.RECEIVED: "badge badge--ok",
    PledgeState.CANCELLED: "badge badge--muted",
    PledgeState.EXPIRED: "badge badge--error",
}


@register.simple_tag
def state_badge_class(state: str) -> str:
    return BADGES.get(state, "badge")  # type: ignore[call-overload]


@register.simple_tag
def campaign_when(campaign: CampaignPage) -> str:
    """One line on where a campaign stands in time: when it starts, how many days are left, or that it ended."""
    state = campaign.period_state()
    if state.is_coming:
        return _("Starts: %(date)s") % {"date": dates.long_date(campaign.start_date)}
    days = campaign.days_left()
    if days < 0:
        return _("ended")
    if days == 0:
        return _("last day today")
    return ngettext("%(count)s day left", "%(count)s days left", days) % {"count": days}


@register.simple_tag
def quantity(count: int | None, unit: str) -> str:
    """ "1 pair", "2 pairs": the unit agrees with the number in every language."""
    return quantity_text(count or 0, unit)
