import datetime

from django.utils import timezone

import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """A request to an /en/ page leaves English active in the test's thread; services called
    directly afterwards would take the donor for an English speaker. Start each test in Latvian."""
    from django.utils import translation

    with translation.override("lv"):
        yield


@pytest.fixture
def campaign_index(home_page):
    from campaigns.factories import CampaignIndexPageFactory

    return CampaignIndexPageFactory(parent=home_page)


@pytest.fixture
def campaign(campaign_index):
    from campaigns.factories import CampaignPageFactory

    return CampaignPageFactory(
        parent=campaign_index,
        needs=[
            {"name": "Mugursoma", "category": "school_bags", "quantity": 10},
            {"name": "Ziemas zābaki", "size": "EU 36", "category": "shoes", "unit": "pairs", "quantity": 4},
            {"name": "Ziemas zābaki", "size": "EU 38", "category": "shoes", "unit": "pairs", "quantity": 3},
        ],
    )


@pytest.fixture
def tallies(campaign):
    return list(campaign.tallies.order_by("sort_order"))


@pytest.fixture
def details():
    from campaigns.services import DonorDetails

    return DonorDetails(
        donor_name="Anna Ozola",
        email="anna@example.org",
        expected_date=timezone.localdate() + datetime.timedelta(days=3),
    )


@pytest.fixture
def make_pledge(campaign, tallies, details):
    """Pledge through the service: ``make_pledge({0: 2})`` pledges 2 of the first need."""
    from campaigns import services

    def make(quantities=None, **overrides):
        quantities = quantities or {0: 1}
        pledge_details = details.__class__(**{**details.__dict__, **overrides})
        result = services.create_pledge(
            campaign, {tallies[index].pk: qty for index, qty in quantities.items()}, pledge_details
        )
        return result.pledge

    return make
