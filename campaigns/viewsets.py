"""The campaign managers' admin: pledges (list, filters, search, inspect, export),
recording what arrived, pledges taken by phone, and the campaign summary."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from campaigns import services
from campaigns.choices import Delivery, PledgeState
from campaigns.forms import LineQuantitiesForm, PledgeForm
from campaigns.models import CampaignPage, NeedTally, Pledge, PledgeLine
from home.admin_views import InspectView


class PledgePermissionPolicy(ModelPermissionPolicy):
    """Pledges are cancelled or expire, never deleted: a deletion would lose the record and the counts."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action != "delete"])


pledge_permission_policy = PledgePermissionPolicy(Pledge)


def source_campaigns():
    return CampaignPage.objects.filter(locale=Locale.get_default()).order_by("-start_date")


class PledgeFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(label=_("Campaign"), queryset=lambda request: source_campaigns())
    state = django_filters.MultipleChoiceFilter(
        label=_("State"), choices=PledgeState.choices, widget=django_filters.widgets.forms.CheckboxSelectMultiple
    )
    expected_date = django_filters.DateFromToRangeFilter(label=_("Expected date"), widget=DateRangePickerWidget)
    delivery = django_filters.ChoiceFilter(label=_("Delivery"), choices=Delivery.choices, empty_label=_("All"))

    class Meta:
        model = Pledge
        fields = ["campaign", "state", "expected_date", "delivery"]


class StateColumn(StatusTagColumn):
    def get_value(self, instance):
        return instance.get_state_display()


class PledgeIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("campaign")
            .prefetch_related(Prefetch("lines", queryset=PledgeLine.objects.select_related("need")))
        )

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        buttons.append(HeaderButton(_("Campaign summary"), url=reverse("campaign_summary:index"), icon_name="list-ul"))
        return buttons

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.is_open and self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.insert(
                0,
                ListingButton(
                    _("Record received"), url=reverse("pledge:receive", args=[instance.pk]), icon_name="tick"
                ),
            )
        return buttons


class PledgeInspectView(InspectView):
    template_name = "campaigns/admin/pledge_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Pledge.objects.with_lines(), pk=self.pk)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.is_open and self.user_has_permission("change"):
            from wagtail.admin.widgets import Button

            buttons.insert(
                0,
                Button(
                    _("Record received"),
                    url=reverse("pledge:receive", args=[self.object.pk]),
                    icon_name="tick",
                    priority=5,
                ),
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = list(self.object.lines.all())
        return context


class AdminFormView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """An admin page with one form that a service acts on."""

    permission_policy = pledge_permission_policy
    template_name = "campaigns/admin/form.html"
    submit_label = _("Save")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("pledge:index"), "label": capfirst(Pledge._meta.verbose_name_plural)},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = self.submit_label
        return context


class ReceiveView(AdminFormView):
    """Record what a donor brought today; partial deliveries happen."""

    permission_required = "change"
    page_title = _("Record received items")
    header_icon = "tick"
    submit_label = _("Record")

    def dispatch(self, request, *args, **kwargs):
        self.pledge = get_object_or_404(Pledge.objects.with_lines(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.pledge)

    def get_form(self, form_class=None):
        lines = list(self.pledge.lines.all())
        for line in lines:
            line.label = f"{line.need} — {line.received}/{line.quantity} {line.need.get_unit_display()}"
        return LineQuantitiesForm(**self.get_form_kwargs(), lines=lines, mode="receive")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pledge"] = self.pledge
        context["intro"] = _("How many of each item arrived now? Leave 0 for items that did not come.")
        return context

    def form_valid(self, form):
        if not self.pledge.is_open:
            form.add_error(None, _("This pledge is closed; nothing more can be received."))
            return self.form_invalid(form)
        try:
            pledge = services.record_receipt(self.pledge, form.values())
        except services.PledgeError as error:
            form.add_line_errors(error.field_errors)
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Recorded for %(pledge)s: %(state)s.")
            % {"pledge": pledge.reference, "state": pledge.get_state_display()},
        )
        return redirect("pledge:inspect", pledge.pk)


class PhonePledgeView(AdminFormView):
    """A pledge taken by phone: choose the campaign, then the same form the donors use."""

    permission_required = "add"
    page_title = _("Pledge taken by phone")
    header_icon = "mobile-alt"
    submit_label = _("Save the pledge")

    def dispatch(self, request, *args, **kwargs):
        self.campaign = None
        campaign_id = request.GET.get("campaign") or request.POST.get("campaign")
        if campaign_id and campaign_id.isdigit():
            self.campaign = source_campaigns().filter(pk=campaign_id).first()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.campaign is None:
            return self.render_to_response(
                self.get_context_data(
                    form=None, campaigns=source_campaigns().filter(end_date__gte=timezone.localdate())
                )
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.campaign is None:
            return redirect("pledge:add")
        return super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        needs = [need for need in self.campaign.needs_with_tallies() if need.tally.pk]
        return PledgeForm(**self.get_form_kwargs(), needs=needs, campaign=self.campaign, staff=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.campaign
        return context

    def form_valid(self, form):
        try:
            result = services.create_pledge(
                self.campaign,
                form.quantities(),
                form.details(),
                submission_key=form.cleaned_data["submission_key"],
                entered_by=self.request.user,
                language=Locale.get_default().language_code,
            )
        except services.NotEnoughLeft as error:
            form.add_shortages(error.remaining)
            form.add_error(None, error.message)
            return self.form_invalid(form)
        except services.PledgeError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Pledge %(reference)s saved.") % {"reference": result.pledge.reference})
        return redirect("pledge:inspect", result.pledge.pk)


class PledgeViewSet(ModelViewSet):
    model = Pledge
    icon = "form"
    menu_label = _("Pledges")
    menu_order = 100
    index_view_class = PledgeIndexView
    inspect_view_class = PledgeInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = PledgeFilterSet
    search_fields = ["reference", "donor_name", "email"]
    list_per_page = 50
    list_display = [
        "reference",
        Column("donor_name", label=_("Donor"), sort_key="donor_name"),
        Column("campaign", label=_("Campaign")),
        StateColumn("state", label=_("State"), sort_key="state"),
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

    @property
    def add_view(self):
        return self.construct_view(PhonePledgeView)

    @property
    def receive_view(self):
        return self.construct_view(ReceiveView)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("receive/<int:pk>/", self.receive_view, name="receive")]


class CampaignSummaryView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Per need: needed, pledged, received, outstanding; and the pledges that are late."""

    permission_policy = pledge_permission_policy
    permission_required = "view"
    page_title = _("Campaign summary")
    header_icon = "list-ul"
    template_name = "campaigns/admin/summary.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaigns = list(
            source_campaigns().prefetch_related(
                Prefetch("tallies", queryset=NeedTally.objects.filter(listed=True).order_by("sort_order", "pk"))
            )
        )
        overdue = {}
        for pledge in Pledge.objects.overdue().select_related("campaign").order_by("expected_date"):
            overdue.setdefault(pledge.campaign_id, []).append(pledge)
        for campaign in campaigns:
            campaign.rows = list(campaign.tallies.all())
            campaign.overdue = overdue.get(campaign.pk, [])
            campaign.sum = {
                key: sum(getattr(row, key) for row in campaign.rows)
                for key in ("needed", "pledged", "received", "outstanding", "still_needed")
            }
        context["campaigns"] = campaigns
        return context


class CampaignSummaryViewSet(ViewSet):
    name = "campaign_summary"
    icon = "list-ul"
    menu_label = _("Campaign summary")
    menu_order = 110

    @property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        class SummaryMenuItem(MenuItem):
            def is_shown(self, request):
                return pledge_permission_policy.user_has_permission(request.user, "view")

        return SummaryMenuItem

    def get_urlpatterns(self):
        return [path("", CampaignSummaryView.as_view(), name="index")]


class CampaignViewSetGroup(ViewSetGroup):
    menu_label = _("Campaign")
    menu_icon = "form"
    menu_order = 250
    items = (PledgeViewSet("pledge"), CampaignSummaryViewSet())
