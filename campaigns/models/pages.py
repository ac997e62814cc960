import datetime
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index

from modelcluster.fields import ParentalKey
from modelcluster.models import model_from_serializable_data
from wagtail_localize.fields import SynchronizedField

from campaigns.choices import HOW_MANY, Category, PeriodState, Priority, Unit
from campaigns.models.pledges import NeedTally, Totals
from campaigns.models.settings import CampaignSettings
from home import layout
from home.blocks import ContentStreamBlock
from home.models import BasePage, CentreSettings, OpeningHours
from home.panels import InlinePanel

# The picture of a campaign in its cards (index, home page) and at the top of its page.
CARD_IMAGE_SPECS = ("fill-320x180|format-webp", "fill-640x360|format-webp", "fill-960x540|format-webp")


# Up to this many needs still open, the page lists them all; more, and each category folds
# into a <details> a donor opens (500 needs are a list nobody scrolls on a phone).
NEEDS_SHOWN_UNFOLDED = 24


@dataclass
class NeedGroup:
    """The needs of one category on the campaign page, shown open or folded."""

    category: str
    label: str
    needs: list["Need"]
    open: bool = True

    @property
    def urgent(self) -> int:
        return sum(1 for need in self.needs if need.is_urgent)


def group_needs(needs: Sequence["Need"], *, unfolded: int = NEEDS_SHOWN_UNFOLDED) -> list[NeedGroup]:
    """Needs by category, in the categories' order and the editor's order inside each; all open
    when there are few, folded when there are many."""
    labels = dict(Category.choices)
    groups: dict[str, NeedGroup] = {}
    for need in needs:
        group = groups.get(need.category)
        if group is None:
            group = groups[need.category] = NeedGroup(need.category, str(labels.get(need.category, need.category)), [])
        group.needs.append(need)
    order = {value: number for number, value in enumerate(labels)}
    folded = len(needs) > unfolded
    ordered = sorted(groups.values(), key=lambda group: order.get(group.category, len(order)))
    for group in ordered:
        group.open = not folded
    return ordered


@dataclass(frozen=True)
class Dropoff:
    """Where and when donors bring the items: the campaign's own details, else the centre's.

    ``hours`` is the campaign's own text; when it has none, ``opening_hours`` are the
    centre's rows. Pages, confirmations, private links and mails all show this one answer.
    """

    centre_name: str
    address: str
    hours: str
    info: str
    phone: str
    opening_hours: Sequence[OpeningHours] = field(default_factory=tuple)

    @property
    def has_hours(self) -> bool:
        return bool(self.hours or self.opening_hours)

    def hours_lines(self) -> list[str]:
        """The hours as lines of plain text, for mail."""
        if self.hours:
            return [line.strip() for line in self.hours.splitlines() if line.strip()]
        return [f"{row.days} {row.opens:%H:%M}–{row.closes:%H:%M}" for row in self.opening_hours]

    def next_opening(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime] | None:
        """The first opening on ``day`` or in the week after it, as local (naive) start and end; None when
        the hours are the campaign's own words (no times to read) or the centre has given none."""
        if self.hours or not self.opening_hours:
            return None
        rows = sorted(self.opening_hours, key=lambda row: row.opens)
        for offset in range(7):
            date = day + datetime.timedelta(days=offset)
            for row in rows:
                if row.first_day <= date.isoweekday() <= row.last_day:
                    return datetime.datetime.combine(date, row.opens), datetime.datetime.combine(date, row.closes)
        return None


class CampaignIndexPage(BasePage):
    """The list of campaigns: running ones first, then those coming and those past."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        campaigns = CampaignPage.for_cards(
            layout.public(CampaignPage.objects.child_of(self).live()).order_by("-start_date")
        )
        by_state: dict[PeriodState, list[CampaignPage]] = {state: [] for state in PeriodState}
        for campaign in campaigns:
            by_state[campaign.period_state()].append(campaign)
        context["running"] = by_state[PeriodState.OPEN]
        context["coming"] = by_state[PeriodState.COMING]
        context["past"] = by_state[PeriodState.ENDED]
        return context


class CampaignPage(BasePage):
    """One campaign: its period, what is needed and the pledge form.

    The needs are edited inline and translated with the page; what has been
    pledged and received is counted per need in ``NeedTally``, outside the page's
    revisions, so that publishing a page never resets the counts.
    """

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)
    conditions = models.TextField(
        _("what we accept"),
        blank=True,
        help_text=_("Condition rules, e.g. new or nearly new, clean, sizes as listed."),
    )
    dropoff_address = models.CharField(
        _("drop-off address"), max_length=200, blank=True, help_text=_("Empty: the centre's address.")
    )
    dropoff_hours = models.TextField(
        _("drop-off hours"), blank=True, help_text=_("Empty: the centre's opening hours.")
    )
    dropoff_info = models.TextField(
        _("drop-off instructions"), blank=True, help_text=_("Empty: the centre's drop-off instructions.")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Period")),
        FieldPanel("body"),
        FieldPanel("conditions"),
        MultiFieldPanel(
            [FieldPanel("dropoff_address"), FieldPanel("dropoff_hours"), FieldPanel("dropoff_info")],
            heading=_("Drop-off"),
        ),
        InlinePanel("needs", heading=_("Needs"), label=_("Need"), add_label=_("Add need"), min_num=1),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body"), index.FilterField("end_date")]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("start_date", overridable=False),
        SynchronizedField("end_date", overridable=False),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The campaign cannot end before it starts.")})

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "needs" in update_fields:
            self.sync_tallies()
        return result

    @cached_property
    def source(self) -> "CampaignPage":
        """The page whose needs count: the default language's version when there is one."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    def sync_tallies(self) -> None:
        if self.source.pk != self.pk:
            return
        needs = list(self.needs.all())
        NeedTally.objects.sync_for(self, needs)

    def period_state(self, today: datetime.date | None = None) -> PeriodState:
        """Why pledges are taken or not: running, not started, ended, or not published."""
        today = today or timezone.localdate()
        if not self.live or not self.source.live:
            return PeriodState.UNPUBLISHED
        if today < self.start_date:
            return PeriodState.COMING
        if today > self.end_date:
            return PeriodState.ENDED
        return PeriodState.OPEN

    def accepts_pledges(self, today: datetime.date | None = None) -> bool:
        return self.period_state(today).is_open

    def days_left(self, today: datetime.date | None = None) -> int:
        """Whole days until the last day (0 on the last day itself)."""
        return (self.end_date - (today or timezone.localdate())).days

    def needs_with_tallies(self) -> list["Need"]:
        """The needs, each with ``.tally`` (counts shared by every language): those still needed
        first, fully pledged ones after them, each group in the editor's order."""
        needs = list(self.needs.all())
        tallies = NeedTally.objects.in_bulk([need.translation_key for need in needs], field_name="key")
        for need in needs:
            need.tally = tallies.get(need.translation_key) or NeedTally(needed=need.quantity)
        return sorted(needs, key=lambda need: need.is_fully_pledged)

    def needs_with_tallies_of(self, tally_ids: Collection[int]) -> list["Need"]:
        """Those of ``needs_with_tallies`` whose tallies are ``tally_ids``, in the same order, without
        reading the others: a pledge names one or a few of a page's hundreds of needs."""
        tallies = {tally.key: tally for tally in NeedTally.objects.filter(pk__in=tally_ids)}
        if not tallies:
            return []
        needs = list(self.needs.filter(translation_key__in=tallies))
        for need in needs:
            need.tally = tallies[need.translation_key]
        return sorted(needs, key=lambda need: need.is_fully_pledged)

    def most_needed(self, needs: Sequence["Need"] | None = None) -> list["Need"]:
        """The needs still open, the most wanted first: urgent before normal before nice-to-have,
        then the most still needed, then the editor's order (needs from ``needs_with_tallies``)."""
        needs = self.needs_with_tallies() if needs is None else needs
        still_open = [need for need in needs if not need.is_fully_pledged]
        order = {need.pk: position for position, need in enumerate(needs)}
        return sorted(
            still_open,
            key=lambda need: (need.priority, -need.tally.still_needed, order[need.pk]),
        )

    def dropoff(self, centre: CentreSettings | None = None) -> Dropoff:
        """Where and when to bring the items: this campaign's own details, else the centre's."""
        centre = centre or CentreSettings.for_default_site()
        return Dropoff(
            centre_name=centre.name,
            address=self.dropoff_address or centre.address,
            hours=self.dropoff_hours.strip(),
            opening_hours=() if self.dropoff_hours.strip() else tuple(centre.hours),
            info=self.dropoff_info or centre.instructions,
            phone=centre.phone,
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """What the page shows; ``campaigns.views.campaign_page`` adds the pledge form to it."""
        context = super().get_context(request, *args, **kwargs)
        needs = self.needs_with_tallies()
        privacy = CampaignSettings.for_request(request).privacy_page
        open_needs = [need for need in needs if not need.is_fully_pledged]
        done_needs = [need for need in needs if need.is_fully_pledged]
        context.update(
            {
                "needs": needs,
                "open_needs": open_needs,
                "done_needs": done_needs,
                "need_groups": group_needs(open_needs),
                "fold_done_needs": len(done_needs) > NEEDS_SHOWN_UNFOLDED,
                "totals": Totals.of(need.tally for need in needs),
                "period_state": self.period_state(),
                "dropoff": self.dropoff(CentreSettings.for_request(request)),
                "privacy_page": privacy.localized if privacy else None,
            }
        )
        return context

    @classmethod
    def for_cards(cls, queryset: models.QuerySet["CampaignPage"]) -> list["CampaignPage"]:
        """Campaigns for a list of cards: each with ``.totals`` and its picture, in a fixed number of queries."""
        from wagtail.images.models import Rendition

        campaigns = list(
            queryset.select_related("image", "locale").prefetch_related(
                models.Prefetch(
                    "image__renditions", queryset=Rendition.objects.filter(filter_spec__in=CARD_IMAGE_SPECS)
                )
            )
        )
        if not campaigns:
            return []
        # Each card asks its period state, which looks at the source page: fetch the sources of
        # translations at once (pages in the default language are their own source).
        default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        keys = [
            campaign.translation_key for campaign in campaigns if campaign.locale.language_code != default_language
        ]
        sources = {}
        if keys:
            sources = {
                page.translation_key: page
                for page in cls.objects.filter(locale__language_code=default_language, translation_key__in=keys)
            }
        for campaign in campaigns:
            campaign.__dict__["source"] = sources.get(campaign.translation_key, campaign)
        # A card shows the sums only: summed by the database, one row a campaign (not one a need).
        sums = (
            NeedTally.objects.filter(
                campaign__translation_key__in=[campaign.translation_key for campaign in campaigns], listed=True
            )
            .order_by()
            .values(campaign_key=F("campaign__translation_key"))
            .annotate(needed_sum=Sum("needed"), pledged_sum=Sum("pledged"), received_sum=Sum("received"))
        )
        totals = {
            row["campaign_key"]: Totals(row["needed_sum"], row["pledged_sum"], row["received_sum"]) for row in sums
        }
        for campaign in campaigns:
            campaign.totals = totals.get(campaign.translation_key, Totals())
        return campaigns


class Need(TranslatableMixin, Orderable):
    """One thing the campaign asks for: "winter boots, size 36, 6 pairs"."""

    page = ParentalKey(CampaignPage, related_name="needs", on_delete=models.CASCADE)
    name = models.CharField(_("item"), max_length=120)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.OTHER)
    description = models.CharField(_("description"), max_length=250, blank=True)
    size = models.CharField(
        _("size or variant"), max_length=40, blank=True, help_text=_("E.g. EU 36; each size is a need of its own.")
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PIECES)
    quantity = models.PositiveIntegerField(_("quantity needed"), validators=[MinValueValidator(1)])
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.NORMAL)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("size")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("priority")]),
        FieldRowPanel([FieldPanel("quantity"), FieldPanel("unit")]),
        FieldPanel("description"),
    ]
    # Facts, not words: translations take them from the source need (home.translation).
    override_translatable_fields = [
        SynchronizedField(name, overridable=False) for name in ("category", "size", "unit", "quantity", "priority")
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self):
        return f"{self.name} {self.size}".strip()

    def get_default_locale(self) -> Locale:
        """A new need takes its campaign's language. Wagtail's own lookup reads the campaign page
        again (every table of it) for each new need; the page the need is saved with is at hand."""
        return self.page.locale

    @classmethod
    def from_serializable_data(cls, data: dict[str, Any], check_fks: bool = True, strict_fks: bool = False) -> "Need":
        """A need as a page revision keeps it. modelcluster checks that each child's foreign keys
        still exist, two queries a need (its page and its locale) whenever a revision is read: the
        editor, publishing, previews, 1,000 queries at 500 needs. Neither can be missing: the page
        is the revision's own, and a locale in use cannot be deleted (``PROTECT``)."""
        return model_from_serializable_data(cls, data, check_fks=False, strict_fks=strict_fks)

    @property
    def how_many_label(self) -> str:
        """The question beside the quantity field: "How many pairs will you give?"."""
        return str(HOW_MANY.get(self.unit, HOW_MANY[Unit.PIECES]))

    @property
    def is_urgent(self) -> bool:
        return self.priority == Priority.URGENT

    @property
    def is_fully_pledged(self) -> bool:
        """Nothing more can be pledged (asks the tally that ``needs_with_tallies`` attached)."""
        tally = getattr(self, "tally", None)
        return tally is not None and tally.still_needed == 0

    def clean(self) -> None:
        super().clean()
        tally = NeedTally.objects.filter(key=self.translation_key).first()
        if tally and self.quantity is not None and self.quantity < tally.pledged:
            raise ValidationError(
                {
                    "quantity": _("%(count)s are already pledged; the quantity cannot be lower.")
                    % {"count": tally.pledged}
                }
            )
