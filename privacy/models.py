"""The centre's retention periods (a site setting) and people's requests to erase their data."""

import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import register_setting

from home.models import DefaultSiteSetting
from privacy.choices import ErasureKind, ErasureState
from privacy.periods import months_after, months_before

# The most anyone may ask: one month from the request (GDPR Art. 12(3)).
ERASURE_DEADLINE_MONTHS = 1


@register_setting(icon="lock")
class RetentionSettings(DefaultSiteSetting):
    """How long the portal keeps personal data once its purpose is over; ``manage.py apply_retention``
    (daily) removes what has passed them, and the privacy notice shows them as they are set here.

    A period counts from a day (a campaign's end, a decision, a pair's closure): the data goes on
    the day the period has passed, that is when the day lies on or before the period's cutoff.
    """

    donor_contact_months = models.PositiveSmallIntegerField(
        _("donors' contact details (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Months after a campaign ended: then its donors' names, contacts, addresses and notes go."),
    )
    closed_application_months = models.PositiveSmallIntegerField(
        _("rejected or withdrawn applications (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Months after the decision: then an application that led to no pair goes with its screening."),
    )
    mentor_screening_months = models.PositiveSmallIntegerField(
        _("screening of mentors who left (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Months after a withdrawn mentor's last pair closed: then the interviews, references, record checks "
            "and application answers go; the name stays with the pairs' history."
        ),
    )
    mentee_record_years = models.PositiveSmallIntegerField(
        _("mentees' records (years)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(25)],
        help_text=_(
            "Years after a mentee's last pair closed (or after registration, if never paired): then the first "
            "name, case reference and texts go; dates, hours and activities stay in the figures."
        ),
    )

    panels = [
        FieldPanel("donor_contact_months"),
        FieldPanel("closed_application_months"),
        FieldPanel("mentor_screening_months"),
        FieldPanel("mentee_record_years"),
    ]

    class Meta:
        verbose_name = _("retention periods")

    # The cutoffs: data whose period counts from this day or earlier goes today.

    def donor_contacts_cutoff(self, today: datetime.date) -> datetime.date:
        """Campaigns that ended on or before this day lose their donors' contact details."""
        return months_before(today, self.donor_contact_months)

    def closed_applications_cutoff(self, today: datetime.date) -> datetime.date:
        return months_before(today, self.closed_application_months)

    def mentor_screening_cutoff(self, today: datetime.date) -> datetime.date:
        return months_before(today, self.mentor_screening_months)

    def mentee_records_cutoff(self, today: datetime.date) -> datetime.date:
        return months_before(today, 12 * self.mentee_record_years)

    def periods(self) -> list[tuple[str, str]]:
        """What is kept and for how long, in the reader's language: the privacy notice shows these."""
        return [
            (
                str(_("Donors' names, contact details, addresses and notes")),
                ngettext(
                    "%(count)s month after the campaign ended",
                    "%(count)s months after the campaign ended",
                    self.donor_contact_months,
                )
                % {"count": self.donor_contact_months},
            ),
            (
                str(_("Mentor applications that were rejected or withdrawn")),
                ngettext(
                    "%(count)s month after the decision",
                    "%(count)s months after the decision",
                    self.closed_application_months,
                )
                % {"count": self.closed_application_months},
            ),
            (
                str(_("Screening of mentors who have left (interviews, references, record checks)")),
                ngettext(
                    "%(count)s month after their last pair closed",
                    "%(count)s months after their last pair closed",
                    self.mentor_screening_months,
                )
                % {"count": self.mentor_screening_months},
            ),
            (
                str(_("Mentees' names, case references and notes")),
                ngettext(
                    "%(count)s year after their last pair closed",
                    "%(count)s years after their last pair closed",
                    self.mentee_record_years,
                )
                % {"count": self.mentee_record_years},
            ),
        ]


def erasure_due_on(requested_at: datetime.datetime) -> datetime.date:
    return months_after(timezone.localdate(requested_at), ERASURE_DEADLINE_MONTHS)


class ErasureRequestQuerySet(models.QuerySet["ErasureRequest"]):
    def open(self) -> "ErasureRequestQuerySet":
        return self.filter(state=ErasureState.OPEN)


class ErasureRequest(models.Model):
    """Someone asked the centre to erase their data. While open it points to their account; once
    completed the account is gone and the row keeps only when, how and how many records went."""

    kind = models.CharField(_("asked"), max_length=20, choices=ErasureKind.choices)
    state = models.CharField(_("state"), max_length=20, choices=ErasureState.choices, default=ErasureState.OPEN)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="erasure_requests",
    )
    language = models.CharField(_("language for mail"), max_length=10, default="lv")
    requested_at = models.DateTimeField(_("asked at"), default=timezone.now)
    due_on = models.DateField(_("to be completed by"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # [{"model": "campaigns.pledge", "action": "anonymised", "count": 2}, ...]: counts, never data.
    removed = models.JSONField(_("what was removed"), default=list, blank=True)

    objects = ErasureRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-state", "due_on", "pk"]  # open ("open" > "completed") first, nearest deadline first
        # The name is translated where the admin shows it (the group editor).
        permissions = [("complete_erasurerequest", _("Can complete erasure requests"))]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(state="open"), name="privacy_one_open_erasure_per_user"
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.due_on:
            self.due_on = erasure_due_on(self.requested_at)
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"E-{self.pk:04d}" if self.pk else ""

    @property
    def is_open(self) -> bool:
        return self.state == ErasureState.OPEN

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and (today or timezone.localdate()) > self.due_on
