"""The signed-in person's own data: see it, download it, ask for it to be erased.

Thin views: ``privacy.services`` gathers the data and holds the rules of erasure. Every page
here shows personal data, so none may be kept by a browser or a proxy (``never_cache``).
"""

import json
from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from allauth.account.decorators import reauthentication_required

from home.forms import add_service_errors
from privacy import services
from privacy.forms import ErasureForm

if TYPE_CHECKING:
    from accounts.models import User

DOWNLOAD_NAME = "bauska-portal-personal-data.json"


def _person(request: HttpRequest) -> "User":
    """The signed-in person (every view here requires one)."""
    return cast("User", request.user)


@never_cache
@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything the portal holds about the person, readable, with the download and the way to erasure."""
    context = {
        "page_title": _("My data"),
        "sections": services.personal_data(_person(request)),
        "open_request": services.open_erasure(_person(request)),
    }
    return TemplateResponse(request, "privacy/my_data.html", context)


@never_cache
@login_required
def download(request: HttpRequest) -> HttpResponse:
    """The same data as a JSON file (GDPR Art. 15 and 20)."""
    document = services.personal_data_document(_person(request))
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{DOWNLOAD_NAME}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def erase(request: HttpRequest) -> HttpResponse:
    """Ask for erasure: the page says what happens to each kind of data; the person's password is
    asked again before anything goes."""
    user = _person(request)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure = services.request_erasure(user, language=get_language())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if erasure.is_open:
                messages.success(
                    request,
                    _("Your request has reached the coordinator; you will hear by e-mail when it is done."),
                )
                return redirect("privacy:my_data")
            logout(request)
            messages.success(
                request, _("Your data has been erased and your account removed. Thank you for your help.")
            )
            return redirect("/" if get_language() == "lv" else f"/{get_language()}/")
    context = {
        "page_title": _("Erase my data"),
        "form": form,
        "notes": services.erasure_notes(user),
        "waits_for_staff": bool(services.held_for_staff(user)),
        "open_request": services.open_erasure(user),
    }
    return TemplateResponse(request, "privacy/erase.html", context, status=400 if form.errors else 200)
