import datetime

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from wagtail.models import Locale

import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage, CampaignPage, NeedTally, Pledge
from home.models import HomePage
from tests.forms import as_a_person

pytestmark = pytest.mark.django_db


def test_page_types_fit_the_tree():
    assert CampaignIndexPage in HomePage.allowed_subpage_models()
    assert CampaignIndexPage.allowed_subpage_models() == [CampaignPage]


def test_campaign_page_shows_each_need_with_its_numbers(client, campaign, make_pledge, tallies):
    pledge = make_pledge({0: 4})
    from campaigns import services

    services.record_receipt(pledge, {pledge.lines.get().pk: 1})
    response = client.get(campaign.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mugursoma" in html and "EU 36" in html and "EU 38" in html
    # 10 backpacks: 1 received, 3 on the way, 6 still needed, in words beside the bar
    assert "10 vajadzīgi, 1 saņemts, 3 apsolīti un ceļā, 6 vēl vajadzīgi" in html
    assert 'class="bar__done"' in html and 'class="bar__promised"' in html
    assert 'id="pledge"' in html


def test_index_lists_running_coming_and_past(client, campaign_index, campaign):
    today = timezone.localdate()
    CampaignPageFactory(
        parent=campaign_index,
        title="Ziemassvētku paciņas",
        start_date=today + datetime.timedelta(days=20),
        end_date=today + datetime.timedelta(days=40),
        needs=1,
    )
    CampaignPageFactory(
        parent=campaign_index,
        title="Pavasaris",
        start_date=today - datetime.timedelta(days=90),
        end_date=today - datetime.timedelta(days=60),
        needs=1,
    )
    html = client.get(campaign_index.url).content.decode()
    assert html.index("Ģimene ģimenei") < html.index("Ziemassvētku paciņas") < html.index("Pavasaris")


@pytest.mark.parametrize(
    ("start", "end", "live", "words"),
    [
        (5, 30, True, "sāksies"),
        (-30, -1, True, "ir beigusies"),
        (-5, 30, False, "nav publicēta"),
    ],
)
def test_campaign_outside_its_period_or_unpublished_takes_no_pledges(
    client, superuser, campaign_index, start, end, live, words
):
    today = timezone.localdate()
    page = CampaignPageFactory(
        parent=campaign_index,
        start_date=today + datetime.timedelta(days=start),
        end_date=today + datetime.timedelta(days=end),
        needs=1,
    )
    if not live:
        page.unpublish()
        client.force_login(superuser)  # previews it as an editor would
        response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    else:
        response = client.get(page.url)
    html = response.content.decode()
    assert words in html
    assert 'name="donor_name"' not in html
    tally = page.tallies.get()
    if live:
        response = client.post(page.url, {f"need_{tally.pk}": "1", "donor_name": "X", "email": "x@example.org"})
        assert response.status_code == 200
        assert not Pledge.objects.exists()


def test_english_translation_shares_the_counts(client, campaign, english_home, campaign_index, make_pledge):
    english = Locale.objects.get(language_code="en")
    campaign_index.copy_for_translation(english).save_revision().publish()
    translated = campaign.copy_for_translation(english)
    translated.title = "Family to family"
    needs = list(translated.needs.all())
    needs[0].name = "Backpack"
    translated.needs = needs
    translated.save_revision().publish()
    translated.refresh_from_db()

    make_pledge({0: 2})
    html = client.get(translated.url).content.decode()
    assert translated.url.startswith("/en/")
    assert "Backpack" in html
    assert "10 needed, 0 received, 2 pledged and on the way, 8 still needed" in html
    assert NeedTally.objects.count() == 3  # the English needs did not get counts of their own

    tally = campaign.tallies.order_by("sort_order").first()
    response = client.post(
        translated.url,
        {
            f"need_{tally.pk}": "3",
            "donor_name": "Jane Doe",
            "email": "jane@example.org",
            "delivery": "bring",
            "expected_date": (timezone.localdate() + datetime.timedelta(days=2)).isoformat(),
            "consent": "on",
            "submission_key": "7a0c3b7e-1d7a-4f57-9a53-3e4f1a1f0d11",
            **as_a_person(),
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/en/campaigns/pledge/")
    tally.refresh_from_db()
    assert tally.pledged == 5
    assert Pledge.objects.get(email="jane@example.org").language == "en"


def test_publishing_the_page_again_keeps_the_counts(campaign, make_pledge):
    make_pledge({0: 3})
    revision = campaign.save_revision()
    revision.publish()
    assert campaign.tallies.order_by("sort_order").first().pledged == 3


def test_editor_cannot_lower_a_need_below_what_is_pledged(campaign, make_pledge):
    from django.core.exceptions import ValidationError

    make_pledge({0: 6})
    need = campaign.needs.order_by("sort_order").first()
    need.quantity = 5
    with pytest.raises(ValidationError, match="6"):
        need.full_clean(exclude=["page"])
    need.quantity = 6
    need.full_clean(exclude=["page"])


def test_removed_need_keeps_its_pledges_but_leaves_the_page(client, campaign, make_pledge):
    pledge = make_pledge({2: 1})
    campaign.needs.remove(campaign.needs.order_by("sort_order").last())
    campaign.save()
    assert "EU 38" not in client.get(campaign.url).content.decode()
    assert pledge.lines.get().need.listed is False


def test_home_teaser_shows_running_campaigns_with_progress(rf, campaign, make_pledge, home_page):
    make_pledge({0: 5})
    request = RequestFactory().get("/")
    html = Template("{% load campaigns_tags %}{% active_campaigns %}").render(Context({"request": request}))
    assert "Ģimene ģimenei" in html
    assert "17 vajadzīgi, 0 saņemti, 5 apsolīti un ceļā, 12 vēl vajadzīgi" in html


# The campaign picture, its start, and what is still needed


@pytest.fixture
def picture():
    from home.factories import ImageFactory

    image = ImageFactory(title="Bērni ar skolas somām")
    image.description = "Trīs bērni ar jaunām skolas somām pie centra durvīm"
    image.save()
    return image


def test_the_campaign_picture_is_shown_on_its_page_and_cards(client, campaign_index, campaign, picture, home_page):
    import re

    campaign.image = picture
    campaign.save_revision().publish()
    for url in (campaign.url, campaign_index.url):
        html = client.get(url).content.decode()
        [img] = [tag for tag in re.findall(r"<img [^>]*>", html) if "/images/" in tag or "original_images" in tag]
        assert 'alt="Trīs bērni ar jaunām skolas somām pie centra durvīm"' in img
        assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    teaser = Template("{% load campaigns_tags %}{% active_campaigns %}").render(
        Context({"request": RequestFactory().get("/")})
    )
    assert 'alt="Trīs bērni ar jaunām skolas somām pie centra durvīm"' in teaser


def test_a_campaign_that_has_not_started_says_when_it_starts(client, campaign_index):
    start = timezone.localdate() + datetime.timedelta(days=12)
    page = CampaignPageFactory(
        parent=campaign_index, start_date=start, end_date=start + datetime.timedelta(days=30), needs=1
    )
    html = client.get(page.url).content.decode()
    assert "dienas" not in html.split("<h1>")[0]  # not "N days left" above the title
    assert f"Sākums: {start.year}. gada {start.day}. " in html
    assert f"sāksies {start.year}. gada {start.day}. " in html  # "on" a day: the locative
    cards = client.get(campaign_index.url).content.decode()
    assert f"Sākums: {start.year}. gada {start.day}. " in cards and "atlikušas" not in cards


def test_fully_pledged_needs_come_after_the_open_ones(client, campaign, make_pledge):
    make_pledge({0: 10})  # the backpacks, first in the editor's order, are all pledged
    html = client.get(campaign.url).content.decode()
    assert html.index("EU 36") < html.index("EU 38") < html.index("Jau pilnībā apsolīts") < html.index("Mugursoma")
    assert 'href="#still-needed"' in html and "Vēl vajadzīgas 2 lietas" in html
    assert 'id="still-needed"' in html


def test_the_page_shows_the_campaigns_own_drop_off_hours(client, campaign):
    campaign.dropoff_hours = "Sestdienās 10:00–14:00"
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    # The range stays on one line (issue 9): the hours show inside a nowrap span.
    assert 'Sestdienās <span class="nowrap">10:00–14:00</span>' in html and "Rūpniecības iela 7" in html


def test_robots_lets_english_campaign_pages_be_found(client):
    from urllib.robotparser import RobotFileParser

    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())
    assert robots.can_fetch("*", "/en/campaigns/family-to-family/")
    assert robots.can_fetch("*", "/en/campaigns/")
    assert robots.can_fetch("*", "/kampanas/gimene-gimenei/")
    for private in ("/campaigns/pledge/ABCD-2345:x/", "/en/campaigns/pledge/ABCD-2345:x/", "/campaigns/my-pledges/"):
        assert not robots.can_fetch("*", private)


def test_page_models_do_not_import_views():
    import ast
    from pathlib import Path

    import campaigns.models

    for path in Path(campaigns.models.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                assert "views" not in (node.module or ""), path
            elif isinstance(node, ast.Import):
                assert not any("views" in alias.name for alias in node.names), path


def test_the_quantity_question_takes_the_genitive_plural(client, campaign):
    html = client.get(campaign.url).content.decode()
    assert "Cik gabalu dosiet?" in html and "Cik pāru dosiet?" in html
    assert "(gab.)" not in html


def test_a_private_campaign_page_still_asks_for_its_password(client, campaign):
    """The campaign view sits inside Wagtail's serve chain, after its view restrictions."""
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=campaign, restriction_type="password", password="slepens")
    response = client.get(campaign.url)
    html = response.content.decode()
    assert 'name="password"' in html and 'name="donor_name"' not in html
