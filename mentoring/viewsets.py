"""The coordinator's admin: one viewset per kind of record, grouped under "Mentoring".

Access is by model permissions, which only the group "Mentoring coordinators" (and
superusers) hold: everyone else sees no menu item and gets "permission denied".
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from home.admin_views import AddLabelMixin, InspectView, PolicyViewSet, ReadableExportMixin
from home.search import FoldedSearchMixin
from mentoring import admin_views, services
from mentoring.choices import TRANSITIONS, AccessAction, AccessVia, ApplicationState
from mentoring.forms import PairCreateForm
from mentoring.models import (
    Application,
    Certificate,
    CheckIn,
    Mentee,
    MenteeAccessLog,
    Pair,
    TrainingSession,
)


def inspect_url(namespace):
    """Listings link a record's name to its inspect view: the whole story, with the actions."""

    def get_url(instance):
        return reverse(f"{namespace}:inspect", args=[instance.pk])

    return get_url


# Applications and training


class ApplicationIndexView(FoldedSearchMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("user").with_training_hours().prefetch_related("record_checks")
        )


class ApplicationEditView(generic.EditView):
    """Screening is recorded here; the decision itself is a separate, explicit step."""

    def save_instance(self):
        # Whoever saves a record-check entry (new or changed) verified it.
        checks = [
            form
            for form in self.form.formsets["record_checks"].forms
            if form.has_changed() and not form.cleaned_data.get("DELETE")
        ]
        instance = super().save_instance()
        services.record_checks_verified(instance, [form.instance.pk for form in checks], by=self.request.user)
        return instance

    @cached_property
    def header_buttons(self):
        buttons = []
        if TRANSITIONS[ApplicationState(self.object.state)]:
            url = reverse("mentoring_application:decide", args=[self.object.pk])
            buttons.append(HeaderButton(_("Decide"), url=url, icon_name="check"))
        return buttons


def record_check_status(application):
    today = timezone.localdate()
    if application.record_check_expires_soon(today):
        return _("expires soon")
    if application.record_check_valid_on(today):
        return _("valid")
    return _("missing or expired")


class ApplicationViewSet(AddLabelMixin, ModelViewSet):
    model = Application
    add_item_label = _("Add application")
    name = "mentoring_application"
    url_prefix = "mentoring/applications"
    icon = "form"
    menu_label = _("Applications")
    index_view_class = ApplicationIndexView
    edit_view_class = ApplicationEditView
    inspect_view_enabled = True
    inspect_view_class = admin_views.ApplicationInspectView
    copy_view_enabled = False
    list_display = [
        TitleColumn(
            "full_name",
            label=capfirst(Application._meta.get_field("full_name").verbose_name),
            get_url=inspect_url("mentoring_application"),
            sort_key="full_name",
        ),
        "state",
        "submitted_at",
        "training_hours",
        Column("record_check", label=_("Record check"), accessor=record_check_status),
    ]
    list_filter = ["state"]
    search_fields = ["full_name"]
    inspect_view_fields = [
        "user",
        "full_name",
        "birth_date",
        "phone",
        "languages",
        "motivation",
        "availability",
        "interests",
        "submitted_at",
        "privacy_consent_at",
        "record_check_consent_at",
    ]
    ordering = ["-submitted_at"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<id:pk>/", admin_views.ApplicationDecisionView.as_view(), name="decide"),
        ]


class TrainingSessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("attendances")


class TrainingSessionViewSet(AddLabelMixin, ModelViewSet):
    model = TrainingSession
    add_item_label = _("Add training session")
    name = "mentoring_training"
    url_prefix = "mentoring/training"
    icon = "calendar"
    menu_label = _("Training")
    index_view_class = TrainingSessionIndexView
    copy_view_enabled = False
    list_display = ["date", "topic", "hours", "participant_count"]
    ordering = ["-date"]


# Mentees: every look and every change is written to the access log.


class MenteeIndexView(FoldedSearchMixin, generic.IndexView):
    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        via = AccessVia.SEARCH if self.is_searching else AccessVia.LIST
        services.record_mentees_shown(context["object_list"], self.request.user, via)
        return context


class MenteeHistoryView(history.HistoryView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.record_mentee_access(self.object, request.user, AccessAction.VIEWED, AccessVia.HISTORY)
        return response


class MenteeUsageView(usage.UsageView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.record_mentee_access(self.object, request.user, AccessAction.VIEWED, AccessVia.USAGE)
        return response


class MenteeInspectView(InspectView):
    def get(self, request, *args, **kwargs):
        services.record_mentee_access(self.object, request.user, AccessAction.VIEWED, AccessVia.RECORD)
        return super().get(request, *args, **kwargs)


class MenteeEditView(generic.EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.record_mentee_access(self.object, request.user, AccessAction.VIEWED, AccessVia.FORM)
        return response

    def save_instance(self):
        before = Mentee.objects.get(pk=self.object.pk)
        instance = super().save_instance()
        changed = services.mentee_changes(before, instance, [field.name for field in self.form])
        if changed:
            services.record_mentee_access(instance, self.request.user, AccessAction.CHANGED, AccessVia.FORM, changed)
        return instance


class MenteeCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        filled = services.mentee_changes(Mentee(), instance, [field.name for field in self.form])
        services.record_mentee_access(instance, self.request.user, AccessAction.CREATED, AccessVia.FORM, filled)
        return instance


class MenteeDeleteView(generic.DeleteView):
    """A child's record goes when the retention period ends, but never while a pair's history needs it."""

    def get(self, request, *args, **kwargs):
        return self.refuse() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse() or super().post(request, *args, **kwargs)

    def refuse(self):
        if not self.object.pairs.exists():
            return None
        messages.error(
            self.request, _("A mentee who has been in a pair keeps the record: the pair's history needs it.")
        )
        return redirect("mentoring_mentee:inspect", self.object.pk)

    def delete_action(self):
        with transaction.atomic():
            services.record_mentee_access(self.object, self.request.user, AccessAction.DELETED, AccessVia.FORM)
            super().delete_action()


class MenteeViewSet(AddLabelMixin, ModelViewSet):
    model = Mentee
    add_item_label = _("Add mentee")
    name = "mentoring_mentee"
    url_prefix = "mentoring/mentees"
    icon = "user"
    menu_label = _("Mentees")
    index_view_class = MenteeIndexView
    history_view_class = MenteeHistoryView
    usage_view_class = MenteeUsageView
    inspect_view_enabled = True
    inspect_view_class = MenteeInspectView
    edit_view_class = MenteeEditView
    add_view_class = MenteeCreateView
    delete_view_class = MenteeDeleteView
    copy_view_enabled = False
    list_display = ["first_name", "birth_date", "guardian_consent_on", "created_at"]
    search_fields = ["first_name"]
    ordering = ["first_name"]
    inspect_view_fields = ["first_name", "birth_date", "case_reference", "guardian_consent_on", "interests", "notes"]


# Pairs


class PairCreateView(admin_views.ServiceSaveMixin, generic.CreateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The mentee field offers every free child by name: each is seen.
        mentees = context["form"].fields["mentee"].queryset
        services.record_mentees_shown(mentees.values_list("pk", flat=True), self.request.user, AccessVia.PAIR_FORM)
        return context

    def get_initial(self):
        initial = super().get_initial()
        initial.setdefault("coordinator", self.request.user.pk)
        initial.setdefault("start_date", timezone.localdate())
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return services.create_pair(
            mentor=data["mentor"],
            mentee=data["mentee"],
            coordinator=data["coordinator"],
            start_date=data["start_date"],
            goals=data["goals"],
            planned_end=data.get("planned_end"),
        )


class PairIndexView(ReadableExportMixin, FoldedSearchMixin, generic.IndexView):
    """The pairs, with each mentee's first name: every list and export is logged, record by record."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("mentor", "mentee", "coordinator")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.is_export:
            action, via = AccessAction.EXPORTED, AccessVia.PAIRS_EXPORT
        else:
            action, via = AccessAction.LISTED, AccessVia.PAIRS_LIST
        mentees = [pair.mentee_id for pair in context["object_list"]]
        services.record_mentees_shown(mentees, self.request.user, via, action=action)
        return context


class PairEditView(generic.EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.record_mentee_access(self.object.mentee_id, request.user, AccessAction.VIEWED, AccessVia.PAIR_PAGE)
        return response


def mentee_first_name(pair):
    return pair.mentee.first_name or pair.mentee.reference


def pair_status(pair):
    if pair.is_active:
        return _("active")
    return _("closed %(date)s (%(reason)s)") % {
        "date": pair.closed_on.isoformat(),
        "reason": pair.get_closure_reason_display(),
    }


class PairViewSet(AddLabelMixin, ModelViewSet):
    model = Pair
    add_item_label = _("Add pair")
    name = "mentoring_pair"
    url_prefix = "mentoring/pairs"
    icon = "link"
    menu_label = _("Pairs")
    index_view_class = PairIndexView
    add_view_class = PairCreateView
    edit_view_class = PairEditView
    inspect_view_enabled = True
    inspect_view_class = admin_views.PairInspectView
    copy_view_enabled = False
    list_display = [
        TitleColumn("pair", label=_("Pair"), accessor=str, get_url=inspect_url("mentoring_pair")),
        Column("mentee", label=_("Mentee"), accessor=mentee_first_name),
        "coordinator",
        "start_date",
        Column("status", label=_("Status"), accessor=pair_status),
    ]
    list_filter = ["coordinator", "closure_reason"]
    search_fields = ["mentor__full_name", "mentee__first_name"]
    ordering = ["-start_date"]
    list_export = ["reference", "mentor", "mentee.first_name", "coordinator", "start_date", "planned_end"]
    list_export += ["closed_on", "closure_reason"]
    export_headings = {"reference": _("Pair"), "mentee.first_name": _("Mentee (first name)")}
    export_filename = "mentoring-pairs"

    create_panels = [
        FieldPanel("mentor"),
        FieldPanel("mentee"),
        FieldPanel("coordinator"),
        FieldPanel("start_date"),
        FieldPanel("planned_end"),
        FieldPanel("goals"),
    ]
    # Who is in a pair and since when is settled at pairing; closure has its own form.
    edit_panels = [
        FieldPanel("mentor", read_only=True),
        FieldPanel("mentee", read_only=True),
        FieldPanel("start_date", read_only=True),
        FieldPanel("coordinator"),
        FieldPanel("planned_end"),
        FieldPanel("goals"),
    ]

    @cached_property
    def create_handler(self):
        return ObjectList(self.create_panels, base_form_class=PairCreateForm).bind_to_model(Pair)

    def get_edit_handler(self):
        return ObjectList(self.edit_panels).bind_to_model(Pair)

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            panel=self.create_handler, form_class=self.create_handler.get_form_class(), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("close/<id:pk>/", admin_views.ClosePairView.as_view(), name="close"),
            path("approve-month/<id:pk>/", admin_views.ApproveMonthView.as_view(), name="approve_month"),
            path("resolve-concern/<id:pk>/", admin_views.ResolveConcernView.as_view(), name="resolve_concern"),
        ]


class CheckInCreateView(admin_views.ServiceSaveMixin, generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        pair = self.request.GET.get("pair", "")
        # The pair page's link says which pair; anything else typed there is ignored, never a crash.
        if pair.isdecimal() and len(pair) <= 18:
            initial["pair"] = int(pair)
        return initial

    def save_instance(self):
        return services.record_checkin(self.form.instance, by=self.request.user)

    def get_success_url(self):
        return reverse("mentoring_pair:inspect", args=[self.object.pair_id])


class CheckInEditView(admin_views.ServiceSaveMixin, generic.EditView):
    def save_instance(self):
        return services.record_checkin(self.form.instance, by=self.request.user)


class CheckInIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("pair__mentor", "pair__mentee", "recorded_by")


class CheckInViewSet(AddLabelMixin, ModelViewSet):
    model = CheckIn
    add_item_label = _("Add check-in")
    name = "mentoring_checkin"
    url_prefix = "mentoring/check-ins"
    icon = "comment"
    menu_label = _("Check-ins")
    index_view_class = CheckInIndexView
    add_view_class = CheckInCreateView
    edit_view_class = CheckInEditView
    copy_view_enabled = False
    list_display = ["pair", "date", "contact", "recorded_by"]
    list_filter = ["contact"]
    ordering = ["-date"]


# The access log: read, never edited.


class AccessLogIndexView(FoldedSearchMixin, generic.IndexView):
    pass


class AccessLogViewSet(ModelViewSet):
    model = MenteeAccessLog
    name = "mentoring_access_log"
    url_prefix = "mentoring/access-log"
    icon = "history"
    menu_label = _("Mentee access log")
    index_view_class = AccessLogIndexView
    inspect_view_enabled = True
    inspect_view_class = InspectView
    copy_view_enabled = False
    list_display = [
        DateColumn("at", label=_("when")),
        "user_label",
        "action",
        "via",
        "record_display",
        "fields_display",
    ]
    list_filter = ["action", "via"]
    search_fields = ["user_label"]
    ordering = ["-at"]
    form_fields = []
    inspect_view_fields = ["at", "user_label", "action", "via", "record_display", "fields_display"]


# Certificates of volunteering: read, and revoked when the centre must.


class CertificateIndexView(FoldedSearchMixin, generic.IndexView):
    def get_edit_url(self, instance):
        return reverse("mentoring_certificate:inspect", args=[instance.pk])  # nothing to edit: what was issued


class CertificateViewSet(ModelViewSet):
    model = Certificate
    name = "mentoring_certificate"
    url_prefix = "mentoring/certificates"
    icon = "doc-full"
    menu_label = _("Certificates")
    index_view_class = CertificateIndexView
    inspect_view_enabled = True
    inspect_view_class = admin_views.CertificateInspectView
    copy_view_enabled = False
    list_display = ["full_name", "hours", "meetings", "language", DateColumn("issued_at"), DateColumn("revoked_at")]
    list_filter = ["language"]
    search_fields = ["full_name", "code"]
    ordering = ["-issued_at"]
    form_fields: list[str] = []
    inspect_view_fields = [
        "code",
        "full_name",
        "first_month",
        "last_month",
        "hours",
        "meetings",
        "language",
        "issued_at",
        "revoked_at",
        "revoked_by",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<id:pk>/", admin_views.RevokeCertificateView.as_view(), name="revoke"),
        ]


# Monitoring and the hours report: shown to those the pairs' permission policy lets view or change pairs.


class MonitoringViewSet(PolicyViewSet):
    model = Pair
    menu_permissions = ("view", "change")
    name = "mentoring_monitoring"
    url_prefix = "mentoring/monitoring"
    icon = "view"
    menu_label = _("Monitoring")

    def get_urlpatterns(self):
        return [path("", admin_views.DashboardView.as_view(), name="dashboard")]


class HoursReportViewSet(PolicyViewSet):
    model = Pair
    menu_permissions = ("view", "change")
    name = "mentoring_hours"
    url_prefix = "mentoring/hours"
    icon = "table"
    menu_label = _("Hours report")

    def get_urlpatterns(self):
        return [
            path("", admin_views.HoursReportView.as_view(), name="index"),
            path("results/", admin_views.HoursReportView.as_view(results_only=True), name="index_results"),
        ]


class MentoringViewSetGroup(ViewSetGroup):
    menu_label = _("Mentoring")
    menu_icon = "group"
    menu_order = 250
    items = (
        MonitoringViewSet,
        ApplicationViewSet,
        TrainingSessionViewSet,
        MenteeViewSet,
        PairViewSet,
        CheckInViewSet,
        HoursReportViewSet,
        CertificateViewSet,
        AccessLogViewSet,
    )
