"""Certificates of volunteering as the centre issued them: what each one said, for its verification page."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentoring.models.records import Application

# No 0/O, 1/I/L, U: a code read off paper is typed back without guessing.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 30**12 ≈ 5·10**17: not found by trying, and the page that checks one is rate-limited
CODE_GROUP = 4


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """A code as stored, however it was typed: in capitals, without spaces or dashes."""
    return "".join(char for char in text.upper() if char.isalnum())


def display_code(code: str) -> str:
    """ "K7QF-9M2X-HT4P": groups of four, as printed on the certificate."""
    return "-".join(code[start : start + CODE_GROUP] for start in range(0, len(code), CODE_GROUP))


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def valid(self) -> "CertificateQuerySet":
        return self.filter(revoked_at=None)


class Certificate(models.Model):
    """A certificate of volunteering a mentor downloaded: the figures as printed, frozen at issue.

    The verification page confirms the name, period and hours from this row, so a month
    approved later never changes what an issued certificate said. The centre can revoke it.
    """

    code = models.CharField(_("verification code"), max_length=CODE_LENGTH, unique=True, default=new_code)
    mentor = models.ForeignKey(
        Application, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="certificates"
    )
    full_name = models.CharField(_("name as printed"), max_length=150)
    first_month = models.DateField(_("first month"))
    last_month = models.DateField(_("last month"))
    hours = models.DecimalField(_("hours approved"), max_digits=7, decimal_places=2)
    meetings = models.PositiveIntegerField(_("meetings"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate of volunteering")
        verbose_name_plural = _("certificates of volunteering")
        ordering = ["-issued_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.display_code} · {self.full_name}"

    @property
    def display_code(self) -> str:
        return display_code(self.code)

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
