"""What every mentoring page costs in queries: pinned, and the same at 1 row and at many."""

import datetime
from decimal import Decimal

from django.utils import timezone

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
from mentoring.models import Meeting, MenteeAccessLog, Pair
from tests.queries import ADMIN_FRAME, ADMIN_MENU, PAGE_LIMIT, assert_queries

pytestmark = pytest.mark.django_db

MY_MENTORING = [
    ("the user (the session comes from the cache)", 1),
    ("the mentor's pairs with their mentees, the latest application", 2),
    ("the handbook link: is the mentor in a handbook group?", 1),
    ("the certificate: hours and months approved so far", 1),
    ("the pair's meetings and approved months", 2),
    ("account menu: may they open the admin (user's and groups' permissions, one query)", 1),
    ('account menu: "My mentoring" if they ever applied', 1),
]  # settings, header, menu, footer and where the pages are: kept between requests (home.layout)


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


def test_my_mentoring_at_1_meeting_and_24_months_of_them(client, mentor_a, pair_a, today):
    client.force_login(mentor_a)
    MeetingFactory(pair=pair_a, date=today)
    assert_queries(client, "/mentoring/", MY_MENTORING, limit=PAGE_LIMIT)
    Pair.objects.filter(pk=pair_a.pk).update(start_date=dates.add_months(today, -24))
    pair_a.refresh_from_db()
    add_meetings(pair_a, 24 * 4, today)
    from mentoring.models import MonthReview

    MonthReview.objects.create(pair=pair_a, month=dates.add_months(today, -2), hours=3)
    assert_queries(client, "/mentoring/", MY_MENTORING, limit=PAGE_LIMIT)


def bulk_pairs(count, coordinator, today, months=24, per_month=2):
    """``count`` active pairs with ``months`` months of meetings, written in bulk (as bench_data does)."""
    from accounts.models import User
    from mentoring.choices import Activity, ApplicationState
    from mentoring.models import Application, Mentee

    first = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"bulk-{first + n}@example.org", first_name=f"M{first + n}", last_name="Bulk") for n in range(count)
    )
    now = timezone.now()
    applications = Application.objects.bulk_create(
        Application(
            user=user,
            full_name=f"{user.first_name} Bulk",
            birth_date=today - datetime.timedelta(days=365 * 21),
            phone="+371 20 000 000",
            motivation="-",
            availability="-",
            languages="-",
            interests="-",
            privacy_consent_at=now,
            record_check_consent_at=now,
            state=ApplicationState.APPROVED,
            decided_at=now,
        )
        for user in users
    )
    mentees = Mentee.objects.bulk_create(
        Mentee(
            first_name=f"B{n}",
            birth_date=today - datetime.timedelta(days=365 * 14),
            case_reference=f"BULK-{first + n}",
            guardian_consent_on=today - datetime.timedelta(days=800),
        )
        for n in range(count)
    )
    start = dates.add_months(today.replace(day=1), -months)
    pairs = Pair.objects.bulk_create(
        Pair(mentor=application, mentee=mentee, coordinator=coordinator, start_date=start, goals="-")
        for application, mentee in zip(applications, mentees, strict=True)
    )
    Meeting.objects.bulk_create(
        (
            Meeting(pair=pair, date=day, hours=Decimal("2"), activity=Activity.WALK)
            for pair in pairs
            for month in range(months + 1)
            for week in range(per_month)
            if (day := dates.add_months(start, month) + datetime.timedelta(days=1 + 7 * week)) <= today
        ),
        batch_size=5000,
    )
    return pairs


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
    assert_queries(client, url, ADMIN_LISTINGS[url], limit=PAGE_LIMIT)
    grow(14, coordinator)
    assert_queries(client, url, ADMIN_LISTINGS[url], limit=PAGE_LIMIT)


DASHBOARD = [
    *ADMIN_FRAME,
    ("every active pair's number and mentee's number, in the mentors' order (paged in Python)", 1),
    ("this page's pairs with this and last month's hours, last meeting and worries (annotated)", 1),
    ("the mentors' record checks, the pairs' recent check-ins", 2),
    ("hours per month for the chart (one row of sums)", 1),
    ("the access log: one insert for every child shown on the page", 1),
    *ADMIN_MENU,
]


def test_the_monitoring_dashboard_at_5_and_500_pairs_with_24_months(client, coordinator, today):
    client.force_login(coordinator)
    bulk_pairs(5, coordinator, today)
    assert_queries(client, "/admin/mentoring/monitoring/", DASHBOARD, limit=PAGE_LIMIT)
    bulk_pairs(495, coordinator, today)
    assert_queries(client, "/admin/mentoring/monitoring/", DASHBOARD, limit=PAGE_LIMIT)
    assert_queries(client, "/admin/mentoring/monitoring/?p=10", DASHBOARD, limit=PAGE_LIMIT)


BECOME_A_MENTOR = [
    ("the page: the child by slug and its row", 2),
    ("where its button leads (the application or my mentoring)", 1),
]
# Over PAGE_LIMIT: a section for each kind of record an app holds about the person (privacy.sources).
MY_DATA = [
    ("the user (the session comes from the cache)", 1),
    ("account: e-mail addresses, security keys and apps, erasure requests", 3),
    ("campaigns: pledges", 1),
    ("mentoring: applications, interviews, references, record checks, attendance with sessions", 5),
    ("mentoring: pairs, meetings", 2),
    ("mentoring: certificates", 1),
    ("the open erasure request", 1),
    ("account menu: may they open the admin (user's and groups' permissions, one query)", 1),
    ('account menu: "My mentoring" if they ever applied', 1),
]


def test_the_become_a_mentor_page_and_my_data(client, mentoring_page, mentor_a, pair_a, today):
    assert_queries(client, mentoring_page.url, BECOME_A_MENTOR, limit=PAGE_LIMIT)
    client.force_login(mentor_a)
    add_meetings(pair_a, 40, today)
    assert_queries(client, "/my-data/", MY_DATA)
