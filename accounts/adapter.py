"""The one place where allauth is customised for the portal."""

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429

from accounts.network import client_ip
from accounts.staff import can_use_admin
from home.mail import mail_context


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        return client_ip(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Too many failed sign-ins answer 429 Too Many Requests (our 429 page), not a form error
        with 200: a client, a proxy and a monitoring tool can all tell the difference."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if getattr(error, "code", None) == "too_many_login_attempts":
                raise ImmediateHttpResponse(respond_429(request)) from error
            raise

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mails greet and sign as the portal's own do: the centre by its name and phone in
        the reader's language, and the portal's address (``templates/account/email/base_message.txt``).
        Its own "Hello from 127.0.0.1:8000!" named the host the request came to, and Latvian cannot
        put a name in its "Sveiciens no …!" without its genitive."""
        shared = mail_context()
        site = SimpleNamespace(name=shared["centre"].name, domain=urlsplit(shared["base_url"]).netloc)
        super().send_mail(template_prefix, email, {**shared, "current_site": site, **context})

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Staff (whoever can open the admin) start their work in the admin; everyone else where
        they were going (allauth's ``next`` comes first for all) or on the home page, as before."""
        if can_use_admin(request.user):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
