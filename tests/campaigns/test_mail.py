"""What donors read in their mail: links that open, thanks that are true, the campaign's own drop-off."""

import datetime
import re
import uuid

from django.utils import timezone

import pytest

from campaigns import services
from campaigns.models import CampaignSettings, Pledge
from tests.forms import as_a_person

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def links_in(message):
    return LINK.findall(message.body)


def pledge_through_the_page(client, campaign, tallies, mail_after_commit, **fields):
    data = {
        "donor_name": "Anna Ozola",
        "email": "anna@example.org",
        "delivery": "bring",
        "expected_date": in_days(3).isoformat(),
        "consent": "on",
        "submission_key": str(uuid.uuid4()),
        f"need_{tallies[0].pk}": "2",
        **as_a_person(),
        **fields,
    }
    with mail_after_commit():
        response = client.post(campaign.url, data)
    assert response.status_code == 302
    return Pledge.objects.get(email=data["email"])


def test_the_link_in_the_confirmation_opens_the_pledge(client, campaign, tallies, mail_after_commit):
    pledge = pledge_through_the_page(client, campaign, tallies, mail_after_commit)
    confirmation = next(m for m in mail_after_commit.outbox if m.to == ["anna@example.org"])
    calendar, link = links_in(confirmation)  # the drop-off as a calendar entry, then the private link
    assert link.startswith("http://testserver/")  # PORTAL_BASE_URL, not the Site record's "localhost"
    response = client.get(link)
    assert response.status_code == 200
    assert pledge.reference in response.content.decode()
    response = client.get(calendar)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert pledge.reference.encode() in response.content


def test_the_link_in_the_reminder_opens_the_pledge(client, make_pledge, mail_after_commit):
    pledge = make_pledge({0: 1}, expected_date=in_days(2))
    with mail_after_commit():
        services.send_reminders(today=in_days(1))
    [reminder] = mail_after_commit.outbox
    [link] = links_in(reminder)
    assert link.startswith("http://testserver/")
    response = client.get(link)
    assert response.status_code == 200
    assert pledge.reference in response.content.decode()


def test_the_links_in_the_expiry_mail_open_the_pledge_and_the_campaign(client, make_pledge, mail_after_commit):
    pledge = make_pledge({0: 1}, expected_date=in_days(1))
    with mail_after_commit():
        services.expire_overdue(today=in_days(30))
    [expired] = mail_after_commit.outbox
    assert all(link.startswith("http://testserver/") for link in links_in(expired))
    pages = {link: client.get(link) for link in links_in(expired)}
    assert all(response.status_code == 200 for response in pages.values()), pages
    bodies = [response.content.decode() for response in pages.values()]
    assert any(pledge.reference in body and "beidzies" in body for body in bodies)  # the private page: expired
    assert any('id="pledge"' in body for body in bodies)  # the campaign page, to pledge again


def test_an_english_donors_links_lead_to_english_pages(client, make_pledge, mail_after_commit):
    pledge = make_pledge({0: 1})
    Pledge.objects.filter(pk=pledge.pk).update(language="en")
    pledge.refresh_from_db()
    with mail_after_commit():
        services.mail_donor(Pledge.objects.with_lines().get(pk=pledge.pk), "reminder")
    [reminder] = mail_after_commit.outbox
    assert "Dear Anna Ozola" in reminder.body
    [link] = links_in(reminder)
    assert link.startswith("http://testserver/en/campaigns/pledge/")
    assert client.get(link).status_code == 200


def test_a_partial_receipt_thanks_for_what_arrived_and_says_what_is_open(make_pledge, tallies, mail_after_commit):
    pledge = make_pledge({0: 3, 1: 2})
    lines = {line.need_id: line for line in pledge.lines.all()}
    with mail_after_commit():
        services.record_receipt(pledge, {lines[tallies[0].pk].pk: 2})
    [thanks] = mail_after_commit.outbox
    assert thanks.to == ["anna@example.org"]
    assert "Paldies" in thanks.subject and pledge.reference in thanks.subject
    arrived, still = thanks.body.split("Vēl gaidām:")
    assert "Mugursoma: 2 gabali" in arrived
    assert "Mugursoma: 1 gabals" in still and "Ziemas zābaki EU 36: 2 pāri" in still
    assert "Ziemas zābaki" not in arrived


def test_a_partly_received_pledge_that_expires_thanks_for_what_arrived(make_pledge, tallies, mail_after_commit):
    settings = CampaignSettings.for_default_site()
    settings.grace_days = 0
    settings.save()
    pledge = make_pledge({0: 3, 1: 2}, expected_date=in_days(1))
    lines = {line.need_id: line for line in pledge.lines.all()}
    services.record_receipt(pledge, {lines[tallies[1].pk].pk: 2})
    with mail_after_commit():
        services.expire_overdue(today=in_days(2))
    [expired] = mail_after_commit.outbox
    assert "nav pienākušas. Mēs to slēdzām" not in expired.body  # no longer "nothing arrived"
    thanked, freed = expired.body.split("Pārējās lietas nav pienākušas")
    assert "Daļa lietu ir pienākusi" in thanked and "Ziemas zābaki EU 36: 2 pāri" in thanked
    assert "Mugursoma: 3 gabali" in freed and "Ziemas zābaki" not in freed


def test_a_pledge_that_expires_with_nothing_arrived_says_so(make_pledge, mail_after_commit):
    make_pledge({0: 2}, expected_date=in_days(1))
    with mail_after_commit():
        services.expire_overdue(today=in_days(30))
    [expired] = mail_after_commit.outbox
    assert "lietas nav pienākušas" in expired.body and "Daļa lietu" not in expired.body


def test_the_campaigns_own_drop_off_hours_reach_every_mail(campaign, make_pledge, mail_after_commit):
    campaign.dropoff_hours = "Sestdienās 10:00–14:00"
    campaign.dropoff_address = "Skolas iela 5, Bauska"
    campaign.save_revision().publish()
    with mail_after_commit():
        pledge = make_pledge({0: 1}, expected_date=in_days(2))
        services.send_reminders(today=in_days(1))
    confirmation, reminder = (m for m in mail_after_commit.outbox if m.to == ["anna@example.org"])
    for message in (confirmation, reminder):
        assert "Sestdienās 10:00–14:00" in message.body and "Skolas iela 5, Bauska" in message.body
        assert "Pirmdiena" not in message.body  # not the centre's own hours
        assert "līdz 20" in message.body  # "bring by" + dative: "līdz 2026. gada 3. decembrim"
    assert pledge.reference in confirmation.body


def test_the_staff_notice_survives_any_name_and_speaks_the_managers_language(
    campaign, tallies, details, campaign_manager, mail_after_commit
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(campaign_manager)
    profile.preferred_language = "en"
    profile.save()
    with mail_after_commit():
        result = services.create_pledge(campaign, {tallies[0].pk: 1}, details)
    notice = next(m for m in mail_after_commit.outbox if m.to == ["manager@example.org"])
    assert notice.subject == f"New pledge {result.pledge.reference} from Anna Ozola"
    assert f"http://testserver/admin/pledge/inspect/{result.pledge.pk}/" in notice.body


def test_no_mail_goes_to_a_donor_without_an_address(campaign, tallies, details, campaign_manager, mail_after_commit):
    phone_only = details.__class__(**{**details.__dict__, "email": "", "phone": "+371 20000000"})
    with mail_after_commit():
        result = services.create_pledge(campaign, {tallies[0].pk: 2}, phone_only, entered_by=campaign_manager)
        pledge = result.pledge
        services.record_receipt(pledge, {pledge.lines.get().pk: 1})
        services.cancel_pledge(pledge, by=campaign_manager, reason="Piezvanīja, nevarēs atnākt.")
    assert [m.to for m in mail_after_commit.outbox] == [["manager@example.org"]]  # only the staff notice
