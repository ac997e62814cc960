from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from home import pagecache, yearly
from home.admin_views import DraftPagesPanel, shows_draft_pages
from home.figures import HOOK as FIGURES_HOOK
from home.viewsets import SupporterViewSet, TagNameViewSet, YearlyFiguresViewSet

register_snippet(SupporterViewSet)
register_snippet(TagNameViewSet)
register_snippet(YearlyFiguresViewSet)

# Outside every other on_serve_page hook (Wagtail's privacy check included): anonymous views of
# public pages are marked for the shared cache and for a few seconds in browsers and proxies.
hooks.register("on_serve_page", pagecache.public_pages, order=-100)


@hooks.register("construct_homepage_panels")
def draft_pages_panel(request, panels):
    """Editors and moderators see the pages with unpublished changes on the admin's home page."""
    if shows_draft_pages(request.user):
        panels.append(DraftPagesPanel())


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register(FIGURES_HOOK)
def yearly_figure_source():
    """The yearly figures staff enter: the impact page's first section and the home page's choices."""
    return yearly.figure_source()
