"""Every mentoring listing costs the same number of queries at 1 row and at many."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from mentoring import dates
from mentoring.factories import (
    ApplicationFactory,
    CheckInFactory,
    MeetingFactory,
    MenteeFactory,
    PairFactory,
    TrainingAttendanceFactory,
    TrainingSessionFactory,
)
from mentoring.models import Meeting, MenteeAccessLog

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def add_meetings(pair, count, today):
    """``count`` meetings spread over the pair's months so far."""
    days = (today - pair.start_date).days
    Meeting.objects.bulk_create(
        Meeting(pair=pair, date=pair.start_date + datetime.timedelta(days=n * days // count), hours=Decimal("1"))
        for n in range(count)
    )


def test_my_mentoring_at_1_and_60_meetings(client, mentor_a, pair_a, today):
    client.force_login(mentor_a)
    MeetingFactory(pair=pair_a, date=today)
    one = count_queries(client, "/mentoring/")
    add_meetings(pair_a, 59, today)
    from mentoring.models import MonthReview

    MonthReview.objects.create(pair=pair_a, month=dates.add_months(today, -2), hours=3)
    assert count_queries(client, "/mentoring/") == one


def grow_applications(count):
    for _ in range(count):
        application = ApplicationFactory()
        TrainingAttendanceFactory(application=application, session=TrainingSessionFactory())


def grow_pairs(count, coordinator):
    for _ in range(count):
        pair = PairFactory(coordinator=coordinator)
        MeetingFactory(pair=pair)
        CheckInFactory(pair=pair)


def grow_access_log(count):
    mentee = MenteeFactory()
    for _ in range(count):
        MenteeAccessLog.objects.create(mentee=mentee, user_label="y", action="viewed", via="record")


@pytest.mark.parametrize(
    ("url", "grow"),
    [
        ("/admin/mentoring/applications/", lambda n, c: grow_applications(n)),
        ("/admin/mentoring/training/", lambda n, c: grow_applications(n)),
        ("/admin/mentoring/pairs/", grow_pairs),
        ("/admin/mentoring/check-ins/", grow_pairs),
        ("/admin/mentoring/mentees/", lambda n, c: [MenteeFactory() for _ in range(n)]),
        ("/admin/mentoring/hours/", grow_pairs),
        ("/admin/mentoring/access-log/", lambda n, c: grow_access_log(n)),
    ],
)
def test_admin_listings_at_1_and_15_rows(client, coordinator, url, grow):
    client.force_login(coordinator)
    grow(1, coordinator)
    one = count_queries(client, url)
    grow(14, coordinator)
    assert count_queries(client, url) == one
