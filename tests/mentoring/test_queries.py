"""What every mentoring page costs in queries: pinned, and the same at 1 row and at many."""

import datetime
from decimal import Decimal

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
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db

MY_MENTORING = [
    ("session and user", 2),
    ("the mentor's pairs with their mentees, the latest application", 2),
    ('the "Become a mentor" page in the reader\'s language, else any', 2),
    ("the handbook link: is the mentor in a handbook group? (then the handbook: one more)", 1),
    ("the certificate: hours and months approved so far", 1),
    ("site and mentoring settings (the monthly target)", 2),
    ("the pair's meetings and approved months", 2),
    ("centre settings (page title, footer)", 1),
    ("header: the active locale, the news index for the RSS link", 2),
    ("account menu: may they open the admin (user's and groups' permissions)", 2),
    ("menu: view restrictions (the home page has no children here)", 1),
    ('account menu: "My mentoring" if they ever applied', 1),
    ("footer: opening hours and supporters", 2),
]

# Every admin page: who is asking and what the menu shows them.
ADMIN_FRAME = [
    ("session and user", 2),
    ("the user's and their groups' permissions", 2),
    ("two-factor sign-in set up? (accounts: staff must have it)", 1),
    ("the user's admin profile (language, theme)", 1),
]
ADMIN_MENU = [("menu: locales; page, collection and site permissions of the user's groups", 4)]


def listing(*rows):
    return [*ADMIN_FRAME, ("the listing's count (paginator)", 1), *ADMIN_MENU, *rows]


ADMIN_LISTINGS = {
    "/admin/mentoring/applications/": listing(("applications with training hours", 1), ("record checks", 1)),
    "/admin/mentoring/training/": listing(("training sessions", 1), ("their attendance", 1)),
    "/admin/mentoring/pairs/": listing(
        ("the coordinator filter's choices", 1),
        ("pairs with both people", 1),
        ("the access log: one insert for every child shown", 1),
    ),
    "/admin/mentoring/check-ins/": listing(("check-ins with pair and recorder", 1)),
    "/admin/mentoring/mentees/": listing(("mentees", 1), ("the access log: one insert for every mentee shown", 1)),
    "/admin/mentoring/hours/": listing(
        ("site and mentoring settings (the target)", 2),
        ("the coordinator filter's choices", 1),
        ("hours per pair per month", 1),
        ("the access log: one insert for every child shown", 1),
    ),
    "/admin/mentoring/access-log/": listing(("log rows", 1)),
    "/admin/mentoring/certificates/": listing(("certificates", 1)),
}


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
    assert_queries(client, "/mentoring/", MY_MENTORING)
    add_meetings(pair_a, 59, today)
    from mentoring.models import MonthReview

    MonthReview.objects.create(pair=pair_a, month=dates.add_months(today, -2), hours=3)
    assert_queries(client, "/mentoring/", MY_MENTORING)


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


def grow_certificates(count):
    from mentoring.models import Certificate

    for _ in range(count):
        mentor = ApplicationFactory()
        month = dates.month_start(datetime.date(2026, 3, 1))
        Certificate.objects.create(
            mentor=mentor, full_name="X", first_month=month, last_month=month, hours=1, meetings=1, language="lv"
        )


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
        ("/admin/mentoring/certificates/", lambda n, c: grow_certificates(n)),
    ],
)
def test_admin_listings_at_1_and_15_rows(client, coordinator, url, grow):
    client.force_login(coordinator)
    grow(1, coordinator)
    assert_queries(client, url, ADMIN_LISTINGS[url])
    grow(14, coordinator)
    assert_queries(client, url, ADMIN_LISTINGS[url])


DASHBOARD = [
    *ADMIN_FRAME,
    ("site and mentoring settings (target, cadence)", 2),
    ("active pairs with this and last month's hours, last meeting and worries (annotated)", 1),
    ("the mentors' record checks, the pairs' recent check-ins", 2),
    ("hours per month for the chart", 1),
    ("the access log: one insert … select for every child shown", 1),
    *ADMIN_MENU,
]


def test_the_monitoring_dashboard_at_5_and_200_pairs(client, coordinator, today):
    from tests.mentoring.test_monitoring import make_pairs

    client.force_login(coordinator)
    make_pairs(5, coordinator, today)
    assert_queries(client, "/admin/mentoring/monitoring/", DASHBOARD)
    make_pairs(195, coordinator, today)
    assert_queries(client, "/admin/mentoring/monitoring/", DASHBOARD)
