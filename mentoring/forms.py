"""Public forms (the application, a meeting) and the coordinator's action forms.

Forms only carry the fields a person may set: a mentor's posted ``pair`` or an
applicant's posted ``state`` has no field to land in and is ignored. Limits come
from ``mentoring.rules``; a service's refusal reaches a form through
``home.forms.add_service_errors``.
"""

import datetime
import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from home.forms import PortalForm, PortalModelForm, add_service_errors
from home.humans import HumanFormMixin
from mentoring import services
from mentoring.choices import ApplicationState, ClosureReason
from mentoring.hours import format_hours
from mentoring.models import Application, Meeting, Pair
from mentoring.models.certificates import CODE_ALPHABET, CODE_LENGTH, normalise_code
from mentoring.rules import (
    LONG_TEXT_LENGTH,
    MEETING_MAX_HOURS,
    MEETING_MIN_HOURS,
    TEXT_LENGTH,
    meeting_hours_help,
    meeting_hours_range,
    mentor_ages_help,
    quarter_hours,
)

# Letters of any alphabet, with spaces, hyphens and apostrophes between them: "Ģirts Ķēniņš-Šmite".
NAME_PATTERN = re.compile(r"^[^\W\d_]+(?:[ '’\-][^\W\d_]+)*$")
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{7,20}$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ApplicationForm(HumanFormMixin, PortalModelForm):
    """The application, with the honeypot and the timestamp of ``home.humans``."""

    privacy_consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that the centre keeps these answers for the application."),
        required=True,
    )
    record_check_consent = forms.BooleanField(
        label=_("I agree to show a criminal record certificate, required for work with children."),
        help_text=_("The coordinator notes the date and the result; the centre keeps no copy of the document."),
        required=True,
    )

    required_messages = {
        "full_name": _("Write your first name and surname."),
        "birth_date": _("Write your date of birth."),
        "phone": _("Write a phone number where the coordinator can call you."),
        "motivation": _("Tell us why you want to be a mentor."),
        "availability": _("Tell us when you are available."),
        "languages": _("Write the languages you speak."),
        "interests": _("Tell us about your interests and hobbies."),
        "privacy_consent": _("To apply, agree that the centre keeps your answers for the application."),
        "record_check_consent": _("To apply, agree to show a criminal record certificate."),
    }

    class Meta:
        model = Application
        fields = ["full_name", "birth_date", "phone", "motivation", "availability", "languages", "interests"]
        widgets = {
            "birth_date": DateInput(),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "motivation": forms.Textarea(attrs={"rows": 4}),
            "availability": forms.Textarea(attrs={"rows": 2}),
            "interests": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "birth_date": mentor_ages_help(),
            "availability": _("For example: weekday afternoons, Saturdays."),
            "languages": _("For example: Latvian, Russian, English."),
        }

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not NAME_PATTERN.match(name):
            raise ValidationError(_("Write your name in letters; spaces, hyphens and apostrophes may join them."))
        if len(name.split()) < 2:
            raise ValidationError(_("Write your first name and surname."))
        return name

    def clean_birth_date(self) -> datetime.date:
        """The age rule shows with the other problems, in field order (``services.apply`` checks it again)."""
        birth_date: datetime.date = self.cleaned_data["birth_date"]
        problem = services.mentor_age_problem(birth_date, timezone.localdate())
        if problem:
            raise ValidationError(problem)
        return birth_date

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_PATTERN.match(phone):
            raise ValidationError(_("Write a phone number with digits, for example +371 20 000 000."))
        return phone

    def answers(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _not_a_number_message() -> str:
    return gettext("Write the hours as a number, for example %(example)s.") % {"example": format_hours(Decimal("1.5"))}


_not_a_number = lazy(_not_a_number_message, str)


class MeetingHoursField(forms.DecimalField):
    """A meeting's length as people type it ("1,5" in Latvian). Whatever is typed ("1e30", "NaN",
    a thousand digits) gets one clear message: out of range first, then whole quarters."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"invalid": _not_a_number()})
        # No max_digits/decimal_places checks of its own: the range and ``quarter_hours`` say it better.
        super().__init__(localize=True, validators=[quarter_hours], **kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)  # required, and a finite number
        if value is not None and not MEETING_MIN_HOURS <= value <= MEETING_MAX_HOURS:
            raise ValidationError(meeting_hours_range(), code="range")


class MeetingForm(PortalModelForm):
    hours = MeetingHoursField(
        label=capfirst(Meeting._meta.get_field("hours").verbose_name),
        help_text=meeting_hours_help(),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    required_messages = {
        "date": _("Write the date of the meeting."),
        "hours": _("Write how long the meeting lasted, in hours."),
        "activity": _("Choose what you did together."),
    }

    class Meta:
        model = Meeting
        fields = ["date", "hours", "activity", "note", "concern"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    # Set by the "Yes, a second meeting" button when the mentor has been asked about a repeated meeting.
    repeat = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, pair: Pair | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pair = pair
        if self.instance.pk is not None:  # a meeting being edited is not logged again
            del self.fields["repeat"]
        today = timezone.localdate()
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        if pair is not None:
            self.fields["date"].widget.attrs["min"] = pair.start_date.isoformat()
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("date", today)

    def clean_date(self) -> datetime.date:
        """The day's rules (not in the future, not before the pair began, not in an approved month) are
        checked here too, whatever the hours say: a person fixes the date first, then the hours.
        ``services`` checks them again under the pair's lock."""
        day: datetime.date = self.cleaned_data["date"]
        if self.pair is not None:
            problem = services.meeting_problems(self.pair, day)
            if problem:
                raise ValidationError(problem)
        return day

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def asks_to_repeat(self) -> bool:
        """The service asked whether the mentor really means a second, identical meeting."""
        return self.has_error(NON_FIELD_ERRORS, services.RepeatedMeeting.code)

    def summary_title(self) -> str | None:
        return gettext("You have already logged this meeting") if self.asks_to_repeat() else None


# The coordinator's action forms (Wagtail admin)


class DecisionForm(forms.Form):
    state = forms.ChoiceField(label=_("Decision"), choices=[])
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant reads this in the mail; required when rejecting."),
    )

    def __init__(self, *args: Any, states: list[str] | tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        state_field = cast(forms.ChoiceField, self.fields["state"])
        state_field.choices = [(state, ApplicationState(state).label) for state in states]


class ClosePairForm(forms.Form):
    closed_on = forms.DateField(label=_("End date"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("Reason"), choices=ClosureReason.choices)
    exit_notes = forms.CharField(
        label=_("Exit notes"), required=False, max_length=LONG_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )


CHOOSE_A_MONTH = _("Choose a month to approve.")


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m")


class ApproveMonthForm(forms.Form):
    # The pair page's button posts the month's first day; the form's own field takes "2026-01".
    month = forms.DateField(
        label=_("Month"),
        widget=MonthInput(),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        error_messages={"required": CHOOSE_A_MONTH, "invalid": CHOOSE_A_MONTH},
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=LONG_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class PairCreateForm(WagtailAdminModelForm):
    """Pairing offers only those who can be paired today; ``services.pair_problems`` decides the rest
    (ages on the start date, approval, screening, record check, training, one pair each)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = services.pairable_mentors()
        self.fields["mentee"].queryset = services.free_mentees()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start: datetime.date | None = cleaned.get("start_date")
        problems = services.pair_problems(
            cleaned.get("mentor"), cleaned.get("mentee"), start, planned_end=cleaned.get("planned_end")
        )
        if problems:
            add_service_errors(self, ValidationError(problems))
        return cleaned


# The certificate of volunteering


class CertificateForm(PortalForm):
    """The mentor's choice of language for the certificate (the page's language preselected)."""

    language = forms.ChoiceField(
        label=_("Language of the certificate"),
        choices=[("lv", _("Latvian")), ("en", _("English"))],
        widget=forms.RadioSelect,
    )


class CertificateCheckForm(PortalForm):
    """The code printed on a certificate, however it is typed (capitals, spaces, dashes)."""

    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("Twelve letters and digits, as printed at the bottom of the certificate, e.g. K7QF-9M2X-HT4P."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
            raise ValidationError(
                gettext("A verification code has %(length)s letters and digits, as printed on the certificate.")
                % {"length": CODE_LENGTH},
                code="code_format",
            )
        return code
