from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import pgettext

from wagtail import hooks

from accounts import sessions, views
from accounts.staff import can_use_admin


@hooks.register("insert_global_admin_js")
def admin_csp_js():
    """Runs the widget start-up calls that would otherwise be inline scripts (accounts.admin_csp)."""
    return format_html('<script src="{}"></script>', static("accounts/js/admin-csp.js"))


@hooks.register("register_admin_urls")
def presence_url():
    return [path("presence/", views.staff_presence, name="staff_presence")]


@hooks.register("insert_global_admin_js")
def admin_forms_js():
    """While someone types in an admin form, the session's idle clock moves on (accounts.views);
    a form sends the browser's current CSRF secret (js/current-csrf.js, as the site's pages do)."""
    return format_html(
        '<script src="{}" data-presence-url="{}" data-presence-every="{}"></script>'
        '<script src="{}" data-csrf-cookie="{}"></script>',
        static("accounts/js/admin-forms.js"),
        reverse("staff_presence"),
        sessions.LAST_SEEN_RESOLUTION,
        static("js/current-csrf.js"),
        settings.CSRF_COOKIE_NAME,
    )


@hooks.register("register_account_menu_item", order=100)
def admin_link(request: HttpRequest) -> tuple[str, str] | None:
    """Staff find their way to the admin from every page of the site (after their own links)."""
    if can_use_admin(request.user):
        return reverse("wagtailadmin_home"), pgettext("account menu", "Admin")
    return None
