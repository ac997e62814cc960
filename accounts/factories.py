import time

from django.contrib.auth.models import Group

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from accounts.models import User

# The authenticator-app secret of every user made with ``two_factor=True``; tests compute the
# code the app would show with ``totp_code()``.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


def totp_code(secret: str = TOTP_SECRET, at: float | None = None) -> str:
    """The six digits an authenticator app shows for ``secret`` now (or at ``at``). Now, in the last
    two seconds of a period, it waits for the next one: the server accepts this period's code only
    (allauth's ``MFA_TOTP_TOLERANCE`` is 0), and a busy test machine may take that long to send it."""
    from allauth.mfa import app_settings

    if at is None and (left := app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD) < 2:
        time.sleep(left + 0.05)
    moment = time.time() if at is None else at
    return format_hotp_value(hotp_value(secret, int(moment) // app_settings.TOTP_PERIOD))


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified e-mail address; ``groups=["Editors"]`` puts them in staff groups;
    ``two_factor=True`` gives them an authenticator app (``TOTP_SECRET``) and recovery codes."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="lv_LV")
    last_name = factory.Faker("last_name", locale="lv_LV")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.is_staff = True
            self.save(update_fields=["is_staff"])
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))

    @factory.post_generation
    def two_factor(self, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(self, TOTP_SECRET)
            RecoveryCodes.activate(self)
