"""Public pages from the shared cache: an anonymous page view costs no database query when
nothing has changed.

Why our own and not a library: wagtail-cache (3.0, the current release) declares
``wagtail<8.0`` and will not install beside Wagtail 8; like Django's ``cache_page``, it also
refuses to keep a response that sets a cookie for a visitor who has none, which is every
first view of the campaign page (its pledge form sets the CSRF cookie). What follows is
Django's own machinery (its caches, ``patch_cache_control``, the CSRF middleware's
``get_token``) with three things added:

- **Opt-in.** A response is kept only when its view said it may be (``mark_public``): every
  Wagtail page does (``public_pages``, an ``on_serve_page`` hook around Wagtail's own
  privacy check) unless the page type sets ``cache_public = False``, the request is not an
  anonymous GET, or the view already set a ``Cache-Control`` of its own (``never_cache`` on
  personal pages, Wagtail's private pages). Views outside Wagtail opt in with ``@cache_public``.
- **Who.** A request with a session cookie or a flash-message cookie, a preview, or anything
  but GET never reads or writes the cache (it may be signed in, or about to see a message);
  nor does a response that changed the session or queued a message.
- **The form's own values, per response.** The pledge form (and any public form) carries
  values that must differ for every visitor: the CSRF token, the one-time submission key
  and the signed "form shown at" stamp of ``home.humans``. The copy in the cache keeps those
  hidden inputs empty; every response, from the cache or not, gets fresh ones (``FILL_INS``),
  and the CSRF middleware sets the cookie the token belongs to. Such a page is sent
  ``private, no-cache``: a browser may keep its own copy, a proxy may not.

Freshness: each copy carries the generation it was rendered in, a number kept in the same
cache (a hit is one round trip: the generation and the copy). Publishing,
unpublishing, moving or deleting a page, saving site settings, a snippet, an image, a
document, a privacy setting or a redirect, and any change of a campaign's figures (a
pledge made, lowered, cancelled or received) start a new generation (``content_changed``),
on every server at once. A request reads the generation before it reads any data and stores
its page with that generation, so a page rendered from data that changed meanwhile is never
served as fresh. While one request renders a changed page, others that ask for it meanwhile get the
copy of a moment ago, if it is at most ``PAGE_CACHE_MAX_AGE`` seconds old (as long as nginx
and browsers may keep a page anyway), instead of all rendering it at once: a pledge every few
seconds on a page a thousand phones are reading costs one render per pledge. Copies expire
after ``PAGE_CACHE_TIMEOUT`` seconds and at midnight (campaigns open and close by the date)
whatever happens.
"""

import datetime
import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import (  # type: ignore[attr-defined]  # Django's own check
    CsrfViewMiddleware,
    _does_token_match,
    get_token,
)
from django.utils import timezone
from django.utils.cache import patch_cache_control

from home.humans import STAMP_FIELD, stamp

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
STATUS_HEADER = "X-Page-Cache"  # hit, stale, miss or skip: for tests, nginx's log and whoever wonders
RENDER_SECONDS = 10  # a request rendering a changed page holds its turn at most this long
MARK = "_page_cache_public"  # set on a response whose view opted in (mark_public)

# Cookies that say a visitor may be signed in or has a message waiting: such requests are never
# served from nor stored to the cache. CSRF and language cookies are not among them.
PERSONAL_COOKIES = ("SESSION_COOKIE_NAME", "messages")

# Query parameters that change nothing on a page (links shared on social media carry a new
# fbclid each click): dropped before the view sees them, so they never split the cache.
IGNORED_QUERY = re.compile(r"^(utm_[a-z]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga)$")


def _csrf_token(request: HttpRequest) -> str:
    return get_token(request)  # a fresh mask of the visitor's secret; the middleware sets its cookie


# Hidden inputs whose value is per response: name → what makes a fresh one for this request.
FILL_INS: dict[str, Callable[[HttpRequest], str]] = {
    "csrfmiddlewaretoken": _csrf_token,
    "submission_key": lambda request: str(uuid.uuid4()),
    STAMP_FIELD: lambda request: stamp(),
}
# Django's own markup for them: the {% csrf_token %} tag and HiddenInput both write type, name, value.
HIDDEN_VALUE = re.compile(
    rb'(<input type="hidden" name="(' + b"|".join(re.escape(n.encode()) for n in FILL_INS) + rb')" value=")([^"]*)(")'
)
# Something that may be a masked CSRF token: a stored page is checked for the visitor's own.
TOKEN_LIKE = re.compile(rb"[A-Za-z0-9]{64}")


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


def _cache() -> Any:
    return caches[settings.PAGE_CACHE_ALIAS]


# --- Opting in -----------------------------------------------------------------------------


def may_be_public(request: HttpRequest, response: HttpResponseBase) -> bool:
    """An anonymous GET answered 200 by a view that said nothing about caching itself."""
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.has_header("Cache-Control")
        and not getattr(request, "is_preview", False)
        and not (user is not None and user.is_authenticated)
    )


def mark_public(response: HttpResponseBase) -> HttpResponseBase:
    """The same for every anonymous visitor: kept in the shared cache, and a few seconds by browsers and proxies."""
    max_age = settings.PAGE_CACHE_MAX_AGE
    patch_cache_control(response, public=True, max_age=max_age, s_maxage=max_age)
    setattr(response, MARK, True)
    return response


def public_pages(next_serve: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wagtail's ``on_serve_page`` hook, outside every other (``wagtail_hooks``): a page an anonymous
    visitor may see is marked public, unless its type says ``cache_public = False``. Wagtail's
    privacy check (inside) gives a private page ``never_cache`` headers, which keep it out."""

    def serve(page: Any, request: HttpRequest, args: Any, kwargs: Any) -> HttpResponse:
        response = next_serve(page, request, args, kwargs)
        if getattr(page, "cache_public", True) and may_be_public(request, response):
            mark_public(response)
        return response

    return serve


def cache_public(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """For a view outside Wagtail's pages whose anonymous answer is the same for everyone."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if may_be_public(request, response):
            mark_public(response)
        return response

    return wrapped


# --- Freshness -----------------------------------------------------------------------------


def _new_generation() -> int:
    # Never a number used before, even after the cache lost the key (a restart, an eviction).
    return time.time_ns() // 1000


def current_generation() -> int | None:
    """The generation of this moment, or None when the cache cannot keep one (Redis away)."""
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _bump() -> None:
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or the cache is away): the next reader starts a new one
        cache.set(GENERATION_KEY, _new_generation(), timeout=None)
    except Exception:
        logger.warning("The page cache could not start a new generation.", exc_info=True)


def request_generation(request: HttpRequest | None) -> int | None:
    """The generation this request read first (the page cache's, when it looked), read once: the key of
    fragments kept under it (``{% content_generation %}``), read before the data they show."""
    if request is not None and hasattr(request, "_content_generation"):
        return request._content_generation
    generation = current_generation()
    if request is not None:
        request._content_generation = generation  # type: ignore[attr-defined]
    return generation


def content_changed(**_signal_kwargs: Any) -> None:
    """Something a public page shows has changed: every cached page is old from now on, and every
    fragment kept under the generation (``{% content_generation %}``), with the page cache on or off.

    Once now (this request's own next reads are fresh, and tests that run inside one
    transaction see it) and once after the transaction commits: a page another request
    rendered from the old rows in between is then never read again.
    """
    _bump()
    transaction.on_commit(_bump)


# --- The middleware ------------------------------------------------------------------------


def cacheable_request(request: HttpRequest) -> bool:
    personal = {getattr(settings, name, name) for name in PERSONAL_COOKIES}
    return (
        enabled()
        and request.method == "GET"
        and not getattr(request, "is_preview", False)
        and not personal.intersection(request.COOKIES)
    )


def _drop_ignored_query(request: HttpRequest) -> None:
    if any(IGNORED_QUERY.match(name) for name in request.GET):
        query = request.GET.copy()
        for name in list(query):
            if IGNORED_QUERY.match(name):
                del query[name]
        request.GET = query  # type: ignore[assignment]  # a mutable copy in place of the original
        request.META["QUERY_STRING"] = query.urlencode()


def address(request: HttpRequest) -> str:
    """The page asked for, as a short key: scheme, host, path and the query in a fixed order."""
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    return hashlib.sha256(f"{request.scheme}://{request.get_host()}{request.path}?{query}".encode()).hexdigest()


def page_key(request: HttpRequest) -> str:
    """Where the last copy of a page is kept, with the generation it was rendered in: fresh while
    that is the current generation; while another request renders the new one, served if it is at
    most ``PAGE_CACHE_MAX_AGE`` seconds old."""
    return f"pagecache:page:{address(request)}"


def rendering_key(request: HttpRequest, generation: int) -> str:
    return f"pagecache:rendering:{generation}:{address(request)}"


def _timeout() -> int:
    """``PAGE_CACHE_TIMEOUT`` seconds, but never past midnight: pages say what is open today."""
    now = timezone.localtime()
    midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(), now.tzinfo)
    return max(1, min(settings.PAGE_CACHE_TIMEOUT, int((midnight - now).total_seconds())))


def fill_in(request: HttpRequest, content: bytes) -> bytes:
    """Fresh per-response values in the form's hidden inputs."""
    return HIDDEN_VALUE.sub(lambda m: m[1] + FILL_INS[m[2].decode()](request).encode() + m[4], content)


def _blank(content: bytes) -> tuple[bytes, bool]:
    blanked, count = HIDDEN_VALUE.subn(lambda m: m[1] + m[4], content)
    return blanked, bool(count)


def _holds_csrf_token(request: HttpRequest, content: bytes) -> bool:
    """Is this visitor's CSRF secret still in the page, in a place ``HIDDEN_VALUE`` does not know?"""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return False
    return any(_does_token_match(match.decode(), secret) for match in TOKEN_LIKE.findall(content))


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        getattr(response, MARK, False)
        and response.status_code == 200
        and not response.streaming
        # The CSRF cookie of a form's token is set anew for every visitor without one (_from_entry).
        and not set(response.cookies) - {settings.CSRF_COOKIE_NAME}
        and not (session is not None and session.modified)
        and not (messages is not None and getattr(messages, "_queued_messages", None))
    )


def _private_per_response(response: HttpResponseBase) -> None:
    """A page with this visitor's token: their browser may keep it, no proxy may."""
    del response["Cache-Control"]
    patch_cache_control(response, private=True, no_cache=True)


class PageCacheMiddleware:
    """Right after whitenoise: a hit skips the view (and every query) and the middleware below it
    (sessions, language, CSRF, sign-in, messages, the site's policies); it carries the headers they
    added when the page was stored, and for a page with a form the CSRF cookie its token belongs
    to is set as the CSRF middleware sets it. The middleware above adds its headers, as to any response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        # Django's own CSRF middleware reads the visitor's cookie and sets a new one where needed.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not cacheable_request(request):
            return self._uncached(request)
        _drop_ignored_query(request)
        # One round trip: the generation of this moment and the page's last copy.
        cache, key, asked_at = _cache(), page_key(request), time.time()
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation()
        if generation is None:
            return self._uncached(request)
        request._content_generation = generation  # type: ignore[attr-defined]  # the fragments' too
        entry = found.get(key)
        if entry is not None and entry.get("generation") == generation:
            return self._from_entry(request, entry, "hit")
        # One request renders a page that changed; those that come meanwhile get the copy of a
        # moment ago (at most PAGE_CACHE_MAX_AGE seconds old) instead of all rendering it too.
        lock = rendering_key(request, generation)
        rendering = cache.add(lock, 1, timeout=RENDER_SECONDS)
        if not rendering and entry is not None and asked_at - entry.get("at", 0) <= settings.PAGE_CACHE_MAX_AGE:
            return self._from_entry(request, entry, "stale")
        try:
            response = self.get_response(request)
            if _storable(request, response):
                self._store(request, response, key, generation, asked_at)
            else:
                response.setdefault(STATUS_HEADER, "skip")
        finally:
            if rendering:
                cache.delete(lock)
        self._private_unless_public(request, response)
        return response

    def _uncached(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if enabled():
            response.setdefault(STATUS_HEADER, "skip")
        self._private_unless_public(request, response)
        return response

    @staticmethod
    def _private_unless_public(request: HttpRequest, response: HttpResponseBase) -> None:
        """A response no view opted in for is kept by nobody but the visitor's own browser; nor is
        a public page that carries this visitor's form values (cached or not, cache on or off)."""
        content = response.content if isinstance(response, HttpResponse) and getattr(response, MARK, False) else b""
        if content and (HIDDEN_VALUE.search(content) or _holds_csrf_token(request, content)):
            _private_per_response(response)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)

    def _store(
        self, request: HttpRequest, response: HttpResponseBase, key: str, generation: int, asked_at: float
    ) -> None:
        assert isinstance(response, HttpResponse)  # noqa: S101 - not streaming (_storable)
        content, per_response = _blank(response.content)
        if _holds_csrf_token(request, content):
            logger.warning("%s shows a CSRF token outside a form's hidden input: not cached.", request.path)
            response[STATUS_HEADER] = "skip"
            return
        if per_response:
            _private_per_response(response)
        headers = [(name, value) for name, value in response.items() if name != STATUS_HEADER]
        entry = {
            "content": content,
            "headers": headers,
            "fill_in": per_response,
            "generation": generation,  # read before the page's data: a change since makes it old
            "at": asked_at,
        }
        _cache().set(key, entry, _timeout())
        response[STATUS_HEADER] = "miss"

    def _from_entry(self, request: HttpRequest, entry: dict[str, Any], how: str) -> HttpResponse:
        if not entry["fill_in"]:
            return self._response(entry, entry["content"], how)
        self.csrf.process_request(request)  # the visitor's CSRF secret, if they have one
        response = self._response(entry, fill_in(request, entry["content"]), how)
        self.csrf.process_response(request, response)  # the cookie, for a visitor without one
        return response

    @staticmethod
    def _response(entry: dict[str, Any], content: bytes, how: str) -> HttpResponse:
        response = HttpResponse(content)
        for name, value in entry["headers"]:
            response[name] = value
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(content))
        response[STATUS_HEADER] = how
        return response
