"""Reading the mentor's handbook: which of its pages and documents a person may open.

The handbook's privacy is Wagtail's own (page view restrictions and collection view
restrictions "for these groups"); who is in the groups is ``services.sync_handbook_access``.
Here: the pages a handbook page lists for its reader, the link on "My mentoring", and a
plain refusal (403) for a signed-in person outside the groups, where Wagtail would send
them to the sign-in page they have already passed.
"""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from wagtail.models import BaseViewRestriction, PageViewRestriction

from home import layout
from home.layout import Link
from mentoring.models import HandbookPage
from mentoring.rules import HANDBOOK_GROUPS


def group_ids(user: Any) -> set[int]:
    """The reader's groups, asked once a request: they fill Django's prefetch cache of ``user.groups``
    on the user, whom each request loads afresh, so Wagtail's check (``request.user.groups.all()`` in
    ``accept_request``) and ours read the same rows, and a change of groups counts from the next request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    prefetch_related_objects([user], "groups")  # no query when this request already asked
    return {group.pk for group in user.groups.all()}


def admits(kind: str, groups: set[int], user: Any) -> bool:
    """Whether ``user`` passes a restriction of this kind "for these groups" or "signed-in people"
    (passwords are Wagtail's own)."""
    if kind == BaseViewRestriction.LOGIN:
        return bool(getattr(user, "is_authenticated", False))
    if kind == BaseViewRestriction.GROUPS:
        return bool(getattr(user, "is_superuser", False)) or bool(group_ids(user) & groups)
    return True


def passes(restriction: BaseViewRestriction, user: Any) -> bool:
    """Whether ``user`` passes ``restriction`` (its groups prefetched, or one query)."""
    return admits(restriction.restriction_type, {group.pk for group in restriction.groups.all()}, user)


def readable_children(page: HandbookPage, user: Any) -> list[HandbookPage]:
    """The live pages under ``page`` that ``user`` may open, in the editors' order (two queries: the
    children; their restrictions with their groups, one row a group). ``page`` itself was already let
    through, so only the children's own restrictions are asked."""
    children = list(HandbookPage.objects.child_of(page).live().order_by("path"))
    rows = PageViewRestriction.objects.filter(page__in=children).values_list(
        "pk", "page_id", "restriction_type", "groups"
    )
    restrictions: dict[int, tuple[int, str, set[int]]] = {}
    for pk, page_id, kind, group in rows:
        groups = restrictions.setdefault(pk, (page_id, kind, set()))[2]
        if group is not None:  # a restriction without groups comes as one row with none
            groups.add(group)
    refused = {page_id for page_id, kind, groups in restrictions.values() if not admits(kind, groups, user)}
    return [child for child in children if child.pk not in refused]


def handbook_root(request: HttpRequest) -> Link | None:
    """The handbook a "My mentoring" link leads to, for a reader in one of its groups, else ``None``.
    Where the handbook is, is kept with the frame (``home.layout``, renewed when pages change); who
    may read it is asked each time (one query)."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    if not user.is_superuser and not user.groups.filter(name__in=HANDBOOK_GROUPS).exists():
        return None
    language = get_language()

    def find() -> Link | None:
        roots: QuerySet[HandbookPage] = HandbookPage.objects.live().filter(depth=3).order_by("path")
        root = roots.filter(locale__language_code=language).first() or roots.first()
        return Link(title=root.title, url=root.get_url(request) or "") if root else None

    return layout.remember(request, f"mentoring:handbook:{language}", find)


def refusal(request: HttpRequest, *, document: bool = False) -> HttpResponse:
    response = TemplateResponse(request, "mentoring/handbook_refused.html", {"document": document}, status=403)
    add_never_cache_headers(response)
    return response


def _sent_to_sign_in(response: HttpResponse) -> bool:
    """Wagtail's answer to a reader its restriction check turned away."""
    if response.status_code != 302:
        return False
    return urlsplit(response["Location"]).path == resolve_url(settings.WAGTAIL_FRONTEND_LOGIN_URL)


def refuse_outsiders(next_serve: Any) -> Any:
    """Wagtail's ``on_serve_page`` hook, around its own restriction check: a signed-in reader of a
    handbook page that check turns away is told so (403) instead of being sent to sign in again,
    and a handbook page is never served to a visitor, even if an editor took its privacy away."""

    def serve(page: Any, request: HttpRequest, args: Any, kwargs: Any) -> HttpResponse:
        if not isinstance(page, HandbookPage):
            return next_serve(page, request, args, kwargs)
        group_ids(request.user)  # once for this request: Wagtail's check and the list of parts reuse them
        private = bool(page.read_view_restrictions())  # and these: Wagtail's check reads them from the page
        if not private and not (request.user.is_superuser or group_ids(request.user) & set(_handbook_group_ids())):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return refusal(request)
        response = next_serve(page, request, args, kwargs)
        if request.user.is_authenticated and _sent_to_sign_in(response):
            return refusal(request)
        add_never_cache_headers(response)  # a private page: never in a shared or page cache
        return response

    return serve


def _handbook_group_ids() -> list[int]:
    return list(Group.objects.filter(name__in=HANDBOOK_GROUPS).values_list("pk", flat=True))


def refuse_document_outsiders(document: Any, request: HttpRequest) -> HttpResponse | None:
    """Wagtail's ``before_serve_document`` hook, before its own: the same refusal for a handbook document."""
    if not request.user.is_authenticated:
        return None  # Wagtail's own check sends a visitor to sign in
    restrictions = document.collection.get_view_restrictions()
    if all(passes(restriction, request.user) for restriction in restrictions):
        return None
    return refusal(request, document=True)
