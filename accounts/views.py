"""allauth's views, where the portal needs them to do more."""

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from allauth.account import views as allauth_views
from allauth.account.adapter import get_adapter

from home import limits

# Accounts made (never refused forms), per address and per e-mail address. A known address gets
# a mail instead of a second account (ACCOUNT_PREVENT_ENUMERATION): it counts the same, so nobody
# can fill someone's inbox with "you already have an account".
SIGNUP_LIMITS = (
    limits.Limit(
        "signup_per_ip",
        limits.IP,
        _("Many accounts have been created from your network just now. Please try again in %(minutes)s min."),
    ),
    limits.Limit(
        "signup_per_email",
        limits.EMAIL,
        _("This e-mail address has been signed up several times just now. Please try again in %(minutes)s min."),
    ),
)


class SignupView(allauth_views.SignupView):
    """Sign-up with the public forms' quiet checks (``home.humans``, in ``accounts.forms.SignupForm``)
    and limits (``home.limits``)."""

    def form_invalid(self, form: Any) -> HttpResponse:
        if form.caught_by_honeypot:
            return self._looks_done()
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        if form.caught_by_honeypot:
            return self._looks_done()
        email = form.cleaned_data.get("email")
        refusal = limits.refusal(self.request, SIGNUP_LIMITS, email=email)
        if refusal:
            form.add_error(None, refusal)
            response = super().form_invalid(form)
            response.status_code = 429
            return response
        response = super().form_valid(form)
        limits.count(self.request, SIGNUP_LIMITS, email=email)
        return response

    def _looks_done(self) -> HttpResponse:
        """A bot that filled the honeypot is told what a person is told: "we sent you a mail".
        Nothing is stored and no mail leaves."""
        response: HttpResponseBase = get_adapter().respond_email_verification_sent(self.request, None)
        return response  # type: ignore[return-value]


signup = SignupView.as_view()


@require_GET
def staff_presence(request: HttpRequest) -> HttpResponse:
    """``/admin/presence/``: the admin's script asks for it while someone types in a form
    (``accounts/js/admin-forms.js``), so that the staff idle timeout does not end the session
    of a coordinator who is writing a long note and has not sent a page for half an hour, and
    what they typed is not lost. Answering is all it does: ``StaffSessionMiddleware`` moves the
    idle clock on for every request it sees. A page left open untouched asks nothing."""
    return HttpResponse(status=204)  # never kept by a cache: Wagtail's admin addresses say no-store
