from typing import Any

from django.http import HttpRequest
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
    footer_link_label = _("Become a mentor")

    class Meta:
        verbose_name = _("become-a-mentor page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The text, and under it what this visitor gets: the form, a sign-in link or their application.
        Previews show the same; ``mentoring.views.mentoring_page`` serves the page and takes the form's posts."""
        from mentoring import services
        from mentoring.forms import ApplicationForm

        context = super().get_context(request, *args, **kwargs)
        application = services.latest_application(request.user)
        can_apply = services.can_apply(request.user, application)
        context.update(
            {"application": application, "can_apply": can_apply, "form": ApplicationForm() if can_apply else None}
        )
        return context


class HandbookPage(BasePage):
    """A page of the mentor's handbook: the handbook itself, a part of it or a chapter.

    Who reads it is Wagtail's page privacy ("Private, for these groups"): the handbook for
    "Mentors" and "Mentors in training", its training part inheriting that, every other part
    for "Mentors" only (``mentoring.handbook`` keeps people in the groups). A page lists the
    pages under it that the reader may open.
    """

    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "mentoring.HandbookPage"]
    subpage_types = ["mentoring.HandbookPage"]

    class Meta:
        verbose_name = _("mentor's handbook page")
        verbose_name_plural = _("mentor's handbook pages")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from mentoring import handbook

        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = handbook.readable_children(self, request.user)
        return context
