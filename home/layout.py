"""What every page's frame shows, kept between requests: the site, its settings, the menu, the footer.

Every public page draws the same header and footer: the site for the host, the centre's settings
and opening hours, the home page in each language, the menu, the news index's links, the
supporters and their logos. They change when an editor publishes, moves or deletes a page or
saves settings or a supporter, and otherwise never, so they are built once and kept in the
default cache (Redis in production, memory in tests) under a *generation*: any such change
(``forget``, called by ``home.changes``) starts a new generation after its
transaction commits, and the next request builds afresh (what changes the frame: ``home.changes``).
Within one request each piece, and the generation, is read from the cache once: also where the
caller has no request at hand (a page model, a setting), through the request ``SiteMiddleware`` is
serving (``_serving``).

This is not the page cache (whole responses for visitors, ``ops``): with it off, a page still
costs only its own queries plus Wagtail's routing.
"""

import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import get_language

T = TypeVar("T")

GENERATION_KEY = "portal:layout:generation"
# However well the signals are wired, nothing stays longer than this.
TIMEOUT = 60 * 60
_MISSING = object()


class _Cache:
    """The cache the frame is kept in: ``settings.LAYOUT_CACHE`` (an alias of ``CACHES``), else the
    default cache. Every app server must share it (Redis, or the database cache): a generation
    renewed on one server must be seen by all."""

    def __getattr__(self, name: str) -> Any:
        return getattr(caches[getattr(settings, "LAYOUT_CACHE", "default")], name)


cache = _Cache()


# The request this thread (or task) is serving, set by ``SiteMiddleware``: its memo serves the callers
# that pass no request.
_serving: ContextVar[HttpRequest | None] = ContextVar("layout_serving", default=None)


def _request(request: HttpRequest | None) -> HttpRequest | None:
    return request if request is not None else _serving.get()


def generation(request: HttpRequest | None = None) -> str:
    """The current generation (read from the cache once per request)."""
    request = _request(request)
    if request is not None and hasattr(request, "_layout_generation"):
        return request._layout_generation  # type: ignore[attr-defined]
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY) or "0"
    if request is not None:
        request._layout_generation = value  # type: ignore[attr-defined]
    return value


def forget(**kwargs: Any) -> None:
    """Start a new generation now, and again once the change commits (a request that read the rows
    before the commit may have kept them under the first new generation)."""

    def new_generation() -> None:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
        serving = _serving.get()
        if serving is not None:  # this request's own next reads see the change too
            serving.__dict__.pop("_layout_generation", None)
            serving.__dict__.pop("_layout_memo", None)

    new_generation()
    transaction.on_commit(new_generation)


def remember(request: HttpRequest | None, name: str, build: Callable[[], T]) -> T:
    """``build()``'s value, kept under ``name`` for this generation (and for the rest of the request)."""
    request = _request(request)
    memo = request.__dict__.setdefault("_layout_memo", {}) if request is not None else {}
    if name in memo:
        return memo[name]
    key = f"portal:layout:{generation(request)}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, TIMEOUT)
    memo[name] = value
    return value  # type: ignore[return-value]


# The site


class SiteMiddleware:
    """Finds the request's Wagtail site in the cache (Wagtail asks the database on every request),
    with its root page and that page's specific row already loaded."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        serving = _serving.set(request)
        try:
            return self._serve(request)
        finally:
            _serving.reset(serving)

    def _serve(self, request: HttpRequest) -> Any:
        from django.http.request import split_domain_port

        from wagtail.models import Site

        try:
            host = split_domain_port(request._get_raw_host())[0]  # as Wagtail does: no ALLOWED_HOSTS check here
            port = request.get_port()
        except Exception:
            return self.get_response(request)

        def find() -> Any:
            site = Site._find_for_request(request)
            if site is not None:
                site.root_page = site.root_page.specific  # the home page's own ``localized`` (cached) answers
            return site

        site = remember(request, f"site:{host}:{port}", find)
        if site is not None:
            request._wagtail_site = site  # type: ignore[attr-defined]
        return self.get_response(request)


# The frame: links that every page shows


@dataclass(frozen=True)
class Link:
    """A page as the frame links to it: enough to draw a link without the page."""

    title: str
    url: str
    path: str = ""
    show_in_menus: bool = False
    footer_label: str = ""


@dataclass(frozen=True)
class Frame:
    home: Link | None
    menu: list[Link]
    news_index: Link | None
    news_feed_url: str
    home_urls: dict[str, str]


def link_for(page: Any, request: HttpRequest, **extra: Any) -> Link:
    """``page`` as the frame links to it."""
    return Link(title=page.title, url=page.get_url(request) or "/", path=page.path, **extra)


def frame(request: HttpRequest | None) -> Frame | None:
    """The home page, the menu, the news index and each language's home page, for the active language."""
    from wagtail.models import Site

    if request is None:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = get_language() or settings.LANGUAGE_CODE
    return remember(request, f"frame:{site.pk}:{language}", lambda: _build_frame(request, site))


def _build_frame(request: HttpRequest, site: Any) -> Frame:
    from wagtail.models import Locale

    from home.models import NewsIndexPage

    root = site.root_page
    home = root.localized
    children = list(home.get_children().live().public().specific())
    menu = []
    for child in children:
        label = getattr(type(child), "footer_link_label", None)
        menu.append(
            link_for(child, request, show_in_menus=child.show_in_menus, footer_label=str(label) if label else "")
        )
    news = next((child for child in children if isinstance(child, NewsIndexPage)), None)
    news_link = link_for(news, request) if news else None
    home_urls = {}
    for locale in Locale.objects.all():
        translation = root.get_translation_or_none(locale)
        home_urls[locale.language_code] = (translation.get_url(request) if translation else None) or "/"
    return Frame(
        home=link_for(home, request),
        menu=menu,
        news_index=news_link,
        news_feed_url=news_link.url + news.reverse_subpage("feed") if news and news_link else "",
        home_urls=home_urls,
    )


def supporters_html(request: HttpRequest | None) -> str:
    """The footer's supporters with their logos (``includes/supporters.html``), rendered once per
    language and kept: every page shows them, and their pictures' tags cost more than the rest."""
    from django.template.loader import render_to_string

    from home.models import Supporter

    def build() -> str:
        return render_to_string("includes/supporters.html", {"supporters": list(Supporter.objects.shown())})

    return remember(request, f"supporters:{get_language()}", build)


# View restrictions: a handful of rows (often none) that every page view asks about


def _restrictions() -> dict[str, Any]:
    from wagtail.models import Page, PageViewRestriction

    return remember(
        None,
        "view-restrictions",
        lambda: {
            "paths": sorted(PageViewRestriction.objects.values_list("page__path", flat=True)),
            "aliases": sorted(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
        },
    )


def may_be_restricted(page: Any) -> bool:
    """Whether a view restriction may apply to ``page`` (one on it or an ancestor, or an alias on the
    way, whose source Wagtail asks about): when not, the page needs no query about restrictions."""
    data = _restrictions()
    return any(page.path.startswith(path) for path in data["paths"]) or any(
        page.path.startswith(path) for path in data["aliases"]
    )


def public(queryset: Any) -> Any:
    """``queryset.public()`` (Wagtail's ``private_q``: no page in or below a restricted one), built from
    the restrictions kept here instead of a query about them on every listing."""
    from wagtail.models import Page

    private = Q()
    for path in _restrictions()["paths"]:
        private |= Q(path__startswith=path, depth__gte=len(path) // Page.steplen)
    return queryset.exclude(private) if private else queryset
