from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureKind(models.TextChoices):
    """How the person asked."""

    ACCOUNT = "account", _("From the account")
    PLEDGE_LINK = "pledge_link", _("From a private pledge link")


class ErasureState(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Completed")
