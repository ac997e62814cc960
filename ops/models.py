"""Rate-limit counters, when there is no Redis (``ops.cache.DatabaseCounterCache``)."""

from django.db import models


class RateCounter(models.Model):
    """One counter of a rate limit: how many times something happened in its window.

    A row of its own per counter, so that the database adds to it in one statement
    (``value = value + 1``) however many requests count at the same moment.
    """

    key = models.CharField(max_length=250, primary_key=True)
    value = models.BigIntegerField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "rate-limit counter"

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"
