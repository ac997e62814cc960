from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from privacy.models import ErasureRequest
from privacy.permissions import erasure_permission_policy
from privacy.viewsets import ErasureRequestViewSet

register_permission_policy(ErasureRequest, erasure_permission_policy)


@hooks.register("register_admin_viewset")
def register_erasure_viewset() -> ErasureRequestViewSet:
    return ErasureRequestViewSet()


@hooks.register("register_account_menu_item")
def my_data_link(request: HttpRequest) -> tuple[str, str] | None:
    """ "My data" in the header for everyone signed in: see it, download it, ask to erase it."""
    if request.user.is_authenticated:
        return reverse("privacy:my_data"), gettext("My data")
    return None
