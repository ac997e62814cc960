from urllib.parse import urlsplit

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
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


def csrf_failure(request, reason=""):
    """Django's CSRF check refused a form (``CSRF_FAILURE_VIEW``): most often the person signed in
    on another tab after the form was drawn (which gives the browser a new secret), or the
    browser keeps no cookies for the site. The form's content is not lost to them: the page says
    what happened in the site's language and sends them back to the form (with a script, Back,
    where the browser keeps what was typed), with a fresh CSRF secret for the next try. (With the
    site's script, a form sends the browser's current secret, so only a browser without the
    cookie sees this page.) Nothing was changed: the view behind the form never ran."""
    get_token(request)  # a new secret when there was none: the cookie for the next try
    referer = request.META.get("HTTP_REFERER", "")
    same_site = url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure())
    back = referer if referer and same_site else request.get_full_path()
    return render(request, "403_csrf.html", {"page_title": _("The form was not sent"), "back_url": back}, status=403)


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
