"""Abuse of the public forms (issues 10 and 12): the pledge, the mentor application and sign-up.

- A filled honeypot gets a page that looks like success; nothing is stored and no mail leaves.
- A signed timestamp refuses a form sent faster than a person types, or hours after it was
  shown, with a message, and everything typed kept.
- Limits count what was done (a refused form uses up nothing): one address serves a room of
  donors, one e-mail address, session or account only a few.
"""

import datetime
import re
import time
import uuid

from django.test import Client
from django.utils import timezone

import pytest

from accounts.models import User
from campaigns.models import Pledge
from home.humans import stamp, stamp_age
from mentoring.factories import years_ago
from mentoring.models import Application
from tests.campaigns.conftest import campaign, campaign_index, tallies  # noqa: F401
from tests.forms import as_a_person
from tests.mentoring.conftest import mentoring_page  # noqa: F401

pytestmark = pytest.mark.django_db

SHOWN = re.compile(r'name="form_shown" value="([^"]+)"')


def shown_in(response):
    return SHOWN.search(response.content.decode()).group(1)


def minutes_ago(minutes):
    return stamp(time.time() - minutes * 60)


@pytest.fixture
def pledge(tallies):  # noqa: F811
    """The pledge form's fields as a person's browser sends them: ``pledge(email=...)``; ``quantity``
    of the first need (a donor who gives the same things again is asked whether they mean it)."""

    def data(quantity=1, **fields):
        return {
            f"need_{tallies[0].pk}": str(quantity),
            "donor_name": "Anna Ozola",
            "email": "anna@example.org",
            "phone": "",
            "delivery": "bring",
            "expected_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            "note": "Atnesīšu pēc darba.",
            "consent": "on",
            "submission_key": str(uuid.uuid4()),
            **as_a_person(),
            **fields,
        }

    return data


@pytest.fixture
def school_campaign(campaign_index):  # noqa: F811
    """A need big enough for a whole school."""
    from campaigns.factories import CampaignPageFactory

    return CampaignPageFactory(
        parent=campaign_index, slug="skolai", needs=[{"name": "Burtnīca", "category": "stationery", "quantity": 500}]
    )


def application(**fields):
    return {
        "full_name": "Ģirts Ķēniņš",
        "birth_date": years_ago(20).isoformat(),
        "phone": "+371 20 123 456",
        "motivation": "Gribu palīdzēt.",
        "availability": "Sestdienas",
        "languages": "latviešu",
        "interests": "Šahs",
        "privacy_consent": "on",
        "record_check_consent": "on",
        **as_a_person(),
        **fields,
    }


def sign_up(email, **fields):
    password = "zils-putns-lido-2026"
    return {"email": email, "password1": password, "password2": password, **as_a_person(), **fields}


# The honeypot: looks like success, stores nothing, sends nothing


def test_a_filled_honeypot_on_the_pledge_form_looks_like_success(client, campaign, pledge, mail_after_commit):  # noqa: F811
    with mail_after_commit():
        response = client.post(campaign.url, pledge(website="https://spam.example.com"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Paldies par jūsu solījumu!" in html
    assert "nosūtījām uz jūsu e-pasta adresi" in html
    assert not Pledge.objects.exists()
    assert mail_after_commit.outbox == []
    # Even a form full of mistakes gets the same thanks: nothing tells the bot what it got wrong.
    response = client.post(campaign.url, {"website": "spam", "email": "not an address"})
    assert response.status_code == 200
    assert "Paldies par jūsu solījumu!" in response.content.decode()
    assert not Pledge.objects.exists()


def test_a_filled_honeypot_on_the_application_looks_like_success(
    client,
    visitor_user,
    mentoring_page,  # noqa: F811
    mail_after_commit,
):
    client.force_login(visitor_user)
    with mail_after_commit():
        response = client.post(mentoring_page.url, application(website="spam"))
    assert response.status_code == 302
    assert response["Location"] == mentoring_page.url + "#application"
    assert "Paldies! Jūsu pieteikums ir saņemts." in client.get(response["Location"]).content.decode()
    assert not Application.objects.exists()
    assert mail_after_commit.outbox == []


def test_a_filled_honeypot_on_sign_up_looks_like_success(client, home_page, mail_after_commit):
    with mail_after_commit():
        caught = client.post("/accounts/signup/", sign_up("bots@example.org", website="spam"))
    person = Client().post("/accounts/signup/", sign_up("cilveks@example.org"))
    assert caught.status_code == person.status_code == 302
    assert caught["Location"] == person["Location"] == "/accounts/confirm-email/"
    assert not User.objects.filter(email="bots@example.org").exists()
    assert mail_after_commit.outbox == []


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, campaign, home_page):  # noqa: F811
    for url in (campaign.url, "/accounts/signup/"):
        html = client.get(url).content.decode()
        assert re.search(
            r'<div class="visually-hidden" aria-hidden="true"><label for="id_website">Atstājiet šo tukšu</label>'
            r'<input type="text" name="website" autocomplete="off" tabindex="-1" id="id_website"></div>',
            html,
        ), url
        assert html.count('name="website"') == 1
        assert stamp_age(shown_in(client.get(url))) < 5


# The signed timestamp


def test_a_pledge_sent_faster_than_a_person_types_is_refused_and_kept(client, campaign, pledge, monkeypatch):  # noqa: F811
    shown = stamp(time.time() - 1)
    response = client.post(campaign.url, pledge(form_shown=shown, note="Zilā mugursoma"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Veidlapa nosūtīta ātrāk, nekā cilvēks to spēj aizpildīt" in html
    assert 'value="Anna Ozola"' in html and "Zilā mugursoma" in html
    assert shown_in(response) == shown  # the same moment: sent again a little later, it passes
    assert not Pledge.objects.exists()

    later = time.time() + 5
    monkeypatch.setattr("home.humans.time.time", lambda: later)
    assert client.post(campaign.url, pledge(form_shown=shown)).status_code == 302
    assert Pledge.objects.count() == 1


@pytest.mark.parametrize(
    "shown",
    [minutes_ago(13 * 60), "", "1795936687:forged", "not a stamp at all"],
    ids=["13 hours old", "missing", "forged", "garbage"],
)
def test_a_pledge_sent_hours_later_or_without_a_stamp_is_asked_again(client, campaign, pledge, shown):  # noqa: F811
    response = client.post(campaign.url, pledge(form_shown=shown, donor_name="Pēteris Kalniņš"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Veidlapa bija atvērta ilgi" in html
    assert "Viss, ko ievadījāt, ir saglabāts" in html
    assert 'value="Pēteris Kalniņš"' in html
    assert stamp_age(shown_in(response)) < 5  # a new moment: sending it again (after reading) works
    assert not Pledge.objects.exists()


def test_the_application_and_sign_up_check_the_timestamp_too(client, visitor_user, mentoring_page, home_page):  # noqa: F811
    response = client.post("/accounts/signup/", sign_up("jauna@example.org", form_shown=stamp()))
    assert response.status_code == 200
    assert "Veidlapa nosūtīta ātrāk" in response.content.decode()
    assert 'value="jauna@example.org"' in response.content.decode()
    response = client.post("/accounts/signup/", sign_up("jauna@example.org", form_shown=minutes_ago(13 * 60)))
    assert "Veidlapa bija atvērta ilgi" in response.content.decode()
    assert not User.objects.filter(email="jauna@example.org").exists()

    client.force_login(visitor_user)
    response = client.post(
        mentoring_page.url, application(form_shown=stamp(), motivation="Gribu palīdzēt jauniešiem.")
    )
    assert "Veidlapa nosūtīta ātrāk" in response.content.decode()
    assert "Gribu palīdzēt jauniešiem." in response.content.decode()
    response = client.post(mentoring_page.url, application(form_shown=""))
    assert "Veidlapa bija atvērta ilgi" in response.content.decode()
    assert not Application.objects.exists()


def test_staff_entering_a_pledge_in_the_admin_are_not_asked_for_a_stamp():
    from campaigns.forms import PledgeForm

    form = PledgeForm(staff=True)
    assert "website" not in form.fields and "form_shown" not in form.fields


# Limits that fit real people: pledges


@pytest.fixture
def school_pledge(school_campaign):
    need = school_campaign.tallies.get()

    def data(quantity=1, **fields):
        return {
            f"need_{need.pk}": str(quantity),
            "donor_name": "Anna Ozola",
            "email": "anna@example.org",
            "delivery": "bring",
            "expected_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            "consent": "on",
            "submission_key": str(uuid.uuid4()),
            **as_a_person(),
            **fields,
        }

    return data


def test_a_room_full_of_donors_behind_one_address_can_all_pledge(school_campaign, school_pledge, settings):
    """A school, a parish hall or a mobile network: 60 pledges an hour from one address, each donor
    on their own phone with their own e-mail address; the 61st waits."""
    assert settings.RATE_LIMITS["pledge_per_ip"] == "60/h"
    school = {"REMOTE_ADDR": "198.51.100.20"}
    for number in range(60):
        response = Client().post(school_campaign.url, school_pledge(email=f"skolens{number}@example.org"), **school)
        assert response.status_code == 302, number
    response = Client().post(school_campaign.url, school_pledge(email="skolotaja@example.org"), **school)
    html = response.content.decode()
    assert response.status_code == 429
    assert "No jūsu tīkla tikko ir saņemts daudz solījumu" in html
    assert re.search(r"Lūdzu, mēģiniet vēlreiz pēc \d+ min\.", html)
    assert 'value="skolotaja@example.org"' in html  # nothing typed is lost
    assert Pledge.objects.count() == 60
    response = Client().post(school_campaign.url, school_pledge(email="cits@example.org"), REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 302  # another address is not held up


def test_one_email_address_cannot_flood_the_campaign(school_campaign, school_pledge, settings):
    """Five pledges an hour from one address, wherever they come from; "+tags" and capitals are the same address."""
    assert settings.RATE_LIMITS["pledge_per_email"] == "5/h"
    spellings = [
        "anna@example.org",
        "Anna@Example.org",
        "anna+1@example.org",
        "ANNA+skola@example.org",
        "anna@example.org",
    ]
    for number, email in enumerate(spellings):
        data = school_pledge(number + 1, email=email)  # other quantities: not the same pledge again
        assert Client().post(school_campaign.url, data, REMOTE_ADDR=f"192.0.2.{number}").status_code == 302, email
    response = Client().post(
        school_campaign.url, school_pledge(9, email="anna+6@example.org"), REMOTE_ADDR="192.0.2.99"
    )
    assert response.status_code == 429
    assert "Ar šo e-pasta adresi tikko ir dots daudz solījumu" in response.content.decode()
    assert Client().post(school_campaign.url, school_pledge(email="juris@example.org")).status_code == 302


def test_one_session_cannot_flood_the_campaign(school_campaign, school_pledge, settings):
    """Ten pledges an hour from one browser, whatever e-mail addresses and networks it uses."""
    assert settings.RATE_LIMITS["pledge_per_session"] == "10/h"
    browser = Client()
    for number in range(10):
        data = school_pledge(email=f"vards{number}@example.org")
        assert browser.post(school_campaign.url, data, REMOTE_ADDR=f"192.0.2.{number + 1}").status_code == 302
    response = browser.post(
        school_campaign.url, school_pledge(email="vel-viens@example.org"), REMOTE_ADDR="192.0.2.200"
    )
    assert response.status_code == 429
    assert "Jūs tikko esat devuši daudz solījumu" in response.content.decode()


def test_a_browser_is_counted_by_its_csrf_cookie_and_given_no_session(school_campaign, school_pledge, settings):
    """A browser that opened the page (and so holds the CSRF cookie every form needs) is counted by that
    cookie: ten pledges an hour, and no session is made for an anonymous donor only to count them."""
    from django.contrib.sessions.models import Session

    browser = Client()
    assert browser.get(school_campaign.url).status_code == 200
    assert browser.cookies[settings.CSRF_COOKIE_NAME].value
    for number in range(10):
        data = school_pledge(email=f"vards{number}@example.org")
        response = browser.post(school_campaign.url, data, REMOTE_ADDR=f"192.0.2.{number + 1}")
        assert response.status_code == 302
        assert settings.SESSION_COOKIE_NAME not in response.cookies
    response = browser.post(
        school_campaign.url, school_pledge(email="vel-viens@example.org"), REMOTE_ADDR="192.0.2.200"
    )
    assert response.status_code == 429
    assert "Jūs tikko esat devuši daudz solījumu" in response.content.decode()
    assert not Session.objects.exists()
    assert settings.SESSION_COOKIE_NAME not in browser.cookies
    other = Client()
    other.get(school_campaign.url)
    assert other.post(school_campaign.url, school_pledge(email="cits@example.org")).status_code == 302


def test_a_signed_in_donor_is_counted_as_one_whatever_browser(campaign, pledge, settings, visitor_user):  # noqa: F811
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pledge_per_session": "2/h"}
    for number in range(2):
        browser = Client()
        browser.force_login(visitor_user)
        assert browser.post(campaign.url, pledge(email=f"a{number}@example.org")).status_code == 302
    browser = Client()
    browser.force_login(visitor_user)
    assert browser.post(campaign.url, pledge(email="a3@example.org")).status_code == 429


def test_refusals_and_double_submits_use_up_nothing(campaign, pledge, settings):  # noqa: F811
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pledge_per_email": "2/h"}
    browser = Client()
    for _ in range(5):  # mistakes
        assert browser.post(campaign.url, pledge(consent="")).status_code == 400
    data = pledge()
    assert browser.post(campaign.url, data).status_code == 302
    assert browser.post(campaign.url, data).status_code == 302  # pressed twice: one pledge, counted once
    assert Pledge.objects.count() == 1
    assert browser.post(campaign.url, pledge(2)).status_code == 302
    assert browser.post(campaign.url, pledge(3)).status_code == 429
    assert browser.post(campaign.url, pledge(3)).status_code == 429  # a refusal counts nothing either
    assert Pledge.objects.count() == 2


def test_the_limit_messages_are_in_the_visitors_language(rf, settings):
    from django.utils import translation

    from campaigns.views import PLEDGE_LIMITS
    from home import limits

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pledge_per_ip": "1/h"}
    request = rf.post("/", REMOTE_ADDR="192.0.2.9")
    per_address = PLEDGE_LIMITS[:1]
    assert limits.refusal(request, per_address) is None
    limits.count(request, per_address)
    with translation.override("en"):
        english = limits.refusal(request, per_address)
    with translation.override("lv"):
        latvian = limits.refusal(request, per_address)
    assert re.fullmatch(r"Many pledges have come from your network just now\. Please try again in \d+ min\.", english)
    assert re.fullmatch(
        r"No jūsu tīkla tikko ir saņemts daudz solījumu\. Lūdzu, mēģiniet vēlreiz pēc \d+ min\.", latvian
    )


# Limits: the mentor application and sign-up


def test_applications_are_limited_per_account_and_per_address(client, make_user, mentoring_page, settings):  # noqa: F811
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "application_per_ip": "3/h"}
    assert settings.RATE_LIMITS["application_per_account"] == "3/h"
    applicant = make_user(email="pieteicejs@example.org")
    client.force_login(applicant)
    for number in range(3):  # apply, change one's mind, apply again ... from wherever
        response = client.post(mentoring_page.url, application(), REMOTE_ADDR=f"192.0.2.{number}")
        assert response.status_code == 302
        assert client.post("/mentoring/application/withdraw/").status_code == 302
    response = client.post(mentoring_page.url, application(full_name="Ģirts Ozols"), REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 429
    assert "Jūs tikko esat nosūtījuši vairākus pieteikumus" in response.content.decode()
    assert "Ģirts Ozols" in response.content.decode()

    # Three accounts from one address (the limit here): the fourth waits.
    for number in range(4):
        other = Client()
        other.force_login(make_user(email=f"cits{number}@example.org"))
        response = other.post(mentoring_page.url, application(), REMOTE_ADDR="198.51.100.7")
        assert response.status_code == (302 if number < 3 else 429)
    assert "No jūsu tīkla tikko ir saņemts daudz pieteikumu" in response.content.decode()
    assert Application.objects.count() == 6


def test_sign_up_is_limited_per_email_address(home_page, make_user, mail_after_commit, settings):
    """A known address gets a mail instead of an account: three an hour, so nobody can fill an inbox."""
    assert settings.RATE_LIMITS["signup_per_email"] == "3/h"
    make_user(email="zinams@example.org")
    with mail_after_commit():
        for number in range(3):
            response = Client().post(
                "/accounts/signup/", sign_up("zinams@example.org"), REMOTE_ADDR=f"192.0.2.{number}"
            )
            assert response.status_code == 302
        response = Client().post("/accounts/signup/", sign_up("Zinams@example.org"), REMOTE_ADDR="192.0.2.50")
    assert response.status_code == 429
    assert "Šī e-pasta adrese tikko ir reģistrēta vairākas reizes" in response.content.decode()
    assert 1 <= len(mail_after_commit.outbox) <= 3  # allauth itself sends it at most once in three minutes
    assert {tuple(message.to) for message in mail_after_commit.outbox} == {("zinams@example.org",)}


def test_sign_up_is_limited_per_address_and_counts_accounts_made(home_page, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup_per_ip": "2/h"}
    for _ in range(3):  # refused: passwords that differ
        response = Client().post("/accounts/signup/", sign_up("x@example.org", password2="cits-vards-2026"))
        assert response.status_code == 200
    for number in range(2):
        assert Client().post("/accounts/signup/", sign_up(f"jauns{number}@example.org")).status_code == 302
    response = Client().post("/accounts/signup/", sign_up("jauns9@example.org"))
    assert response.status_code == 429
    assert "No jūsu tīkla tikko ir izveidots daudz kontu" in response.content.decode()
    assert User.objects.count() == 2
