from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import Supporter


class SupporterViewSet(SnippetViewSet):
    model = Supporter
    icon = "group"
    menu_label = _("Supporters")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "url", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(SupporterViewSet)
