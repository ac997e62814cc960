from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts import admin_csp

        user_logged_in.connect(start_staff_session, dispatch_uid="accounts.start_staff_session")
        admin_csp.install()


def start_staff_session(sender, request, user, **kwargs):
    from accounts import sessions

    if request is not None and hasattr(request, "session"):
        sessions.start(request, user)
