"""A donor on a phone in Chromium: pledges, sees the confirmation, opens the private link, cancels."""

import datetime

from django.utils import timezone

import pytest

from campaigns.choices import PledgeState
from campaigns.models import NeedTally, Pledge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def published_campaign(campaign_index):
    from campaigns.factories import CampaignPageFactory

    page = CampaignPageFactory(
        parent=campaign_index,
        title="Ģimene ģimenei",
        needs=[
            {"name": "Skolas mugursoma", "category": "school_bags", "quantity": 10},
            {"name": "Ziemas zābaki", "size": "EU 36", "category": "shoes", "unit": "pairs", "quantity": 4},
        ],
    )
    page.save_revision().publish()
    return page


def pledge_boots(page, boots, quantity):
    """Fill the campaign page's form as Marta on her phone (``quantity`` pairs of boots) and send it."""
    page.locator(f"input[name=need_{boots.pk}]").fill(str(quantity))
    page.get_by_label("Jūsu vārds").fill("Marta Priede")
    page.get_by_label("E-pasts").fill("marta@example.org")
    page.get_by_label("Paredzētais datums").fill((timezone.localdate() + datetime.timedelta(days=2)).isoformat())
    page.get_by_label("Piekrītu, ka centrs glabā manus datus").check()
    page.get_by_role("button", name="Apsolīt", exact=True).click()


def test_donor_pledges_from_a_phone_and_cancels(page, live_server, published_campaign):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 390, "height": 844})
    boots = NeedTally.objects.get(size="EU 36")

    page.goto(live_server.url + published_campaign.url)
    page.get_by_role("link", name="Apsolīt lietas").click()
    pledge_boots(page, boots, 2)

    page.get_by_role("heading", name="Paldies par jūsu solījumu!").wait_for()
    assert "#" not in page.url
    pledge = Pledge.objects.get()
    assert page.get_by_text(pledge.reference, exact=True).first.is_visible()
    assert page.get_by_role("cell", name="Ziemas zābaki EU 36").is_visible()
    boots.refresh_from_db()
    assert boots.pledged == 2

    page.get_by_role("link", name="Skatīt vai mainīt solījumu").click()
    page.get_by_role("heading", name=f"Jūsu solījums {pledge.reference}").wait_for()
    page.get_by_role("button", name="Atcelt solījumu").click()
    page.get_by_role("heading", name=f"Atcelt jūsu solījumu {pledge.reference}?").wait_for()
    page.get_by_role("button", name="Jā, atcelt manu solījumu").click()
    page.get_by_text("Jūsu solījums ir atcelts.").wait_for()
    assert "#" not in page.url

    pledge.refresh_from_db()
    boots.refresh_from_db()
    assert pledge.state == PledgeState.CANCELLED
    assert boots.pledged == 0
    assert errors == []


def test_donor_goes_back_after_pledging_and_sends_the_form_again(page, live_server, published_campaign):
    """Back from the confirmation brings the campaign page with what the donor wrote (Chromium fills
    the form in again); sending it again makes no second pledge: the page asks whether they mean
    another one, naming the first, and keeps everything they wrote. Never a dead button."""
    page.set_viewport_size({"width": 390, "height": 844})
    boots = NeedTally.objects.get(size="EU 36")
    page.goto(live_server.url + published_campaign.url)
    pledge_boots(page, boots, 1)
    page.get_by_role("heading", name="Paldies par jūsu solījumu!").wait_for()
    pledge = Pledge.objects.get()

    page.go_back()
    button = page.get_by_role("button", name="Apsolīt", exact=True)
    assert button.get_attribute("aria-disabled") != "true"
    button.click()
    question = page.locator(".repeat-question")
    question.wait_for()
    assert "Šīs lietas jūs jau esat apsolījuši" in question.inner_text()
    assert pledge.reference in question.inner_text()
    assert page.get_by_label("Jūsu vārds").input_value() == "Marta Priede"
    assert Pledge.objects.count() == 1


def test_a_form_kept_by_the_back_forward_cache_can_be_sent_again(page, live_server, published_campaign):
    """A double click posts once (the form is marked as sent); a page the browser restores whole
    for Back (Safari keeps pages so) must not come back with a button that does nothing."""
    page.goto(live_server.url + published_campaign.url)
    form = page.locator("form#pledge")
    button = page.get_by_role("button", name="Apsolīt", exact=True)
    # The browser leaves for the next page as the form is sent: here it stays, to look at the form.
    page.evaluate("window.addEventListener('submit', (event) => event.preventDefault(), true)")
    button.click()
    assert form.get_attribute("data-sent") == "true"
    assert button.get_attribute("aria-disabled") == "true"
    # As the browser does when it brings the kept page back.
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))")
    assert form.get_attribute("data-sent") is None
    assert button.get_attribute("aria-disabled") is None


def test_a_donor_who_signs_in_on_another_tab_still_pledges_from_the_first(
    page, live_server, published_campaign, visitor_user
):
    """Signing in gives the browser a new CSRF secret, which a form drawn before it does not carry:
    Django refused the pledge with a bare "Aizliegts (403)" page and what the donor had typed was
    gone. The site's script sends the browser's current secret with the form."""
    from tests.conftest import PASSWORD

    boots = NeedTally.objects.get(size="EU 36")
    page.goto(live_server.url + published_campaign.url)
    other_tab = page.context.new_page()
    other_tab.goto(live_server.url + "/accounts/login/")
    other_tab.fill("input[name=login]", visitor_user.email)
    other_tab.fill("input[name=password]", PASSWORD)
    other_tab.locator("main form button[type=submit]").click()
    other_tab.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.bring_to_front()
    pledge_boots(page, boots, 1)
    page.get_by_role("heading", name="Paldies par jūsu solījumu!").wait_for()
    assert Pledge.objects.get().email == "marta@example.org"
