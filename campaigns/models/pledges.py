import datetime
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Optional

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.choices import Area, Category, Delivery, PledgeState, Source, Unit
from campaigns.validators import plain_text, single_line
from home import pagecache

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: easy to read out on the phone
SIGNING_SALT = "campaigns.pledge"  # namespaces the private links, not a secret


NOTE_MAX_LENGTH = 2000  # a long paragraph; anything longer is not a note


def new_reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


@dataclass(frozen=True)
class Totals:
    """Needed, pledged and received summed over some tallies: a campaign's page, card or summary row."""

    needed: int = 0
    pledged: int = 0
    received: int = 0

    @classmethod
    def of(cls, tallies: Iterable[Any]) -> "Totals":
        needed = pledged = received = 0
        for tally in tallies:
            needed += tally.needed
            pledged += tally.pledged
            received += tally.received
        return cls(needed, pledged, received)

    @property
    def outstanding(self) -> int:
        """Pledged but not yet on the shelf."""
        return self.pledged - self.received

    @property
    def still_needed(self) -> int:
        return max(0, self.needed - self.pledged)


class NeedTallyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        """Every change of a campaign's figures goes through here (pledges, cancellations, receipts,
        publishing): the cached public pages that show them are old from now on."""
        updated = super().update(**kwargs)
        if updated:
            pagecache.content_changed()
        return updated

    def sync_for(self, campaign: Any, needs: Iterable[Any]) -> None:
        """Create and update the tallies of a campaign's published needs (names, sizes, quantities, order)."""
        existing = self.in_bulk([need.translation_key for need in needs], field_name="key")
        for order, need in enumerate(needs):
            values = {
                "campaign_id": campaign.pk,  # compared by its id: the tally's campaign is not read
                "name": need.name,
                "size": need.size,
                "unit": need.unit,
                "category": need.category,
                "needed": need.quantity,
                "sort_order": order,
                "listed": True,
            }
            tally = existing.get(need.translation_key)
            if tally is None:
                self.create(key=need.translation_key, **values)
            elif any(getattr(tally, name) != value for name, value in values.items()):
                self.filter(pk=tally.pk).update(**values)
        self.filter(campaign=campaign, listed=True).exclude(key__in=[need.translation_key for need in needs]).update(
            listed=False
        )


class NeedTally(models.Model):
    """How much of one need is pledged and received, whatever language the donor used.

    Keyed by the need's translation key, so the Latvian and English pages share
    it; kept out of page revisions so publishing never resets it. The check
    constraints are the last word on over-pledging and over-receiving.
    """

    # Records, not content: Wagtail's reference index ("Usage" in the admin) would gain a row for each,
    # written by a task after every save (a campaign's thousands of pledges); its page is protected
    # from deletion by the foreign key anyway.
    wagtail_reference_index_ignore = True

    key = models.UUIDField(_("need key"), unique=True, editable=False)
    campaign = models.ForeignKey(
        "campaigns.CampaignPage", verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="tallies"
    )
    name = models.CharField(_("item"), max_length=120)
    size = models.CharField(_("size or variant"), max_length=40, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PIECES)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.OTHER)
    sort_order = models.PositiveIntegerField(default=0)
    listed = models.BooleanField(_("on the page"), default=True)
    needed = models.PositiveIntegerField(_("needed"))
    pledged = models.PositiveIntegerField(_("pledged"), default=0)
    received = models.PositiveIntegerField(_("received"), default=0)

    objects = NeedTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("need tally")
        verbose_name_plural = _("need tallies")
        ordering = ["campaign", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(pledged__lte=F("needed")), name="tally_pledged_within_needed"),
            models.CheckConstraint(condition=Q(received__lte=F("pledged")), name="tally_received_within_pledged"),
        ]

    def __str__(self):
        return f"{self.name} {self.size}".strip()

    @property
    def still_needed(self) -> int:
        return Totals.of([self]).still_needed

    @property
    def outstanding(self) -> int:
        return Totals.of([self]).outstanding


class PledgeQuerySet(models.QuerySet):
    def open(self) -> "PledgeQuerySet":
        return self.filter(state__in=PledgeState.open_states())

    def overdue(self, today: datetime.date | None = None) -> "PledgeQuerySet":
        return self.open().filter(expected_date__lt=today or timezone.localdate())

    def with_lines(self) -> "PledgeQuerySet":
        return self.select_related("campaign").prefetch_related(
            models.Prefetch("lines", queryset=PledgeLine.objects.select_related("need").order_by("need__sort_order"))
        )

    def of_user(self, user: Any) -> "PledgeQuerySet":
        return self.filter(Q(donor=user) | Q(email__iexact=user.email))


class Pledge(models.Model):
    """A donor's promise to bring (or have picked up) some of a campaign's needed items."""

    wagtail_reference_index_ignore = True  # as NeedTally: records, not content

    reference = models.CharField(_("reference"), max_length=9, unique=True, default=new_reference, editable=False)
    submission_key = models.UUIDField(_("submission key"), unique=True, null=True, blank=True, editable=False)
    campaign = models.ForeignKey(
        "campaigns.CampaignPage", verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="pledges"
    )
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("donor account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
    )
    donor_name = models.CharField(_("donor's name"), max_length=150, validators=[single_line])
    # Pledges taken by phone may have no e-mail address; the form then asks for a phone number.
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[single_line])
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.BRING)
    expected_date = models.DateField(_("expected date"))
    pickup_area = models.CharField(_("town or parish"), max_length=20, choices=Area.choices, blank=True)
    pickup_address = models.CharField(_("pick-up address"), max_length=200, blank=True, validators=[single_line])
    note = models.TextField(
        _("note"), blank=True, max_length=NOTE_MAX_LENGTH, validators=[MaxLengthValidator(NOTE_MAX_LENGTH), plain_text]
    )
    language = models.CharField(_("language"), max_length=10, default="lv", editable=False)
    source = models.CharField(_("entered"), max_length=10, choices=Source.choices, default=Source.WEB)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_at = models.DateTimeField(_("privacy notice accepted"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=PledgeState.choices, default=PledgeState.PLEDGED)
    created_at = models.DateTimeField(_("pledged at"), default=timezone.now, editable=False)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    # Set when the donor's name, contacts, address and note went (erasure or retention); quantities stay.
    anonymised_at = models.DateTimeField(_("donor's details removed"), null=True, blank=True, editable=False)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "expected_date"])]
        constraints = [
            # Someone must be able to reach the donor: by e-mail, or (for pledges taken by phone) by phone;
            # until the donor's details are removed (``anonymised_at``), when nobody is to be reached.
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone="") | Q(anonymised_at__isnull=False), name="pledge_email_or_phone"
            ),
        ]

    def __str__(self):
        return f"{self.reference} · {self.donor_name}" if self.donor_name else self.reference

    def clean(self) -> None:
        """Someone must be able to reach the donor: pledges made on the site always have an e-mail
        address (the confirmation goes there); staff taking a pledge by phone need it or a phone number."""
        super().clean()
        if self.email or self.anonymised_at:
            return
        if self.source == Source.WEB:
            raise ValidationError(
                {
                    "email": _(
                        "A pledge made on the site keeps its e-mail address: "
                        "the confirmation and the private link went there."
                    )
                }
            )
        if not self.phone.strip():
            raise ValidationError(
                {"email": _("Give an e-mail address or a phone number, so that we can reach the donor.")}
            )

    @property
    def is_open(self) -> bool:
        return self.state in PledgeState.open_states()

    @property
    def status(self) -> PledgeState:
        return PledgeState(self.state)

    @property
    def is_pickup(self) -> bool:
        return self.delivery == Delivery.PICKUP

    @property
    def token(self) -> str:
        return signing.Signer(salt=SIGNING_SALT).sign(self.reference)

    @classmethod
    def from_token(cls, token: str) -> Optional["Pledge"]:
        """The pledge a private link points to, or None when the link was not made by us."""
        try:
            reference = signing.Signer(salt=SIGNING_SALT).unsign(token)
        except signing.BadSignature:
            return None
        return cls.objects.with_lines().filter(reference=reference).first()

    def get_private_url(self) -> str:
        return reverse("campaigns:pledge", args=[self.token])

    def get_confirmation_url(self) -> str:
        return reverse("campaigns:confirmation", args=[self.token])

    def get_calendar_url(self) -> str:
        return reverse("campaigns:calendar", args=[self.token])

    def total_quantity(self) -> int:
        return sum(line.quantity for line in self.lines.all())

    def total_received(self) -> int:
        return sum(line.received for line in self.lines.all())

    def lines_summary(self) -> str:
        return "; ".join(f"{line.need} × {line.quantity} ({line.received})" for line in self.lines.all())

    lines_summary.short_description = _("items (received)")  # type: ignore[attr-defined]


class PledgeLine(models.Model):
    wagtail_reference_index_ignore = True  # as NeedTally: records, not content

    pledge = models.ForeignKey(Pledge, verbose_name=_("pledge"), on_delete=models.CASCADE, related_name="lines")
    need = models.ForeignKey(NeedTally, verbose_name=_("need"), on_delete=models.PROTECT, related_name="lines")
    quantity = models.PositiveIntegerField(_("quantity"))
    received = models.PositiveIntegerField(_("received"), default=0)

    class Meta:
        verbose_name = _("pledged item")
        verbose_name_plural = _("pledged items")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "need"], name="pledge_line_unique_need"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="pledge_line_quantity_positive"),
            models.CheckConstraint(condition=Q(received__lte=F("quantity")), name="pledge_line_received_within"),
        ]

    def __str__(self):
        return f"{self.need} × {self.quantity}"

    @property
    def outstanding(self) -> int:
        return self.quantity - self.received
