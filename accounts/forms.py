"""allauth's forms, where the portal needs them to behave differently."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm

from home.forms import say_what_is_required
from home.humans import HumanFormMixin

WRITE_EMAIL = _("Write your e-mail address.")


class LoginForm(AllauthLoginForm):
    """allauth's sign-in, saying what to write in a field left empty (as the portal's own forms do)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        say_what_is_required(self.fields, {"login": WRITE_EMAIL, "password": _("Write your password.")})


class ResetPasswordForm(AllauthResetPasswordForm):
    """allauth's "forgot your password?", saying what to write in a field left empty."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        say_what_is_required(self.fields, {"email": WRITE_EMAIL})


class SignupForm(HumanFormMixin, AllauthSignupForm):
    """allauth's sign-up with the honeypot and the timestamp of ``home.humans``
    (``accounts.views.SignupView`` answers them and counts the limits), saying what to write in a
    field left empty."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        say_what_is_required(
            self.fields,
            {
                "email": WRITE_EMAIL,
                "password1": _("Choose a password."),
                "password2": _("Write the password again."),
            },
        )

    def try_save(self, request: HttpRequest) -> tuple[AbstractBaseUser | None, HttpResponse | None]:
        """For an address that already has an account allauth stores nothing and only sends a
        mail, so it answered faster than for a new one (no password hashed), which told
        whoever was timing it that the address is known. Hash the password all the same."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
