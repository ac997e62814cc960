from django.core.management import call_command

import pytest

from campaigns.choices import PledgeState
from campaigns.models import CampaignPage, Pledge

pytestmark = pytest.mark.django_db


def test_demo_campaign_has_pledges_in_every_state_and_loads_once():
    call_command("load_demo_data")
    call_command("load_demo_data")
    assert CampaignPage.objects.filter(locale__language_code="lv").count() == 1
    assert CampaignPage.objects.filter(locale__language_code="en").count() == 1
    states = set(Pledge.objects.values_list("state", flat=True))
    assert states == set(PledgeState.values)
    assert Pledge.objects.count() >= 30
    assert not Pledge.objects.exclude(email__endswith="@example.org").exists()
