import datetime

from django.utils import timezone

import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import Pledge, PledgeLine
from tests.queries import ADMIN_FRAME, ADMIN_MENU, PAGE_LIMIT, assert_queries

pytestmark = pytest.mark.django_db

# What the frame (base.html: settings, header, menu, language switcher, footer, supporters) costs: nothing
# once a server has kept it (home.layout); a page pays for finding itself and for its own content.
FIND_CAMPAIGN = [("the pages on the campaign's address (one query), the campaign's own row", 2)]
CAMPAIGN_PAGE = [
    *FIND_CAMPAIGN,
    ("the needs and their tallies (one each, whatever their number)", 2),
    ("the default locale (the Latvian source page the tallies belong to)", 1),
]  # a campaign with a picture adds one query for the image


def campaign_index_budget(cards_have_pictures):
    return [
        ("the index: the child by slug and its row", 2),
        ("running, coming and past campaigns (no view restrictions on the site: no query about them)", 1),
        *([("the cards' picture renditions", 1)] if cards_have_pictures else []),
        ("every card's totals (one query for all)", 1),
    ]


PLEDGE_PAGE = [
    ("the pledge by its token (with its campaign), its lines", 2),
    ("the needs' names in the reader's language: the locale, the needs", 2),
]

MY_PLEDGES = [
    ("the user (the session comes from the cache)", 1),
    ("the pledges, their lines, the needs' and campaigns' names in the reader's language", 4),
    ("account menu: may they open the admin (user's and groups' permissions, one query)", 1),
    ('account menu: "My mentoring" if they ever applied', 1),
]


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


def test_campaign_page_queries_do_not_grow_with_needs_and_pledges(client, campaign_index):
    small = build(campaign_index, needs=1, pledges=1)
    large = build(campaign_index, needs=500, pledges=5000)
    assert_queries(client, small.url, CAMPAIGN_PAGE, limit=PAGE_LIMIT)
    assert_queries(client, large.url, CAMPAIGN_PAGE, limit=PAGE_LIMIT)
    # the private link of a pledge on the big campaign
    pledge = Pledge.objects.filter(campaign=large).first()
    assert_queries(client, pledge.get_private_url(), PLEDGE_PAGE, limit=PAGE_LIMIT)


def test_campaign_index_queries_do_not_grow(client, campaign_index):
    build(campaign_index, needs=3, pledges=3)
    assert_queries(client, campaign_index.url, campaign_index_budget(cards_have_pictures=False), limit=PAGE_LIMIT)
    for _ in range(5):
        build(campaign_index, needs=3, pledges=3)
    assert_queries(client, campaign_index.url, campaign_index_budget(cards_have_pictures=False), limit=PAGE_LIMIT)


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
    assert_queries(client, "/campaigns/my-pledges/", MY_PLEDGES, limit=PAGE_LIMIT)
    add(20)
    assert_queries(client, "/campaigns/my-pledges/", MY_PLEDGES, limit=PAGE_LIMIT)


def test_campaign_cards_with_pictures_do_not_add_queries_per_card(client, campaign_index):
    from home.factories import ImageFactory

    def add_campaign():
        page = build(campaign_index, needs=2, pledges=2)
        page.image = ImageFactory()
        page.save_revision().publish()

    add_campaign()
    assert_queries(client, campaign_index.url, campaign_index_budget(cards_have_pictures=True), limit=PAGE_LIMIT)
    for _ in range(4):
        add_campaign()
    assert_queries(client, campaign_index.url, campaign_index_budget(cards_have_pictures=True), limit=PAGE_LIMIT)


# The campaign manager's admin pages: the frame and the menu, then each page's own queries.
FIND_CAMPAIGNS = [("the campaigns in the default language: the default locale, the campaigns", 2)]
PLEDGE_LISTING = [
    *ADMIN_FRAME,
    ("the campaign filter's choices: the default locale", 1),
    ("the listing's count (paginator)", 1),
    *ADMIN_MENU,
    ("the campaign filter's choices: the campaigns", 1),
    ("this page's pledges with their campaigns, their lines with the needs", 2),
]
CAMPAIGN_SUMMARY = [
    *ADMIN_FRAME,
    *FIND_CAMPAIGNS,
    ("every campaign's listed needs", 1),
    ("the late pledges with their campaigns", 1),
    *ADMIN_MENU,
]


def test_the_campaign_admin_listings_at_1_and_5000_pledges(client, campaign_index, campaign_manager):
    build(campaign_index, needs=3, pledges=1)
    client.force_login(campaign_manager)
    assert_queries(client, "/admin/pledge/", PLEDGE_LISTING, limit=PAGE_LIMIT)
    assert_queries(client, "/admin/campaign_summary/", CAMPAIGN_SUMMARY, limit=PAGE_LIMIT)
    build(campaign_index, needs=500, pledges=5000)
    Pledge.objects.update(expected_date=timezone.localdate() - datetime.timedelta(days=1))  # late, all of them
    assert_queries(client, "/admin/pledge/", PLEDGE_LISTING, limit=PAGE_LIMIT)
    assert_queries(client, "/admin/campaign_summary/", CAMPAIGN_SUMMARY, limit=PAGE_LIMIT)


def test_the_home_pages_campaign_cards_are_kept_until_a_pledge_or_the_next_day(
    client, home_page, campaign, tallies, details, monkeypatch
):
    """The running campaigns on the home page are kept ({% cache %} under the content's generation and
    the date, templates/home/home_page.html): a view that finds them costs no query, yet a pledge shows
    at once, and a campaign that ended yesterday is gone the next morning."""
    from django.template import defaulttags
    from django.utils.translation import override

    from campaigns import services
    from campaigns.templatetags.campaigns_tags import progress_words

    campaign.end_date = timezone.localdate()
    campaign.save_revision().publish()
    needed = sum(tally.needed for tally in tallies)
    with override("lv"):
        before, after = progress_words(needed, 0, 0), progress_words(needed, 1, 0)
    assert_queries(client, "/", [], fragments="kept")
    assert before in client.get("/").content.decode()

    services.create_pledge(campaign, {tallies[0].pk: 1}, details)
    assert after in client.get("/").content.decode()

    tomorrow = timezone.now() + datetime.timedelta(days=1)

    class Tomorrow(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return tomorrow.astimezone(tz)

    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    monkeypatch.setattr(defaulttags, "datetime", Tomorrow)  # {% now %}
    assert campaign.title not in client.get("/").content.decode()
