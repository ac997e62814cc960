from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import ContentStreamBlock
from home.models import BasePage


class MentoringPage(BasePage):
    """ "Become a mentor": the programme in the editors' words, with the application form under it."""

    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("become-a-mentor page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Previews and plain GETs show what this visitor would see under the text.
        from mentoring.views import application_context

        context = super().get_context(request, *args, **kwargs)
        context.update(application_context(request))
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from mentoring.views import mentoring_page

        return mentoring_page(request, self)
