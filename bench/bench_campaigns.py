"""The campaign's public pages with the demo content, and how fast a pledge is made and undone."""

import datetime
import time

from django.test import Client
from django.utils import timezone


def run(report):
    from campaigns import services
    from campaigns.models import CampaignPage, Pledge

    client = Client()
    campaign = CampaignPage.objects.get(locale__language_code="lv")
    english = CampaignPage.objects.get(locale__language_code="en")
    pledge = Pledge.objects.filter(state="pledged").first()
    for label, url in [
        ("GET campaign page (lv)", campaign.url),
        ("GET campaign page (en)", english.url),
        ("GET campaign index", campaign.get_parent().url),
        ("GET private link", pledge.get_private_url()),
        ("GET home page with teaser", "/"),
    ]:
        report(f"{label} {url}", lambda url=url: client.get(url))

    tally = campaign.tallies.order_by("-needed").first()
    details = services.DonorDetails(
        donor_name="Bench", email="bench@example.org", expected_date=timezone.localdate() + datetime.timedelta(days=2)
    )
    rounds = 100
    started = time.perf_counter()
    for _ in range(rounds):
        made = services.create_pledge(campaign, {tally.pk: 1}, details).pledge
        services.cancel_pledge(made)
    elapsed = (time.perf_counter() - started) / rounds
    print(f"{'create_pledge + cancel_pledge (service)':<50} {elapsed * 1000:8.1f} ms")
