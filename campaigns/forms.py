"""The campaign's forms: they check what was typed; ``campaigns.services`` decides the rest.

The donor's fields come from the ``Pledge`` model, so the lengths and the
one-line rule are written once (on the model) and hold on the public form, the
phone form and the admin's edit form alike.
"""

import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.choices import Area, Delivery, quantity_text
from campaigns.models import CampaignPage, Need, Pledge, PledgeLine
from campaigns.services import DonorDetails, RepeatedPledge, line_field, need_field, still_needed_message
from campaigns.validators import single_line
from home.dates import long_date
from home.forms import PortalForm
from home.humans import HONEYPOT_FIELD, STAMP_FIELD, HumanFormMixin

QUANTITY_MESSAGES = {
    "invalid": _("Enter a whole number from 1, or leave it empty."),
    "min_value": _("Enter a whole number from 1, or leave it empty."),
}
REASON_MAX_LENGTH = 500
PICKUP_FIELDS = ("pickup_area", "pickup_address")
# campaigns.services.need_field's names: a database key, at most 18 digits (a longer number is no
# key of ours, and SQLite cannot even be asked about it).
NEED_FIELD = re.compile(r"need_([1-9][0-9]{0,17})")


def pledge_field(name: str, **kwargs: Any) -> forms.Field:
    """The form field of a ``Pledge`` field, with the model's length limit and validators
    (Django leaves a model field's validators to the model; a plain form shows them at once)."""
    model_field = cast(models.Field, Pledge._meta.get_field(name))
    field = model_field.formfield(**kwargs)
    assert field is not None  # noqa: S101 - only editable fields are asked for
    field.validators.extend(v for v in model_field.validators if v not in field.validators)
    return field


class PledgeForm(HumanFormMixin, PortalForm):
    """Which needs and how many, who the donor is, and how the items come.

    The quantity fields are built from the campaign's needs; the template draws
    them beside each need's progress, the rest renders through the site's field markup.
    Staff entering a pledge taken by phone (``staff=True``) need an e-mail address
    or a phone number; donors on the site always give an e-mail address. On the site
    the form has the honeypot and the timestamp of ``home.humans``; staff are people.
    """

    donor_name = pledge_field("donor_name", label=_("Your name"), widget=forms.TextInput({"autocomplete": "name"}))
    email = pledge_field(
        "email",
        label=_("E-mail"),
        required=True,
        help_text=_("We send the confirmation and your private link here."),
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    phone = pledge_field("phone", label=_("Phone"), widget=forms.TextInput({"type": "tel", "autocomplete": "tel"}))
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
        choices=[("", ""), *Area.choices],  # the empty choice reads "Choose…" (home.forms)
        required=False,
        help_text=_("We pick up within Bauska municipality."),
    )
    pickup_address = pledge_field(
        "pickup_address", label=_("Pick-up address"), widget=forms.TextInput({"autocomplete": "street-address"})
    )
    note = pledge_field("note", label=_("Note"), widget=forms.Textarea({"rows": 3}))
    consent = forms.BooleanField(label=_("I agree that the centre keeps my details to handle this pledge."))
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    pickup_choice = Delivery.PICKUP  # the delivery choice that asks for the pick-up fields
    # Set by the "Yes, pledge again" button when the donor has been asked about a repeated pledge.
    repeat = forms.BooleanField(required=False, widget=forms.HiddenInput)

    required_messages = {
        "donor_name": _("Write your name."),
        "email": _("Write your e-mail address: the confirmation goes there."),
        "delivery": _("Choose how the items will come."),
        "expected_date": _("Choose the day you will bring the items (or from when we can pick them up)."),
        "consent": _("To pledge, agree that the centre keeps your details for this pledge."),
    }

    def __init__(
        self,
        *args: Any,
        needs: Iterable[Need] = (),
        campaign: CampaignPage | None = None,
        staff: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.needs = list(needs)
        self.staff = staff
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        self.fields["expected_date"].widget.attrs["min"] = timezone.localdate().isoformat()
        if campaign is not None and not staff:
            self.fields["expected_date"].widget.attrs["max"] = campaign.end_date.isoformat()
        for need in self.needs:
            tally = need.tally
            self.fields[need_field(tally.pk)] = forms.IntegerField(
                label=str(need),
                required=False,
                min_value=1,
                error_messages=QUANTITY_MESSAGES,
                widget=forms.NumberInput({"min": 1, "max": max(tally.still_needed, 1), "inputmode": "numeric"}),
                # Staff see one plain form, so each item says how many are still needed.
                help_text=_("Still needed: %(quantity)s") % {"quantity": quantity_text(tally.still_needed, need.unit)}
                if staff
                else "",
            )
            need.field = self[need_field(tally.pk)]
        if staff:
            self._for_staff()

    @staticmethod
    def tally_ids_asked_for(data: Mapping[str, Any]) -> set[int]:
        """The tallies whose quantity fields ``data`` fills in (with anything, right or wrong): the
        only fields of the hundreds on the page whose checks can say anything."""
        ids = set()
        for name in data:
            match = NEED_FIELD.fullmatch(name)
            if match and data.get(name) not in forms.Field.empty_values:
                ids.add(int(match[1]))
        return ids

    def _for_staff(self) -> None:
        """Staff see one plain form: the items (with what is still needed) first, then who gives them."""
        del self.fields[HONEYPOT_FIELD]
        del self.fields[STAMP_FIELD]
        del self.fields["repeat"]
        self.fields["consent"].label = _("The donor agreed that the centre keeps their details for this pledge.")
        self.fields["donor_name"].label = _("Donor's name")
        self.fields["donor_name"].error_messages["required"] = _("Write the donor's name.")
        self.fields["consent"].error_messages["required"] = _("Ask the donor to agree first, then tick this.")
        self.fields["email"].required = False
        self.fields["email"].help_text = _(
            "The donor gets the confirmation and the private link here. Without one, give a phone number."
        )
        self.order_fields([need_field(need.tally.pk) for need in self.needs])

    def summary_fields(self) -> list[forms.BoundField]:
        """The page's order: each need's quantity, then the donor's details and the consent."""
        quantities = [self[need_field(need.tally.pk)] for need in self.needs]
        return [*quantities, *self.details_fields(), self["consent"]] if not self.staff else super().summary_fields()

    def names_in_summary(self, field: forms.BoundField) -> bool:
        """A quantity's problem ("Only 4 are still needed.") is about the item its field is for."""
        return NEED_FIELD.fullmatch(field.name) is not None

    def non_field_error_target(self) -> str:
        """ "Choose at least one item" points to the first quantity."""
        first = next((need for need in self.needs if not need.is_fully_pledged), None)
        return self[need_field(first.tally.pk)].id_for_label if first is not None else ""

    def details_fields(self) -> list[forms.BoundField]:
        """The donor's fields in order (the quantities are drawn with their needs)."""
        return [*self.donor_fields(), *self.pickup_fields(), self["note"]]

    def donor_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("donor_name", "email", "phone", "delivery", "expected_date")]

    def pickup_fields(self) -> list[forms.BoundField]:
        """Asked only for a pick-up: the page shows them when "please pick up" is chosen."""
        return [self[name] for name in PICKUP_FIELDS]

    @property
    def asks_to_repeat(self) -> bool:
        """The service asked whether the donor really means a second, identical pledge."""
        return self.has_error(NON_FIELD_ERRORS, RepeatedPledge.code)

    def clean_expected_date(self) -> Any:
        date = self.cleaned_data["expected_date"]
        if date < timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the past."))
        if self.campaign is not None and not self.staff and date > self.campaign.end_date:
            raise forms.ValidationError(
                _("The campaign ends on %(date)s; please choose a date until then.")
                % {"date": long_date(self.campaign.end_date, "locative")}
            )
        return date

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("delivery") == Delivery.PICKUP:
            if not cleaned.get("pickup_area"):
                self.add_error("pickup_area", _("Choose the town or parish where we pick the items up."))
            if not cleaned.get("pickup_address", "").strip():
                self.add_error("pickup_address", _("Tell us the address where we pick the items up."))
        chosen = False
        for need in self.needs:
            tally = need.tally
            name = need_field(tally.pk)
            quantity = cleaned.get(name)
            if not quantity:
                continue
            chosen = True
            if quantity > tally.still_needed:
                self.add_error(name, still_needed_message(tally.still_needed))
        # A wrong quantity is named by its field (and in the error summary); a second message
        # at the top would say the same again.
        if not chosen and not any(need_field(need.tally.pk) in self.errors for need in self.needs):
            raise forms.ValidationError(_("Choose at least one item and how many you will give."))
        return cleaned

    def quantities(self) -> dict[int, int]:
        quantities = {}
        for need in self.needs:
            tally_id = need.tally.pk
            if value := self.cleaned_data.get(need_field(tally_id)):
                quantities[tally_id] = value
        return quantities

    def details(self) -> DonorDetails:
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


class LineQuantitiesForm(PortalForm):
    """One whole-number field per pledge line; this one is the donor's, lowering quantities on the private link."""

    def __init__(self, *args: Any, lines: Iterable[PledgeLine] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[line_field(line.pk)] = self.field_for(line)
            line.field = self[line_field(line.pk)]  # type: ignore[attr-defined]

    def field_for(self, line: PledgeLine) -> forms.Field:
        return forms.IntegerField(
            label=str(line.need),
            min_value=0,
            max_value=line.quantity,
            initial=line.quantity,
            widget=forms.NumberInput({"min": line.received, "max": line.quantity, "inputmode": "numeric"}),
            error_messages={
                "invalid": _("Enter a whole number, or 0 to take the item out."),
                "min_value": _("Enter a whole number, or 0 to take the item out."),
                # Django's "Ensure this value is less than or equal to 1." said neither why nor what to do.
                "max_value": _(
                    "You pledged %(limit_value)s; here you can only lower it. To give more, make a new pledge "
                    "on the campaign's page."
                ),
            },
        )

    def names_in_summary(self, field: forms.BoundField) -> bool:
        """Every field is a pledge line's: its problem is about that item (the summary says which)."""
        return True

    def values(self) -> dict[int, int | None]:
        return {line.pk: self.cleaned_data.get(line_field(line.pk)) for line in self.lines}


class ReceiveForm(LineQuantitiesForm):
    """What arrived of a pledge, for staff: the pledge's "Record received" page and the door's scanned
    address are this one form. Each line opens with what is still expected, so that a delivery of
    everything is one press and a partial one is a number changed."""

    def field_for(self, line: PledgeLine) -> forms.Field:
        return forms.IntegerField(
            # "0/1 komplekts", "0/2 komplekti": the unit agrees with the number.
            label=f"{line.need} — {line.received}/{quantity_text(line.quantity, line.need.unit)}",
            min_value=0,
            max_value=line.outstanding,
            initial=line.outstanding,
            required=False,
            widget=forms.NumberInput({"min": 0, "max": line.outstanding, "inputmode": "numeric"}),
            error_messages={
                "invalid": _("Enter a whole number from 0."),
                "min_value": _("Enter a whole number from 0."),
                "max_value": _("At most %(limit_value)s: that is what is still expected of this pledge."),
            },
        )


class CancelPledgeForm(PortalForm):
    """The donor's "cancel my pledge": the first press asks, the second (with ``confirmed``) cancels."""

    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ErasePledgeForm(PortalForm):
    """The donor's "erase my details" on the private link: the first press asks, the second erases."""

    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


WHOLE_PLEDGE = "all"


class StaffCancelForm(forms.Form):
    """Staff call off a whole pledge or one of its items, and say why (the donor reads it)."""

    scope = forms.ChoiceField(label=_("What is cancelled"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        validators=[single_line],
        help_text=_("For example: the donor phoned to say they cannot come. The donor reads this in the e-mail."),
    )

    def __init__(self, *args: Any, lines: Sequence[PledgeLine] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [(WHOLE_PLEDGE, _("The whole pledge (everything not yet received)"))]
        open_lines = [line for line in lines if line.outstanding]
        for line in open_lines if len(open_lines) > 1 else ():  # one item: cancelling it is the whole pledge
            if line.outstanding:
                choices.append(
                    (
                        str(line.pk),
                        _("Only %(item)s: %(quantity)s not yet received")
                        % {"item": line.need, "quantity": quantity_text(line.outstanding, line.need.unit)},
                    )
                )
        scope = cast(forms.ChoiceField, self.fields["scope"])
        scope.choices = choices
        scope.initial = WHOLE_PLEDGE

    def line_id(self) -> int | None:
        """The line to cancel, or None for the whole pledge."""
        scope = self.cleaned_data["scope"]
        return None if scope == WHOLE_PLEDGE else int(scope)
