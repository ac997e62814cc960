"""Staff's side of erasure requests: see what waits and by when, and complete it."""

from typing import TYPE_CHECKING, Any, cast

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views import generic
from wagtail.admin.widgets import HeaderButton

from home.admin_views import InspectView, ServiceFormView
from privacy import services
from privacy.forms import CompleteErasureForm
from privacy.models import ErasureRequest
from privacy.permissions import erasure_permission_policy
from privacy.sources import describe

if TYPE_CHECKING:
    from accounts.models import User


def person(request: ErasureRequest) -> str:
    """Who asked, while the request is open; nobody once it is completed (the account is gone)."""
    user = request.user
    if user is None:
        return "—"
    name = user.get_full_name()
    return f"{name} <{user.email}>" if name else user.email


class ErasureIndexView(generic.IndexView):
    """The list names who asked (``person``): their accounts come with the requests, not one query a row."""

    def get_base_queryset(self) -> QuerySet[ErasureRequest]:
        return super().get_base_queryset().select_related("user")


class ErasureInspectView(InspectView):
    template_name = "privacy/admin/erasure_inspect.html"

    @cached_property
    def header_buttons(self) -> list[HeaderButton]:
        if self.object.is_open and erasure_permission_policy.user_has_permission(self.request.user, "complete"):
            url = reverse("privacy_erasure:complete", args=[self.object.pk])
            return [HeaderButton(_("Complete erasure"), url=url, icon_name="bin")]
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        erasure = self.object
        held = []
        if erasure.is_open and erasure.user is not None:
            # How much is held, never what: the records themselves are in their own admin pages.
            held = [(section.title, len(section.records)) for section in services.personal_data(erasure.user)]
        context.update(
            {
                "erasure": erasure,
                "person": person(erasure),
                "overdue": erasure.is_overdue(timezone.localdate()),
                "held": held,
                "removed": describe(erasure.removed),
            }
        )
        return context


class CompleteErasureView(ServiceFormView):
    permission_policy = erasure_permission_policy
    permission_required = "complete"
    form_class = CompleteErasureForm
    page_title = gettext_lazy("Complete erasure")
    header_icon = "bin"
    submit_label = gettext_lazy("Erase now")

    @cached_property
    def object(self) -> ErasureRequest:
        return get_object_or_404(ErasureRequest, pk=self.kwargs["pk"])

    def get_page_subtitle(self) -> str:
        return self.object.reference

    def get_parent_crumbs(self) -> list[tuple[str, str]]:
        return [
            (reverse("privacy_erasure:index"), str(capfirst(ErasureRequest._meta.verbose_name_plural))),
            (reverse("privacy_erasure:inspect", args=[self.object.pk]), self.object.reference),
        ]

    def get_cancel_url(self) -> str:
        return reverse("privacy_erasure:inspect", args=[self.object.pk])

    def get_success_url(self, result: Any = None) -> str:
        return reverse("privacy_erasure:inspect", args=[self.object.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["person"] = person(self.object)
        return context

    def run(self, form: Any) -> ErasureRequest:
        return services.complete_erasure(self.object, by=cast("User", self.request.user))

    def get_success_message(self, result: ErasureRequest) -> str:
        return _("Erasure %(reference)s is completed; the person has been told by e-mail.") % {
            "reference": result.reference
        }
