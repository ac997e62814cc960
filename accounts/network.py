"""Who is asking: the visitor's address, for every rate limit (allauth's and django-ratelimit's)."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address the request came from, trusting only our own ``TRUSTED_PROXY_COUNT`` proxies.

    Each proxy appends the address it was reached from to X-Forwarded-For, so the entry the
    outermost of ours wrote is the n-th from the right; anything left of it is whatever the
    visitor chose to send. With no trusted proxy the header is ignored altogether.
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < trusted:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-trusted]))
    except ValueError:
        return remote
