from wagtail import hooks
from wagtail.permissions import register_permission_policy

from campaigns.models import Pledge
from campaigns.viewsets import CampaignViewSetGroup, pledge_permission_policy

register_permission_policy(Pledge, pledge_permission_policy)


@hooks.register("register_admin_viewset")
def register_campaign_viewsets():
    return CampaignViewSetGroup()
