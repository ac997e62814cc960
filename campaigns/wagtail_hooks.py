from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from campaigns import views
from campaigns.models import CampaignPage, Pledge
from campaigns.permissions import pledge_permission_policy
from campaigns.viewsets import CampaignViewSetGroup

register_permission_policy(Pledge, pledge_permission_policy)


@hooks.register("register_admin_viewset")
def register_campaign_viewsets() -> CampaignViewSetGroup:
    return CampaignViewSetGroup()


# Inside Wagtail's own checks (view restrictions come first): a campaign page is served with its pledge form.
@hooks.register("on_serve_page", order=100)
def serve_campaign_pages(next_serve: Any) -> Any:
    def serve(page: Any, request: HttpRequest, args: Any, kwargs: Any) -> HttpResponse:
        if isinstance(page, CampaignPage):
            return views.campaign_page(request, page)
        return next_serve(page, request, args, kwargs)

    return serve


class CancelFormatter(LogFormatter):
    label = _("Cancel pledge")

    def format_message(self, log_entry: Any) -> str:
        reason = (log_entry.data or {}).get("reason")
        if reason:
            return gettext("Pledge cancelled. Reason: %(reason)s") % {"reason": reason}
        return gettext("Pledge cancelled by the donor")


class CancelLineFormatter(LogFormatter):
    label = _("Cancel an item")

    def format_message(self, log_entry: Any) -> str:
        data = log_entry.data or {}
        return gettext("Cancelled: %(item)s × %(quantity)s. Reason: %(reason)s") % {
            "item": data.get("item", ""),
            "quantity": data.get("quantity", ""),
            "reason": data.get("reason", ""),
        }


@hooks.register("register_log_actions")
def register_campaign_log_actions(actions: Any) -> None:
    """Cancellations appear in the pledge's history in the admin, with who and why."""
    actions.register_action("campaigns.cancel")(CancelFormatter)
    actions.register_action("campaigns.cancel_line")(CancelLineFormatter)


@hooks.register("register_account_menu_item")
def my_pledges_link(request: HttpRequest) -> tuple[str, str] | None:
    """ "My pledges" in the header of every page, for everyone signed in."""
    if request.user.is_authenticated:
        return reverse("campaigns:my_pledges"), gettext("My pledges")
    return None
