"""Views of the site as a whole, not of any one app."""

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from home.links import absolute_url
from home.models import CentreSettings

SECURITY_TXT_VALIDITY = datetime.timedelta(days=365)


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: whom to tell about a security problem, from the centre's own contact details."""
    centre = CentreSettings.for_request(request)
    if not centre.email:
        raise Http404("The centre has no contact e-mail in its settings.")
    expires = (timezone.now() + SECURITY_TXT_VALIDITY).replace(hour=0, minute=0, second=0, microsecond=0)
    lines = [
        f"Contact: mailto:{centre.email}",
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: lv, en",
        f"Canonical: {absolute_url(reverse('security_txt'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
