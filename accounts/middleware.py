"""Sign-in rules for staff, applied to every request (``accounts.staff`` says who is staff)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext_lazy as _

from wagtail.users.models import UserProfile

from accounts import sessions
from accounts.staff import can_use_admin, has_second_factor, is_admin_path

SET_UP_MESSAGE = _(
    "Staff accounts sign in with two steps. Set up an authenticator app or a security key here; "
    "the admin opens as soon as one is set up."
)


class StaffSessionMiddleware(MiddlewareMixin):
    """Ends a staff session that has been idle or open too long; the admin then asks for sign-in."""

    def process_request(self, request):
        if not request.user.is_authenticated:
            return None
        if not sessions.is_staff_session(request):
            # Someone given a staff group after signing in: their clock starts at the admin.
            if is_admin_path(request.path) and can_use_admin(request.user):
                sessions.start(request, request.user)
            return None
        reason = sessions.ended_because(request)
        if reason:
            logout(request)
            messages.info(request, reason)
            return None
        if self.shows_presence(request):
            sessions.touch(request)
        return None

    @staticmethod
    def shows_presence(request) -> bool:
        """Wagtail's editor pings the server every few seconds while it is open; only a ping
        that reports unsaved changes means someone is at work."""
        if request.method == "POST" and is_admin_path(request.path):
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return True
            if match.namespace == "wagtailadmin_editing_sessions":
                return bool(request.POST.get("is_editing"))
        return True


class StaffTwoFactorMiddleware:
    """Every admin address sends staff without a second factor to set one up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_set_up(request):
            # In the language they chose for the admin (the admin's own addresses carry none).
            with translation.override(UserProfile.get_for_user(request.user).get_preferred_language()):
                if request.method == "GET":
                    messages.warning(request, str(SET_UP_MESSAGE))
                return redirect("mfa_index")
        return self.get_response(request)

    @staticmethod
    def must_set_up(request) -> bool:
        return (
            is_admin_path(request.path)
            and request.path != reverse("wagtailadmin_logout")
            and can_use_admin(request.user)
            and not has_second_factor(request.user)
        )
