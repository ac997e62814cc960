from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import register_setting

from home.models import DefaultSiteSetting


@register_setting(icon="group")
class MentoringSettings(DefaultSiteSetting):
    """The programme's knobs that coordinators set: the monthly target, reminders, training, check-ins."""

    monthly_target_hours = models.DecimalField(
        _("monthly target (hours)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("60"))],
    )
    reminder_day = models.PositiveSmallIntegerField(
        _("reminder day"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Mentors who have logged nothing this month by this day get a reminder."),
    )
    required_training_hours = models.DecimalField(
        _("required training (hours)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("2"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    checkin_cadence_months = models.PositiveSmallIntegerField(
        _("check-in cadence (months)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_(
            "How often the coordinator is in touch with each pair. A pair whose last check-in is older "
            "than this is shown as overdue."
        ),
    )

    panels = [
        FieldPanel("monthly_target_hours"),
        FieldPanel("reminder_day"),
        FieldPanel("required_training_hours"),
        FieldPanel("checkin_cadence_months"),
    ]

    class Meta:
        verbose_name = _("mentoring settings")
