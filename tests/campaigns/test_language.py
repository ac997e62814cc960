"""A donor's words in the donor's language: dates in the sentence's case ("līdz 2026. gada 10. decembrim",
"by 10 December 2026"), the centre's name and drop-off instructions in English for an English donor."""

import datetime

from django.utils import timezone, translation

from wagtail.models import Site

import pytest

from campaigns import services
from campaigns.models import Pledge
from home.dates import long_date
from home.models import CentreSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(home_page):
    centre = CentreSettings.for_site(Site.objects.get(is_default_site=True))
    centre.centre_name_en = "Bauska SOS Family Support Centre"
    centre.dropoff_instructions = "Ieeja no pagalma."
    centre.dropoff_instructions_en = "Enter from the courtyard."
    centre.save()
    return centre


def reminder(pledge, language):
    Pledge.objects.filter(pk=pledge.pk).update(language=language)
    services.mail_donor(Pledge.objects.with_lines().get(pk=pledge.pk), "reminder")


def test_latvian_and_english_mail_read_right(centre, make_pledge, mail_after_commit):
    day = timezone.localdate() + datetime.timedelta(days=4)
    pledge = make_pledge({0: 1}, expected_date=day)
    with mail_after_commit():
        reminder(pledge, "lv")
        reminder(pledge, "en")
    latvian, english = mail_after_commit.outbox
    with translation.override("lv"):
        assert f"Lūdzu, atnesiet tās līdz {long_date(day, 'dative')} uz:" in latvian.body
    assert "Bauskas SOS ģimeņu atbalsta centrs" in latvian.body and "Ieeja no pagalma." in latvian.body
    assert f"Please bring them by {day.day} {day:%B} {day.year} to:" in english.body
    assert "Bauska SOS Family Support Centre" in english.body
    assert "Enter from the courtyard." in english.body
    assert "Bauskas SOS" not in english.body and "Ieeja no pagalma" not in english.body


def test_the_english_campaign_page_shows_the_english_drop_off(client, centre, campaign, english_home):
    from wagtail.models import Locale

    campaign.save_revision().publish()
    english_index = campaign.get_parent().copy_for_translation(Locale.objects.get(language_code="en"))
    english_index.save_revision().publish()
    english = campaign.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    html = client.get(english.get_url()).content.decode()
    assert "<strong>Bauska SOS Family Support Centre</strong>" in html
    assert "Enter from the courtyard." in html
    assert "09:00–17:00" not in html or "white-space" not in html  # the hours come from the centre


def test_my_pledges_is_a_table_that_stacks_on_a_phone(client, make_pledge, visitor_user):
    pledge = make_pledge({0: 1}, email=visitor_user.email)
    client.force_login(visitor_user)
    html = client.get("/campaigns/my-pledges/").content.decode()
    assert 'class="table table--stack"' in html
    with translation.override("lv"):
        short = pledge.expected_date.strftime("%-d.%m.%Y.")
    assert f'<td data-label="Datums">{short}</td>' in html
    assert 'class="table-wrap"' not in html  # no box that scrolls sideways


def test_pick_up_fields_show_when_chosen_and_say_so_without_javascript(client, campaign):
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    assert '<div class="pickup-fields" data-show-when="delivery=pickup">' in html
    assert "Tikai tad, ja lietas jāsavāc:" in html
    block = html.split('data-show-when="delivery=pickup">')[1].split("</div>\n          <div")[0]
    assert 'id="id_pickup_area"' in block and 'id="id_pickup_address"' in block


def test_my_pledges_names_the_campaign_in_the_pages_language(
    client, campaign, make_pledge, visitor_user, english_home
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail.models import Locale

    campaign.save_revision().publish()
    english = campaign.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Family to family"
    english.save_revision().publish()
    make_pledge({0: 1}, email=visitor_user.email)
    client.force_login(visitor_user)
    assert '<td data-label="Campaign">Family to family</td>' in client.get("/en/campaigns/my-pledges/").text
    assert f'<td data-label="Akcija">{campaign.title}</td>' in client.get("/campaigns/my-pledges/").text

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get("/en/campaigns/my-pledges/")
        return len(captured)

    one = queries()
    for number in (2, 3, 4):
        make_pledge({0: number}, email=visitor_user.email)  # other quantities: not a repeat
    assert queries() == one  # the titles come in one query, however many pledges


@pytest.mark.parametrize(("arrived", "words"), [(1, "Jau saņemts 1 gabals"), (2, "Jau saņemti 2 gabali")])
def test_what_arrived_agrees_with_its_number(client, make_pledge, arrived, words):
    pledge = make_pledge({0: 3})
    line = pledge.lines.get()
    services.record_receipt(pledge, {line.pk: arrived})
    response = client.post(pledge.get_private_url(), {"action": "lower", f"line_{line.pk}": "0"})
    assert f"{words}; daudzums nevar būt mazāks." in response.content.decode()


def test_hours_and_postal_codes_in_free_text_never_break(client, campaign):
    campaign.dropoff_hours = "Darbdienās 09:00–17:00\nSestdienās 10.00 - 13.00 <b>"
    campaign.dropoff_address = "Rūpniecības iela 7, Bauska, LV-3901"
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    assert 'Darbdienās <span class="nowrap">09:00–17:00</span><br>' in html
    assert 'Sestdienās <span class="nowrap">10.00 - 13.00</span> &lt;b&gt;' in html  # still escaped
    assert 'Bauska, <span class="nowrap">LV-3901</span>' in html
