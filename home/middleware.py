"""Middleware of the portal's own."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from accounts.staff import is_admin_path


class AdminAccessMiddleware:
    """A signed-in person without admin access who opens the admin gets a page that says so (403).

    Wagtail would send them to the sign-in page, and allauth sends a person who is
    already signed in straight back to where they came from: the admin, and so on
    for ever. Anonymous visitors and staff go on to Wagtail as before.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            is_admin_path(request.path_info)
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            from home.views import no_admin_access

            return no_admin_access(request)
        return self.get_response(request)
