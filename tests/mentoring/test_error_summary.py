"""Errors in the order a person fixes them: a meeting's date and an applicant's age show with the other problems."""

import datetime

from django.utils import timezone

import pytest

from mentoring.factories import PairFactory
from tests.summary import opens_at_the_summary, summary_links

pytestmark = pytest.mark.django_db


def test_a_meetings_date_is_checked_before_its_hours_are_fixed(client, make_user):
    """A future date with hours that are not a number: both problems at once, the date first."""
    mentor = make_user(email="mentore@example.org")
    pair = PairFactory(mentor__user=mentor, start_date=timezone.localdate() - datetime.timedelta(days=30))
    client.force_login(mentor)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        f"/mentoring/pairs/{pair.pk}/meetings/", {"date": tomorrow.isoformat(), "hours": "daudz", "activity": ""}
    )
    assert response.status_code == 400
    links = summary_links(response.content.decode())
    assert links[0] == ("id_date", "Tikšanās nevar būt nākotnē.")
    assert [href for href, _text in links] == ["id_date", "id_hours", "id_activity"]
    assert links[2] == ("id_activity", "Izvēlieties, ko darījāt kopā.")


def test_an_applicants_age_shows_with_the_other_problems(client, visitor_user, mentoring_page):
    client.force_login(visitor_user)
    sixteen = timezone.localdate().replace(year=timezone.localdate().year - 16) - datetime.timedelta(days=1)
    response = client.post(mentoring_page.url, {"full_name": "Ģirts", "birth_date": sixteen.isoformat()})
    hrefs = [href for href, _text in summary_links(response.content.decode())]
    assert hrefs[:2] == ["id_full_name", "id_birth_date"]
    assert opens_at_the_summary(response.content.decode())
