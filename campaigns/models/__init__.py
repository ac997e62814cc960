from .pages import CampaignIndexPage, CampaignPage, Dropoff, Need
from .pledges import NeedTally, Pledge, PledgeLine, Totals
from .settings import CampaignSettings

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignSettings",
    "Dropoff",
    "Need",
    "NeedTally",
    "Pledge",
    "PledgeLine",
    "Totals",
]
