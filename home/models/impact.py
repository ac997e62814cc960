"""The impact page and the yearly figures that live outside the portal (entered by staff)."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from home.blocks import PARAGRAPH_FEATURES
from home.models.pages import BasePage

SHARE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def _count(label: Any, help_text: Any = "") -> models.PositiveIntegerField:
    return models.PositiveIntegerField(label, null=True, blank=True, help_text=help_text)


def _share(label: Any) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=SHARE_VALIDATORS,
        help_text=_("Per cent."),
    )


class YearlyFiguresQuerySet(models.QuerySet["YearlyFigures"]):
    def latest_year(self) -> "YearlyFigures | None":
        return self.order_by("-year").first()


class YearlyFigures(models.Model):
    """A year's figures from the centre's own records (the yearly report), which the portal cannot
    count: children and families supported, risk levels, cases, camps. Numbers are numbers; the
    only words are the note on where they come from, in both languages."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    children_supported = _count(_("children supported during the year"))
    families_supported = _count(_("families supported during the year"))
    children_per_month = _count(_("children a month on average"))
    families_per_month = _count(_("families a month on average"))
    high_risk_share = _share(_("high-risk families (share)"))
    medium_risk_share = _share(_("medium-risk families (share)"))
    cases_closed = _count(_("family cases closed"))
    cases_goals_reached = _count(
        _("closed cases that reached their goals"),
        _("Families who became independent or met the goals of their development plan."),
    )
    camps = _count(_("camps"))
    camp_families = _count(_("families at camps"))
    camp_children = _count(_("children at camps"))
    note = models.CharField(
        _("where the figures come from"), max_length=200, blank=True, help_text=_("For example: the yearly report.")
    )
    note_en = models.CharField(
        _("where the figures come from, in English"),
        max_length=200,
        blank=True,
        help_text=_("English pages show it; empty: the Latvian note."),
    )

    objects = YearlyFiguresQuerySet.as_manager()

    panels = [
        FieldPanel("year"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("children_supported"), FieldPanel("families_supported")]),
                FieldRowPanel([FieldPanel("children_per_month"), FieldPanel("families_per_month")]),
            ],
            heading=_("Children and families"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("high_risk_share"), FieldPanel("medium_risk_share")])],
            heading=_("Risk levels"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("cases_closed"), FieldPanel("cases_goals_reached")])],
            heading=_("Cases"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("camps"), FieldPanel("camp_families"), FieldPanel("camp_children")])],
            heading=_("Camps"),
        ),
        FieldPanel("note"),
        FieldPanel("note_en"),
    ]

    class Meta:
        verbose_name = _("yearly figures")
        verbose_name_plural = _("yearly figures")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if (
            self.high_risk_share is not None
            and self.medium_risk_share is not None
            and self.high_risk_share + self.medium_risk_share > 100
        ):
            errors["medium_risk_share"] = _("The shares of high- and medium-risk families add up to more than 100%.")
        if (
            self.cases_goals_reached is not None
            and self.cases_closed is not None
            and (self.cases_goals_reached > self.cases_closed)
        ):
            errors["cases_goals_reached"] = _("No more cases can reach their goals than were closed.")
        if (
            self.camp_children is not None
            and self.children_supported is not None
            and (self.camp_children > self.children_supported)
        ):
            errors["camp_children"] = _("More children at camps than children supported during the year.")
        if errors:
            raise ValidationError(errors)

    @property
    def source_note(self) -> str:
        """The note in the active language (English pages fall back to the Latvian note)."""
        if (translation.get_language() or "lv").startswith("en") and self.note_en:
            return self.note_en
        return self.note


class ImpactPage(BasePage):
    """What the centre's work adds up to, drawn from the portal's own data and the yearly figures:
    editors place it under the home page and introduce it; the numbers are never typed."""

    intro = RichTextField(_("introduction text"), blank=True, features=PARAGRAPH_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("impact page")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from home.figures import SMALLEST_SHOWN, impact_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = impact_sections()
        context["smallest_shown"] = SMALLEST_SHOWN
        return context
