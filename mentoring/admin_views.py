"""The coordinator's screens in the Wagtail admin that are more than a model's list and form.

Each view checks model permissions through Wagtail's permission policies, so only
"Mentoring coordinators" (and superusers) get in; the work is done by ``services``.
"""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, OuterRef, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from home.admin_views import InspectView
from mentoring import dates, services
from mentoring.choices import TRANSITIONS, ApplicationState
from mentoring.forms import ClosePairForm, DecisionForm
from mentoring.hours import format_hours
from mentoring.models import Application, Meeting, MentoringSettings, MonthReview, Pair

CHART_MONTHS = 12


class BreadcrumbsMixin:
    """Wagtail's slim header shows breadcrumbs, not the page title: end them with this view's title."""

    parent_crumbs = ()

    def get_breadcrumbs_items(self):
        crumbs = [{"url": reverse(name, args=args), "label": label} for name, args, label in self.get_parent_crumbs()]
        current = {"url": "", "label": self.get_page_title()}
        if self.get_page_subtitle():
            current["sublabel"] = self.get_page_subtitle()
        return [*self.breadcrumbs_items, *crumbs, current]

    def get_parent_crumbs(self):
        return self.parent_crumbs


def _messages_from(error):
    return error.messages if hasattr(error, "messages") else [str(error)]


# Applications


class ApplicationInspectView(InspectView):
    """An application with its screening, training and what still blocks approval."""

    template_name = "mentoring/admin/application_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Application.objects.for_screening(), pk=self.pk)

    @cached_property
    def header_buttons(self):
        buttons = []
        if TRANSITIONS[ApplicationState(self.object.state)] and self.user_has_permission("change"):
            buttons.append(
                HeaderButton(
                    _("Decide"),
                    url=reverse("mentoring_application:decide", args=[self.object.pk]),
                    icon_name="tick",
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        today = timezone.localdate()
        context.update(
            {
                "application": application,
                "record_check": application.latest_record_check(),
                "record_check_valid": application.record_check_valid_on(today),
                "record_check_expires_soon": application.record_check_expires_soon(today),
                "required_training_hours": MentoringSettings.for_request(self.request).required_training_hours,
                "approval_problems": services.approval_problems(application, today)
                if application.state in (ApplicationState.SCREENING, ApplicationState.TRAINING)
                else [],
                "pairs": application.pairs.select_related("mentee").order_by("-start_date"),
            }
        )
        return context


class ApplicationDecisionView(BreadcrumbsMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Move an application to its next state; ``services.decide`` refuses what the rules forbid."""

    model = Application
    permission_required = "change"
    form_class = DecisionForm
    template_name = "mentoring/admin/form.html"
    page_title = gettext_lazy("Decision")
    header_icon = "tick"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Application.objects.for_screening(), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_parent_crumbs(self):
        return [
            ("mentoring_application:index", (), Application._meta.verbose_name_plural.capitalize()),
            ("mentoring_application:inspect", (self.object.pk,), str(self.object)),
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["states"] = TRANSITIONS[ApplicationState(self.object.state)]
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["cancel_url"] = reverse("mentoring_application:inspect", args=[self.object.pk])
        context["submit_label"] = _("Save decision")
        if self.object.state == ApplicationState.TRAINING:
            context["problems"] = services.approval_problems(self.object)
        return context

    def form_valid(self, form):
        try:
            services.decide(
                self.object, form.cleaned_data["state"], by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "reason" in error.error_dict:
                form.add_error("reason", error.error_dict["reason"])
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s: %(state)s. The applicant has been told by e-mail.")
            % {"name": self.object, "state": ApplicationState(form.cleaned_data["state"]).label},
        )
        return redirect("mentoring_application:inspect", self.object.pk)


# Pairs


def _pair_policy():
    return ModelPermissionPolicy(Pair)


class PairInspectView(InspectView):
    """A pair's whole story: months against the target (with approval), meetings, concerns, check-ins."""

    template_name = "mentoring/admin/pair_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Pair.objects.select_related("mentor", "mentee", "coordinator"), pk=self.pk)

    @cached_property
    def header_buttons(self):
        buttons = []
        if self.object.is_active and self.user_has_permission("change"):
            buttons.append(
                HeaderButton(
                    _("Close pair"), url=reverse("mentoring_pair:close", args=[self.object.pk]), icon_name="lock"
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pair = self.object
        context.update(
            {
                "pair": pair,
                "months": services.pair_months(
                    pair, target=MentoringSettings.for_request(self.request).monthly_target_hours
                ),
                "checkins": pair.checkins.select_related("recorded_by"),
                "checkins_due": pair.checkins_due(timezone.localdate()) if pair.is_active else 0,
                "can_change": self.user_has_permission("change"),
                "add_checkin_url": reverse("mentoring_checkin:add") + f"?pair={pair.pk}",
            }
        )
        return context


class PairActionMixin(PermissionCheckedMixin):
    model = Pair
    permission_required = "change"

    def get_pair(self):
        return get_object_or_404(Pair, pk=self.kwargs["pk"])


class ClosePairView(BreadcrumbsMixin, PairActionMixin, WagtailAdminTemplateMixin, FormView):
    form_class = ClosePairForm
    template_name = "mentoring/admin/form.html"
    page_title = gettext_lazy("Close pair")
    header_icon = "lock"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = self.get_pair()

    def get_page_subtitle(self):
        return str(self.object)

    def get_parent_crumbs(self):
        return [
            ("mentoring_pair:index", (), Pair._meta.verbose_name_plural.capitalize()),
            ("mentoring_pair:inspect", (self.object.pk,), str(self.object)),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["cancel_url"] = reverse("mentoring_pair:inspect", args=[self.object.pk])
        context["submit_label"] = _("Close pair")
        return context

    def form_valid(self, form):
        try:
            services.close_pair(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The pair is closed; its history stays readable."))
        return redirect("mentoring_pair:inspect", self.object.pk)


class ApproveMonthView(PairActionMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        pair = self.get_pair()
        try:
            month = datetime.date.fromisoformat(request.POST.get("month", ""))
            review = services.approve_month(pair, month, by=request.user, notes=request.POST.get("notes", ""))
        except ValueError:
            messages.error(request, _("Choose a month to approve."))
        except ValidationError as error:
            messages.error(request, " ".join(_messages_from(error)))
        else:
            messages.success(
                request,
                _("%(month)s approved: %(hours)s h. Its meetings are locked.")
                % {"month": review.month.strftime("%m/%Y"), "hours": format_hours(review.hours)},
            )
        return redirect("mentoring_pair:inspect", pair.pk)


class ResolveConcernView(PermissionCheckedMixin, View):
    model = Pair
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.select_related("pair"), pk=pk, concern=True)
        services.resolve_concern(meeting, by=request.user)
        messages.success(request, _("The concern is marked as followed up."))
        return HttpResponseRedirect(reverse("mentoring_pair:inspect", args=[meeting.pair_id]))


# Monitoring


class DashboardView(BreadcrumbsMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every active pair at a glance, and the programme's hours per month as a chart.

    The number of queries does not depend on the number of pairs: the figures are
    annotations, the check-ins one prefetch, the chart one aggregate.
    """

    model = Pair
    any_permission_required = ["view", "change"]
    template_name = "mentoring/admin/dashboard.html"
    page_title = gettext_lazy("Mentoring: monitoring")
    header_icon = "view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        target = MentoringSettings.for_request(self.request).monthly_target_hours
        pairs = list(Pair.objects.active().for_dashboard(today))
        rows = []
        for pair in pairs:
            rows.append(
                {
                    "pair": pair,
                    "this_month_pct": _percent(pair.hours_this_month, target),
                    "checkins_due": pair.checkins_due(today),
                    "behind": pair.hours_last_month < target,
                    "check_expires_soon": pair.mentor.record_check_expires_soon(today),
                }
            )
        context.update(
            {
                "rows": rows,
                "target": target,
                "this_month": dates.month_start(today),
                "last_month": dates.add_months(today, -1),
                "chart": hours_chart(today),
                "report_url": reverse("mentoring_hours:index"),
            }
        )
        return context


def _percent(part, whole):
    if not whole:
        return 0
    return min(100, round(float(part) * 100 / float(whole)))


def hours_chart(today, months=CHART_MONTHS):
    """The programme's hours per month, as bar geometry for a server-drawn SVG (one query)."""
    first = dates.add_months(today, -(months - 1))
    totals = dict(
        Meeting.objects.filter(date__gte=first)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(total=Sum("hours"))
        .values_list("month", "total")
    )
    series = [(month, totals.get(month) or Decimal("0")) for month in dates.month_range(first, today)]
    top = max([float(total) for _month, total in series] + [10.0])
    width, height, gap, axis, headroom = 600, 220, 8, 20, 24
    bar = (width - gap * (len(series) + 1)) / len(series)
    bars = []
    for index, (month, total) in enumerate(series):
        bar_height = round(float(total) / top * (height - axis - headroom), 1)
        x = round(gap + index * (bar + gap), 1)
        bars.append(
            {
                "month": month,
                "hours": total,
                "x": x,
                "y": round(height - axis - bar_height, 1),
                "width": round(bar, 1),
                "height": bar_height,
                "label_x": round(x + bar / 2, 1),
            }
        )
    return {"bars": bars, "width": width, "height": height, "baseline": height - axis, "top": top}


class HoursFilterSet(WagtailFilterSet):
    """Narrow the hours report to a period or a coordinator's pairs before export."""

    date = django_filters.DateFromToRangeFilter(label=gettext_lazy("Meetings between"), widget=DateRangePickerWidget)
    coordinator = django_filters.ModelChoiceFilter(
        field_name="pair__coordinator",
        label=gettext_lazy("Coordinator"),
        queryset=lambda request: get_user_model().objects.filter(coordinated_pairs__isnull=False).distinct(),
    )

    class Meta:
        model = Meeting
        fields = []


def pair_reference(row):
    return f"P-{row['pair_id']:04d}"


def coordinator_name(row):
    name = " ".join(part for part in [row["coordinator_first_name"], row["coordinator_last_name"]] if part)
    return name or row["coordinator_email"]


def approved_label(row):
    return _("yes") if row["approved"] else _("no")


class HoursReportView(ReportView):
    """Hours per pair per month, on screen and as XLSX/CSV. No surnames, no case references: children stay out."""

    model = Meeting
    any_permission_required = ["view", "change"]
    page_title = gettext_lazy("Mentoring hours per month")
    header_icon = "table"
    index_url_name = "mentoring_hours:index"
    index_results_url_name = "mentoring_hours:index_results"
    export_filename = "mentoring-hours"
    paginate_by = 50
    list_export = ["month", "pair", "mentor", "mentee", "coordinator", "meetings", "hours", "target", "approved"]
    filterset_class = HoursFilterSet

    @cached_property
    def permission_policy(self):
        return ModelPermissionPolicy(Pair)

    @cached_property
    def export_headings(self):
        return {
            "month": _("Month"),
            "pair": _("Pair"),
            "mentor": _("Mentor"),
            "mentee": _("Mentee (first name)"),
            "coordinator": _("Coordinator"),
            "meetings": _("Meetings"),
            "hours": _("Hours"),
            "target": _("Target"),
            "approved": _("Approved"),
        }

    @cached_property
    def columns(self):
        headings = self.export_headings
        target = self.target
        return [
            Column("month", label=headings["month"], accessor=lambda row: row["month"].strftime("%Y-%m")),
            Column("pair", label=headings["pair"], accessor=pair_reference),
            Column("mentor", label=headings["mentor"]),
            Column("mentee", label=headings["mentee"]),
            Column("coordinator", label=headings["coordinator"], accessor=coordinator_name),
            Column("meetings", label=headings["meetings"]),
            Column("hours", label=headings["hours"], accessor=lambda row: format_hours(row["hours"])),
            Column("target", label=headings["target"], accessor=lambda row: format_hours(target)),
            Column("approved", label=headings["approved"], accessor=approved_label),
        ]

    @cached_property
    def target(self):
        return MentoringSettings.for_request(self.request).monthly_target_hours

    def get_queryset(self):
        approved = MonthReview.objects.filter(pair=OuterRef("pair_id"), month=OuterRef("month"))
        return (
            Meeting.objects.annotate(month=TruncMonth("date"))
            .values("month", "pair_id")
            .annotate(
                hours=Sum("hours"),
                meetings=Count("id"),
                mentor=F("pair__mentor__full_name"),
                mentee=F("pair__mentee__first_name"),
                coordinator_first_name=F("pair__coordinator__first_name"),
                coordinator_last_name=F("pair__coordinator__last_name"),
                coordinator_email=F("pair__coordinator__email"),
                approved=Exists(approved),
            )
            .order_by("-month", "mentor", "pair_id")
        )

    def to_row_dict(self, item):
        return {
            "month": item["month"],
            "pair": pair_reference(item),
            "mentor": item["mentor"],
            "mentee": item["mentee"],
            "coordinator": coordinator_name(item),
            "meetings": item["meetings"],
            "hours": item["hours"],
            "target": self.target,
            "approved": approved_label(item),
        }

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])
