import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

import pytest

RIGA = ZoneInfo("Europe/Riga")


@pytest.fixture(autouse=True)
def _latvian():
    """Each test starts in Latvian (a request to /en/ would leave English active in the thread)."""
    with translation.override("lv"):
        yield


@pytest.fixture
def clock(monkeypatch):
    """A frozen clock: ``clock.day(date)`` makes it noon of that day in Riga for ``timezone.now``,
    ``localdate`` and everything built on them (Django's own function, overridden)."""

    class Clock:
        now = None

        def at(self, moment):
            self.now = moment
            monkeypatch.setattr(timezone, "now", lambda: moment)
            return moment

        def day(self, day, hour=12):
            return self.at(datetime.datetime.combine(day, datetime.time(hour), tzinfo=RIGA))

    return Clock()


@pytest.fixture
def campaign(home_page):
    from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory

    index = CampaignIndexPageFactory(parent=home_page)
    return CampaignPageFactory(
        parent=index,
        needs=[
            {"name": "Mugursoma", "category": "school_bags", "quantity": 10},
            {"name": "Ziemas zābaki", "size": "EU 36", "category": "shoes", "unit": "pairs", "quantity": 4},
        ],
    )


@pytest.fixture
def pledge_for(campaign):
    """``pledge_for(email=..., donor=..., quantity=2)``: a real pledge through the service."""
    from campaigns import services

    tally = campaign.tallies.order_by("sort_order").first()

    def make(email="anna@example.org", donor=None, quantity=2, **details):
        values = {
            "donor_name": "Anna Ozola",
            "email": email,
            "phone": "+371 29 000 001",
            "expected_date": timezone.localdate() + datetime.timedelta(days=3),
            "note": "Atnesīšu pēc darba.",
        }
        values.update(details)
        result = services.create_pledge(campaign, {tally.pk: quantity}, services.DonorDetails(**values), donor=donor)
        return result.pledge

    return make


@pytest.fixture
def donor(make_user):
    return make_user(email="anna@example.org", first_name="Anna", last_name="Ozola")


@pytest.fixture
def pair(coordinator):
    from mentoring import factories

    today = timezone.localdate()
    return factories.PairFactory(
        coordinator=coordinator,
        mentor__user__email="mentore@example.org",
        mentor__full_name="Līga Mentore",
        mentee__first_name="Elza",
        mentee__case_reference="BGAC-2025-017",
        mentee__interests="Zīmēšana",
        start_date=today - datetime.timedelta(days=100),
    )


@pytest.fixture
def mentor(pair):
    return pair.mentor.user
