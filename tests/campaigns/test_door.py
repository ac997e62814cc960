"""The touches at the centre's door: the pledge's QR code (confirmation, private page, mail), the scanned
address that records an arrival in two requests, the drop-off as a calendar entry, and the poster."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale, Site

import icalendar
import pytest

from accounts.factories import totp_code
from campaigns import ics, services
from campaigns.choices import PledgeState
from campaigns.factories import CampaignPageFactory
from home.models import CentreSettings, OpeningHours
from tests.qr import decode_svg, svg_in
from tests.queries import PAGE_LIMIT, assert_queries

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def centre(home_page):
    centre = CentreSettings.for_site(Site.objects.get(is_default_site=True))
    centre.centre_name_en = "Bauska SOS Family Support Centre"
    centre.phone = "+371 26 000 000"
    centre.save()
    OpeningHours.objects.create(
        settings=centre, first_day=1, last_day=4, opens=datetime.time(9), closes=datetime.time(17)
    )
    OpeningHours.objects.create(
        settings=centre, first_day=5, last_day=5, opens=datetime.time(9), closes=datetime.time(14)
    )
    return centre


def next_weekday(weekday, after=None):
    """The first day (ISO weekday 1-7) after ``after`` (tomorrow at the earliest)."""
    day = (after or timezone.localdate()) + datetime.timedelta(days=1)
    while day.isoweekday() != weekday:
        day += datetime.timedelta(days=1)
    return day


def scan_path(pledge):
    return f"/admin/pledge/scan/{pledge.reference}/"


def form_values(html):
    """What a browser would send from the admin's form: the inputs' names and their values as shown."""
    return dict(re.findall(r'<input type="number" name="(line_\d+)" value="(\d+)"', html))


# The pledge's QR code


@pytest.mark.parametrize("language", ["lv", "en"])
def test_confirmation_shows_a_qr_code_of_the_admins_address_for_the_pledge(client, centre, make_pledge, language):
    pledge = make_pledge({0: 2, 1: 1})
    with translation.override(language):
        url = pledge.get_confirmation_url()
        calendar_url = pledge.get_calendar_url()
    html = client.get(url).content.decode()
    address = decode_svg(svg_in(html, "pledge-door__qr"))
    assert address == f"http://testserver{scan_path(pledge)}"
    # The code names the pledge by its reference only: not the donor's private link, not their name.
    assert pledge.token not in address and "Anna" not in address
    assert f'href="{calendar_url}"' in html
    title = {"lv": f"Solījuma {pledge.reference} QR kods", "en": f"QR code of pledge {pledge.reference}"}[language]
    assert f"<title>{title}</title>" in html
    assert 'style="' not in svg_in(html, "pledge-door__qr")  # the strict CSP allows no inline style


def test_private_page_shows_the_code_and_the_calendar_while_the_pledge_is_open(client, centre, make_pledge):
    pledge = make_pledge({0: 1})
    html = client.get(pledge.get_private_url()).content.decode()
    assert decode_svg(svg_in(html, "pledge-door__qr")) == f"http://testserver{scan_path(pledge)}"
    assert pledge.get_calendar_url() in html
    services.cancel_pledge(pledge)
    html = client.get(pledge.get_private_url()).content.decode()
    assert "pledge-door__qr" not in html and pledge.get_calendar_url() not in html
    assert client.get(pledge.get_calendar_url()).status_code == 404


def test_a_pick_up_has_the_code_but_no_calendar_entry(client, centre, make_pledge):
    pledge = make_pledge({0: 1}, delivery="pickup", pickup_area="bauska", pickup_address="Liepu iela 1")
    html = client.get(pledge.get_confirmation_url()).content.decode()
    assert "pledge-door__qr" in html and pledge.get_calendar_url() not in html
    assert client.get(pledge.get_calendar_url()).status_code == 404


def test_confirmation_mail_says_the_reference_and_links_the_code_and_the_calendar(
    centre, campaign, tallies, details, mail_after_commit
):
    with mail_after_commit():
        pledge = services.create_pledge(campaign, {tallies[0].pk: 1}, details).pledge
    mail = next(message for message in mail_after_commit.outbox if message.to == ["anna@example.org"])
    assert f"Jūsu atsauces kods: {pledge.reference}" in mail.body
    assert "parādiet QR kodu" in mail.body
    assert f"http://testserver{pledge.get_calendar_url()}" in mail.body
    assert f"http://testserver{pledge.get_private_url()}" in mail.body


# Scanning it at the door


@pytest.fixture
def manager_client(client, campaign_manager):
    client.force_login(campaign_manager)
    return client


def test_a_campaign_manager_records_everything_in_two_requests(manager_client, make_pledge, mail_after_commit):
    pledge = make_pledge({0: 2, 1: 1})
    response = manager_client.get(scan_path(pledge))  # the phone opens the scanned address
    assert response.status_code == 200
    html = response.content.decode()
    assert pledge.reference in html and "Anna Ozola" in html
    values = form_values(html)
    assert sorted(values.values()) == ["1", "2"]  # everything still expected, filled in
    with mail_after_commit():
        response = manager_client.post(scan_path(pledge), values)  # one tap on "Record what arrived"
    assert response.status_code == 302
    assert response["Location"] == reverse("pledge:inspect", args=[pledge.pk])
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.RECEIVED
    assert [line.received for line in pledge.lines.order_by("pk")] == [2, 1]
    (thanks,) = mail_after_commit.outbox  # the donor's thank-you for everything
    assert thanks.to == ["anna@example.org"] and pledge.reference in thanks.subject


def test_a_partial_delivery_is_one_number_changed(manager_client, make_pledge):
    pledge = make_pledge({0: 2, 1: 1})
    values = form_values(manager_client.get(scan_path(pledge)).content.decode())
    two = next(name for name, value in values.items() if value == "2")  # the need of 2: 1 came
    values[two] = "1"
    assert manager_client.post(scan_path(pledge), values).status_code == 302
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.PARTLY_RECEIVED
    # Scanned again later, the form offers what is still expected.
    values = form_values(manager_client.get(scan_path(pledge)).content.decode())
    assert sorted(values.values()) == ["0", "1"]


def receive_path(pledge):
    return f"/admin/pledge/receive/{pledge.pk}/"


# The pledge's "Record received" page and the door's scan are one form: both open with what is still expected.
BOTH_WAYS = pytest.mark.parametrize("path", [receive_path, scan_path], ids=["record-received", "door-scan"])


@BOTH_WAYS
def test_both_ways_open_with_what_is_still_expected_and_record_it(manager_client, make_pledge, path):
    pledge = make_pledge({0: 3, 1: 1})
    first, second = pledge.lines.order_by("pk")
    services.record_receipt(pledge, {first.pk: 1})  # one came on an earlier day
    html = manager_client.get(path(pledge)).content.decode()
    values = form_values(html)
    assert values == {f"line_{first.pk}": "2", f"line_{second.pk}": "1"}
    assert "Viss, kas vēl gaidāms, jau ierakstīts." in html and "Reģistrēt saņemto" in html
    assert "Mugursoma — 1/3" in html  # what came before, of what was pledged
    assert manager_client.post(path(pledge), values)["Location"] == reverse("pledge:inspect", args=[pledge.pk])
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.RECEIVED
    assert [line.received for line in pledge.lines.order_by("pk")] == [3, 1]


@BOTH_WAYS
def test_both_ways_record_a_partial_delivery_and_then_offer_the_rest(manager_client, make_pledge, path):
    pledge = make_pledge({0: 3, 1: 1})
    first, second = pledge.lines.order_by("pk")
    values = form_values(manager_client.get(path(pledge)).content.decode())
    assert values == {f"line_{first.pk}": "3", f"line_{second.pk}": "1"}
    values[f"line_{first.pk}"] = "2"
    assert manager_client.post(path(pledge), values).status_code == 302
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.PARTLY_RECEIVED
    assert form_values(manager_client.get(path(pledge)).content.decode()) == {
        f"line_{first.pk}": "1",
        f"line_{second.pk}": "0",
    }


def test_scanning_a_closed_pledge_opens_the_pledge(manager_client, make_pledge):
    pledge = make_pledge({0: 1})
    services.cancel_pledge(pledge)
    response = manager_client.get(scan_path(pledge), follow=True)
    assert response.redirect_chain[-1][0] == reverse("pledge:inspect", args=[pledge.pk])
    assert "nothing more is expected" in response.content.decode() or "vairs nekas" in response.content.decode()


def test_a_lower_case_reference_finds_the_pledge_and_an_unknown_one_does_not(manager_client, make_pledge):
    pledge = make_pledge({0: 1})
    assert manager_client.get(f"/admin/pledge/scan/{pledge.reference.lower()}/").status_code == 200
    assert manager_client.get("/admin/pledge/scan/ZZZZ-ZZZZ/").status_code == 404


def test_signed_out_staff_sign_in_with_two_factors_and_land_on_the_pledge(client, campaign_manager, make_pledge):
    pledge = make_pledge({0: 1})
    response = client.get(scan_path(pledge))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "Anna" not in response.content.decode()
    login = response["Location"]
    response = client.post(login, {"login": campaign_manager.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response["Location"] == scan_path(pledge)
    assert "Anna Ozola" in client.get(scan_path(pledge)).content.decode()


@pytest.mark.parametrize("who", ["visitor_user", "editor"])
def test_anyone_else_who_scans_it_learns_nothing_of_the_pledge(request, client, make_pledge, who):
    pledge = make_pledge({0: 1})
    client.force_login(request.getfixturevalue(who))
    response = client.get(scan_path(pledge), follow=True)
    html = response.content.decode()
    assert "Anna" not in html and "anna@example.org" not in html
    assert client.post(scan_path(pledge), {}).status_code in (302, 403)
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.PLEDGED


def test_the_scan_page_costs_a_fixed_number_of_queries(manager_client, make_pledge):
    small = make_pledge({0: 1})
    large = make_pledge({0: 1, 1: 1, 2: 1}, email="other@example.org")
    budget = [
        ("the user with their admin profile and two-factor sign-in set up? (session: from the cache)", 1),
        ("their permissions (the user's and their groups', one query)", 1),
        ("the pledge with its campaign, its lines with their needs", 2),
        ("the admin menu: locales; page, collection and site permissions", 4),
    ]
    for pledge in (small, large):
        assert_queries(manager_client, scan_path(pledge), budget)


# The drop-off as a calendar entry


def calendar_of(client, pledge, language="lv"):
    with translation.override(language):
        url = pledge.get_calendar_url()
    response = client.get(url)
    assert response.status_code == 200
    return response, icalendar.Calendar.from_ical(response.content)


def the_event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def test_the_calendar_entry_opens_when_the_centre_does_on_the_expected_day(client, centre, make_pledge):
    thursday = next_weekday(4)
    pledge = make_pledge({0: 2}, expected_date=thursday)
    response, calendar = calendar_of(client, pledge)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="solijums-{pledge.reference}.ics"'
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    event = the_event(calendar)
    riga = timezone.get_default_timezone()
    assert event.start == datetime.datetime.combine(thursday, datetime.time(9), tzinfo=riga)
    assert event.end == datetime.datetime.combine(thursday, datetime.time(17), tzinfo=riga)
    assert str(event["LOCATION"]) == "Bauskas SOS ģimeņu atbalsta centrs, Rūpniecības iela 7, Bauska, LV-3901"
    assert pledge.reference in str(event["SUMMARY"])
    description = str(event["DESCRIPTION"])
    assert f"Atsauces kods: {pledge.reference}" in description
    assert "Mugursoma: 2 gabali" in description
    assert "09:00–17:00" in description and "09:00–14:00" in description
    assert str(event["UID"]) == f"pledge-{pledge.reference}@testserver"
    assert str(event["URL"]) == f"http://testserver{pledge.get_private_url()}"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Riga"]


def test_on_a_closed_day_the_entry_is_the_next_opening(client, centre, make_pledge):
    saturday = next_weekday(6)
    pledge = make_pledge({0: 1}, expected_date=saturday)
    event = the_event(calendar_of(client, pledge)[1])
    monday = saturday + datetime.timedelta(days=2)
    assert event.start == datetime.datetime.combine(monday, datetime.time(9), tzinfo=timezone.get_default_timezone())


def test_the_campaigns_own_hours_make_an_all_day_entry_in_english(client, centre, campaign, make_pledge):
    campaign.dropoff_hours = "Saturdays 10:00–13:00\nor by phone"
    campaign.save()
    day = next_weekday(3)
    pledge = make_pledge({1: 1}, expected_date=day)
    response, calendar = calendar_of(client, pledge, "en")
    assert response["Content-Disposition"] == f'attachment; filename="pledge-{pledge.reference}.ics"'
    event = the_event(calendar)
    assert event.start == day and event.end == day + datetime.timedelta(days=1)
    assert str(event["LOCATION"]).startswith("Bauska SOS Family Support Centre, ")
    assert str(event["SUMMARY"]).startswith(f"Bring the pledged items ({pledge.reference})")
    assert "Saturdays 10:00–13:00" in str(event["DESCRIPTION"]) and "Reference: " in str(event["DESCRIPTION"])
    assert not calendar.walk("VTIMEZONE")


def test_an_opening_after_the_pledge_would_expire_gives_an_all_day_entry(centre, campaign, make_pledge):
    OpeningHours.objects.filter(first_day=1).update(first_day=5, last_day=5)  # only Fridays now
    saturday = next_weekday(6)
    pledge = make_pledge({0: 1}, expected_date=saturday)
    dropoff = campaign.dropoff(CentreSettings.for_default_site())
    assert ics.drop_off_when(pledge, dropoff, grace_days=3) == saturday
    assert ics.drop_off_when(pledge, dropoff, grace_days=6)[0].date() == saturday + datetime.timedelta(days=6)


def test_the_calendar_costs_a_fixed_number_of_queries(client, centre, make_pledge):
    pledge = make_pledge({0: 1, 1: 1, 2: 1})
    budget = [
        ("the pledge by its token with its campaign, its lines with their needs", 2),
        ("the needs' names in the reader's language: the locale, the needs", 2),
    ]
    assert_queries(client, pledge.get_calendar_url(), budget)


# The poster


@pytest.fixture
def poster_campaign(campaign_index, centre):
    page = CampaignPageFactory(
        parent=campaign_index,
        title="Skolas soma",
        needs=[
            {"name": "Penālis", "quantity": 5},
            {"name": "Ziemas zābaki", "size": "EU 36", "unit": "pairs", "quantity": 4, "priority": 1},
            {"name": "Krāsainie zīmuļi", "quantity": 20, "priority": 3},
            {"name": "Burtnīcas", "quantity": 30},
            *({"name": f"Lieta {n}", "quantity": 1} for n in range(8)),
        ],
    )
    page.save_revision().publish()
    return page


def test_the_poster_lists_what_is_needed_most_where_and_when_and_the_pages_code(client, poster_campaign):
    response = client.get(f"/campaigns/{poster_campaign.pk}/poster/")
    assert response.status_code == 200
    html = response.content.decode()
    names = re.findall(r'<span class="poster-needs__name">([^<]+)', html)
    # Urgent first, then the most still needed, then the editor's order; eight at most.
    assert [name.strip() for name in names] == ["Ziemas zābaki", "Burtnīcas", "Penālis", "Lieta 0", "Lieta 1"] + [
        "Lieta 2",
        "Lieta 3",
        "Lieta 4",
    ]
    assert "4 pāri" in html and "30 gabali" in html
    assert "un vēl 4 lietas" in html
    assert "Rūpniecības iela 7" in html and "09:00–17:00" in html
    assert decode_svg(svg_in(html, "poster__qr")) == f"http://testserver{poster_campaign.url}"
    assert "css/poster.css" in html


def test_the_english_poster(client, poster_campaign, english_home):
    english_index = poster_campaign.get_parent().copy_for_translation(Locale.objects.get(language_code="en"))
    english_index.save_revision().publish()
    english = poster_campaign.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "School bag"
    english.save_revision().publish()
    html = client.get(f"/en/campaigns/{poster_campaign.pk}/poster/").content.decode()
    assert "School bag" in html and "Needed most" in html and "Bauska SOS Family Support Centre" in html
    assert decode_svg(svg_in(html, "poster__qr")).endswith(english.url)


def test_an_unpublished_campaign_has_no_poster(client, campaign_index):
    page = CampaignPageFactory(parent=campaign_index, live=False)
    assert client.get(f"/campaigns/{page.pk}/poster/").status_code == 404


def test_the_campaign_page_and_the_admin_link_to_the_poster(client, manager_client, superuser, poster_campaign):
    poster = f"/campaigns/{poster_campaign.pk}/poster/"
    assert f'href="{poster}"' in client.get(poster_campaign.url).content.decode()
    assert f'href="{poster}"' in manager_client.get("/admin/campaign_summary/").content.decode()
    manager_client.force_login(superuser)
    assert poster in manager_client.get(f"/admin/pages/{poster_campaign.pk}/edit/").content.decode()
    # In the page listing, the published campaign's "More" menu has it; a draft campaign has none.
    draft = CampaignPageFactory(parent=poster_campaign.get_parent(), live=False)
    listing = manager_client.get(f"/admin/pages/{poster_campaign.get_parent().pk}/").content.decode()
    assert poster in listing and f"/campaigns/{draft.pk}/poster/" not in listing


def test_the_poster_costs_the_same_for_few_and_many_needs(client, campaign_index, centre):
    budget = [
        ("the campaign: view restrictions, the page", 2),
        ("the campaign in the reader's language: the active locale", 1),
        ("the needs and their tallies (one query each, whatever their number)", 2),
        ("the default locale (the source page the tallies belong to)", 1),
    ]  # the site, centre settings, opening hours, header, menu and footer: kept between requests (home.layout)
    for count in (1, 30):
        page = CampaignPageFactory(
            parent=campaign_index, needs=[{"name": f"Lieta {n}", "quantity": 3} for n in range(count)]
        )
        page.save_revision().publish()
        assert_queries(client, f"/campaigns/{page.pk}/poster/", budget, limit=PAGE_LIMIT)
