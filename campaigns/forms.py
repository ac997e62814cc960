import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campaigns.choices import Area, Delivery
from campaigns.services import DonorDetails
from home.forms import PortalForm

QUANTITY_MESSAGES = {
    "invalid": _("Enter a whole number from 1, or leave it empty."),
    "min_value": _("Enter a whole number from 1, or leave it empty."),
}


def need_field_name(tally_id):
    return f"need_{tally_id}"


class PledgeForm(PortalForm):
    """Which needs and how many, who the donor is, and how the items come.

    The quantity fields are built from the campaign's needs; the template draws
    them beside each need's progress, the rest renders through the site's field markup.
    """

    donor_name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput({"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send the confirmation and your private link here."),
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, widget=forms.TextInput({"type": "tel", "autocomplete": "tel"})
    )
    delivery = forms.ChoiceField(
        label=_("How will the items come?"), choices=Delivery.choices, initial=Delivery.BRING, widget=forms.RadioSelect
    )
    expected_date = forms.DateField(
        label=_("Expected date"),
        help_text=_("When you will bring the items, or from when we can pick them up."),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    pickup_area = forms.ChoiceField(
        label=_("Town or parish (for a pick-up)"),
        choices=[("", "—"), *Area.choices],
        required=False,
        help_text=_("We pick up within Bauska municipality."),
    )
    pickup_address = forms.CharField(
        label=_("Pick-up address"),
        max_length=200,
        required=False,
        widget=forms.TextInput({"autocomplete": "street-address"}),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 3}))
    consent = forms.BooleanField(label=_("I agree that the centre keeps my details to handle this pledge."))
    # Honeypot: hidden from people by CSS, filled in by bots.
    website = forms.CharField(
        label=_("Leave this empty"), required=False, widget=forms.TextInput({"autocomplete": "off", "tabindex": "-1"})
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, needs=(), campaign=None, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.needs = list(needs)
        self.staff = staff
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        self.fields["expected_date"].widget.attrs["min"] = timezone.localdate().isoformat()
        if campaign is not None and not staff:
            self.fields["expected_date"].widget.attrs["max"] = campaign.end_date.isoformat()
        if staff:
            del self.fields["website"]
            self.fields["consent"].label = _("The donor agreed that the centre keeps their details for this pledge.")
        for need in self.needs:
            self.fields[need_field_name(need.tally.pk)] = forms.IntegerField(
                label=str(need),
                required=False,
                min_value=1,
                error_messages=QUANTITY_MESSAGES,
                widget=forms.NumberInput({"min": 1, "max": max(need.tally.still_needed, 1), "inputmode": "numeric"}),
            )
            need.field = self[need_field_name(need.tally.pk)]
        if staff:
            # Staff see one plain form: the items first, then who gives them.
            self.fields["donor_name"].label = _("Donor's name")
            self.fields["email"].help_text = _("The donor gets the confirmation and the private link here.")
            self.order_fields([need_field_name(need.tally.pk) for need in self.needs])

    def details_fields(self):
        """The donor's fields in order, for the template (the quantities are drawn with their needs)."""
        names = ["donor_name", "email", "phone", "delivery", "expected_date", "pickup_area", "pickup_address", "note"]
        return [self[name] for name in names]

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def clean_expected_date(self):
        date = self.cleaned_data["expected_date"]
        if date < timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the past."))
        if self.campaign is not None and not self.staff and date > self.campaign.end_date:
            raise forms.ValidationError(
                _("The campaign ends on %(date)s; please choose a date until then.")
                % {"date": self.campaign.end_date.strftime("%d.%m.%Y")}
            )
        return date

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("delivery") == Delivery.PICKUP:
            if not cleaned.get("pickup_area"):
                self.add_error("pickup_area", _("Choose the town or parish where we pick the items up."))
            if not cleaned.get("pickup_address", "").strip():
                self.add_error("pickup_address", _("Tell us the address where we pick the items up."))
        chosen = False
        for need in self.needs:
            name = need_field_name(need.tally.pk)
            quantity = cleaned.get(name)
            if not quantity:
                continue
            chosen = True
            if quantity > need.tally.still_needed:
                self.add_error(name, still_needed_message(need.tally.still_needed))
        if any(need_field_name(need.tally.pk) in self.errors for need in self.needs):
            raise forms.ValidationError(_("Please check the quantities marked below."))
        if not chosen:
            raise forms.ValidationError(_("Choose at least one item and how many you will give."))
        return cleaned

    def quantities(self):
        return {
            need.tally.pk: self.cleaned_data[need_field_name(need.tally.pk)]
            for need in self.needs
            if self.cleaned_data.get(need_field_name(need.tally.pk))
        }

    def details(self):
        data = self.cleaned_data
        return DonorDetails(
            donor_name=data["donor_name"].strip(),
            email=data["email"],
            phone=data["phone"].strip(),
            delivery=data["delivery"],
            expected_date=data["expected_date"],
            pickup_area=data["pickup_area"],
            pickup_address=data["pickup_address"].strip(),
            note=data["note"].strip(),
        )

    def add_shortages(self, remaining):
        """Show the service's verdict (someone was quicker) on the quantity fields."""
        for tally_id, left in remaining.items():
            name = need_field_name(tally_id)
            if name in self.fields:
                self.add_error(name, still_needed_message(left))


def still_needed_message(left):
    if left <= 0:
        return _("This item is no longer needed: others have pledged all of it.")
    return ngettext("Only %(count)s is still needed.", "Only %(count)s are still needed.", left) % {"count": left}


class LineQuantitiesForm(PortalForm):
    """One whole-number field per pledge line: the donor lowers quantities, staff record arrivals."""

    def __init__(self, *args, lines=(), mode="lower", **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            if mode == "lower":
                field = forms.IntegerField(
                    label=getattr(line, "label", str(line.need)),
                    min_value=0,
                    max_value=line.quantity,
                    initial=line.quantity,
                    widget=forms.NumberInput({"min": line.received, "max": line.quantity, "inputmode": "numeric"}),
                )
            else:
                field = forms.IntegerField(
                    label=getattr(line, "label", str(line.need)),
                    min_value=0,
                    max_value=line.outstanding,
                    initial=0,
                    required=False,
                    widget=forms.NumberInput({"min": 0, "max": line.outstanding, "inputmode": "numeric"}),
                )
            self.fields[f"line_{line.pk}"] = field
            line.field = self[f"line_{line.pk}"]

    def values(self):
        return {line.pk: self.cleaned_data.get(f"line_{line.pk}") for line in self.lines}

    def add_line_errors(self, errors):
        for line_id, message in errors.items():
            self.add_error(f"line_{line_id}", message)
