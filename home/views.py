from urllib.parse import urlsplit

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Locale, Page

from home import layout
from home.links import absolute_url
from home.pagecache import cache_public
from home.search import clean_query, search_terms
from home.templatetags.home_tags import account_menu_items

SEARCH_PER_PAGE = 10
SEARCH_MAX_LENGTH = 200


@require_GET
@cache_public
def search(request):
    """Full-text search over the published, public pages of the current language."""
    query = clean_query(request.GET.get("q"), SEARCH_MAX_LENGTH)
    results = None
    if query:
        pages = layout.public(Page.objects.live()).filter(locale=Locale.get_active()).specific()
        terms = search_terms(query)
        paginator = Paginator(pages.search(terms) if terms else pages.none(), SEARCH_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
    return TemplateResponse(
        request,
        "home/search.html",
        {"query": query, "results": results, "page_title": _("Search")},
    )


def no_admin_access(request):
    """For a signed-in person without admin access who opened the admin (``home.middleware``):
    say so, and offer the places that are theirs. The admin's addresses carry no language,
    so the page speaks the browser's (else Latvian)."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = render(
            request,
            "home/no_admin_access.html",
            {"page_title": _("No access to the admin"), "account_links": account_menu_items(request)},
            status=403,
        )
    response["Content-Language"] = language
    return response


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    return TemplateResponse(request, "robots.txt", content_type="text/plain; charset=utf-8")


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap lists only the site root's tree; list every language's tree,
    at the address the sitemap was asked at (not the Site record's host)."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for info in urls:
            info["location"] = absolute_url(urlsplit(info["location"]).path, self.request)
        return urls

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for tree_root in root.get_translations(inclusive=True):
            pages |= Page.objects.descendant_of(tree_root, inclusive=True)
        return layout.public(pages.live()).order_by("path").defer_streamfields().specific()
