"""Mentoring in Latvian that reads right: dates in the case the sentence needs (pages and mail), the
centre's name in the reader's language, "Become a mentor" from every page's footer, a month past
the target that says so, select boxes that say "Izvēlieties…"."""

import datetime
from decimal import Decimal

from django.utils import translation

from wagtail.models import Locale

import pytest

from home.dates import long_date
from mentoring.factories import MeetingFactory
from tests.forms import as_a_person

pytestmark = pytest.mark.django_db


def test_my_mentorings_dates_are_in_the_sentences_case(client, mentor_a, pair_a, today):
    meeting = MeetingFactory(pair=pair_a, date=today)
    client.force_login(mentor_a)
    with translation.override("lv"):
        since, on, of = (
            long_date(pair_a.start_date, "genitive"),
            long_date(today, "locative"),
            long_date(today, "genitive"),
        )
    assert f"Kopā kopš {since}" in client.get("/mentoring/").content.decode()
    assert f"tikšanās {on}" in client.get(f"/mentoring/meetings/{meeting.pk}/edit/").content.decode()
    assert f"Dzēst {of} tikšanos" in client.get(f"/mentoring/meetings/{meeting.pk}/delete/").content.decode()
    before = pair_a.start_date - datetime.timedelta(days=1)
    response = client.post(
        f"/mentoring/pairs/{pair_a.pk}/meetings/", {"date": before.isoformat(), "hours": "1", "activity": "walk"}
    )
    with translation.override("lv"):
        started = long_date(pair_a.start_date, "locative")
    assert f"Pāris izveidots {started}; tikšanās nevar būt agrāk." in response.content.decode()


def test_the_worry_mail_names_the_meetings_day_in_the_genitive(client, mentor_a, pair_a, today, mail_after_commit):
    client.force_login(mentor_a)
    with mail_after_commit():
        client.post(
            f"/mentoring/pairs/{pair_a.pk}/meetings/",
            {"date": today.isoformat(), "hours": "1", "activity": "walk", "concern": "on"},
        )
    with translation.override("lv"):
        of = long_date(today, "genitive")
    assert f"pēc {of} tikšanās atzīmēja bažas" in mail_after_commit.outbox[0].body


def test_mail_is_signed_with_the_centres_name_in_the_readers_language(
    client, visitor_user, mentoring_page, mail_after_commit
):
    from mentoring.factories import years_ago

    client.force_login(visitor_user)
    answers = {
        "full_name": "Anna Bērziņa",
        "birth_date": years_ago(20).isoformat(),
        "phone": "+371 20 123 456",
        "motivation": "Gribu palīdzēt.",
        "availability": "Sestdienas",
        "languages": "latviešu, angļu",
        "interests": "Šahs",
        "privacy_consent": "on",
        "record_check_consent": "on",
        **as_a_person(),
    }
    with mail_after_commit():
        client.post("/en" + mentoring_page.url, answers)
    receipt = next(message for message in mail_after_commit.outbox if message.to == [visitor_user.email])
    assert receipt.body.rstrip().endswith("Bauska SOS Family Support Centre")
    assert "Bauskas SOS" not in receipt.body


def test_a_month_past_the_target_fills_the_bar_and_says_by_how_much(client, mentor_a, pair_a, today):
    MeetingFactory(pair=pair_a, date=today, hours=Decimal("7"))
    MeetingFactory(pair=pair_a, date=today, hours=Decimal("5.5"))
    client.force_login(mentor_a)
    html = client.get("/mentoring/").content.decode()
    assert 'class="bar__done" x="0" y="0" width="100.0"' in html
    assert "Mērķis sasniegts: par 2,5 h vairāk, nekā plānots. Paldies!" in html
    assert "šomēnes 12,5 no 10 stundām: par 2,5 h vairāk, nekā plānots" in html  # what a screen reader hears
    english = client.get("/en/mentoring/").content.decode()
    assert "Target reached: 2.5 h more than planned. Thank you!" in english


def test_a_month_below_the_target_says_nothing_more(client, mentor_a, pair_a, today):
    MeetingFactory(pair=pair_a, date=today, hours=Decimal("10"))
    client.force_login(mentor_a)
    assert 'data-testid="over-target"' not in client.get("/mentoring/").content.decode()


def test_the_activity_select_says_choose(client, mentor_a, pair_a):
    client.force_login(mentor_a)
    html = client.get("/mentoring/").content.decode()
    assert '<option value="" selected>Izvēlieties…</option>' in html
    assert "---------" not in html
    assert '<option value="" selected>Choose…</option>' in client.get("/en/mentoring/").content.decode()


def test_become_a_mentor_is_in_every_pages_footer(client, mentoring_page, english_home, visitor_user):
    english = mentoring_page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "Become a mentor", "become-a-mentor"
    english.save_revision().publish()
    client.force_login(visitor_user)
    for url in ["/", "/campaigns/my-pledges/", "/accounts/email/", mentoring_page.url]:
        assert '<li><a href="/mentori/">Kļūstiet par mentoru</a></li>' in client.get(url).content.decode(), url
    for url in ["/en/", "/en/campaigns/my-pledges/"]:
        assert '<li><a href="/en/become-a-mentor/">Become a mentor</a></li>' in client.get(url).content.decode(), url
