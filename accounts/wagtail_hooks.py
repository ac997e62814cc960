from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import pgettext

from wagtail import hooks

from accounts.staff import can_use_admin


@hooks.register("insert_global_admin_js")
def admin_csp_js():
    """Runs the widget start-up calls that would otherwise be inline scripts (accounts.admin_csp)."""
    return format_html('<script src="{}"></script>', static("accounts/js/admin-csp.js"))


@hooks.register("register_account_menu_item", order=100)
def admin_link(request: HttpRequest) -> tuple[str, str] | None:
    """Staff find their way to the admin from every page of the site (after their own links)."""
    if can_use_admin(request.user):
        return reverse("wagtailadmin_home"), pgettext("account menu", "Admin")
    return None
