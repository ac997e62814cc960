from django.db import models
from django.utils.translation import gettext_lazy as _


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
    def open_states(cls):
        """States in which items are still expected, so the quantity stays reserved."""
        return [cls.PLEDGED, cls.PARTLY_RECEIVED]


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
