"""Public forms (the application, a meeting) and the coordinator's action forms.

Forms only carry the fields a person may set: a mentor's posted ``pair`` or an
applicant's posted ``state`` has no field to land in and is ignored.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from home.forms import PortalModelForm
from mentoring.choices import ApplicationState, ClosureReason
from mentoring.models import Application, Meeting

# Letters of any alphabet, with spaces, hyphens and apostrophes between them: "Ģirts Ķēniņš-Šmite".
NAME_PATTERN = re.compile(r"^[^\W\d_]+(?:[ '’\-][^\W\d_]+)*$")
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{7,20}$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ApplicationForm(PortalModelForm):
    privacy_consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that the centre keeps these answers for the application."),
        required=True,
    )
    record_check_consent = forms.BooleanField(
        label=_("I agree to show a criminal record certificate, required for work with children."),
        help_text=_("The coordinator notes the date and the result; the centre keeps no copy of the document."),
        required=True,
    )

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
            "birth_date": _("Mentors are from 18 to 25 years old on the day they apply."),
            "availability": _("For example: weekday afternoons, Saturdays."),
            "languages": _("For example: Latvian, Russian, English."),
        }

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not NAME_PATTERN.match(name):
            raise ValidationError(_("Write your name in letters; spaces, hyphens and apostrophes may join them."))
        if len(name.split()) < 2:
            raise ValidationError(_("Write your first name and surname."))
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_PATTERN.match(phone):
            raise ValidationError(_("Write a phone number with digits, for example +371 20 000 000."))
        return phone

    def answers(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MeetingForm(PortalModelForm):
    # Localized, so that "1,5" (how Latvians write an hour and a half) is read as 1.5.
    hours = forms.DecimalField(
        label=capfirst(Meeting._meta.get_field("hours").verbose_name),
        help_text=Meeting._meta.get_field("hours").help_text,
        min_value=Decimal("0.25"),
        max_value=Decimal("12"),
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        validators=Meeting._meta.get_field("hours").validators,
    )

    class Meta:
        model = Meeting
        fields = ["date", "hours", "activity", "note", "concern"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, pair=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        if pair is not None:
            self.fields["date"].widget.attrs["min"] = pair.start_date.isoformat()
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("date", today)

    def values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# The coordinator's action forms (Wagtail admin)


class DecisionForm(forms.Form):
    state = forms.ChoiceField(label=_("Decision"), choices=[])
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant reads this in the mail; required when rejecting."),
    )

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(state, ApplicationState(state).label) for state in states]


class ClosePairForm(forms.Form):
    closed_on = forms.DateField(label=_("End date"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("Reason"), choices=ClosureReason.choices)
    exit_notes = forms.CharField(label=_("Exit notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
