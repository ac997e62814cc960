"""The pledge form's error summary (home.forms.error_summary): quantities first, each problem once."""

import pytest

from tests.forms import as_a_person
from tests.summary import opens_at_the_summary, summary_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign_page(campaign):
    campaign.save_revision().publish()
    return campaign


def test_the_pledge_form_lists_quantities_first_and_says_each_problem_once(client, campaign_page, tallies):
    response = client.post(
        campaign_page.url,
        {
            f"need_{tallies[1].pk}": "9",
            "email": "nav-adrese",
            "delivery": "pickup",
            "submission_key": "x",
            **as_a_person(),
        },
    )
    html = response.content.decode()
    links = summary_links(html)
    assert [href for href, _text in links][:3] == [f"id_need_{tallies[1].pk}", "id_donor_name", "id_email"]
    # A quantity's line names its item: "Only 4 are still needed." alone does not say of what.
    assert links[0] == (f"id_need_{tallies[1].pk}", "Ziemas zābaki EU 36: Vajadzīgi vēl tikai 4.")
    assert ("id_pickup_area", "Izvēlieties pilsētu vai pagastu, kur savākt lietas.") in links
    assert ("id_consent", "Lai apsolītu, piekrītiet, ka centrs glabā jūsu datus šī solījuma vajadzībām.") in links
    assert "Lūdzu, pārbaudiet zemāk atzīmētos daudzumus." not in html  # once is enough: by the field
    assert 'action="/kampanas/gimene-gimenei-' in html
    assert opens_at_the_summary(html)
    # The whole form's problem ("choose an item") points to the first quantity.
    response = client.post(campaign_page.url, {"donor_name": "Anna", "submission_key": "x", **as_a_person()})
    assert summary_links(response.content.decode())[0] == (
        f"id_need_{tallies[0].pk}",
        "Izvēlieties vismaz vienu lietu un norādiet, cik dosiet.",
    )
