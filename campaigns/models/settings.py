from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import register_setting

from home.models import DefaultSiteSetting


@register_setting(icon="form")
class CampaignSettings(DefaultSiteSetting):
    """The campaign's knobs that staff turn: how long a late pledge is kept, where the privacy notice is."""

    grace_days = models.PositiveSmallIntegerField(
        _("grace days"),
        default=3,
        help_text=_("A pledge not brought by its expected date plus this many days expires and frees its items."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page donors agree to when they pledge."),
    )
    notify_email = models.EmailField(
        _("extra notification address"),
        blank=True,
        help_text=_("New pledges are announced to the Campaign managers and, if set, to this address too."),
    )

    panels = [FieldPanel("grace_days"), FieldPanel("privacy_page"), FieldPanel("notify_email")]

    class Meta:
        verbose_name = _("campaign settings")
