"""allauth's forms, where the portal needs them to behave differently."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from allauth.account import forms as allauth_forms

from home.forms import RequiredMessagesMixin
from home.humans import HumanFormMixin

# What each allauth form says of a field left empty, as the portal's own forms do.
WRITE_EMAIL = _("Write your e-mail address.")
NEW_PASSWORD = {"password1": _("Choose a password."), "password2": _("Write the password again.")}


class LoginForm(RequiredMessagesMixin, allauth_forms.LoginForm):
    required_messages = {"login": WRITE_EMAIL, "password": _("Write your password.")}


class ResetPasswordForm(RequiredMessagesMixin, allauth_forms.ResetPasswordForm):
    required_messages = {"email": WRITE_EMAIL}


class ResetPasswordKeyForm(RequiredMessagesMixin, allauth_forms.ResetPasswordKeyForm):
    required_messages = NEW_PASSWORD


class ChangePasswordForm(RequiredMessagesMixin, allauth_forms.ChangePasswordForm):
    required_messages = {"oldpassword": _("Write your current password."), **NEW_PASSWORD}


class AddEmailForm(RequiredMessagesMixin, allauth_forms.AddEmailForm):
    required_messages = {"email": WRITE_EMAIL}


class SignupForm(RequiredMessagesMixin, HumanFormMixin, allauth_forms.SignupForm):
    """allauth's sign-up with the honeypot and the timestamp of ``home.humans``
    (``accounts.views.SignupView`` answers them and counts the limits)."""

    required_messages = {"email": WRITE_EMAIL, **NEW_PASSWORD}

    def try_save(self, request: HttpRequest) -> tuple[AbstractBaseUser | None, HttpResponse | None]:
        """For an address that already has an account allauth stores nothing and only sends a
        mail, so it answered faster than for a new one (no password hashed), which told
        whoever was timing it that the address is known. Hash the password all the same."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
