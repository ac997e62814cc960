from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from privacy import admin_views
from privacy.models import ErasureRequest


def deadline(request: ErasureRequest) -> str:
    if not request.is_open:
        return "—"
    overdue = _(" (overdue)") if request.is_overdue(timezone.localdate()) else ""
    return f"{request.due_on:%d.%m.%Y}{overdue}"


class StateColumn(StatusTagColumn):
    def get_value(self, instance: ErasureRequest) -> str:
        return instance.get_state_display()


class ErasureRequestViewSet(ModelViewSet):
    """Erasure requests, open ones first with their deadline (one month from the request)."""

    model = ErasureRequest
    name = "privacy_erasure"
    url_prefix = "privacy/erasure-requests"
    icon = "bin"
    menu_label = _("Erasure requests")
    menu_order = 850
    add_to_admin_menu = True
    index_view_class = admin_views.ErasureIndexView
    inspect_view_enabled = True
    inspect_view_class = admin_views.ErasureInspectView
    copy_view_enabled = False
    list_display = [
        TitleColumn(
            "reference",
            label=_("Request"),
            accessor="reference",
            get_url=lambda request: reverse("privacy_erasure:inspect", args=[request.pk]),
        ),
        StateColumn("state", label=_("State"), primary=lambda request: request.is_open),
        Column("kind", label=_("Asked"), accessor="get_kind_display"),
        DateColumn("requested_at", label=_("Asked at")),
        Column("due_on", label=_("To be completed by"), accessor=deadline, sort_key="due_on"),
        Column("person", label=_("Who"), accessor=admin_views.person),
    ]
    list_filter = ["state", "kind"]
    form_fields = []
    inspect_view_fields = ["kind", "state", "requested_at", "due_on", "completed_at", "completed_by"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("complete/<id:pk>/", admin_views.CompleteErasureView.as_view(), name="complete"),
        ]
