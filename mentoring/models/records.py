"""The programme's records: applications and their screening, training, mentees, pairs and meetings."""

import datetime
from decimal import Decimal
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from home.panels import InlinePanel
from mentoring import dates
from mentoring.choices import (
    OPEN_STATES,
    AccessAction,
    AccessVia,
    Activity,
    ApplicationState,
    ClosureReason,
    ContactKind,
    Outcome,
    RecordCheckResult,
)
from mentoring.rules import (
    COORDINATORS_GROUP,
    LONG_TEXT_LENGTH,
    MEETING_MAX_HOURS,
    MEETING_MIN_HOURS,
    QUARTER_HOUR,
    SHORT_TEXT_LENGTH,
    TEXT_LENGTH,
    meeting_hours_help,
    quarter_hours,
)

EXPIRY_WARNING_DAYS = 30

# ``quarter_hours`` stays importable from here: the first migration names it at this address.
__all__ = ["QUARTER_HOUR", "quarter_hours"]


# Applications and screening


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> Self:
        return self.filter(state__in=OPEN_STATES)

    def with_training_hours(self) -> Self:
        return self.annotate(
            training_hours_total=Coalesce(
                Sum("attendances__session__hours"), Decimal("0"), output_field=models.DecimalField()
            )
        )

    def for_screening(self) -> Self:
        """What the coordinator's screening views need, fetched in a fixed number of queries."""
        return (
            self.select_related("user", "decided_by")
            .with_training_hours()
            .prefetch_related(
                "interviews",
                "references",
                Prefetch(
                    "record_checks",
                    queryset=RecordCheck.objects.select_related("verified_by").order_by("-checked_on", "-pk"),
                ),
                Prefetch("attendances", queryset=TrainingAttendance.objects.select_related("session")),
            )
        )


class Application(ClusterableModel):
    """A young volunteer's application; once approved, the record of that person as a mentor."""

    # Empty once the person's data is erased: the record stays, pseudonymised, for the pairs' history.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        on_delete=models.PROTECT,
        related_name="mentor_applications",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    birth_date = models.DateField(_("birth date"), null=True)
    phone = models.CharField(_("phone"), max_length=40)
    motivation = models.TextField(_("why do you want to be a mentor?"), max_length=TEXT_LENGTH)
    availability = models.TextField(_("when are you available?"), max_length=SHORT_TEXT_LENGTH)
    languages = models.CharField(_("languages you speak"), max_length=200)
    interests = models.TextField(_("interests and hobbies"), max_length=TEXT_LENGTH)
    privacy_consent_at = models.DateTimeField(_("privacy notice accepted"))
    record_check_consent_at = models.DateTimeField(_("record check agreed"))
    language = models.CharField(_("language for mail"), max_length=10, default="lv", editable=False)
    state = models.CharField(
        _("state"), max_length=20, choices=ApplicationState.choices, default=ApplicationState.SUBMITTED
    )
    decision_reason = models.TextField(_("reason for the last decision"), max_length=TEXT_LENGTH, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    # The coordinator's form: the applicant's own answers stay read-only, screening is added inline.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("full_name", read_only=True),
                FieldPanel("birth_date", read_only=True),
                FieldPanel("phone", read_only=True),
                FieldPanel("languages", read_only=True),
                FieldPanel("motivation", read_only=True),
                FieldPanel("availability", read_only=True),
                FieldPanel("interests", read_only=True),
            ],
            heading=pgettext_lazy("mentor application", "Application"),
        ),
        InlinePanel("interviews", heading=_("Interviews"), label=_("Interview"), add_label=_("Add interview")),
        InlinePanel(
            "references",
            heading=_("References"),
            label=pgettext_lazy("mentor screening", "Reference"),
            add_label=pgettext_lazy("mentor screening", "Add reference"),
        ),
        InlinePanel(
            "record_checks",
            heading=_("Criminal record checks"),
            label=_("Record check"),
            add_label=_("Add record check"),
        ),
    ]

    class Meta:
        verbose_name = _("mentor application")
        verbose_name_plural = _("mentor applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(state__in=OPEN_STATES),
                name="mentoring_one_open_application_per_user",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def reference(self) -> str:
        """The mentor's pseudonym in reports that leave the centre, and their name once erased."""
        return self.reference_for(self.pk)

    @staticmethod
    def reference_for(pk: int) -> str:
        return f"M-{pk:04d}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def age(self) -> int | None:
        return dates.age_on(self.birth_date, timezone.localdate()) if self.birth_date else None

    def training_hours(self) -> Decimal:
        if hasattr(self, "training_hours_total"):
            return self.training_hours_total
        return sum((attendance.session.hours for attendance in self.attendances.all()), Decimal("0"))

    training_hours.short_description = _("training hours")  # type: ignore[attr-defined]

    def latest_record_check(self) -> "RecordCheck | None":
        checks = sorted(self.record_checks.all(), key=lambda check: (check.checked_on, check.pk or 0))
        return checks[-1] if checks else None

    def record_check_valid_on(self, day: datetime.date) -> bool:
        check = self.latest_record_check()
        return bool(check and check.result == RecordCheckResult.CLEAR and check.valid_until >= day)

    def record_check_expires_soon(self, today: datetime.date | None = None) -> bool:
        """True when the valid check runs out within 30 days: time to ask for a new certificate."""
        today = today or timezone.localdate()
        check = self.latest_record_check()
        return bool(
            check
            and check.result == RecordCheckResult.CLEAR
            and today <= check.valid_until <= today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
        )

    def screening_passed(self) -> bool:
        """A passed interview and a passed reference, and nobody who said no."""
        interviews = [item.outcome for item in self.interviews.all()]
        references = [item.outcome for item in self.references.all()]
        return bool(interviews) and bool(references) and Outcome.FAILED not in interviews + references


class Interview(models.Model):
    application = ParentalKey(Application, on_delete=models.CASCADE, related_name="interviews")
    date = models.DateField(_("date"))
    interviewer = models.CharField(_("interviewer"), max_length=150, blank=True)
    notes = models.TextField(_("notes"), max_length=LONG_TEXT_LENGTH, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)

    panels = [FieldPanel("date"), FieldPanel("interviewer"), FieldPanel("outcome"), FieldPanel("notes")]

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_outcome_display()}"


class Reference(models.Model):
    application = ParentalKey(Application, on_delete=models.CASCADE, related_name="references")
    referee = models.CharField(_("who gave the reference"), max_length=150)
    date = models.DateField(_("date"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("notes"), max_length=LONG_TEXT_LENGTH, blank=True)

    panels = [FieldPanel("referee"), FieldPanel("date"), FieldPanel("outcome"), FieldPanel("notes")]

    class Meta:
        verbose_name = pgettext_lazy("mentor screening", "reference")
        verbose_name_plural = _("references")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.referee}: {self.get_outcome_display()}"


class RecordCheck(models.Model):
    """The check of the criminal-record certificate: what was seen and until when; never the document."""

    application = ParentalKey(Application, on_delete=models.CASCADE, related_name="record_checks")
    checked_on = models.DateField(_("date checked"))
    result = models.CharField(_("result"), max_length=20, choices=RecordCheckResult.choices)
    valid_until = models.DateField(_("valid until"))
    # Set by ``services.record_checks_verified`` from whoever saved the entry in the admin.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    panels = [FieldPanel("checked_on"), FieldPanel("result"), FieldPanel("valid_until")]

    class Meta:
        verbose_name = _("criminal record check")
        verbose_name_plural = _("criminal record checks")
        ordering = ["checked_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("checked_on")), name="mentoring_record_check_valid_after_check"
            )
        ]

    def __str__(self) -> str:
        return f"{self.checked_on}: {self.get_result_display()}"

    def clean(self) -> None:
        if self.checked_on and self.valid_until and self.valid_until < self.checked_on:
            raise ValidationError({"valid_until": _("A check cannot run out before the day it was made.")})


# Training


class TrainingSession(ClusterableModel):
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(MEETING_MIN_HOURS), MaxValueValidator(MEETING_MAX_HOURS), quarter_hours],
    )
    notes = models.TextField(_("notes"), max_length=LONG_TEXT_LENGTH, blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("topic"),
        FieldPanel("hours"),
        FieldPanel("notes"),
        InlinePanel("attendances", heading=_("Attendance"), label=_("Participant"), add_label=_("Add participant")),
    ]

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.topic}"

    def participant_count(self) -> int:
        return len(self.attendances.all())

    participant_count.short_description = _("participants")  # type: ignore[attr-defined]


class TrainingAttendance(models.Model):
    session = ParentalKey(TrainingSession, on_delete=models.CASCADE, related_name="attendances")
    application = models.ForeignKey(
        Application,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendances",
        limit_choices_to={"state__in": [ApplicationState.SCREENING, ApplicationState.TRAINING]},
    )

    panels = [FieldPanel("application")]

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "application"], name="mentoring_attendance_once_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.application} @ {self.session}"


# Mentees


class Mentee(models.Model):
    """A child in the programme. Registered by coordinators only; no public form collects this."""

    first_name = models.CharField(_("first name"), max_length=80)
    birth_date = models.DateField(_("birth date"))
    case_reference = models.CharField(_("family case reference"), max_length=40)
    guardian_consent_on = models.DateField(_("guardian's consent given on"))
    interests = models.TextField(_("interests"), max_length=TEXT_LENGTH, blank=True)
    notes = models.TextField(_("notes"), max_length=LONG_TEXT_LENGTH, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    # Set when the retention period ended: name, case reference and texts gone, figures kept.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("first_name"),
        FieldPanel("birth_date"),
        FieldPanel("case_reference"),
        FieldPanel("guardian_consent_on"),
        FieldPanel("interests"),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("mentee")
        verbose_name_plural = _("mentees")
        ordering = ["first_name", "pk"]

    def __str__(self) -> str:
        if self.anonymised_at:
            return self.reference
        return f"{self.first_name} ({self.birth_date.year})"

    @property
    def reference(self) -> str:
        """The child's pseudonym: the access log and the reports that leave the centre name the record so."""
        return self.reference_for(self.pk)

    @staticmethod
    def reference_for(pk: int | None) -> str:
        return f"A-{pk:04d}" if pk is not None else ""

    @property
    def age(self) -> int:
        return dates.age_on(self.birth_date, timezone.localdate())


class MenteeAccessLogQuerySet(models.QuerySet["MenteeAccessLog"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("The mentee access log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("The mentee access log is append-only.")


class MenteeAccessLog(models.Model):
    """Who saw or changed which child's record, when and how, and the names of the fields changed.

    A row points to the record by its number only (the pseudonym ``A-0012``): never the child's
    name nor any value, so it outlives the record's anonymisation and deletion unchanged. Neither
    link is a database constraint, so deleting a record or an account never updates the log. Rows
    are only ever added; on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0006).
    """

    mentee = models.ForeignKey(
        Mentee,
        verbose_name=_("mentee"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="access_log",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    user_label = models.CharField(_("who (as recorded)"), max_length=254)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    via = models.CharField(_("how"), max_length=20, choices=AccessVia.choices)
    fields = models.JSONField(_("fields changed"), default=list, blank=True)

    objects = MenteeAccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentee record access")
        verbose_name_plural = _("mentee record access log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label} {self.get_action_display()} {self.record}"

    @property
    def record(self) -> str:
        return Mentee.reference_for(self.mentee_id)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("The mentee access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("The mentee access log is append-only.")

    def record_display(self) -> str:
        return self.record

    record_display.short_description = _("record")  # type: ignore[attr-defined]

    def fields_display(self) -> str:
        """The changed fields' names in the reader's language (a name the model no longer has, as stored)."""
        names = []
        for name in self.fields:
            try:
                names.append(str(getattr(Mentee._meta.get_field(name), "verbose_name", name)))
            except FieldDoesNotExist:
                names.append(str(name))
        return ", ".join(names)

    fields_display.short_description = _("fields changed")  # type: ignore[attr-defined]


# Pairs and what happens in them


class PairQuerySet(models.QuerySet["Pair"]):
    def active(self) -> Self:
        return self.filter(closed_on__isnull=True)

    def for_mentor(self, user: Any) -> Self:
        return self.filter(mentor__user=user)

    def for_dashboard(self, today: datetime.date) -> Self:
        """Every figure the monitoring dashboard shows, annotated in one query (plus one for check-ins)."""
        this_month = dates.month_start(today)
        last_month = dates.add_months(today, -1)
        return (
            self.select_related("mentor", "mentee", "coordinator")
            .annotate(
                hours_this_month=Coalesce(
                    Sum("meetings__hours", filter=Q(meetings__date__gte=this_month)),
                    Decimal("0"),
                    output_field=models.DecimalField(),
                ),
                hours_last_month=Coalesce(
                    Sum("meetings__hours", filter=Q(meetings__date__gte=last_month, meetings__date__lt=this_month)),
                    Decimal("0"),
                    output_field=models.DecimalField(),
                ),
                last_meeting=Max("meetings__date"),
                open_concerns=Count("meetings", filter=Q(meetings__concern=True, meetings__concern_resolved_at=None)),
                # A subquery, not a join: a join to check-ins would multiply the meetings' sums.
                last_checkin=Subquery(
                    CheckIn.objects.filter(pair=OuterRef("pk"), date__lte=today).order_by("-date").values("date")[:1]
                ),
            )
            .prefetch_related(
                "mentor__record_checks",
                Prefetch(
                    "checkins",
                    queryset=CheckIn.objects.filter(date__gte=last_month, date__lte=today).order_by("date"),
                    to_attr="recent_checkins",
                ),
            )
            .order_by("mentor__full_name", "pk")
        )


class Pair(models.Model):
    """One approved mentor and one mentee, looked after by a coordinator, from a start date to closure."""

    mentor = models.ForeignKey(
        Application,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="pairs",
        limit_choices_to={"state": ApplicationState.APPROVED},
    )
    mentee = models.ForeignKey(Mentee, verbose_name=_("mentee"), on_delete=models.PROTECT, related_name="pairs")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        related_name="coordinated_pairs",
        limit_choices_to=Q(groups__name=COORDINATORS_GROUP) | Q(is_superuser=True),
    )
    start_date = models.DateField(_("start date"))
    goals = models.TextField(_("goals"), max_length=TEXT_LENGTH)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    exit_notes = models.TextField(_("exit notes"), max_length=LONG_TEXT_LENGTH, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor"], condition=Q(closed_on__isnull=True), name="mentoring_one_active_pair_per_mentor"
            ),
            models.UniqueConstraint(
                fields=["mentee"], condition=Q(closed_on__isnull=True), name="mentoring_one_active_pair_per_mentee"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("start_date")),
                name="mentoring_pair_closes_after_start",
            ),
        ]

    def __str__(self) -> str:
        # No child's name: a pair is named wherever it appears (check-ins, history, choosers) without one.
        return f"{self.reference} · {self.mentor}" if self.pk else str(self.mentor)

    @property
    def is_active(self) -> bool:
        return self.closed_on is None

    @property
    def reference(self) -> str:
        """A short name for the pair in reports and exports, without anything about the child."""
        return f"P-{self.pk:04d}"

    def checkins_due(self, today: datetime.date) -> int:
        """Check-ins the coordinator still owes: two in the pair's first month, then one every month."""
        first_month_end = self.start_date + datetime.timedelta(days=30)
        checkins = getattr(self, "recent_checkins", None)
        if checkins is None:
            checkins = list(self.checkins.filter(date__gte=dates.add_months(today, -1), date__lte=today))
        if today < first_month_end:
            done = sum(1 for checkin in checkins if checkin.date >= self.start_date)
            return max(0, 2 - done)
        this_month = dates.month_start(today)
        return 0 if any(checkin.date >= this_month for checkin in checkins) else 1

    def last_contact(self, today: datetime.date) -> datetime.date:
        """The day of the last check-in up to ``today``; the start date while there has been none."""
        if hasattr(self, "last_checkin"):
            last = self.last_checkin
        else:
            last = self.checkins.filter(date__lte=today).aggregate(last=Max("date"))["last"]
        return last or self.start_date

    def checkin_overdue_since(self, today: datetime.date, cadence_months: int) -> datetime.date | None:
        """The day the next check-in was due by, when that day has passed: the centre's cadence
        (``MentoringSettings.checkin_cadence_months``) counted from the last contact. ``None`` when on time."""
        if not self.is_active:
            return None
        due_by = dates.months_after(self.last_contact(today), cadence_months)
        return due_by if today > due_by else None


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def in_month(self, month: datetime.date) -> Self:
        return self.filter(date__gte=month, date__lt=dates.add_months(month, 1))


class Meeting(models.Model):
    # Meeting logs are never lost with a pair: a pair that has meetings cannot be deleted.
    pair = models.ForeignKey(Pair, verbose_name=_("pair"), on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(MEETING_MIN_HOURS), MaxValueValidator(MEETING_MAX_HOURS), quarter_hours],
        help_text=meeting_hours_help(),
    )
    activity = models.CharField(_("activity"), max_length=20, choices=Activity.choices)
    note = models.TextField(_("note for the coordinator"), max_length=TEXT_LENGTH, blank=True)
    concern = models.BooleanField(
        _("something worries me"),
        default=False,
        help_text=_("The coordinator gets an e-mail at once."),
    )
    concern_resolved_at = models.DateTimeField(_("concern followed up"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("logged by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["pair", "date"], name="mentoring_meeting_pair_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=MEETING_MIN_HOURS, hours__lte=MEETING_MAX_HOURS),
                name="mentoring_meeting_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.hours} h"

    @property
    def month(self) -> datetime.date:
        return dates.month_start(self.date)


class MonthReview(models.Model):
    """The coordinator's approval of a pair's month; its meetings are locked from then on."""

    pair = models.ForeignKey(Pair, verbose_name=_("pair"), on_delete=models.CASCADE, related_name="month_reviews")
    month = models.DateField(_("month"))
    hours = models.DecimalField(_("hours approved"), max_digits=6, decimal_places=2)
    approved_at = models.DateTimeField(_("approved at"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(_("notes"), max_length=LONG_TEXT_LENGTH, blank=True)

    class Meta:
        verbose_name = _("month review")
        verbose_name_plural = _("month reviews")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["pair", "month"], name="mentoring_one_review_per_pair_month")]

    def __str__(self) -> str:
        return f"{self.pair} {self.month:%Y-%m}"


class CheckIn(models.Model):
    """A coordinator's contact with someone in a pair, to see how things go."""

    pair = models.ForeignKey(
        Pair,
        verbose_name=_("pair"),
        on_delete=models.CASCADE,
        related_name="checkins",
        limit_choices_to={"closed_on__isnull": True},
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    contact = models.CharField(_("who was contacted"), max_length=20, choices=ContactKind.choices)
    notes = models.TextField(_("notes"), max_length=LONG_TEXT_LENGTH, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("pair"), FieldPanel("date"), FieldPanel("contact"), FieldPanel("notes")]

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_contact_display()}"


class Reminder(models.Model):
    """A reminder mail already sent for a pair's month, so that a daily run sends it once."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="reminders")
    month = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["pair", "month"], name="mentoring_one_reminder_per_month")]

    def __str__(self) -> str:
        return f"{self.pair} {self.month:%Y-%m}"
