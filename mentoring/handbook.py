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
from django.db.models import QuerySet
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
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_handbook_group_ids", None)
    if cached is None:
        cached = set(user.groups.values_list("pk", flat=True))
        user._handbook_group_ids = cached
    return cached


def passes(restriction: BaseViewRestriction, user: Any, groups: set[int] | None = None) -> bool:
    """Whether ``user`` passes a "for these groups" or "signed-in people" restriction (passwords are Wagtail's)."""
    if restriction.restriction_type == BaseViewRestriction.LOGIN:
        return bool(getattr(user, "is_authenticated", False))
    if restriction.restriction_type == BaseViewRestriction.GROUPS:
        if getattr(user, "is_superuser", False):
            return True
        groups = group_ids(user) if groups is None else groups
        return bool(groups & {group.pk for group in restriction.groups.all()})
    return True


def readable_children(page: HandbookPage, user: Any) -> list[HandbookPage]:
    """The live pages under ``page`` that ``user`` may open, in the editors' order (two queries).
    ``page`` itself was already let through, so only the children's own restrictions are asked."""
    children = list(HandbookPage.objects.child_of(page).live().order_by("path"))
    restrictions = PageViewRestriction.objects.filter(page__in=children).prefetch_related("groups")
    refused = {restriction.page_id for restriction in restrictions if not passes(restriction, user)}
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
        private = PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()
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
