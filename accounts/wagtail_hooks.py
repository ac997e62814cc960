from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_csp_js():
    """Runs the widget start-up calls that would otherwise be inline scripts (accounts.admin_csp)."""
    return format_html('<script src="{}"></script>', static("accounts/js/admin-csp.js"))
