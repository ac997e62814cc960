import datetime

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from wagtail.models import Locale

import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage, CampaignPage, NeedTally, Pledge
from home.models import HomePage

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
