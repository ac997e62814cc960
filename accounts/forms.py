"""allauth's forms, where the portal needs them to behave differently."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse

from allauth.account.forms import SignupForm as AllauthSignupForm

from home.humans import HumanFormMixin


class SignupForm(HumanFormMixin, AllauthSignupForm):
    """allauth's sign-up with the honeypot and the timestamp of ``home.humans``
    (``accounts.views.SignupView`` answers them and counts the limits)."""

    def try_save(self, request: HttpRequest) -> tuple[AbstractBaseUser | None, HttpResponse | None]:
        """For an address that already has an account allauth stores nothing and only sends a
        mail, so it answered faster than for a new one (no password hashed), which told
        whoever was timing it that the address is known. Hash the password all the same."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
