"""The coordinator's screens in the Wagtail admin that are more than a model's list and form.

Each view checks model permissions through Wagtail's permission policies, so only
"Mentoring coordinators" (and superusers) get in; the work is done by ``services``.
Actions are ``home.admin_views.ServiceFormView``s: a service's refusal lands on the form.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView, View

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from home.admin_views import BreadcrumbsMixin, InspectView, ReadableExportMixin, ServiceFormView, TickBoxFilter
from home.charts import BarChart, bar_chart, percent
from home.forms import add_service_errors
from mentoring import dates, services
from mentoring.choices import AWAITING_DECISION, TRANSITIONS, AccessAction, AccessVia, ApplicationState
from mentoring.dates import MonthLabel
from mentoring.forms import ApproveMonthForm, ClosePairForm, DecisionForm
from mentoring.hours import format_hours, plain_hours
from mentoring.models import Application, Certificate, Meeting, Mentee, MentoringSettings, MonthReview, Pair
from mentoring.models.records import EXPIRY_WARNING_DAYS
from mentoring.rules import FAR_ABOVE_TARGET_FACTOR, far_above_target

CHART_MONTHS = 12
# Pairs on one page of the monitoring table: a coordinator's working set, and a page that renders fast.
PAIRS_PER_PAGE = 50


class ServiceSaveMixin:
    """For Wagtail's create and edit views whose ``save_instance`` calls a service: the service's
    refusal lands on the form, as in ``ServiceFormView``, instead of a server error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
            return self.form_invalid(form)  # type: ignore[attr-defined]


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
                    icon_name="check",
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
                # By the pair's reference only: the child's name is on the pair's page, where its view is logged.
                "pairs": application.pairs.order_by("-start_date"),
            }
        )
        return context


class ApplicationActionView(ServiceFormView):
    model = Application
    permission_required = "change"

    @cached_property
    def object(self):
        return get_object_or_404(Application.objects.for_screening(), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_parent_crumbs(self):
        return [
            (reverse("mentoring_application:index"), capfirst(Application._meta.verbose_name_plural)),
            (reverse("mentoring_application:inspect", args=[self.object.pk]), str(self.object)),
        ]

    def get_cancel_url(self):
        return reverse("mentoring_application:inspect", args=[self.object.pk])

    def get_success_url(self, result=None):
        return reverse("mentoring_application:inspect", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context


class ApplicationDecisionView(ApplicationActionView):
    """Move an application to its next state; ``services.decide`` refuses what the rules forbid."""

    form_class = DecisionForm
    template_name = "mentoring/admin/decision_form.html"
    page_title = gettext_lazy("Decision")
    header_icon = "check"
    submit_label = gettext_lazy("Save decision")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["states"] = TRANSITIONS[ApplicationState(self.object.state)]
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.state == ApplicationState.TRAINING:
            context["problems"] = services.approval_problems(self.object)
        return context

    def run(self, form):
        return services.decide(
            self.object, form.cleaned_data["state"], by=self.request.user, reason=form.cleaned_data["reason"]
        )

    def get_success_message(self, result):
        return _("%(name)s: %(state)s. The applicant has been told by e-mail.") % {
            "name": result,
            "state": result.get_state_display(),
        }


# Pairs


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
        services.record_mentee_access(pair.mentee, self.request.user, AccessAction.VIEWED, AccessVia.PAIR_PAGE)
        today = timezone.localdate()
        programme = MentoringSettings.for_request(self.request)
        context.update(
            {
                "pair": pair,
                "months": services.pair_months(pair, today, target=programme.monthly_target_hours),
                "checkins": pair.checkins.select_related("recorded_by"),
                "checkins_due": pair.checkins_due(today) if pair.is_active else 0,
                "checkin_overdue_since": pair.checkin_overdue_since(today, programme.checkin_cadence_months),
                "can_change": self.user_has_permission("change"),
                "add_checkin_url": reverse("mentoring_checkin:add") + f"?pair={pair.pk}",
            }
        )
        return context


class PairActionView(ServiceFormView):
    model = Pair
    permission_required = "change"

    @cached_property
    def object(self):
        return get_object_or_404(Pair.objects.select_related("mentor", "mentee"), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_parent_crumbs(self):
        return [
            (reverse("mentoring_pair:index"), capfirst(Pair._meta.verbose_name_plural)),
            (reverse("mentoring_pair:inspect", args=[self.object.pk]), str(self.object)),
        ]

    def get_cancel_url(self):
        return reverse("mentoring_pair:inspect", args=[self.object.pk])

    def get_success_url(self, result=None):
        return reverse("mentoring_pair:inspect", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context


class ClosePairView(PairActionView):
    form_class = ClosePairForm
    page_title = gettext_lazy("Close pair")
    header_icon = "lock"
    submit_label = gettext_lazy("Close pair")

    def run(self, form):
        return services.close_pair(self.object, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, result):
        return _("The pair is closed; its history stays readable.")


class ApproveMonthView(PairActionView):
    """The pair page's "Approve month" button posts here; a refusal shows on this page's form."""

    form_class = ApproveMonthForm
    page_title = gettext_lazy("Approve month")
    header_icon = "check"
    submit_label = gettext_lazy("Approve month")

    def get_initial(self):
        return {"month": self.request.GET.get("month", "")}

    def run(self, form):
        return services.approve_month(
            self.object, form.cleaned_data["month"], by=self.request.user, notes=form.cleaned_data["notes"]
        )

    def get_success_message(self, result):
        return _("%(month)s approved: %(hours)s h. Its meetings are locked.") % {
            "month": capfirst(date_format(result.month, "YEAR_MONTH_FORMAT")),
            "hours": format_hours(result.hours),
        }


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


@dataclass(frozen=True)
class PairStatus:
    """One active pair as the coordinator watches it: this month's and last month's hours against
    the target, worries, check-ins and the mentor's record check. The monitoring table shows every
    pair; the admin's home page shows those that ``need_attention``."""

    pair: Pair
    target: Decimal
    this_month_pct: int
    checkins_due: int
    checkin_overdue_since: datetime.date | None
    behind: bool
    far_above_this_month: bool
    far_above_last_month: bool
    check_expires_soon: bool

    @property
    def needs_attention(self) -> bool:
        return bool(
            self.pair.open_concerns  # type: ignore[attr-defined]
            or self.checkin_overdue_since
            or self.behind
            or self.far_above_this_month
            or self.far_above_last_month
            or self.check_expires_soon
        )


def pair_statuses(today: datetime.date, programme: MentoringSettings, pairs=None) -> list[PairStatus]:
    """Every active pair's status (or those of ``pairs``, a query of pairs); the number of queries does
    not depend on the number of pairs (the figures are annotations, the check-ins and record checks
    prefetches)."""
    target = programme.monthly_target_hours
    return [
        PairStatus(
            pair=pair,
            target=target,
            this_month_pct=percent(pair.hours_this_month, target),
            checkins_due=pair.checkins_due(today),
            checkin_overdue_since=pair.checkin_overdue_since(today, programme.checkin_cadence_months),
            behind=pair.hours_last_month < target,
            far_above_this_month=far_above_target(pair.hours_this_month, target),
            far_above_last_month=far_above_target(pair.hours_last_month, target),
            check_expires_soon=pair.mentor.record_check_expires_soon(today),
        )
        for pair in (Pair.objects.active() if pairs is None else pairs).for_dashboard(today)
    ]


class DashboardView(BreadcrumbsMixin, PermissionCheckedMixin, TemplateView):
    """The active pairs at a glance, a page of them at a time, and the programme's hours per month
    as a chart.

    The number of queries depends neither on the number of pairs nor on the page (see
    ``pair_statuses``); the chart is one aggregate. A page holds ``PAIRS_PER_PAGE`` pairs, so its
    cost stays the same whether the programme has 5 pairs or 500.
    """

    model = Pair
    any_permission_required = ["view", "change"]
    template_name = "mentoring/admin/dashboard.html"
    page_title = gettext_lazy("Mentoring: monitoring")
    header_icon = "view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        programme = MentoringSettings.for_request(self.request)
        target = programme.monthly_target_hours
        # Every active pair's two numbers in one query (a few thousand integers at most), paged here.
        paginator = Paginator(
            list(Pair.objects.active().order_by("mentor__full_name", "pk").values_list("pk", "mentee_id")),
            PAIRS_PER_PAGE,
        )
        page = paginator.get_page(self.request.GET.get("p"))
        shown = list(page.object_list)
        # The mentees on this page are logged, in one statement however many there are.
        services.record_mentees_shown([mentee for _pk, mentee in shown], self.request.user, AccessVia.DASHBOARD)
        context.update(
            {
                "rows": pair_statuses(today, programme, Pair.objects.filter(pk__in=[pk for pk, _mentee in shown]))
                if shown
                else [],
                "pair_count": paginator.count,
                "page_obj": page,
                "elided_page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
                "target": target,
                "this_month": dates.month_start(today),
                "last_month": dates.add_months(today, -1),
                "far_above_from": target * FAR_ABOVE_TARGET_FACTOR,
                "cadence_months": programme.checkin_cadence_months,
                "expiry_warning_days": EXPIRY_WARNING_DAYS,
                "chart": hours_chart(today),
                "chart_caption": ngettext(
                    "Hours logged by all pairs in the last %(count)s month",
                    "Hours logged by all pairs in the last %(count)s months",
                    CHART_MONTHS,
                )
                % {"count": CHART_MONTHS},
                "report_url": reverse("mentoring_hours:index"),
            }
        )
        return context


def hours_chart(today: datetime.date, months: int = CHART_MONTHS) -> BarChart:
    """The programme's hours per month, as bar geometry for ``includes/bar_chart.html`` (one query)."""
    first = dates.add_months(today, -(months - 1))
    month_starts = list(dates.month_range(first, today))
    # One row of sums, a month each, by plain date comparisons: no per-row function (SQLite's
    # date truncation is a Python call for each of tens of thousands of meetings).
    totals = Meeting.objects.filter(date__gte=first).aggregate(
        **{
            f"m{number}": Sum("hours", filter=Q(date__gte=month, date__lt=dates.add_months(month, 1)))
            for number, month in enumerate(month_starts)
        }
    )
    return bar_chart(
        [
            (MonthLabel(month), plain_hours(totals[f"m{number}"] or Decimal("0")))
            for number, month in enumerate(month_starts)
        ]
    )


class HoursFilterSet(WagtailFilterSet):
    """Narrow the hours report to a period or a coordinator's pairs before export; names only when asked."""

    date = django_filters.DateFromToRangeFilter(label=gettext_lazy("Meetings between"), widget=DateRangePickerWidget)
    coordinator = django_filters.ModelChoiceFilter(
        field_name="pair__coordinator",
        label=gettext_lazy("Coordinator"),
        queryset=lambda request: get_user_model().objects.filter(coordinated_pairs__isnull=False).distinct(),
    )
    # The report leaves the centre (funders): pseudonyms unless a coordinator asks for names, which is logged.
    names = TickBoxFilter(label=gettext_lazy("Show mentors' and mentees' names (logged)"), method="keep_rows")

    def keep_rows(self, queryset, name, value):
        return queryset

    class Meta:
        model = Meeting
        fields = []


def pair_reference(row):
    return f"P-{row['pair_id']:04d}"


NAMES_PARAMETER = "names"


def wants_names(request) -> bool:
    """The coordinator ticked "Show names": the named version of the hours report (logged)."""
    return forms.CheckboxInput().value_from_datadict(request.GET, {}, NAMES_PARAMETER)


def coordinator_name(row):
    name = " ".join(part for part in [row["coordinator_first_name"], row["coordinator_last_name"]] if part)
    return name or row["coordinator_email"]


def approved_label(row):
    return _("yes") if row["approved"] else _("no")


class HoursReportView(ReadableExportMixin, ReportView):
    """Hours per pair per month, on screen and as XLSX/CSV: the report that leaves the centre.

    Pseudonymised unless a coordinator asks for names: the mentor as ``M-0012``, the mentee as
    ``A-0034``; the named version shows the mentor's full name and the mentee's first name. Never a
    surname of a child or a case reference. Every record shown or exported is written to the
    mentee access log, and how (pseudonymised or with names).
    """

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
    def named(self) -> bool:
        return wants_names(self.request)

    def get_filename(self):
        return f"{self.export_filename}-named" if self.named else self.export_filename

    @cached_property
    def export_headings(self):
        return {
            "month": _("Month"),
            "pair": _("Pair"),
            "mentor": _("Mentor") if self.named else _("Mentor (pseudonym)"),
            "mentee": _("Mentee (first name)") if self.named else _("Mentee (pseudonym)"),
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
            Column("mentor", label=headings["mentor"], accessor=self.mentor_label),
            Column("mentee", label=headings["mentee"], accessor=self.mentee_label),
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
                mentor_id=F("pair__mentor_id"),
                mentee=F("pair__mentee__first_name"),
                mentee_id=F("pair__mentee_id"),
                coordinator_first_name=F("pair__coordinator__first_name"),
                coordinator_last_name=F("pair__coordinator__last_name"),
                coordinator_email=F("pair__coordinator__email"),
                approved=Exists(approved),
            )
            .order_by("-month", "mentor", "pair_id")
        )

    def mentor_label(self, row):
        return row["mentor"] if self.named else Application.reference_for(row["mentor_id"])

    def mentee_label(self, row):
        return (
            (row["mentee"] or Mentee.reference_for(row["mentee_id"]))
            if self.named
            else Mentee.reference_for(row["mentee_id"])
        )

    def render_to_response(self, context, **response_kwargs):
        via = AccessVia.HOURS_REPORT_NAMED if self.named else AccessVia.HOURS_REPORT
        action = AccessAction.EXPORTED if self.is_export else AccessAction.LISTED
        services.record_mentees_shown(
            [row["mentee_id"] for row in context["object_list"]], self.request.user, via, action
        )
        return super().render_to_response(context, **response_kwargs)

    def to_row_dict(self, item):
        # Rows are dicts of figures, not model instances: each value is already what a person reads.
        return {
            "month": item["month"],
            "pair": pair_reference(item),
            "mentor": self.mentor_label(item),
            "mentee": self.mentee_label(item),
            "coordinator": coordinator_name(item),
            "meetings": item["meetings"],
            "hours": plain_hours(item["hours"]),
            "target": plain_hours(self.target),
            "approved": approved_label(item),
        }

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])


# The admin's home page


def month_name(month: datetime.date) -> str:
    return capfirst(date_format(month, "F"))


def attention_notes(status: PairStatus, today: datetime.date) -> list[str]:
    """What the coordinator should look at in a pair, in the monitoring table's words."""
    pair = status.pair
    last_month, this_month = dates.add_months(today, -1), dates.month_start(today)
    notes = []
    if pair.open_concerns:  # type: ignore[attr-defined]
        notes.append(_("Worries: %(count)s") % {"count": pair.open_concerns})  # type: ignore[attr-defined]
    if status.checkin_overdue_since:
        notes.append(
            _("Check-in overdue since %(date)s")
            % {"date": date_format(status.checkin_overdue_since, "SHORT_DATE_FORMAT")}
        )
    if status.behind:
        notes.append(
            _("%(month)s: %(hours)s of %(target)s h, behind the target")
            % {
                "month": month_name(last_month),
                "hours": format_hours(pair.hours_last_month),  # type: ignore[attr-defined]
                "target": format_hours(status.target),
            }
        )
    for month, hours, flagged in [
        (last_month, pair.hours_last_month, status.far_above_last_month),  # type: ignore[attr-defined]
        (this_month, pair.hours_this_month, status.far_above_this_month),  # type: ignore[attr-defined]
    ]:
        if flagged:
            notes.append(
                _("%(month)s: %(hours)s h, far above the target")
                % {"month": month_name(month), "hours": format_hours(hours)}
            )
    if status.check_expires_soon:
        notes.append(_("record check expires soon"))
    return notes


class CoordinatorPanel(Component):
    """The coordinators' panel on the admin's home page: the pairs that need attention (a worry,
    an overdue check-in, a month behind or far above the target, a record check running out) and
    the applications waiting for a decision. The queries do not grow with the number of pairs."""

    name = "mentoring_attention"
    order = 50
    template_name = "mentoring/admin/coordinator_panel.html"

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        request = (parent_context or {})["request"]
        today = timezone.localdate()
        programme = MentoringSettings.for_request(request)
        attention = [
            (status, attention_notes(status, today))
            for status in pair_statuses(today, programme)
            if status.needs_attention
        ]
        waiting = list(Application.objects.filter(state__in=AWAITING_DECISION).order_by("submitted_at", "pk"))
        context.update(
            {
                "attention": attention,
                "waiting": waiting,
                "monitoring_url": reverse("mentoring_monitoring:dashboard"),
                "applications_url": reverse("mentoring_application:index"),
            }
        )
        return context


# Certificates of volunteering: the centre can revoke one; its code then confirms nothing.


class CertificateInspectView(InspectView):
    @cached_property
    def header_buttons(self):
        if self.object.is_valid and self.user_has_permission("change"):
            url = reverse("mentoring_certificate:revoke", args=[self.object.pk])
            return [HeaderButton(_("Revoke certificate"), url=url, icon_name="cross")]
        return []


class RevokeCertificateView(ServiceFormView):
    model = Certificate
    permission_required = "change"
    form_class = forms.Form  # nothing to fill in: the page asks, the button confirms
    page_title = gettext_lazy("Revoke certificate")
    header_icon = "cross"
    submit_label = gettext_lazy("Revoke certificate")

    @cached_property
    def object(self):
        return get_object_or_404(Certificate, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_parent_crumbs(self):
        return [
            (reverse("mentoring_certificate:index"), capfirst(Certificate._meta.verbose_name_plural)),
            (reverse("mentoring_certificate:inspect", args=[self.object.pk]), str(self.object)),
        ]

    def get_cancel_url(self):
        return reverse("mentoring_certificate:inspect", args=[self.object.pk])

    def get_success_url(self, result=None):
        return reverse("mentoring_certificate:inspect", args=[self.object.pk])

    def run(self, form):
        return services.revoke_certificate(self.object, by=self.request.user)

    def get_success_message(self, result):
        return _("The certificate is revoked: the centre's page no longer confirms its code.")
