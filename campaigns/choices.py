from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Category(models.TextChoices):
    STATIONERY = "stationery", _("Stationery")
    SCHOOL_BAGS = "school_bags", _("School bags")
    SHOES = "shoes", _("Shoes")
    CLOTHING = "clothing", _("Clothing")
    HYGIENE = "hygiene", _("Hygiene")
    TOYS = "toys", _("Toys")
    OTHER = "other", _("Other")


class Unit(models.TextChoices):
    PIECES = "pieces", _("pieces")
    PAIRS = "pairs", _("pairs")
    SETS = "sets", _("sets")


HOW_MANY = {
    # "How many?" takes the genitive plural in Latvian: "Cik gabalu / pāru / komplektu dosiet?"
    Unit.PIECES: _("How many pieces will you give?"),
    Unit.PAIRS: _("How many pairs will you give?"),
    Unit.SETS: _("How many sets will you give?"),
}


def quantity_text(number: int, unit: str) -> str:
    """ "1 pair", "2 pairs", "21 pairs": the unit agrees with the number in every language."""
    if unit == Unit.PAIRS:
        text = ngettext("%(count)s pair", "%(count)s pairs", number)
    elif unit == Unit.SETS:
        text = ngettext("%(count)s set", "%(count)s sets", number)
    else:
        text = ngettext("%(count)s piece", "%(count)s pieces", number)
    return text % {"count": number}


class Priority(models.IntegerChoices):
    URGENT = 1, _("Urgent")
    NORMAL = 2, _("Normal")
    LOW = 3, _("Nice to have")


class PledgeState(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    PARTLY_RECEIVED = "partly_received", _("Partly received")
    RECEIVED = "received", _("Received")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")

    @classmethod
    def open_states(cls) -> list["PledgeState"]:
        """States in which items are still expected, so the quantity stays reserved."""
        return [cls.PLEDGED, cls.PARTLY_RECEIVED]

    @property
    def is_received(self) -> bool:
        return self is PledgeState.RECEIVED

    @property
    def is_cancelled(self) -> bool:
        return self is PledgeState.CANCELLED

    @property
    def is_expired(self) -> bool:
        return self is PledgeState.EXPIRED


class PeriodState(models.TextChoices):
    """Where a campaign stands today; only an open campaign takes pledges from the public."""

    OPEN = "open", _("Running")
    COMING = "coming", _("Coming")
    ENDED = "ended", _("Ended")
    UNPUBLISHED = "unpublished", _("Not published")

    # Templates ask these instead of comparing with the stored codes.
    @property
    def is_open(self) -> bool:
        return self is PeriodState.OPEN

    @property
    def is_coming(self) -> bool:
        return self is PeriodState.COMING

    @property
    def is_ended(self) -> bool:
        return self is PeriodState.ENDED

    @property
    def is_unpublished(self) -> bool:
        return self is PeriodState.UNPUBLISHED


class Delivery(models.TextChoices):
    BRING = "bring", _("I will bring the items to the centre")
    PICKUP = "pickup", _("Please pick the items up from me")


class Source(models.TextChoices):
    WEB = "web", _("Web form")
    PHONE = "phone", _("By phone")


class Area(models.TextChoices):
    """Towns and parishes of Bauska municipality: pick-ups are made only there. Place names stay in Latvian."""

    BAUSKA = "bauska", "Bauska"
    IECAVA = "iecava", "Iecava"
    BARBELE = "barbele", "Bārbeles pagasts"
    BRUNAVA = "brunava", "Brunavas pagasts"
    CERAUKSTE = "ceraukste", "Ceraukstes pagasts"
    CODE = "code", "Codes pagasts"
    DAVINI = "davini", "Dāviņu pagasts"
    GAILISI = "gailisi", "Gailīšu pagasts"
    IECAVAS_PAGASTS = "iecavas_pagasts", "Iecavas pagasts"
    ISLICE = "islice", "Īslīces pagasts"
    KURMENE = "kurmene", "Kurmenes pagasts"
    MEZOTNE = "mezotne", "Mežotnes pagasts"
    RUNDALE = "rundale", "Rundāles pagasts"
    SKAISTKALNE = "skaistkalne", "Skaistkalnes pagasts"
    STELPE = "stelpe", "Stelpes pagasts"
    SVITENE = "svitene", "Svitenes pagasts"
    VALLE = "valle", "Valles pagasts"
    VECSAULE = "vecsaule", "Vecsaules pagasts"
    VECUMNIEKI = "vecumnieki", "Vecumnieku pagasts"
    VIESTURI = "viesturi", "Viesturu pagasts"
