from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        from home.search import register_fold_function

        connection_created.connect(register_fold_function, dispatch_uid="home.search.fold")
