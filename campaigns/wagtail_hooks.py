from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from campaigns import admin_views, services, views
from campaigns.models import Pledge
from campaigns.permissions import pledge_permission_policy
from campaigns.viewsets import CampaignViewSetGroup
from home.figures import HOOK as FIGURES_HOOK
from home.figures import FigureSource
from privacy.sources import HOOK, DataSource

register_permission_policy(Pledge, pledge_permission_policy)


@hooks.register("register_admin_viewset")
def register_campaign_viewsets() -> CampaignViewSetGroup:
    return CampaignViewSetGroup()


# Inside Wagtail's own checks (view restrictions come first): a campaign page is served with its pledge form.
hooks.register("on_serve_page", views.serve_campaign_pages, order=100)


# "Print a poster" on a published campaign page's header and in the page listing's "More" menu.
hooks.register("register_page_header_buttons", admin_views.poster_buttons)
hooks.register("register_page_listing_more_buttons", admin_views.poster_buttons)


@hooks.register("register_log_actions")
def register_campaign_log_actions(actions: Any) -> None:
    """Cancellations appear in the pledge's history in the admin, with who and why."""
    actions.register_action("campaigns.cancel")(admin_views.CancelFormatter)
    actions.register_action("campaigns.cancel_line")(admin_views.CancelLineFormatter)


@hooks.register("construct_homepage_panels")
def pledges_due_panel(request: HttpRequest, panels: list[Any]) -> None:
    """Campaign managers see what donors bring today and this week on the admin's home page."""
    if pledge_permission_policy.user_has_permission(request.user, "view"):
        panels.append(admin_views.PledgesDuePanel())


@hooks.register("register_account_menu_item")
def my_pledges_link(request: HttpRequest) -> tuple[str, str] | None:
    """ "My pledges" in the header of every page, for everyone signed in."""
    if request.user.is_authenticated:
        return reverse("campaigns:my_pledges"), gettext("My pledges")
    return None


@hooks.register(HOOK)
def pledges_data_source() -> DataSource:
    """What the privacy pages find about a donor, and how it is erased and expires (rules in ``services``)."""
    return DataSource(
        name="campaigns",
        sections=services.personal_data,
        holds=services.holds_pledges,
        erasure_note=services.ERASURE_NOTE,
        erase=services.erase_donor,
        retention=services.apply_retention,
    )


@hooks.register(FIGURES_HOOK)
def campaign_figure_source() -> FigureSource:
    """Items pledged and received, donors thanked: the impact page and the home page's figures."""
    return services.figure_source()
