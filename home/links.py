"""Absolute addresses, from one place: the request's own host where there is a request,
else ``settings.PORTAL_BASE_URL`` (mail, scheduled jobs, anything printed later)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

from wagtail.models import Page, Site


def base_url(request: HttpRequest | None = None) -> str:
    """``https://host[:port]`` without a trailing slash."""
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return str(settings.PORTAL_BASE_URL).rstrip("/")


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """``path`` (from ``reverse`` or a page) as an address that works outside the site."""
    if path.startswith(("http://", "https://")):
        return path
    return base_url(request) + path


def page_url(page: Page, request: HttpRequest | None = None) -> str:
    """A page's absolute address in its own language, whatever the Site record says of its host."""
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    _site_id, _root_url, page_path = parts
    return absolute_url(page_path or "/", request)


def sync_default_site() -> Site | None:
    """Make the default Site record name the address the portal is served at, so that
    Wagtail's own links (previews, "view live") match ``PORTAL_BASE_URL``."""
    address = urlsplit(str(settings.PORTAL_BASE_URL))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or not address.hostname:
        return site
    port = address.port or (443 if address.scheme == "https" else 80)
    if (site.hostname, site.port) != (address.hostname, port):
        site.hostname, site.port = address.hostname, port
        site.save(update_fields=["hostname", "port"])
    return site
