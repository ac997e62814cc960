"""The campaign's business actions. Views, forms, the admin and the commands call these.

Each action is atomic and sends its own mail. Mail leaves through
``home.mail.TaskEmailBackend``, which queues it only once the transaction has
committed, so a failing mail server can never undo or lose a pledge.

Over-pledging is decided by the database: ``create_pledge`` reserves each
quantity with a conditional ``UPDATE ... SET pledged = pledged + n WHERE
pledged <= needed - n``; when two donors race for the last items, the row lock
that UPDATE takes makes the second one re-check the condition against the
first one's result, and a check constraint on the tally backs it up.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Locale

from campaigns.choices import Delivery, PledgeState, Source
from campaigns.models import CampaignSettings, Need, NeedTally, Pledge, PledgeLine

logger = logging.getLogger(__name__)

MANAGERS_GROUP = "Campaign managers"


class PledgeError(Exception):
    """A rule said no; ``message`` is for the person, ``field_errors`` point at what to fix."""

    def __init__(self, message="", field_errors=None):
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}


class CampaignClosed(PledgeError):
    pass


class NotEnoughLeft(PledgeError):
    """Some needs have fewer items left than asked for; ``remaining`` maps need id to what is left."""

    def __init__(self, remaining):
        self.remaining = remaining
        super().__init__(_("Some items are no longer needed in the quantity you chose."))


@dataclass
class PledgeResult:
    pledge: Pledge
    created: bool


@dataclass
class DonorDetails:
    donor_name: str
    email: str
    expected_date: object
    delivery: str = Delivery.BRING
    phone: str = ""
    pickup_area: str = ""
    pickup_address: str = ""
    note: str = ""


# Creating


def create_pledge(campaign, quantities, details, *, submission_key=None, donor=None, entered_by=None, language=None):
    """Reserve the quantities and record the pledge; a repeated ``submission_key`` returns the first pledge.

    ``quantities`` maps need tally ids to whole numbers from 1. Staff entering a
    pledge taken by phone (``entered_by``) may do so outside the campaign period.
    """
    campaign = campaign.source
    if submission_key and (existing := Pledge.objects.filter(submission_key=submission_key).first()):
        return PledgeResult(existing, created=False)
    if entered_by is None and not campaign.accepts_pledges():
        raise CampaignClosed(_("This campaign is not taking pledges now."))
    quantities = {int(need_id): int(quantity) for need_id, quantity in quantities.items() if quantity}
    if not quantities:
        raise PledgeError(_("Choose at least one item and how many you will give."))
    if any(quantity < 1 for quantity in quantities.values()):
        raise PledgeError(_("Quantities are whole numbers from 1."))

    try:
        with transaction.atomic():
            pledge = Pledge.objects.create(
                campaign=campaign,
                submission_key=submission_key,
                donor=donor,
                entered_by=entered_by,
                source=Source.PHONE if entered_by else Source.WEB,
                language=language or translation.get_language() or "lv",
                consent_at=timezone.now(),
                donor_name=details.donor_name,
                email=details.email,
                phone=details.phone,
                delivery=details.delivery,
                expected_date=details.expected_date,
                pickup_area=details.pickup_area if details.delivery == Delivery.PICKUP else "",
                pickup_address=details.pickup_address if details.delivery == Delivery.PICKUP else "",
                note=details.note,
            )
            short = []
            # A fixed order of row locks: two pledges for the same needs never deadlock.
            for need_id in sorted(quantities):
                quantity = quantities[need_id]
                reserved = NeedTally.objects.filter(
                    pk=need_id, campaign=campaign, listed=True, pledged__lte=F("needed") - quantity
                ).update(pledged=F("pledged") + quantity)
                if not reserved:
                    short.append(need_id)
            if short:
                left = {
                    pk: max(0, needed - pledged)
                    for pk, needed, pledged in NeedTally.objects.filter(pk__in=short).values_list(
                        "pk", "needed", "pledged"
                    )
                }
                raise NotEnoughLeft({pk: left.get(pk, 0) for pk in short})
            PledgeLine.objects.bulk_create(
                PledgeLine(pledge=pledge, need_id=need_id, quantity=quantity)
                for need_id, quantity in quantities.items()
            )
            pledge = Pledge.objects.with_lines().get(pk=pledge.pk)
            send_donor_mail(pledge, "confirmation")
            notify_managers(pledge)
    except IntegrityError:
        # Two submissions with the same key at the same moment: the first one won.
        if submission_key and (existing := Pledge.objects.filter(submission_key=submission_key).first()):
            return PledgeResult(existing, created=False)
        raise
    return PledgeResult(pledge, created=True)


# Changing


def _locked(pledge):
    return Pledge.objects.select_for_update().get(pk=pledge.pk)


def _release(line, quantity):
    """Give ``quantity`` of a line's reservation back to its need."""
    if quantity:
        NeedTally.objects.filter(pk=line.need_id).update(pledged=F("pledged") - quantity)


def _close(pledge, state):
    pledge.state = state
    pledge.closed_at = timezone.now()
    pledge.save(update_fields=["state", "closed_at"])


def cancel_pledge(pledge):
    """The donor (or staff) calls it off: what has not arrived is needed again."""
    with transaction.atomic():
        pledge = _locked(pledge)
        if not pledge.is_open:
            raise PledgeError(_("This pledge is already closed."))
        for line in pledge.lines.all():
            _release(line, line.outstanding)
        _close(pledge, PledgeState.CANCELLED)
        pledge = Pledge.objects.with_lines().get(pk=pledge.pk)
        send_donor_mail(pledge, "cancelled")
    return pledge


def lower_pledge(pledge, new_quantities):
    """Lower some quantities (never below what has arrived); a line lowered to 0 goes away."""
    with transaction.atomic():
        pledge = _locked(pledge)
        if not pledge.is_open:
            raise PledgeError(_("This pledge is already closed."))
        lines = {line.pk: line for line in pledge.lines.all()}
        errors = {}
        for line_id, quantity in new_quantities.items():
            line = lines.get(int(line_id))
            if line is None or quantity is None:
                continue
            if quantity > line.quantity:
                errors[line.pk] = _("You can only lower the quantity here; it was %(count)s.") % {
                    "count": line.quantity
                }
            elif quantity < line.received:
                errors[line.pk] = _("%(count)s have already arrived; the quantity cannot be lower.") % {
                    "count": line.received
                }
        if errors:
            raise PledgeError(_("Please check the quantities."), field_errors=errors)
        remaining = {pk: new_quantities.get(pk, line.quantity) for pk, line in lines.items()}
        if not any(remaining.values()):
            raise PledgeError(_("To give nothing at all, cancel the pledge instead."))
        for pk, line in lines.items():
            quantity = remaining[pk]
            if quantity is None or quantity == line.quantity:
                continue
            _release(line, line.quantity - quantity)
            if quantity == 0:
                line.delete()
            else:
                line.quantity = quantity
                line.save(update_fields=["quantity"])
        pledge = Pledge.objects.with_lines().get(pk=pledge.pk)
        _update_receipt_state(pledge)
    return pledge


def record_receipt(pledge, received_now):
    """Staff record what arrived just now, per line; more than was pledged is refused."""
    with transaction.atomic():
        pledge = _locked(pledge)
        if not pledge.is_open:
            raise PledgeError(
                _("This pledge is %(state)s; record what arrived as a new pledge.")
                % {"state": pledge.get_state_display().lower()}
            )
        lines = {line.pk: line for line in pledge.lines.select_related("need")}
        received_now = {int(pk): int(n) for pk, n in received_now.items() if n}
        if not received_now:
            raise PledgeError(_("Enter how many items arrived."))
        errors = {}
        for line_id, quantity in received_now.items():
            line = lines.get(line_id)
            if line is None:
                continue
            if quantity < 0:
                errors[line_id] = _("Enter a whole number from 0.")
                continue
            updated = PledgeLine.objects.filter(pk=line_id, received__lte=F("quantity") - quantity).update(
                received=F("received") + quantity
            )
            if not updated:
                errors[line_id] = _("Only %(count)s more were pledged.") % {"count": line.outstanding}
                continue
            NeedTally.objects.filter(pk=line.need_id).update(received=F("received") + quantity)
        if errors:
            raise PledgeError(_("More items than pledged cannot be received."), field_errors=errors)
        pledge = Pledge.objects.with_lines().get(pk=pledge.pk)
        _update_receipt_state(pledge)
    return pledge


def _update_receipt_state(pledge):
    lines = list(pledge.lines.all())
    if lines and all(line.received >= line.quantity for line in lines):
        _close(pledge, PledgeState.RECEIVED)
        send_donor_mail(pledge, "thanks")
    elif any(line.received for line in lines) and pledge.state != PledgeState.PARTLY_RECEIVED:
        pledge.state = PledgeState.PARTLY_RECEIVED
        pledge.save(update_fields=["state"])


# Housekeeping (hourly)


def expire_overdue(today=None):
    """Close pledges not brought by their date plus the grace days; their items are needed again."""
    today = today or timezone.localdate()
    grace = CampaignSettings.for_default_site().grace_days
    cutoff = today - timedelta(days=grace)
    expired = []
    for pk in Pledge.objects.open().filter(expected_date__lt=cutoff).values_list("pk", flat=True):
        with transaction.atomic():
            pledge = Pledge.objects.select_for_update().filter(pk=pk, state__in=PledgeState.open_states()).first()
            if pledge is None:  # another run got there first
                continue
            for line in pledge.lines.all():
                _release(line, line.outstanding)
            _close(pledge, PledgeState.EXPIRED)
            pledge = Pledge.objects.with_lines().get(pk=pk)
            send_donor_mail(pledge, "expired")
            expired.append(pledge)
    return expired


def send_reminders(today=None):
    """Remind donors the day before their expected date; each pledge is reminded once."""
    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    reminded = []
    for pk in (
        Pledge.objects.open().filter(expected_date=tomorrow, reminded_at__isnull=True).values_list("pk", flat=True)
    ):
        with transaction.atomic():
            if not Pledge.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=timezone.now()):
                continue
            pledge = Pledge.objects.with_lines().get(pk=pk)
            send_donor_mail(pledge, "reminder")
            reminded.append(pledge)
    return reminded


def housekeeping(today=None):
    return {"expired": expire_overdue(today), "reminded": send_reminders(today)}


# Mail


SUBJECTS = {
    "confirmation": lambda p: _("Thank you for your pledge %(reference)s") % {"reference": p.reference},
    "cancelled": lambda p: _("Your pledge %(reference)s is cancelled") % {"reference": p.reference},
    "reminder": lambda p: _("Reminder: your pledge %(reference)s is due tomorrow") % {"reference": p.reference},
    "expired": lambda p: _("Your pledge %(reference)s has expired") % {"reference": p.reference},
    "thanks": lambda p: _("Everything arrived: thank you! (%(reference)s)") % {"reference": p.reference},
}


def display_lines(pledge, language=None):
    """The pledge's lines, each with ``label``: the need's name in the donor's language where it has one."""
    return label_lines(list(pledge.lines.all()), language or translation.get_language() or pledge.language)


def label_lines(lines, language):
    """Give each line ``label`` in ``language`` with one query, however many pledges the lines come from."""
    keys = {line.need.key for line in lines}
    names = {}
    if keys:
        needs = Need.objects.filter(translation_key__in=keys, locale__language_code=language)
        names = {need.translation_key: str(need) for need in needs}
    for line in lines:
        line.label = names.get(line.need.key) or str(line.need)
    return lines


def mail_context(pledge):
    from home.models import CentreSettings

    site = pledge.campaign.get_site()
    centre = CentreSettings.for_site(site)
    campaign = pledge.campaign.localized
    return {
        "pledge": pledge,
        "lines": display_lines(pledge),
        "campaign": campaign,
        "centre": centre,
        "opening_hours": list(centre.opening_hours.all()),
        "dropoff_address": campaign.dropoff_address or centre.address,
        "private_url": site.root_url + pledge.get_private_url(),
    }


def send_donor_mail(pledge, kind):
    """Queue a message to the donor; a fault in writing it is logged and never undoes the action."""
    try:
        with translation.override(pledge.language):
            context = mail_context(pledge)
            body = render_to_string(f"campaigns/email/{kind}.txt", context)
            EmailMessage(subject=SUBJECTS[kind](pledge), body=body, to=[pledge.email]).send()
    except Exception:
        logger.exception("Could not write the %s mail for pledge %s", kind, pledge.reference)


def manager_addresses():
    User = get_user_model()
    addresses = list(
        User.objects.filter(groups__name=MANAGERS_GROUP, is_active=True).values_list("email", flat=True).distinct()
    )
    extra = CampaignSettings.for_default_site().notify_email
    if extra and extra not in addresses:
        addresses.append(extra)
    return addresses


def notify_managers(pledge):
    addresses = manager_addresses()
    if not addresses:
        return
    try:
        _notify_managers(pledge, addresses)
    except Exception:
        logger.exception("Could not write the staff notice for pledge %s", pledge.reference)


def _notify_managers(pledge, addresses):
    with translation.override(Locale.get_default().language_code):
        context = mail_context(pledge)
        body = render_to_string("campaigns/email/new_pledge_staff.txt", context)
        subject = _("New pledge %(reference)s from %(name)s") % {
            "reference": pledge.reference,
            "name": pledge.donor_name,
        }
        EmailMessage(subject=subject, body=body, to=addresses).send()
