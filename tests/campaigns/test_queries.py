import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import Pledge, PledgeLine

pytestmark = pytest.mark.django_db


def build(campaign_index, needs, pledges):
    page = CampaignPageFactory(
        parent=campaign_index, needs=[{"name": f"Lieta {i}", "quantity": 1000} for i in range(needs)]
    )
    tallies = list(page.tallies.all())
    expected = timezone.localdate() + datetime.timedelta(days=3)
    created = Pledge.objects.bulk_create(
        Pledge(campaign=page, donor_name=f"Ziedotājs {i}", email=f"d{i}@example.org", expected_date=expected)
        for i in range(pledges)
    )
    PledgeLine.objects.bulk_create(
        PledgeLine(pledge=pledge, need=tallies[i % len(tallies)], quantity=1) for i, pledge in enumerate(created)
    )
    return page


def count_queries(client, url):
    client.get(url)  # warm caches (site root, settings) the way a running server has them
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_campaign_page_queries_do_not_grow_with_needs_and_pledges(client, campaign_index):
    small = build(campaign_index, needs=1, pledges=1)
    large = build(campaign_index, needs=200, pledges=2000)
    small_count = count_queries(client, small.url)
    large_count = count_queries(client, large.url)
    print(f"campaign page queries: 1 need = {small_count}, 200 needs / 2000 pledges = {large_count}")
    assert small_count == large_count


def test_campaign_index_queries_do_not_grow(client, campaign_index):
    build(campaign_index, needs=3, pledges=3)
    one = count_queries(client, campaign_index.url)
    for _ in range(5):
        build(campaign_index, needs=3, pledges=3)
    assert count_queries(client, campaign_index.url) == one


def test_my_pledges_queries_do_not_grow(client, campaign_index, visitor_user):
    page = build(campaign_index, needs=3, pledges=0)
    client.force_login(visitor_user)
    tallies = list(page.tallies.all())
    expected = timezone.localdate()

    def add(n):
        for i in range(n):
            pledge = Pledge.objects.create(
                campaign=page, donor_name="L", email=visitor_user.email, expected_date=expected
            )
            PledgeLine.objects.create(pledge=pledge, need=tallies[i % 3], quantity=1)

    add(1)
    one = count_queries(client, "/campaigns/my-pledges/")
    add(20)
    assert count_queries(client, "/campaigns/my-pledges/") == one


def test_campaign_cards_with_pictures_do_not_add_queries_per_card(client, campaign_index):
    from home.factories import ImageFactory

    def add_campaign():
        page = build(campaign_index, needs=2, pledges=2)
        page.image = ImageFactory()
        page.save_revision().publish()

    add_campaign()
    one = count_queries(client, campaign_index.url)
    for _ in range(4):
        add_campaign()
    assert count_queries(client, campaign_index.url) == one
