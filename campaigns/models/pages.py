from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index

from modelcluster.fields import ParentalKey
from wagtail_localize.fields import SynchronizedField

from campaigns.choices import Category, Priority, Unit
from home.blocks import ContentStreamBlock
from home.models import BasePage


class CampaignIndexPage(BasePage):
    """The list of campaigns: running ones first, then those coming and those past."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = list(CampaignPage.objects.child_of(self).live().public().order_by("-start_date"))
        attach_totals(campaigns)
        today = timezone.localdate()
        context["running"] = [c for c in campaigns if c.start_date <= today <= c.end_date]
        context["coming"] = [c for c in campaigns if c.start_date > today]
        context["past"] = [c for c in campaigns if c.end_date < today]
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
        InlinePanel("needs", heading=_("Needs"), label=_("Need"), min_num=1),
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

    def clean(self):
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
    def source(self):
        """The page whose needs count: the default language's version when there is one."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    def sync_tallies(self):
        from campaigns.models.pledges import NeedTally

        if self.source.pk != self.pk:
            return
        needs = list(self.needs.all())
        NeedTally.objects.sync_for(self, needs)

    def period_state(self, today=None):
        """'open', 'coming', 'ended' or 'unpublished': why pledges are taken or not."""
        today = today or timezone.localdate()
        if not self.live or not self.source.live:
            return "unpublished"
        if today < self.start_date:
            return "coming"
        if today > self.end_date:
            return "ended"
        return "open"

    def accepts_pledges(self, today=None):
        return self.period_state(today) == "open"

    def needs_with_tallies(self):
        """The needs in display order, each with ``.tally`` (counts shared by every language)."""
        from campaigns.models.pledges import NeedTally

        needs = list(self.needs.all())
        tallies = NeedTally.objects.in_bulk([need.translation_key for need in needs], field_name="key")
        for need in needs:
            need.tally = tallies.get(need.translation_key) or NeedTally(needed=need.quantity)
        return needs

    def get_context(self, request, *args, form=None, **kwargs):
        from campaigns.views import campaign_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_context(request, self, form))
        return context

    def serve(self, request, *args, **kwargs):
        from campaigns.views import campaign_page

        return campaign_page(request, self)


def attach_totals(campaigns):
    """Give each campaign ``.totals`` (needed, pledged, received) in one query for all of them."""
    from campaigns.models.pledges import NeedTally

    totals = NeedTally.objects.totals_by_campaign_key([c.translation_key for c in campaigns])
    empty = {"needed": 0, "pledged": 0, "received": 0}
    for campaign in campaigns:
        campaign.totals = totals.get(campaign.translation_key, empty)
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

    def clean(self):
        from campaigns.models.pledges import NeedTally

        super().clean()
        tally = NeedTally.objects.filter(key=self.translation_key).first()
        if tally and self.quantity is not None and self.quantity < tally.pledged:
            raise ValidationError(
                {
                    "quantity": _("%(count)s are already pledged; the quantity cannot be lower.")
                    % {"count": tally.pledged}
                }
            )
