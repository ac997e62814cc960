from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

# The renditions a supporter's logo srcset asks for (templates/includes/supporters.html).
LOGO_FILTERS = ("max-140x40|format-webp", "max-280x80|format-webp")


class SupporterQuerySet(models.QuerySet):
    def shown(self):
        from wagtail.images.models import Rendition

        return (
            self.filter(live=True)
            .select_related("logo")
            .prefetch_related(
                Prefetch("logo__renditions", queryset=Rendition.objects.filter(filter_spec__in=LOGO_FILTERS))
            )
            .order_by("sort_order", "name")
        )


class Supporter(DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model):
    """A company, foundation or organisation that supports the centre, shown in the footer."""

    name = models.CharField(_("name"), max_length=150)
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("website"), blank=True)
    description = models.CharField(_("how they help"), max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = SupporterQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("logo"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("supporter")
        verbose_name_plural = _("supporters")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "home/supporter_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"supporter": self, "supporters": [self]}
