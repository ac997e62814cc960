"""The admin's views of home's models; ``wagtail_hooks`` registers them."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from home.admin_views import AddLabelMixin, ReadableInspectMixin
from home.models import Supporter, TagName, YearlyFigures
from home.search import FoldedSearchMixin


class SupporterIndexView(FoldedSearchMixin, IndexView):
    """Names found without their diacritics: "pasvaldiba" finds "pašvaldība"."""


class SupporterInspectView(ReadableInspectMixin, InspectView):
    pass


class SupporterViewSet(AddLabelMixin, SnippetViewSet):
    model = Supporter
    add_item_label = _("Add supporter")
    icon = "group"
    menu_label = _("Supporters")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "url", "sort_order"]
    index_view_class = SupporterIndexView
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]
    inspect_view_enabled = True
    inspect_view_class = SupporterInspectView
    inspect_view_fields = [
        "name",
        "logo",
        "url",
        "description",
        "sort_order",
        "live",
        "first_published_at",
        "last_published_at",
    ]


class TagNameIndexView(IndexView):
    """Each row names its tag: the tags come with the rows, not one query a row."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("tag")


class TagNameViewSet(AddLabelMixin, SnippetViewSet):
    """News tags' names in English (and any other language the site adds): English pages show them."""

    model = TagName
    add_item_label = _("Add tag name")
    icon = "tag"
    menu_label = _("Tag names")
    add_to_settings_menu = True
    index_view_class = TagNameIndexView
    list_display = ["tag", "language", "name"]
    list_filter = ["language"]
    search_fields = ["name"]


class YearlyFiguresViewSet(AddLabelMixin, SnippetViewSet):
    """The yearly figures that live outside the portal (the yearly report), a year a row."""

    model = YearlyFigures
    add_item_label = _("Add yearly figures")
    icon = "table"
    menu_label = _("Yearly figures")
    add_to_admin_menu = True
    menu_order = 310
    list_display = [
        "year",
        "children_supported",
        "children_per_month",
        "families_per_month",
        "cases_closed",
        "camp_children",
    ]
    ordering = ["-year"]
    inspect_view_enabled = True
    inspect_view_class = SupporterInspectView
