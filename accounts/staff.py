"""Who counts as staff for sign-in rules: whoever can open the Wagtail admin.

That is every member of Editors, Moderators, Campaign managers and Mentoring coordinators
(their groups carry ``wagtailadmin.access_admin``) and every superuser. They must use
two-factor sign-in and get a shorter session (``accounts.middleware``).
"""

from functools import lru_cache

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.urls import get_script_prefix, get_urlconf, reverse

from allauth.mfa.utils import is_mfa_enabled

# An authenticator app or a security key; recovery codes alone are no second factor.
SECOND_FACTORS = ["totp", "webauthn"]
# The answer for the request's user, asked in the same query as the user (accounts.backends).
SECOND_FACTOR_ANNOTATION = "portal_has_second_factor"


@lru_cache(maxsize=8)
def _admin_prefix(script_prefix: str, urlconf: str | None) -> str:
    return reverse("wagtailadmin_home", urlconf=urlconf)


def is_admin_path(path: str) -> bool:
    """Is ``path`` (a request's ``path`` or ``path_info``) in the Wagtail admin? Asked by several
    middlewares on every request; the admin's address is worked out once."""
    return path.startswith(_admin_prefix(get_script_prefix(), get_urlconf()))


def can_use_admin(user: AbstractUser | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"))
    )


def has_second_factor(user: AbstractUser | AnonymousUser) -> bool:
    """Asked of the database on this request: by the query that loaded the signed-in user, or now."""
    known = getattr(user, SECOND_FACTOR_ANNOTATION, None)
    if known is not None:
        return bool(known)
    return is_mfa_enabled(user, types=SECOND_FACTORS)
