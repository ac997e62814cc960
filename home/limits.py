"""Rate limits that fit real people: what counts is what was done, not what was tried.

A form that is refused (a typo, a missing field, a quantity too many) uses up nothing; a
view asks ``refusal()`` before it acts and calls ``count()`` once it has acted. Each limit
counts one thing: the visitor's address (a school or a parish hall is one address for a
room of people, so its limit is generous), an e-mail address, a browser or an account (a few
an hour: one person cannot flood the campaign). A browser is known by the CSRF cookie that
every browser sending a form holds, so that counting a visitor never makes a session (a row,
a cache entry and a cookie that would keep their later page views out of the page cache);
a request without one (a client that skips CSRF) is counted by a session as before.

The rates are settings (``RATE_LIMITS``, from the environment: see the README); the counters
live in django-ratelimit's cache (``RATELIMIT_USE_CACHE``), whose increments are atomic.
"""

import math
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import checks
from django.http import HttpRequest
from django.utils.functional import Promise

from django_ratelimit.core import get_usage

IP = "ip"  # the visitor's address, as accounts.network.client_ip tells it (RATELIMIT_IP_META_KEY)
EMAIL = "email"  # an e-mail address the form was given, however it was written
SESSION = "session"  # the signed-in account, else the browser (its CSRF cookie, else its session)
ACCOUNT = "account"  # the signed-in account

SESSION_LIMIT_ID = "rate_limit_id"  # kept in the session: it survives signing in, which renews the key
RATE = re.compile(r"^[1-9][0-9]*/[0-9]*[smhd]$")


@dataclass(frozen=True)
class Limit:
    """``name`` is the setting's key in ``RATE_LIMITS`` and names the counter; ``message`` is
    what the refused person reads, with ``%(minutes)s`` until they may try again."""

    name: str
    counts: str
    message: str | Promise

    @property
    def rate(self) -> str:
        return settings.RATE_LIMITS[self.name]


def normalise_email(email: str) -> str:
    """One address however it is written: case, and a "+tag" after the name, make no new one."""
    name, _at, domain = email.strip().lower().rpartition("@")
    return f"{name.split('+', 1)[0]}@{domain}" if name else domain


def _value(request: HttpRequest, limit: Limit, email: str | None, create: bool) -> str | None:
    """What ``limit`` counts for this request, or None when there is nothing to count by."""
    if limit.counts == EMAIL:
        return normalise_email(email) if email else None
    user = getattr(request, "user", None)
    if limit.counts in (SESSION, ACCOUNT) and user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    if limit.counts == SESSION:
        browser = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
        if browser:  # django-ratelimit keeps a hash of the value, never the cookie itself
            return f"browser:{browser}"
        session = request.session
        if SESSION_LIMIT_ID not in session:
            if not create:
                return None  # no session yet, so nothing done in it yet
            session[SESSION_LIMIT_ID] = uuid.uuid4().hex
        return f"session:{session[SESSION_LIMIT_ID]}"
    if limit.counts == ACCOUNT:
        return None
    raise ValueError(f"{limit.name}: unknown count {limit.counts!r}")


def _usage(request: HttpRequest, limit: Limit, email: str | None, *, increment: bool) -> dict[str, Any] | None:
    if limit.counts == IP:
        key: Any = IP
    else:
        value = _value(request, limit, email, create=increment)
        if value is None:
            return None
        key = lambda _group, _request: value  # noqa: E731 - django-ratelimit calls it with both
    return get_usage(request, group=f"limits.{limit.name}", key=key, rate=limit.rate, increment=increment)


def refusal(request: HttpRequest, limits: Iterable[Limit], *, email: str | None = None) -> str | None:
    """The message of the first limit this request has used up, or None when it may go on."""
    for limit in limits:
        usage = _usage(request, limit, email, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            minutes = max(1, math.ceil(usage["time_left"] / 60))
            return str(limit.message) % {"minutes": minutes}
    return None


def count(request: HttpRequest, limits: Iterable[Limit], *, email: str | None = None) -> None:
    """Count one thing done against each limit (after it was done, never for a refusal)."""
    for limit in limits:
        _usage(request, limit, email, increment=True)


@checks.register(checks.Tags.caches)
def check_rates(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A rate from the environment that django-ratelimit cannot read would fail every form it guards."""
    return [
        checks.Error(
            f"RATE_LIMITS[{name!r}] is {rate!r}, not a rate such as 60/h.",
            hint="Write a number of times, a slash and a period: 60/h, 5/h, 100/d, 3/10m.",
            id="home.E001",
        )
        for name, rate in getattr(settings, "RATE_LIMITS", {}).items()
        if not isinstance(rate, str) or not RATE.match(rate)
    ]
