"""The campaign's admin viewsets; the views themselves live in ``campaigns.admin_views``."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from campaigns import admin_views
from campaigns.models import Pledge
from home.admin_views import AddLabelMixin, PolicyViewSet


class PledgeViewSet(AddLabelMixin, ModelViewSet):
    model = Pledge
    add_item_label = _("Add pledge")
    icon = "form"
    menu_label = _("Pledges")
    menu_order = 100
    index_view_class = admin_views.PledgeIndexView
    inspect_view_class = admin_views.PledgeInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = admin_views.PledgeFilterSet
    search_fields = ["reference", "donor_name", "email", "phone"]
    list_per_page = 50
    list_display = [
        "reference",
        Column("donor_name", label=_("Donor"), sort_key="donor_name"),
        Column("campaign", label=_("Campaign")),
        admin_views.StateColumn("state", label=_("State"), sort_key="state"),
        Column("expected_date", label=_("Expected date"), sort_key="expected_date"),
        Column("delivery", accessor="get_delivery_display", label=_("Delivery")),
        DateColumn("created_at", label=_("Pledged"), sort_key="created_at"),
    ]
    list_export = [
        "reference",
        "campaign",
        "state",
        "donor_name",
        "email",
        "phone",
        "delivery",
        "expected_date",
        "pickup_area",
        "pickup_address",
        "note",
        "source",
        "created_at",
        "lines_summary",
    ]
    export_headings = {"lines_summary": _("Items (received)")}
    export_filename = "pledges"
    form_fields = ["donor_name", "email", "phone", "expected_date", "pickup_address", "note"]
    inspect_view_fields = [
        "reference",
        "campaign",
        "state",
        "donor_name",
        "email",
        "phone",
        "delivery",
        "expected_date",
        "pickup_area",
        "pickup_address",
        "note",
        "source",
        "entered_by",
        "consent_at",
        "created_at",
        "reminded_at",
        "closed_at",
    ]

    def construct_action_view(self, view_class):
        """A view of our own (not a model form): Wagtail's add-view arguments do not apply."""
        return self.construct_view(view_class, header_icon=view_class.header_icon)

    @property
    def add_view(self):
        return self.construct_action_view(admin_views.PhonePledgeView)

    @property
    def receive_view(self):
        return self.construct_action_view(admin_views.ReceiveView)

    @property
    def scan_view(self):
        return self.construct_action_view(admin_views.ScanView)

    @property
    def cancel_view(self):
        return self.construct_action_view(admin_views.CancelView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("receive/<id:pk>/", self.receive_view, name="receive"),
            # The pledge's QR code: by its reference, the only thing it carries.
            path("scan/<str:reference>/", self.scan_view, name="scan"),
            path("cancel/<id:pk>/", self.cancel_view, name="cancel"),
        ]


class CampaignSummaryViewSet(PolicyViewSet):
    """The summary's menu item shows to those the pledge policy lets view pledges."""

    model = Pledge
    name = "campaign_summary"
    icon = "list-ul"
    menu_label = _("Campaign summary")
    menu_order = 110

    def get_urlpatterns(self):
        return [path("", admin_views.CampaignSummaryView.as_view(), name="index")]


class CampaignViewSetGroup(ViewSetGroup):
    menu_label = _("Campaign")
    menu_icon = "form"
    menu_order = 250
    items = (PledgeViewSet("pledge"), CampaignSummaryViewSet())
