from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.staff import can_use_admin, has_second_factor

register = template.Library()

ACCOUNT_PAGES = [
    ("email", "account_email", _("E-mail addresses")),
    ("password", "account_change_password", _("Password")),
    ("two_factor", "mfa_index", _("Two-factor authentication")),
    # What the portal holds about the person: see it, download it, ask for erasure (the privacy app).
    ("my_data", "privacy:my_data", _("My data")),
]


@register.inclusion_tag("accounts/account_nav.html", takes_context=True)
def account_nav(context, current):
    """The signed-in person's account pages; staff who have set up two-factor sign-in also
    get their way back to the admin."""
    user = context["request"].user
    links = [{"url": reverse(name), "label": label, "current": key == current} for key, name, label in ACCOUNT_PAGES]
    admin_url = reverse("wagtailadmin_home") if can_use_admin(user) and has_second_factor(user) else None
    return {"links": links, "admin_url": admin_url}
