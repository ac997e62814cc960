"""The Campaign managers' screens in the Wagtail admin that are more than a model's list and form:
the pledge list and inspect page, recording what arrived, cancelling, pledges taken by phone,
and the campaign summary.

Access goes through ``campaigns.permissions.pledge_permission_policy``; the work is done by
``campaigns.services``, and a refusal lands on the form through ``home.admin_views.ServiceFormView``.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.db.models import Count, F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.widgets import Button, HeaderButton, ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.models import Locale

import django_filters

from campaigns import services
from campaigns.choices import Delivery, PledgeState
from campaigns.forms import PledgeForm, ReceiveForm, StaffCancelForm
from campaigns.models import CampaignPage, NeedTally, Pledge, PledgeLine, Totals
from campaigns.permissions import pledge_permission_policy
from home import dates
from home.admin_views import BreadcrumbsMixin, InspectView, ReadableExportMixin, ServiceFormView
from home.search import FoldedSearchMixin


def source_campaigns() -> QuerySet[CampaignPage]:
    """Campaigns in the default language: pledges and counts belong to these."""
    return CampaignPage.objects.filter(locale=Locale.get_default()).order_by("-start_date")


def pledges_crumb() -> tuple[str, str]:
    return reverse("pledge:index"), capfirst(Pledge._meta.verbose_name_plural)


# The pledge list and inspect page


class PledgeFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Campaign"), queryset=lambda request: source_campaigns()
    )
    state = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("State"),
        choices=PledgeState.choices,
        widget=django_filters.widgets.forms.CheckboxSelectMultiple,
    )
    expected_date = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Expected date"), widget=DateRangePickerWidget
    )
    delivery = django_filters.ChoiceFilter(
        label=gettext_lazy("Delivery"), choices=Delivery.choices, empty_label=gettext_lazy("All")
    )

    class Meta:
        model = Pledge
        fields = ["campaign", "state", "expected_date", "delivery"]


class StateColumn(StatusTagColumn):
    def get_value(self, instance: Pledge) -> str:
        return instance.get_state_display()


def pledge_buttons(pledge: Pledge, user: Any) -> list[tuple[str, str, str]]:
    """(label, url, icon) of the actions this user may take on this pledge now."""
    if not pledge.is_open or not pledge_permission_policy.user_has_permission(user, "change"):
        return []
    return [
        (_("Record received"), reverse("pledge:receive", args=[pledge.pk]), "check"),
        (_("Cancel pledge"), reverse("pledge:cancel", args=[pledge.pk]), "cross"),
    ]


class PledgeIndexView(ReadableExportMixin, FoldedSearchMixin, generic.IndexView):
    """Pledges: search ignores diacritics ("ozola" finds "Ozoliņa"); exports say what the screen says."""

    def get_base_queryset(self) -> QuerySet[Pledge]:
        return (
            super()
            .get_base_queryset()
            .select_related("campaign")
            .prefetch_related(Prefetch("lines", queryset=PledgeLine.objects.select_related("need")))
        )

    @cached_property
    def header_buttons(self) -> list[HeaderButton]:
        buttons = super().header_buttons
        buttons.append(HeaderButton(_("Campaign summary"), url=reverse("campaign_summary:index"), icon_name="list-ul"))
        return buttons

    def get_list_buttons(self, instance: Pledge) -> list[Any]:
        buttons = super().get_list_buttons(instance)
        for priority, (label, url, icon) in enumerate(pledge_buttons(instance, self.request.user)):
            buttons.insert(priority, ListingButton(label, url=url, icon_name=icon))
        return buttons


class PledgeInspectView(InspectView):
    template_name = "campaigns/admin/pledge_inspect.html"

    def get_object(self, queryset: QuerySet | None = None) -> Pledge:
        return get_object_or_404(Pledge.objects.with_lines(), pk=self.pk)

    @cached_property
    def header_more_buttons(self) -> list[Button]:
        buttons = super().header_more_buttons
        for priority, (label, url, icon) in enumerate(pledge_buttons(self.object, self.request.user)):
            buttons.insert(priority, Button(label, url=url, icon_name=icon, priority=5 + priority))
        return buttons

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["lines"] = list(self.object.lines.all())
        return context


# Actions on one pledge


class PledgeActionView(ServiceFormView):
    """A service acting on one pledge, from a form under the pledge's breadcrumbs."""

    permission_policy = pledge_permission_policy
    permission_required = "change"
    template_name = "campaigns/admin/pledge_action.html"
    intro = ""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.pledge = get_object_or_404(Pledge.objects.with_lines(), **self.pledge_lookup(kwargs))

    def pledge_lookup(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        return {"pk": kwargs["pk"]}

    def get_page_subtitle(self) -> str:
        return str(self.pledge)

    def get_parent_crumbs(self) -> Sequence[tuple[str, str]]:
        return [pledges_crumb(), (reverse("pledge:inspect", args=[self.pledge.pk]), self.pledge.reference)]

    def get_cancel_url(self) -> str:
        return reverse("pledge:inspect", args=[self.pledge.pk])

    def get_success_url(self, result: Any = None) -> str:
        return reverse("pledge:inspect", args=[self.pledge.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(pledge=self.pledge, lines=list(self.pledge.lines.all()), intro=self.intro)
        return context


class ReceiveView(PledgeActionView):
    """Record what a donor brought today; partial deliveries happen. The door's scan is the same form."""

    page_title = gettext_lazy("Record received items")
    header_icon = "check"
    submit_label = gettext_lazy("Record what arrived")
    intro = gettext_lazy(
        "Everything still expected is filled in. If it all came, record it; "
        "if something did not, change its number first."
    )

    def get_form(self, form_class: Any = None) -> BaseForm:
        return ReceiveForm(**self.get_form_kwargs(), lines=self.pledge.lines.all())

    def run(self, form: BaseForm) -> Pledge:
        return services.record_receipt(self.pledge, form.values())  # type: ignore[attr-defined]

    def get_success_message(self, result: Pledge) -> str:
        return _("Recorded for %(pledge)s: %(state)s.") % {
            "pledge": result.reference,
            "state": result.get_state_display(),
        }


class ScanView(ReceiveView):
    """The address in the pledge's QR code (``services.scan_url``): a Campaign manager at the door scans
    the donor's code, the admin opens here, and one tap on "Record what arrived" records everything
    still expected: the same form as the pledge's "Record received" page (``ReceiveForm``), on a page
    for a phone. A pledge already closed opens on its own page. Whoever is not a Campaign manager signed in
    gets the admin's sign-in (staff) or the no-access page (everyone else), never the pledge.
    """

    template_name = "campaigns/admin/pledge_scan.html"
    page_title = gettext_lazy("Received at the door")

    def pledge_lookup(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        return {"reference": kwargs["reference"].upper()}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.pledge.is_open:
            messages.info(
                request,
                _("Pledge %(reference)s is %(state)s: nothing more is expected.")
                % {"reference": self.pledge.reference, "state": self.pledge.get_state_display().lower()},
            )
            return HttpResponseRedirect(reverse("pledge:inspect", args=[self.pledge.pk]))
        return super().get(request, *args, **kwargs)

    def get_cancel_url(self) -> None:
        return None  # the page's own link below the form says where it goes instead

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["inspect_url"] = reverse("pledge:inspect", args=[self.pledge.pk])
        return context


class CancelView(PledgeActionView):
    """Staff cancel a pledge, or one of its items, with a reason: the donor phoned, say."""

    page_title = gettext_lazy("Cancel a pledge")
    header_icon = "cross"
    submit_label = gettext_lazy("Cancel and tell the donor")
    intro = gettext_lazy(
        "What has not arrived is offered to other donors again. The donor is told by e-mail, "
        "and the pledge's history records who cancelled and why. This cannot be undone."
    )

    def get_form(self, form_class: Any = None) -> BaseForm:
        return StaffCancelForm(**self.get_form_kwargs(), lines=list(self.pledge.lines.all()))

    def get_cancel_url(self) -> None:
        # A button "Cancel" beside "Cancel and tell the donor" would read as the same thing: a plain link instead.
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["back_url"] = reverse("pledge:inspect", args=[self.pledge.pk])
        return context

    def run(self, form: BaseForm) -> Pledge:
        assert isinstance(form, StaffCancelForm)  # noqa: S101
        reason = form.cleaned_data["reason"]
        line_id = form.line_id()
        if line_id is None:
            return services.cancel_pledge(self.pledge, by=self.request.user, reason=reason)
        return services.cancel_line(self.pledge, line_id, by=self.request.user, reason=reason)

    def get_success_message(self, result: Pledge) -> str:
        if result.email:
            return _("Pledge %(reference)s: cancelled as asked; the donor has been told by e-mail.") % {
                "reference": result.reference
            }
        return _("Pledge %(reference)s: cancelled as asked. The donor has no e-mail address: tell them by phone.") % {
            "reference": result.reference
        }


class PhonePledgeView(ServiceFormView):
    """A pledge taken by phone: choose the campaign, then the same form the donors use,
    with what is still needed beside each item; an e-mail address or a phone number will do."""

    permission_policy = pledge_permission_policy
    permission_required = "add"
    template_name = "campaigns/admin/phone_pledge.html"
    page_title = gettext_lazy("Pledge taken by phone")
    header_icon = "mobile-alt"
    submit_label = gettext_lazy("Save the pledge")

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.campaign: CampaignPage | None = None
        campaign_id = request.GET.get("campaign") or request.POST.get("campaign")
        if campaign_id and campaign_id.isdigit():
            self.campaign = source_campaigns().filter(pk=campaign_id).first()

    def get_parent_crumbs(self) -> Sequence[tuple[str, str]]:
        return [pledges_crumb()]

    def get_page_subtitle(self) -> str:
        return self.campaign.title if self.campaign else ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.campaign is None:
            campaigns = source_campaigns().filter(end_date__gte=timezone.localdate())
            return self.render_to_response(self.get_context_data(form=None, campaigns=campaigns))
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.campaign is None:
            return HttpResponseRedirect(reverse("pledge:add"))
        return super().post(request, *args, **kwargs)

    def get_form(self, form_class: Any = None) -> BaseForm:
        assert self.campaign is not None  # noqa: S101
        needs = [need for need in self.campaign.needs_with_tallies() if need.tally.pk]  # type: ignore[attr-defined]
        return PledgeForm(**self.get_form_kwargs(), needs=needs, campaign=self.campaign, staff=True)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.campaign
        return context

    def run(self, form: BaseForm) -> Pledge:
        assert isinstance(form, PledgeForm) and self.campaign is not None  # noqa: S101
        result = services.create_pledge(
            self.campaign,
            form.quantities(),
            form.details(),
            submission_key=form.cleaned_data["submission_key"],
            entered_by=self.request.user,
            language=Locale.get_default().language_code,
        )
        return result.pledge

    def get_success_message(self, result: Pledge) -> str:
        return _("Pledge %(reference)s saved.") % {"reference": result.reference}

    def get_success_url(self, result: Any = None) -> str:
        return reverse("pledge:inspect", args=[result.pk])


# The campaign summary


class CampaignSummaryView(BreadcrumbsMixin, PermissionCheckedMixin, TemplateView):
    """Per need: needed, pledged, received, outstanding; and the pledges that are late."""

    permission_policy = pledge_permission_policy
    permission_required = "view"
    page_title = gettext_lazy("Campaign summary")
    header_icon = "list-ul"
    template_name = "campaigns/admin/summary.html"
    overdue_shown = 20  # a campaign's longest overdue pledges on the summary; the pledge list has all

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        campaigns = list(
            source_campaigns().prefetch_related(
                Prefetch("tallies", queryset=NeedTally.objects.filter(listed=True).order_by("sort_order", "pk"))
            )
        )
        # The longest overdue of each campaign and how many there are, in one query; the pledge
        # list, filtered to them, has the rest.
        late = (
            Pledge.objects.overdue(today := timezone.localdate())
            .select_related("campaign")
            .annotate(
                place=Window(RowNumber(), partition_by=F("campaign_id"), order_by=[F("expected_date"), F("pk")]),
                of=Window(Count("pk"), partition_by=F("campaign_id")),
            )
            .filter(place__lte=self.overdue_shown)
            .order_by("campaign_id", "place")
        )
        overdue: dict[int, list[Pledge]] = {}
        for pledge in late:
            overdue.setdefault(pledge.campaign_id, []).append(pledge)
        for campaign in campaigns:
            campaign.rows = list(campaign.tallies.all())  # type: ignore[attr-defined]
            campaign.overdue = overdue.get(campaign.pk, [])  # type: ignore[attr-defined]
            campaign.overdue_count = campaign.overdue[0].of if campaign.overdue else 0  # type: ignore[attr-defined]
            campaign.overdue_url = "{}?{}".format(  # type: ignore[attr-defined]
                reverse("pledge:index"),
                urlencode(
                    {
                        "campaign": campaign.pk,
                        "state": list(PledgeState.open_states()),
                        "expected_date_to": (today - datetime.timedelta(days=1)).isoformat(),
                    },
                    doseq=True,
                ),
            )
            campaign.totals = Totals.of(campaign.rows)  # type: ignore[attr-defined]
        context["campaigns"] = campaigns
        return context


# The campaign's poster, from its page in the admin


def poster_buttons(page: Any, user: Any, view_name: str | None = None, next_url: str | None = None) -> list[Button]:
    """ "Print a poster" among a published campaign page's actions (its header and the page listing)."""
    if page.specific_class is not CampaignPage or not page.live:
        return []
    return [
        Button(
            _("Print a poster"),
            url=reverse("campaigns:poster", args=[page.pk]),
            icon_name="doc-full",
            priority=90,
            attrs={"target": "_blank", "rel": "noopener"},
        )
    ]


# The pledge's history


class CancelFormatter(LogFormatter):
    label = gettext_lazy("Cancel pledge")

    def format_message(self, log_entry: Any) -> str:
        reason = (log_entry.data or {}).get("reason")
        if reason:
            return _("Pledge cancelled. Reason: %(reason)s") % {"reason": reason}
        return _("Pledge cancelled by the donor")


class CancelLineFormatter(LogFormatter):
    label = gettext_lazy("Cancel an item")

    def format_message(self, log_entry: Any) -> str:
        data = log_entry.data or {}
        return _("Cancelled: %(item)s × %(quantity)s. Reason: %(reason)s") % {
            "item": data.get("item", ""),
            "quantity": data.get("quantity", ""),
            "reason": data.get("reason", ""),
        }


# The admin's home page


class PledgesDuePanel(Component):
    """The campaign managers' panel on the admin's home page: what donors bring today and later
    this week (to Sunday), and how many pledges are late. Three queries, whatever the number."""

    name = "pledges_due"
    order = 60
    template_name = "campaigns/admin/pledges_due_panel.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        request = (parent_context or {})["request"]
        today = timezone.localdate()
        week_end = today + datetime.timedelta(days=6 - today.weekday())
        due = list(
            Pledge.objects.open()
            .filter(expected_date__range=(today, week_end))
            .with_lines()
            .order_by("expected_date", "donor_name", "pk")
        )
        can_change = pledge_permission_policy.user_has_permission(request.user, "change")
        context.update(
            {
                "today_label": dates.long_date(today, weekday=True),
                "due_today": [pledge for pledge in due if pledge.expected_date == today],
                "due_this_week": [pledge for pledge in due if pledge.expected_date > today],
                "late": Pledge.objects.overdue(today).count(),
                "can_change": can_change,
                "index_url": reverse("pledge:index"),
                "summary_url": reverse("campaign_summary:index"),
            }
        )
        return context
