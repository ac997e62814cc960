"""The coordinator's monitoring: dashboard, chart, hours report and exports, reminders."""

import csv
import datetime
import io
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from openpyxl import load_workbook

from mentoring import dates
from mentoring.choices import Activity
from mentoring.factories import CheckInFactory, MeetingFactory, MenteeFactory, MentorFactory, PairFactory
from mentoring.models import Meeting, MentoringSettings, Pair

pytestmark = pytest.mark.django_db


def make_pairs(count, coordinator, today):
    """``count`` active pairs, each with two meetings a month for the last twelve months."""
    pairs = [
        PairFactory(
            mentor=MentorFactory(screening=False),
            mentee=MenteeFactory(),
            coordinator=coordinator,
            start_date=dates.add_months(today, -12),
        )
        for _ in range(count)
    ]
    meetings = []
    for pair in pairs:
        for months_back in range(12):
            month = dates.add_months(today, -months_back)
            for day in (2, 9):
                meetings.append(
                    Meeting(
                        pair=pair,
                        date=min(month.replace(day=day), today),
                        hours=Decimal("2.5"),
                        activity=Activity.WALK,
                        concern=day == 9 and months_back == 0,
                    )
                )
    Meeting.objects.bulk_create(meetings)
    CheckInFactory.create_batch(3, pair=pairs[0])
    return pairs


def count_dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/mentoring/monitoring/")
    assert response.status_code == 200
    return len(queries), response


def test_dashboard_queries_do_not_grow_with_pairs(client, coordinator, today):
    client.force_login(coordinator)
    make_pairs(5, coordinator, today)
    client.get("/admin/mentoring/monitoring/")  # warm caches (settings, site)
    few, response = count_dashboard_queries(client)
    assert len(response.context["rows"]) == 5
    make_pairs(195, coordinator, today)
    many, response = count_dashboard_queries(client)
    assert len(response.context["rows"]) == 200
    print(f"dashboard: {few} queries at 5 pairs, {many} at 200 pairs")  # shown with pytest -s
    assert few == many, f"{few} queries at 5 pairs, {many} at 200"


def test_dashboard_figures(client, coordinator, pair_a, today):
    last_month = dates.add_months(today, -1)
    MeetingFactory(pair=pair_a, date=today, hours=Decimal("3"))
    MeetingFactory(pair=pair_a, date=last_month, hours=Decimal("4.5"), concern=True)
    MeetingFactory(pair=pair_a, date=last_month + datetime.timedelta(days=1), hours=Decimal("1"), concern=True)
    pair_a.meetings.filter(hours=Decimal("1")).update(
        concern_resolved_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    client.force_login(coordinator)
    response = client.get("/admin/mentoring/monitoring/")
    row = response.context["rows"][0]
    pair = row["pair"]
    assert pair.hours_this_month == Decimal("3")
    assert pair.hours_last_month == Decimal("5.5")
    assert pair.last_meeting == today
    assert pair.open_concerns == 1
    assert row["checkins_due"] == 1
    assert "<svg" in response.text and "mentoring-chart" in response.text


def test_check_ins_are_due_twice_in_the_first_month_then_monthly(coordinator, today):
    pair = PairFactory(coordinator=coordinator, start_date=today - datetime.timedelta(days=5))
    assert pair.checkins_due(today) == 2
    CheckInFactory(pair=pair, date=today)
    pair = Pair.objects.get(pk=pair.pk)
    assert pair.checkins_due(today) == 1
    CheckInFactory(pair=pair, date=today, contact="guardian")
    assert Pair.objects.get(pk=pair.pk).checkins_due(today) == 0

    later = today + datetime.timedelta(days=45)
    assert Pair.objects.get(pk=pair.pk).checkins_due(later) == (
        0 if dates.month_start(later) == dates.month_start(today) else 1
    )


def test_coordinator_records_a_check_in(client, coordinator, pair_a, today):
    client.force_login(coordinator)
    response = client.get(f"/admin/mentoring/check-ins/new/?pair={pair_a.pk}")
    assert response.status_code == 200
    response = client.post(
        "/admin/mentoring/check-ins/new/",
        {"pair": pair_a.pk, "date": today.isoformat(), "contact": "guardian", "notes": "Mamma apmierināta."},
    )
    assert response.status_code == 302
    checkin = pair_a.checkins.get()
    assert checkin.recorded_by == coordinator
    assert "Mamma apmierināta." in client.get(f"/admin/mentoring/pairs/inspect/{pair_a.pk}/").text


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_hours_export_has_no_surnames_or_case_references(client, coordinator, pair_a, today, export):
    MeetingFactory(pair=pair_a, date=today, hours=Decimal("2.25"))
    MeetingFactory(pair=pair_a, date=today, hours=Decimal("1"))
    client.force_login(coordinator)
    response = client.get(f"/admin/mentoring/hours/?export={export}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export == "csv":
        rows = list(csv.reader(io.StringIO(content.decode())))
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [[("" if cell is None else str(cell)) for cell in row] for row in sheet.iter_rows(values_only=True)]
    header, row = rows[0], rows[1]
    assert len(rows) == 2
    assert pair_a.mentee.first_name in row
    assert f"P-{pair_a.pk:04d}" in row
    assert any(value in ("3.25", "3.25") for value in row)
    text = " ".join(" ".join(r) for r in rows)
    assert pair_a.mentee.case_reference not in text
    assert str(pair_a.mentee.birth_date.year) not in text
    assert len(header) == 9


def test_hours_report_page_lists_pairs_by_month(client, coordinator, pair_a, today):
    MeetingFactory(pair=pair_a, date=today, hours=Decimal("2"))
    client.force_login(coordinator)
    response = client.get("/admin/mentoring/hours/")
    assert response.status_code == 200
    assert pair_a.mentor.full_name in response.text
    assert "XLSX" in response.text


def test_reminders_are_sent_once_after_the_reminder_day(pair_a, pair_b, today, mail_after_commit, home_page):
    settings = MentoringSettings.current()
    settings.reminder_day = 10
    settings.save()
    month = dates.month_start(today)
    MeetingFactory(pair=pair_b, date=month)  # B has logged this month
    with mail_after_commit():
        call_command("send_mentoring_reminders", stdout=io.StringIO())
    from mentoring.services import send_reminders

    assert send_reminders(month.replace(day=9)) == 0  # before the day: nothing
    with mail_after_commit():
        sent = send_reminders(month.replace(day=12))
        again = send_reminders(month.replace(day=13))
    assert (sent, again) in ((1, 0), (0, 0))
    recipients = [message.to for message in mail_after_commit.outbox]
    assert recipients == [[pair_a.mentor.user.email]]
    assert pair_a.mentee.case_reference not in mail_after_commit.outbox[0].body


def test_hours_report_filters_by_period_and_coordinator(client, coordinator, make_user, pair_a, today):
    other = make_user(groups=["Mentoring coordinators"])
    pair_b = PairFactory(coordinator=other, start_date=today - datetime.timedelta(days=200))
    MeetingFactory(pair=pair_a, date=today)
    MeetingFactory(pair=pair_a, date=dates.add_months(today, -2))
    MeetingFactory(pair=pair_b, date=today)
    client.force_login(coordinator)
    month = dates.month_start(today).isoformat()
    response = client.get(f"/admin/mentoring/hours/?date_from={month}&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3  # heading, pair A and pair B this month
    response = client.get(f"/admin/mentoring/hours/?coordinator={coordinator.pk}&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3  # heading, pair A's two months
    assert all(f"P-{pair_a.pk:04d}" in row for row in rows[1:])
