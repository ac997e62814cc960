from functools import lru_cache
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext, ngettext_lazy
from django.utils.translation import gettext as _

from wagtail.models import Locale

from campaigns.choices import PledgeState, quantity_text
from campaigns.models import CampaignPage
from home import dates, layout
from home.templatetags.home_tags import bar_svg

register = template.Library()

# The numbers beside a need's bar (ngettext_lazy, so that makemessages finds them).
COUNTED = {
    "needed": ngettext_lazy("%(count)s needed", "%(count)s needed", "count"),
    "received": ngettext_lazy("%(count)s received", "%(count)s received", "count"),
    "on the way": ngettext_lazy("%(count)s on the way", "%(count)s on the way", "count"),
    "still needed": ngettext_lazy("%(count)s still needed", "%(count)s still needed", "count"),
}


def progress_words(needed: int, pledged: int, received: int) -> str:
    """The sentence beside a bar (and what a screen reader hears instead of it)."""
    on_the_way = max(0, pledged - received)
    still = max(0, needed - pledged)
    parts = [
        _count("needed", needed),
        _count("received", received),
        ngettext("%(count)s pledged and on the way", "%(count)s pledged and on the way", on_the_way)
        % {"count": on_the_way},
        _count("still needed", still),
    ]
    return ", ".join(parts)


@register.simple_tag
def campaign_progress(needed: int, pledged: int, received: int, compact: bool = False) -> SafeString:
    """A bar with received solid and pledged-on-the-way lighter, and the numbers in words.

    Written in Python, not a template: the campaign page draws one for each of its needs
    (hundreds in a big campaign), and a template include per need costs ten times as much.
    """
    on_the_way = max(0, pledged - received)
    still = max(0, needed - pledged)
    return format_html(
        '<div class="progress{}">{}<ul class="legend progress__legend" aria-hidden="true">'
        '<li class="progress__needed">{}:</li>'
        '<li><span class="legend__swatch legend__swatch--done"></span>{}</li>'
        '<li><span class="legend__swatch legend__swatch--promised"></span>{}</li>'
        '<li><span class="legend__swatch legend__swatch--track"></span>{}</li></ul></div>',
        " progress--compact" if compact else "",
        bar_svg(needed, received, on_the_way, progress_words(needed, pledged, received)),
        _count("needed", needed),
        _count("received", received),
        _count("on the way", on_the_way),
        _count("still needed", still),
    )


@register.simple_tag
def need_input(need: Any) -> SafeString:
    """The quantity box of a need on the pledge form (``PledgeForm`` made ``need.field``).

    A box without a problem is written here directly, as Django's ``NumberInput`` would write it
    (same name, id and limits): the widget machinery costs about half a millisecond a field, and a
    big campaign has hundreds. A box with an error goes through Django's widget, which adds
    ``aria-invalid`` and ``aria-describedby``.
    """
    field = need.field
    if field.errors:
        return field.as_widget()
    attrs = field.field.widget.attrs
    value = field.value() if field.form.is_bound else None
    return format_html(
        '<input type="number" name="{}"{} min="{}" max="{}" inputmode="numeric" id="{}">',
        field.html_name,
        format_html(' value="{}"', value) if value not in (None, "") else "",
        attrs["min"],
        attrs["max"],
        field.auto_id,
    )


@lru_cache(maxsize=4096)
def _counted(language: str, words: str, count: int) -> str:
    """A count in words, remembered per language: a page of 500 needs asks for the same few counts."""
    return COUNTED[words] % {"count": count}


def _count(words: str, count: int) -> str:
    return _counted(get_language() or "", words, count)


@register.simple_tag(takes_context=True)
def need_cards(
    context: template.Context, needs: Any, done: bool = False, show_category: bool = False, level: int = 3
) -> SafeString:
    """The needs as cards, each with its bar, numbers and quantity box: ``<ul class="needs">``.

    Written in Python rather than as a template loop: a big campaign has hundreds of needs, and
    this costs a tenth of a template per card (a 500-need page must render in well under 150 ms).
    """
    period_state = context.get("period_state")
    taking = bool(period_state and period_state.is_open)
    urgent, all_pledged = _("Urgent"), _("All pledged — thank you!")
    cards = []
    for need in needs:
        tally = need.tally
        field = getattr(need, "field", None)
        errors = field.errors if field is not None else None
        head = [format_html('<h{} class="need__name">{}', level, need.name)]
        if need.size:
            head.append(format_html(' <span class="need__size">{}</span>', need.size))
        head.append(format_html("</h{}>", level))
        if show_category:
            head.append(format_html('<span class="badge badge--muted">{}</span>', need.get_category_display()))
        if need.is_urgent and not done:
            head.append(format_html('<span class="badge badge--warn">{}</span>', urgent))
        body = []
        if need.description:
            body.append(format_html('<p class="need__description">{}</p>', need.description))
        body.append(campaign_progress(tally.needed, tally.pledged, tally.received, compact=True))
        if taking and tally.pk:
            if not done and field is not None:
                body.append(
                    format_html(
                        '<div class="need__input field{}"><label for="{}">{}</label>{}{}</div>',
                        " field--error" if errors else "",
                        field.auto_id,
                        need.how_many_label,
                        need_input(need),
                        errors or "",
                    )
                )
            else:
                body.append(
                    format_html(
                        '<p class="need__full"><span class="badge badge--ok">{}</span></p>{}',
                        all_pledged,
                        errors or "",
                    )
                )
        cards.append(
            format_html(
                '<li class="need{}{}"><div class="need__head">{}</div>{}</li>',
                " need--done" if done else "",
                " need--error" if errors else "",
                mark_safe("".join(head)),  # noqa: S308 - escaped by format_html above
                mark_safe("".join(body)),  # noqa: S308 - escaped by format_html and the tags above
            )
        )
    return format_html(
        '<ul class="needs{}">{}</ul>',
        " needs--done" if done else "",
        mark_safe("\n".join(cards)),  # noqa: S308 - escaped by format_html above
    )


@register.inclusion_tag("campaigns/includes/active_campaigns.html", takes_context=True)
def active_campaigns(context: template.Context, limit: int = 3) -> dict[str, Any]:
    """The running campaigns of the active language with their overall progress, for the home page."""
    today = timezone.localdate()
    page = context.get("page")
    locale_id = page.locale_id if page is not None and getattr(page, "locale_id", None) else Locale.get_active().pk
    campaigns = CampaignPage.for_cards(
        layout.public(CampaignPage.objects.live())
        .filter(locale_id=locale_id, start_date__lte=today, end_date__gte=today)
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
