"""Who counts as staff for sign-in rules: whoever can open the Wagtail admin.

That is every member of Editors, Moderators, Campaign managers and Mentoring coordinators
(their groups carry ``wagtailadmin.access_admin``) and every superuser. They must use
two-factor sign-in and get a shorter session (``accounts.middleware``).
"""

from django.contrib.auth.models import AbstractUser, AnonymousUser

from allauth.mfa.utils import is_mfa_enabled

# An authenticator app or a security key; recovery codes alone are no second factor.
SECOND_FACTORS = ["totp", "webauthn"]


def can_use_admin(user: AbstractUser | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"))
    )


def has_second_factor(user: AbstractUser | AnonymousUser) -> bool:
    return is_mfa_enabled(user, types=SECOND_FACTORS)
