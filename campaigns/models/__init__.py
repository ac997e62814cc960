from .pages import CampaignIndexPage, CampaignPage, Need
from .pledges import NeedTally, Pledge, PledgeLine
from .settings import CampaignSettings

__all__ = ["CampaignIndexPage", "CampaignPage", "CampaignSettings", "Need", "NeedTally", "Pledge", "PledgeLine"]
