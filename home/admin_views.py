"""Shared pieces of the Wagtail admin that every app's viewsets use."""

import datetime
import re
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.forms import BaseForm, CheckboxInput
from django.http import HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import yesno
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.active_filters import BaseFilterAdapter, register_filter_adapter_class
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import list_to_str
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

import django_filters

from home.forms import add_service_errors

EMPTY = "—"


class ReadableInspectMixin:
    """For Wagtail's inspect views: a dash where a record has nothing (not the word "None"), yes or
    no in the reader's language (not "True"), and moments in the centre's time zone. (Wagtail's
    inspect template formats a datetime with ``|localize``, which does not convert it: it would
    show UTC beside the admin's local times.)"""

    def get_field_display_value(self, field_name: str, field: Any) -> Any:
        if getattr(self.object, field_name, EMPTY) is None:  # type: ignore[attr-defined]
            return EMPTY  # before Wagtail wraps it (an empty image field would read "None")
        value = super().get_field_display_value(field_name, field)  # type: ignore[misc]
        if isinstance(value, bool):
            return yes_or_no(value)
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value)
        return EMPTY if value in (None, "") else value


class InspectView(ReadableInspectMixin, generic.InspectView):
    """Wagtail's inspect view, readable (see ``ReadableInspectMixin``)."""


def yes_or_no(value: bool) -> str:
    return capfirst(str(yesno(value)))  # "Jā" / "Nē", not True / False


class YesNoFilterAdapter(BaseFilterAdapter):
    """A yes-or-no filter's chip above a listing (Wagtail's "active filters") reads "Jā" or "Nē" in
    the admin's language; Wagtail's default adapter prints Python's True or False."""

    def get_active_filters(self):
        for active in super().get_active_filters():
            yield active._replace(value=yes_or_no(self.value))


register_filter_adapter_class(django_filters.BooleanFilter, YesNoFilterAdapter)


class TickBoxFilter(django_filters.BooleanFilter):
    """A filter set by one tick box: unticked is no filter at all (Wagtail lists no "No" chip
    and counts no active filter), ticked is a "Jā" chip that unticks it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", CheckboxInput)
        kwargs.setdefault("initial", False)
        super().__init__(*args, **kwargs)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+\-]?[0-9 ().,/+\-]*$")  # "+371 20 000 000", "-5": nothing a spreadsheet runs


def formula_safe(value: str) -> str:
    """A CSV cell a spreadsheet shows and never runs: text that starts like a formula (a donor named
    '=HYPERLINK("http://…")', "@SUM(…)") gets an apostrophe in front, as OWASP advises. Phone numbers
    and plain numbers stay as they are. (Wagtail's XLSX export already keeps formulas as text.)"""
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return f"'{value}"
    return value


def local_time(value: datetime.datetime) -> datetime.datetime:
    """A moment as the centre's clock showed it (Europe/Riga), without a zone a spreadsheet cannot hold."""
    return timezone.make_naive(value) if timezone.is_aware(value) else value


class ReadableExportMixin:
    """For index views with ``list_export``: a spreadsheet says what the screen says.

    Choice fields export their label in the reader's language (not the stored
    code) and moments are in the centre's time zone, not UTC. In CSV, text that a
    spreadsheet would run as a formula is written so that it shows it (``formula_safe``).
    """

    custom_value_preprocess = {
        str: {"csv": formula_safe},
        datetime.datetime: {
            "xlsx": local_time,
            "csv": lambda value: local_time(value).strftime("%Y-%m-%d %H:%M"),
        },
        (datetime.date, datetime.time): {"xlsx": None},
        list: {"csv": list_to_str, "xlsx": list_to_str},
    }

    def to_row_dict(self, item: Any) -> dict[str, Any]:
        row = super().to_row_dict(item)  # type: ignore[misc]
        for name in row:
            try:
                field = item._meta.get_field(name)
            except (AttributeError, FieldDoesNotExist):
                continue
            if getattr(field, "choices", None):
                row[name] = getattr(item, f"get_{name}_display")()
        return row


class BreadcrumbsMixin(WagtailAdminTemplateMixin):
    """Wagtail's slim header shows breadcrumbs, not the page title: end them with this view's title.

    ``get_parent_crumbs`` returns ``(url, label)`` pairs between the dashboard and this page.
    """

    def get_parent_crumbs(self) -> Sequence[tuple[str, str]]:
        return ()

    def get_breadcrumbs_items(self):
        crumbs = [{"url": url, "label": label} for url, label in self.get_parent_crumbs()]
        current = {"url": "", "label": self.get_page_title()}
        if self.get_page_subtitle():
            current["sublabel"] = self.get_page_subtitle()
        return [*self.breadcrumbs_items, *crumbs, current]


class ServiceFormView(BreadcrumbsMixin, PermissionCheckedMixin, FormView):
    """An admin page with one form whose data a service acts on.

    Subclasses set ``permission_policy`` (or ``model``) and ``permission_required``,
    the form, and ``run(form)``, which calls the service and returns what it made.
    A ``ValidationError`` from the service lands on the form (beside its field);
    success shows ``get_success_message(result)`` and goes to ``get_success_url(result)``.
    """

    template_name = "home/admin/service_form.html"
    submit_label = _("Save")
    cancel_url: str | None = None

    def run(self, form: BaseForm) -> Any:
        raise NotImplementedError

    def get_success_message(self, result: Any) -> str:
        return ""

    def get_success_url(self, result: Any = None) -> str:
        raise NotImplementedError

    def get_cancel_url(self) -> str | None:
        return self.cancel_url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("submit_label", self.submit_label)
        context.setdefault("cancel_url", self.get_cancel_url())
        return context

    def form_valid(self, form: BaseForm) -> HttpResponse:
        try:
            result = self.run(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        message = self.get_success_message(result)
        if message:
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url(result))


class AddLabelMixin:
    """For ``ModelViewSet``s and ``SnippetViewSet``s: the "Add …" button's own words.

    Wagtail builds the label from the model's ``verbose_name`` ("Add %(model_name)s"), which is
    the nominative; Latvian puts the object of "Pievienot" in the accusative ("Pievienot
    solījumu", not "Pievienot solījums"), so each viewset says the whole phrase.
    """

    add_item_label: Any = ""

    def get_index_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        if self.add_item_label:
            kwargs.setdefault("add_item_label", self.add_item_label)
        return super().get_index_view_kwargs(**kwargs)  # type: ignore[misc]


class PolicyViewSet(ViewSet):
    """A viewset of custom views whose menu item shows only to those the model's permission policy
    lets do one of ``menu_permissions`` (the same rule Wagtail's ``ModelViewSet`` menu follows)."""

    model: Any = None
    menu_permissions: Sequence[str] = ("view",)

    @cached_property
    def menu_item_class(self):
        viewset = self

        def is_shown(_item, request):
            policy = policy_registry.get_by_type(viewset.model)
            return policy.user_has_any_permission(request.user, viewset.menu_permissions)

        return type(f"{self.__class__.__name__}MenuItem", (MenuItem,), {"is_shown": is_shown})


# The admin's home page


class DraftPagesPanel(Component):
    """The editors' panel on the admin's home page: pages with changes not yet published (new
    pages, newer drafts of live pages, and those in moderation), the latest first. Wagtail's own
    panels beside it show what awaits the user's review and the user's pages in a workflow."""

    name = "draft_pages"
    order = 150
    template_name = "home/admin/draft_pages_panel.html"
    limit = 10

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        user = (parent_context or {})["request"].user
        pages = (
            PagePermissionPolicy()
            .instances_user_has_any_permission_for(user, ["change"])
            .filter(has_unpublished_changes=True)
            .select_related("latest_revision__user")
            .prefetch_workflow_states()
            .annotate_approved_schedule()
            .order_by("-latest_revision_created_at", "-pk")
        )
        context["pages"] = list(pages[: self.limit])
        context["explorer_url"] = reverse("wagtailadmin_explore_root")
        return context


def shows_draft_pages(user: Any) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])
