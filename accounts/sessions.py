"""Staff sessions end sooner: after ``STAFF_SESSION_IDLE_TIMEOUT`` seconds without a request and
``STAFF_SESSION_MAX_AGE`` seconds after signing in, whatever happens in between. Everyone
else keeps Django's ``SESSION_COOKIE_AGE``. ``accounts.middleware.StaffSessionMiddleware``
applies it on every request; these functions hold the rule."""

import time

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.http import HttpRequest
from django.utils.translation import ngettext

from accounts.staff import can_use_admin

STAFF = "portal.staff_session"
SIGNED_IN_AT = "portal.signed_in_at"
LAST_SEEN = "portal.last_seen"
# The last-seen time is written at most this often, so that a busy editor's clicks do not
# each save the session; the idle timeout is that much less exact.
LAST_SEEN_RESOLUTION = 60


def start(request: HttpRequest, user: AbstractUser) -> None:
    """At sign-in (and when a session first reaches the admin): start the staff clock."""
    if not can_use_admin(user):
        return
    now = time.time()
    request.session[STAFF] = True
    request.session.setdefault(SIGNED_IN_AT, now)
    request.session[LAST_SEEN] = now
    request.session.set_expiry(settings.STAFF_SESSION_IDLE_TIMEOUT)


def is_staff_session(request: HttpRequest) -> bool:
    return bool(request.session.get(STAFF))


def ended_because(request: HttpRequest) -> str | None:
    """Why a staff session is over (the message to show), or None while it may go on."""
    now = time.time()
    if now - request.session.get(SIGNED_IN_AT, now) > settings.STAFF_SESSION_MAX_AGE:
        hours = settings.STAFF_SESSION_MAX_AGE // 3600
        return ngettext(
            "You were signed out because staff sessions last at most %(hours)d hour. Please sign in again.",
            "You were signed out because staff sessions last at most %(hours)d hours. Please sign in again.",
            hours,
        ) % {"hours": hours}
    if now - request.session.get(LAST_SEEN, now) > settings.STAFF_SESSION_IDLE_TIMEOUT:
        minutes = settings.STAFF_SESSION_IDLE_TIMEOUT // 60
        return ngettext(
            "You were signed out after %(minutes)d minute without activity. Please sign in again.",
            "You were signed out after %(minutes)d minutes without activity. Please sign in again.",
            minutes,
        ) % {"minutes": minutes}
    return None


def touch(request: HttpRequest) -> None:
    """A request that shows the person is there moves the idle clock on."""
    now = time.time()
    if now - request.session.get(LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION:
        request.session[LAST_SEEN] = now
        request.session.set_expiry(settings.STAFF_SESSION_IDLE_TIMEOUT)
