from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        from django.db import models
        from django.urls import register_converter

        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.signals import page_published

        from home import (
            changes,
            converters,
            limits,  # noqa: F401 - registers the check of RATE_LIMITS
        )
        from home.search import register_fold_function
        from home.translation import sync_facts_on_publish
        from home.widgets import TransliteratingSlugInput

        register_converter(converters.RowIdConverter, "id")  # before any URLconf is read: <id:pk>
        connection_created.connect(register_fold_function, dispatch_uid="home.search.fold")
        page_published.connect(sync_facts_on_publish, dispatch_uid="home.translation.facts")
        changes.connect()  # the frame's cache and the page cache start afresh when what they show changes
        register_form_field_override(models.SlugField, override={"widget": TransliteratingSlugInput})
