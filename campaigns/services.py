"""The campaign's business actions. Views, forms, the admin and the commands call these.

Each action is atomic and sends its own mail through ``home.mail.send_templated``,
which queues it only once the transaction has committed, so a failing mail
server or a broken template can never undo or lose a pledge. A new pledge's
mails are written by the task worker once it has committed (``create_pledge``):
the donor's request only reserves and records.

A rule that says no raises ``django.core.exceptions.ValidationError``; where a
field is at fault it is keyed by the form field's name (``need_field``,
``line_field`` or the pledge's own field names), so ``home.forms.add_service_errors``
puts the message beside it.

Over-pledging is decided by the database: ``create_pledge`` reserves each
quantity with a conditional ``UPDATE ... SET pledged = pledged + n WHERE
pledged <= needed - n``; when two donors race for the last items, the row lock
that UPDATE takes makes the second one re-check the condition against the
first one's result, and a check constraint on the tally backs it up.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.log_actions import log

from campaigns.choices import Category, Delivery, PledgeState, Source, quantity_text
from campaigns.models import CampaignPage, CampaignSettings, Need, NeedTally, Pledge, PledgeLine
from home.charts import bar_rows
from home.figures import PEOPLE, THINGS, Chart, Figure, FigureSource, agreeing, cell
from home.links import absolute_url, page_url
from home.mail import send_templated
from home.models import CentreSettings
from privacy.models import RetentionSettings
from privacy.services import record_link_erasure, relabel_history
from privacy.sources import Item, Record, Removals, Section, item

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

logger = logging.getLogger(__name__)

MANAGERS_GROUP = "Campaign managers"
# The same donor pledging the same items again this soon has most likely gone back and sent the form twice.
REPEAT_WINDOW = datetime.timedelta(minutes=30)
MAIL = "campaigns/email/"


def need_field(tally_id: int) -> str:
    """The pledge form's quantity field for a need (refusals about a need are keyed by it)."""
    return f"need_{tally_id}"


def line_field(line_id: int) -> str:
    """The field of a pledge line in the lower, receive and cancel forms."""
    return f"line_{line_id}"


def still_needed_message(left: int) -> str:
    if left <= 0:
        return _("This item is no longer needed: others have pledged all of it.")
    return ngettext("Only %(count)s is still needed.", "Only %(count)s are still needed.", left) % {"count": left}


class NotEnoughLeft(ValidationError):
    """Someone was quicker: each short need's quantity field says how many are still needed.

    ``remaining`` maps need tally ids to what is left, for callers that want the numbers.
    """

    def __init__(self, remaining: Mapping[int, int]) -> None:
        self.remaining = dict(remaining)
        errors: dict[str, Any] = {
            NON_FIELD_ERRORS: [
                ValidationError(_("Some items are no longer needed in the quantity you chose."), code="not_enough")
            ]
        }
        for tally_id, left in self.remaining.items():
            errors[need_field(tally_id)] = [ValidationError(still_needed_message(left), code="not_enough")]
        super().__init__(errors)


class RepeatedPledge(ValidationError):
    """The same donor pledged the same items a moment ago (``pledge``): a second one only when they confirm."""

    code = "repeat"

    def __init__(self, pledge: Pledge) -> None:
        self.pledge = pledge
        moment = timezone.localtime(pledge.created_at)
        super().__init__(
            _(
                "At %(time)s you already pledged these same items from this e-mail address (reference "
                "%(reference)s); the confirmation with its private link went to that address. "
                "Do you want to make a second pledge as well?"
            )
            % {"time": formats.time_format(moment, "H:i"), "reference": pledge.reference},
            code=self.code,
        )


@dataclass
class PledgeResult:
    pledge: Pledge
    created: bool


@dataclass
class DonorDetails:
    donor_name: str
    email: str
    expected_date: datetime.date
    delivery: str = Delivery.BRING
    phone: str = ""
    pickup_area: str = ""
    pickup_address: str = ""
    note: str = ""


# Creating


def create_pledge(
    campaign: CampaignPage,
    quantities: Mapping[int, int | None],
    details: DonorDetails,
    *,
    submission_key: Any = None,
    donor: "User | None" = None,
    entered_by: "User | None" = None,
    language: str | None = None,
    repeat: bool = False,
) -> PledgeResult:
    """Reserve the quantities and record the pledge; a repeated ``submission_key`` returns the first pledge.

    ``quantities`` maps need tally ids to whole numbers from 1. Staff entering a
    pledge taken by phone (``entered_by``) may do so outside the campaign period
    and without an e-mail address. A donor who pledged the very same items in
    the last ``REPEAT_WINDOW`` is asked first (``RepeatedPledge``); ``repeat``
    says they meant it.
    """
    campaign = campaign.source
    asks_about_repeats = entered_by is None and not repeat
    existing, recent = _earlier_pledges(campaign, submission_key, details.email if asks_about_repeats else "")
    if existing is not None:
        return PledgeResult(existing, created=False)
    if entered_by is None and not campaign.accepts_pledges():
        raise ValidationError(_("This campaign is not taking pledges now."), code="closed")
    chosen = {int(need_id): int(quantity) for need_id, quantity in quantities.items() if quantity}
    if not chosen:
        raise ValidationError(_("Choose at least one item and how many you will give."), code="nothing")
    if any(quantity < 1 for quantity in chosen.values()):
        raise ValidationError(
            {need_field(pk): _("Quantities are whole numbers from 1.") for pk, n in chosen.items() if n < 1}
        )

    pledge = Pledge(
        campaign=campaign,
        submission_key=submission_key,
        donor=donor,
        entered_by=entered_by,
        source=Source.PHONE if entered_by else Source.WEB,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
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
    _check_details(pledge)
    if asks_about_repeats and (earlier := _same_pledge_just_now(recent, chosen)):
        raise RepeatedPledge(earlier)

    try:
        with transaction.atomic():
            pledge.save()
            short = []
            # A fixed order of row locks: two pledges for the same needs never deadlock.
            for need_id in sorted(chosen):
                quantity = chosen[need_id]
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
                PledgeLine(pledge=pledge, need_id=need_id, quantity=quantity) for need_id, quantity in chosen.items()
            )
            transaction.on_commit(partial(_queue_new_pledge_mails, pledge.pk))
    except IntegrityError:
        # Two submissions with the same key at the same moment: the first one won.
        if submission_key and (existing := Pledge.objects.filter(submission_key=submission_key).first()):
            return PledgeResult(existing, created=False)
        raise
    return PledgeResult(pledge, created=True)


def _queue_new_pledge_mails(pledge_id: int) -> None:
    from campaigns.tasks import new_pledge_mails  # (the task module imports this one)

    new_pledge_mails.enqueue(pledge_id)


def mail_new_pledge(pledge_id: int) -> None:
    """The donor's confirmation and the managers' notice of a new pledge. ``create_pledge`` has the
    worker write them (``campaigns.tasks.new_pledge_mails``) once the pledge is committed: writing
    them cost more than the rest of a pledge, and the donor waits for none of it."""
    pledge = Pledge.objects.with_lines().filter(pk=pledge_id).first()
    if pledge is None:  # deleted in the meantime
        return
    mail_donor(pledge, "confirmation")
    notify_managers(pledge)


def _check_details(pledge: Pledge) -> None:
    """The model's own rules on what was typed (one line, lengths, e-mail or phone), keyed by field."""
    errors: dict[str, Any] = {}
    try:
        pledge.clean_fields(exclude=["campaign", "reference", "submission_key", "donor", "entered_by"])
    except ValidationError as error:
        errors.update(error.error_dict)
    try:
        pledge.clean()
    except ValidationError as error:
        for name, messages in error.update_error_dict({}).items():
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)


def _earlier_pledges(campaign: CampaignPage, submission_key: Any, email: str) -> tuple[Pledge | None, list[Pledge]]:
    """In one query: the pledge already made with ``submission_key`` (a double submit), else the open
    pledges from ``email`` for this campaign within the repeat window, newest first, with their lines."""
    if not submission_key and not email:
        return None, []
    if submission_key:
        submission_key = Pledge._meta.get_field("submission_key").to_python(submission_key)
    wanted = Q(submission_key=submission_key) if submission_key else Q(pk__in=[])
    if email:
        wanted |= Q(
            state__in=PledgeState.open_states(),
            campaign=campaign,
            email__iexact=email,
            created_at__gte=timezone.now() - REPEAT_WINDOW,
        )
    # No page row: the lines are all that a repeat is compared by and shown with.
    found = list(Pledge.objects.filter(wanted).with_lines().select_related(None).order_by("-created_at"))
    existing = next((pledge for pledge in found if submission_key and pledge.submission_key == submission_key), None)
    return existing, found


def _same_pledge_just_now(recent: list[Pledge], quantities: Mapping[int, int]) -> Pledge | None:
    """Of the donor's ``recent`` open pledges (``_earlier_pledges``), one with exactly these quantities."""
    for earlier in recent:
        if {line.need_id: line.quantity for line in earlier.lines.all()} == dict(quantities):
            return earlier
    return None


# Changing


def _locked(pledge: Pledge) -> Pledge:
    return Pledge.objects.select_for_update().get(pk=pledge.pk)


def _refuse_if_closed(pledge: Pledge) -> None:
    if not pledge.is_open:
        raise ValidationError(_("This pledge is already closed."), code="closed")


def _release(line: PledgeLine, quantity: int) -> None:
    """Give ``quantity`` of a line's reservation back to its need."""
    if quantity:
        NeedTally.objects.filter(pk=line.need_id).update(pledged=F("pledged") - quantity)


def _close(pledge: Pledge, state: PledgeState) -> None:
    pledge.state = state
    pledge.closed_at = timezone.now()
    pledge.save(update_fields=["state", "closed_at"])


def cancel_pledge(pledge: Pledge, *, by: "User | None" = None, reason: str = "") -> Pledge:
    """The donor (from the private link) or staff (with a reason) call a pledge off: what has not arrived
    is needed again, the donor is told, and the pledge's history says who and why."""
    if by is not None and not reason.strip():
        raise ValidationError({"reason": _("Say why the pledge is cancelled; the donor reads it.")})
    with transaction.atomic():
        pledge = _locked(pledge)
        _refuse_if_closed(pledge)
        for line in pledge.lines.all():
            _release(line, line.outstanding)
        _close(pledge, PledgeState.CANCELLED)
        log(pledge, "campaigns.cancel", user=by, data={"reason": reason.strip()})
        pledge = Pledge.objects.with_lines().get(pk=pledge.pk)
        mail_donor(pledge, "cancelled", reason=reason.strip(), by_staff=by is not None)
    return pledge


def cancel_line(pledge: Pledge, line_id: int, *, by: "User", reason: str) -> Pledge:
    """Staff call off one item of a pledge: what has not arrived of it is needed again, the rest stands.

    The line keeps what already arrived; a line with nothing arrived goes, and a
    pledge left with no lines is cancelled as a whole.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the item is cancelled; the donor reads it.")})
    with transaction.atomic():
        pledge = _locked(pledge)
        _refuse_if_closed(pledge)
        line = pledge.lines.select_related("need").filter(pk=line_id).first()
        if line is None or not line.outstanding:
            raise ValidationError({"scope": _("Nothing of this item is still expected.")})
        freed = line.outstanding
        _release(line, freed)
        if line.received:
            line.quantity = line.received
            line.save(update_fields=["quantity"])
        else:
            line.delete()
        log(
            pledge,
            "campaigns.cancel_line",
            user=by,
            data={"reason": reason.strip(), "item": str(line.need), "quantity": freed},
        )
        if not pledge.lines.exists():
            _close(pledge, PledgeState.CANCELLED)
        pledge = Pledge.objects.with_lines().get(pk=pledge.pk)
        if pledge.is_open:
            _update_receipt_state(pledge, thank=False)
        mail_donor(pledge, "line_cancelled", reason=reason.strip(), cancelled_item=line.need, freed=freed)
    return pledge


def lower_pledge(pledge: Pledge, new_quantities: Mapping[int, int | None]) -> Pledge:
    """Lower some quantities (never below what has arrived); a line lowered to 0 goes away."""
    with transaction.atomic():
        pledge = _locked(pledge)
        _refuse_if_closed(pledge)
        lines = {line.pk: line for line in pledge.lines.select_related("need")}
        errors: dict[str, Any] = {}
        for line_id, quantity in new_quantities.items():
            line = lines.get(int(line_id))
            if line is None or quantity is None:
                continue
            if quantity > line.quantity:
                errors[line_field(line.pk)] = _("You can only lower the quantity here; it was %(quantity)s.") % {
                    "quantity": quantity_text(line.quantity, line.need.unit)
                }
            elif quantity < line.received:
                errors[line_field(line.pk)] = ngettext(
                    "%(quantity)s has already arrived; the quantity cannot be lower.",
                    "%(quantity)s have already arrived; the quantity cannot be lower.",
                    line.received,
                ) % {"quantity": quantity_text(line.received, line.need.unit)}
        if errors:
            errors[NON_FIELD_ERRORS] = _("Please check the quantities.")
            raise ValidationError(errors)
        remaining = {pk: new_quantities.get(pk, line.quantity) for pk, line in lines.items()}
        if not any(remaining.values()):
            raise ValidationError(_("To give nothing at all, cancel the pledge instead."), code="empty")
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


def record_receipt(pledge: Pledge, received_now: Mapping[int, int | None]) -> Pledge:
    """Staff record what arrived just now, per line; more than was pledged is refused.

    The donor is thanked for what arrived: in full when everything is there, else
    for this delivery, with what is still expected.
    """
    with transaction.atomic():
        pledge = _locked(pledge)
        if not pledge.is_open:
            raise ValidationError(
                _("This pledge is %(state)s; record what arrived as a new pledge.")
                % {"state": pledge.get_state_display().lower()},
                code="closed",
            )
        lines = {line.pk: line for line in pledge.lines.select_related("need")}
        arrived = {int(pk): int(n) for pk, n in received_now.items() if n}
        if not arrived:
            raise ValidationError(_("Enter how many items arrived."), code="nothing")
        errors: dict[str, Any] = {}
        for line_id, quantity in arrived.items():
            line = lines.get(line_id)
            if line is None:
                continue
            if quantity < 0:
                errors[line_field(line_id)] = _("Enter a whole number from 0.")
                continue
            updated = PledgeLine.objects.filter(pk=line_id, received__lte=F("quantity") - quantity).update(
                received=F("received") + quantity
            )
            if not updated:
                errors[line_field(line_id)] = _("Only %(count)s more were pledged.") % {"count": line.outstanding}
                continue
            NeedTally.objects.filter(pk=line.need_id).update(received=F("received") + quantity)
        if errors:
            errors[NON_FIELD_ERRORS] = _("More items than pledged cannot be received.")
            raise ValidationError(errors)
        pledge = Pledge.objects.with_lines().get(pk=pledge.pk)
        if not _update_receipt_state(pledge):
            mail_donor(pledge, "partly_received", arrived_now=_arrived_now(pledge, arrived))
    return pledge


def _arrived_now(pledge: Pledge, arrived: Mapping[int, int]) -> list[tuple[PledgeLine, int]]:
    return [(line, arrived[line.pk]) for line in pledge.lines.all() if arrived.get(line.pk)]


def _update_receipt_state(pledge: Pledge, *, thank: bool = True) -> bool:
    """Move the state on from what the lines say; True (and the full thank-you) when everything arrived."""
    lines = list(pledge.lines.all())
    if lines and all(line.received >= line.quantity for line in lines):
        _close(pledge, PledgeState.RECEIVED)
        if thank:
            mail_donor(pledge, "thanks")
        return True
    if any(line.received for line in lines) and pledge.state != PledgeState.PARTLY_RECEIVED:
        pledge.state = PledgeState.PARTLY_RECEIVED
        pledge.save(update_fields=["state"])
    return False


# Housekeeping (hourly)


def expire_overdue(today: datetime.date | None = None) -> list[Pledge]:
    """Close pledges not brought by their date plus the grace days; their items are needed again."""
    today = today or timezone.localdate()
    grace = CampaignSettings.for_default_site().grace_days
    cutoff = today - datetime.timedelta(days=grace)
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
            mail_donor(pledge, "expired")
            expired.append(pledge)
    return expired


def send_reminders(today: datetime.date | None = None) -> list[Pledge]:
    """Remind donors the day before their expected date; each pledge is reminded once."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    reminded = []
    due = Pledge.objects.open().filter(expected_date=tomorrow, reminded_at__isnull=True).exclude(email="")
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            if not Pledge.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=timezone.now()):
                continue
            pledge = Pledge.objects.with_lines().get(pk=pk)
            mail_donor(pledge, "reminder")
            reminded.append(pledge)
    return reminded


def housekeeping(today: datetime.date | None = None) -> dict[str, list[Pledge]]:
    return {"expired": expire_overdue(today), "reminded": send_reminders(today)}


# Figures for the impact page and the home page (home.figures): only what the tallies count,
# that is pledges still open or brought (a cancelled or expired pledge gives its quantity back),
# and what staff recorded as received.

FIGURE_CAMPAIGNS = 8  # the impact page's chart shows the latest campaigns


def figure_choices() -> list[tuple[str, Any]]:
    return [
        ("campaigns.items_pledged", gettext_lazy("Items pledged (all campaigns)")),
        ("campaigns.items_received", gettext_lazy("Items received (all campaigns)")),
        ("campaigns.donors_thanked", gettext_lazy("Donors thanked for what they brought")),
    ]


def figures(keys: Collection[str] | None = None) -> list[Figure]:
    """Items pledged and received over every published campaign, and the donors thanked (a pledge
    of which something arrived: the donor got a thank-you)."""
    wanted = set(keys) if keys is not None else {key for key, _label in figure_choices()}
    found = []
    if wanted & {"campaigns.items_pledged", "campaigns.items_received"}:
        totals = NeedTally.objects.filter(campaign__live=True).aggregate(
            pledged=Coalesce(Sum("pledged"), 0), received=Coalesce(Sum("received"), 0)
        )
        found += [
            Figure(
                "campaigns.items_pledged",
                ngettext("item pledged", "items pledged", agreeing(totals["pledged"], THINGS)),
                totals["pledged"],
                THINGS,
            ),
            Figure(
                "campaigns.items_received",
                ngettext("item received", "items received", agreeing(totals["received"], THINGS)),
                totals["received"],
                THINGS,
            ),
        ]
    if "campaigns.donors_thanked" in wanted:
        thanked = Pledge.objects.filter(lines__received__gt=0).distinct().count()
        label = ngettext(
            "donor thanked for what they brought", "donors thanked for what they brought", agreeing(thanked)
        )
        found.append(Figure("campaigns.donors_thanked", label, thanked, PEOPLE))
    return [figure for figure in found if figure.key in wanted]


def figure_charts() -> list[Chart]:
    """Pledged and received per campaign (the latest) and per category, as rows (two queries)."""
    series = [_("pledged"), _("received")]
    language = translation.get_language() or settings.LANGUAGE_CODE
    titles = CampaignPage.objects.filter(
        translation_key=OuterRef("campaign__translation_key"), locale__language_code=language
    ).values("title")[:1]
    per_campaign = list(
        NeedTally.objects.filter(campaign__live=True)
        .values("campaign_id")
        .annotate(
            title=Coalesce(Subquery(titles), F("campaign__title")),
            start=F("campaign__start_date"),
            pledged_items=Sum("pledged"),
            received_items=Sum("received"),
        )
        .order_by("-start", "-campaign_id")[:FIGURE_CAMPAIGNS]
    )
    per_category = (
        NeedTally.objects.filter(campaign__live=True)
        .values("category")
        .annotate(pledged_items=Sum("pledged"), received_items=Sum("received"))
        .order_by("category")
    )
    labels = dict(Category.choices)
    categories = sorted(
        ((str(labels.get(row["category"], row["category"])), row) for row in per_category),
        key=lambda pair: -pair[1]["pledged_items"],
    )

    def values(row: Mapping[str, Any]) -> list[tuple[int, str]]:
        return [(row[name], cell(row[name]).text) for name in ("pledged_items", "received_items")]

    charts = []
    if per_campaign:
        charts.append(
            Chart(
                key="campaigns.per_campaign",
                title=_("Each campaign"),
                caption=_("Items pledged and received in each campaign"),
                drawing=bar_rows([(row["title"], values(row)) for row in per_campaign], series),
                label_heading=_("Campaign"),
            )
        )
    if categories:
        charts.append(
            Chart(
                key="campaigns.per_category",
                title=_("What was given"),
                caption=_("Items pledged and received by category, all campaigns"),
                drawing=bar_rows([(label, values(row)) for label, row in categories], series),
                label_heading=_("Category"),
            )
        )
    return charts


def figure_source() -> FigureSource:
    return FigureSource(
        name="campaigns",
        title=gettext_lazy("Family to family"),
        choices=figure_choices,
        figures=figures,
        charts=figure_charts,
        order=20,
    )


# What pages and mail show


def display_lines(pledge: Pledge, language: str | None = None) -> list[PledgeLine]:
    """The pledge's lines, each with ``label``: the need's name in the donor's language where it has one."""
    return label_lines(list(pledge.lines.all()), language or translation.get_language() or pledge.language)


def label_lines(lines: list[PledgeLine], language: str) -> list[PledgeLine]:
    """Give each line ``label`` in ``language`` with one query, however many pledges the lines come from."""
    keys = {line.need.key for line in lines}
    names: dict[Any, str] = {}
    if keys:
        needs = Need.objects.filter(translation_key__in=keys, locale__language_code=language)
        names = {need.translation_key: str(need) for need in needs}
    for line in lines:
        line.label = names.get(line.need.key) or str(line.need)  # type: ignore[attr-defined]
    return lines


def label_campaigns(pledges: list[Pledge], language: str) -> list[Pledge]:
    """Give each pledge ``campaign_title``: its campaign's title in ``language`` (one query for them all)."""
    keys = {pledge.campaign.translation_key for pledge in pledges}
    titles: dict[Any, str] = {}
    if keys:
        pages = CampaignPage.objects.filter(translation_key__in=keys, locale__language_code=language)
        titles = dict(pages.values_list("translation_key", "title"))
    for pledge in pledges:
        pledge.campaign_title = titles.get(pledge.campaign.translation_key) or pledge.campaign.title  # type: ignore[attr-defined]
    return pledges


def pledge_context(pledge: Pledge, centre: CentreSettings | None = None) -> dict[str, Any]:
    """What the confirmation, the private page and every mail about a pledge show, in the active language."""
    campaign = pledge.campaign.localized
    lines = display_lines(pledge)
    return {
        "pledge": pledge,
        "campaign": campaign,
        "lines": lines,
        "arrived": [line for line in lines if line.received],
        "outstanding": [line for line in lines if line.outstanding],
        "dropoff": campaign.dropoff(centre),
    }


def scan_url(pledge: Pledge, request: "HttpRequest | None" = None) -> str:
    """The address in the pledge's QR code: the admin's page for recording what arrived.

    It names the pledge by its reference only, never the donor's private link: whoever scans it
    without being a Campaign manager signed in to the admin learns nothing about the pledge.
    """
    return absolute_url(reverse("pledge:scan", args=[pledge.reference]), request)


def _mail_context(pledge: Pledge, **extra: Any) -> dict[str, Any]:
    context = pledge_context(pledge)
    context["private_url"] = absolute_url(pledge.get_private_url())
    context["calendar_url"] = absolute_url(pledge.get_calendar_url())
    context["campaign_url"] = page_url(context["campaign"])
    context.update(extra)
    return context


def mail_donor(pledge: Pledge, name: str, **extra: Any) -> bool:
    """Queue the message ``name`` to the donor in their language; a pledge taken by phone may have no
    address, and then nothing is sent. A fault in writing it is logged and never undoes the action."""
    if not pledge.email:
        return False
    try:
        with translation.override(pledge.language):
            context = _mail_context(pledge, **extra)
    except Exception:
        logger.exception("Could not prepare the %s mail for pledge %s", name, pledge.reference)
        return False
    return send_templated(MAIL + name, context, pledge.email, language=pledge.language)


def manager_addresses() -> dict[str, list[str]]:
    """Who hears of new pledges, by the language each reads the admin in."""
    User = get_user_model()
    by_language: dict[str, list[str]] = defaultdict(list)
    rows = (
        User.objects.filter(groups__name=MANAGERS_GROUP, is_active=True)
        .values_list("email", "wagtail_userprofile__preferred_language")
        .distinct()
    )
    for email, language in rows:
        by_language[language or settings.LANGUAGE_CODE].append(email)
    extra = CampaignSettings.for_default_site().notify_email
    if extra and not any(extra in addresses for addresses in by_language.values()):
        by_language[settings.LANGUAGE_CODE].append(extra)
    return dict(by_language)


def notify_managers(pledge: Pledge) -> None:
    """Tell the Campaign managers of a new pledge, each in their own language."""
    for language, addresses in manager_addresses().items():
        try:
            with translation.override(language):
                context = _mail_context(pledge, admin_url=absolute_url(reverse("pledge:inspect", args=[pledge.pk])))
        except Exception:
            logger.exception("Could not prepare the staff notice for pledge %s", pledge.reference)
            continue
        send_templated(MAIL + "new_pledge_staff", context, addresses, language=language)


# Personal data: what a donor can download, and how it is erased and expires

ERASURE_NOTE = gettext_lazy(
    "Your pledges stay in the campaign's figures (what was pledged and received, and when), without your "
    "name, e-mail address, phone, address or note. A pledge still open is cancelled: its items are offered "
    "to other donors again."
)
DONOR_DETAILS = ["donor_name", "email", "phone", "pickup_address", "note"]


def holds_pledges(user: "User") -> bool:
    return Pledge.objects.of_user(user).filter(anonymised_at=None).exists()


def personal_data(user: "User") -> list[Section]:
    """The donor's pledges: made from their account or with their e-mail address."""
    pledges = list(Pledge.objects.of_user(user).with_lines().order_by("created_at"))
    label_lines([line for pledge in pledges for line in pledge.lines.all()], translation.get_language() or "lv")
    records = []
    for pledge in pledges:
        items = [
            item(pledge, name)
            for name in ["reference", "state", "created_at", "donor_name", "email", "phone", "delivery"]
            + ["expected_date", "pickup_area", "pickup_address", "note", "consent_at", "closed_at"]
        ]
        items.insert(1, Item("campaign", _("campaign"), pledge.campaign.localized.title))
        lines = [
            _("%(item)s: %(pledged)s pledged, %(received)s received")
            % {"item": line.label, "pledged": line.quantity, "received": line.received}
            for line in pledge.lines.all()
        ]
        items.append(Item("items", _("items"), lines))
        records.append(Record(pledge.reference, items))
    return [Section("pledges", _("Pledges"), records)]


def anonymise_pledges(pledges: "QuerySet[Pledge]") -> Removals:
    """The donors' details go from these pledges; what was pledged and received stays in the figures.
    A pledge still open is cancelled first, so that its items are needed again."""
    removed = Removals()
    for pledge in pledges.filter(anonymised_at=None).select_for_update():
        if pledge.is_open:
            for line in pledge.lines.all():
                _release(line, line.outstanding)
            _close(pledge, PledgeState.CANCELLED)
            log(pledge, "campaigns.cancel", data={"reason": ""})
        for name in DONOR_DETAILS:
            setattr(pledge, name, "")
        pledge.donor = None
        pledge.anonymised_at = timezone.now()
        pledge.save(update_fields=[*DONOR_DETAILS, "donor", "anonymised_at"])
        relabel_history([pledge], drop=("reason",))
        removed.add(Pledge, Removals.ANONYMISED, 1)
    return removed


def erase_donor(user: "User") -> Removals:
    """A signed-in donor asked for erasure: their pledges are anonymised at once."""
    with transaction.atomic():
        return anonymise_pledges(Pledge.objects.of_user(user))


def _erased_with(pledge: Pledge) -> "QuerySet[Pledge]":
    """What an erasure through ``pledge``'s private link covers: every pledge made with its e-mail
    address (the link went to that mailbox), or this pledge alone when it has none."""
    if pledge.email:
        return Pledge.objects.filter(email__iexact=pledge.email)
    return Pledge.objects.filter(pk=pledge.pk)


def pledges_erased_with(pledge: Pledge) -> list[str]:
    """The references of the pledges the private link's erasure would cover (the page lists them)."""
    return list(_erased_with(pledge).filter(anonymised_at=None).values_list("reference", flat=True))


def erase_by_link(pledge: Pledge) -> Removals:
    """A donor erases their details through a private pledge link (``_erased_with`` says which pledges).
    The donor is told by mail, and the centre keeps a record of the erasure (``privacy``)."""
    email, language = pledge.email, pledge.language
    with transaction.atomic():
        removed = anonymise_pledges(_erased_with(pledge))
        if removed:
            record_link_erasure(removed, email=email, language=language)
    return removed


def apply_retention(periods: RetentionSettings, today: datetime.date) -> Removals:
    """Donors' details go once the campaign has been over for the centre's period (``RetentionSettings``)."""
    ended = CampaignPage.objects.filter(end_date__lte=periods.donor_contacts_cutoff(today))
    return anonymise_pledges(Pledge.objects.filter(campaign__in=ended))
