from wagtail import hooks
from wagtail.permissions import register_permission_policy

from campaigns.models import Pledge
from campaigns.viewsets import CampaignViewSetGroup, pledge_permission_policy

register_permission_policy(Pledge, pledge_permission_policy)


@hooks.register("register_admin_viewset")
def register_campaign_viewsets():
    return CampaignViewSetGroup()


@hooks.register("register_account_menu_item")
def my_pledges_link(request):
    """ "My pledges" in the header of every page, for everyone signed in."""
    from django.urls import reverse
    from django.utils.translation import gettext

    if request.user.is_authenticated:
        return reverse("campaigns:my_pledges"), gettext("My pledges")
    return None
