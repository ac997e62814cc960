"""The coordinator's monitoring: dashboard, chart, hours report and exports, reminders."""

import csv
import datetime
import io
import re
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from openpyxl import load_workbook

from mentoring import dates
from mentoring.admin_views import PAIRS_PER_PAGE
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
    assert response.context["pair_count"] == 200
    assert len(response.context["rows"]) == PAIRS_PER_PAGE  # a page of them: its cost does not grow
    print(f"dashboard: {few} queries at 5 pairs, {many} at 200 pairs")  # shown with pytest -s
    assert few == many, f"{few} queries at 5 pairs, {many} at 200"


def test_the_dashboard_pages_through_many_pairs(client, coordinator, today):
    """200 pairs: 4 pages of 50 in the mentors' order, each logging only the children it shows."""
    from mentoring.models import MenteeAccessLog

    client.force_login(coordinator)
    make_pairs(PAIRS_PER_PAGE * 3 + 10, coordinator, today)
    first = client.get("/admin/mentoring/monitoring/")
    assert "160 aktīvi pāri" in first.text or "160 active pairs" in first.text
    assert 'aria-label="Lapas"' in first.text or "pagination" in first.text
    assert MenteeAccessLog.objects.count() == PAIRS_PER_PAGE
    last = client.get("/admin/mentoring/monitoring/?p=4")
    assert len(last.context["rows"]) == 10
    seen = [
        row.pair.pk
        for page in (1, 2, 3, 4)
        for row in client.get(f"/admin/mentoring/monitoring/?p={page}").context["rows"]
    ]
    assert sorted(seen) == sorted(Pair.objects.active().values_list("pk", flat=True))  # every pair, once
    names = [row.pair.mentor.full_name for row in first.context["rows"]]
    assert names == sorted(names, key=str)


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
    pair = row.pair
    assert pair.hours_this_month == Decimal("3")
    assert pair.hours_last_month == Decimal("5.5")
    assert pair.last_meeting == today
    assert pair.open_concerns == 1
    assert row.checkins_due == 1
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
    for typed in ["9" * 5000, "-1", "x"]:
        assert client.get(f"/admin/mentoring/check-ins/new/?pair={typed}").status_code == 200, typed[:10]
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
    # The named version (issue 11: the report is pseudonymised unless a coordinator asks for names).
    response = client.get(f"/admin/mentoring/hours/?export={export}&names=on")
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
    response = client.get("/admin/mentoring/hours/?names=on")
    assert response.status_code == 200
    assert pair_a.mentor.full_name in response.text
    assert "XLSX" in response.text


def test_the_hours_reports_names_box_is_no_filter_until_ticked_and_its_chip_reads_yes(client, coordinator, pair_a):
    """Unticked, "Show names" is not an active filter (Wagtail showed a chip "...: False" and a 1 on
    the filter button on the report's first view); ticked, its chip reads "Jā" and unticks it."""
    client.force_login(coordinator)
    chips = re.compile(r'<ul class="w-active-filters">(.*?)</ul>', re.S)
    first = client.get("/admin/mentoring/hours/")
    assert first.status_code == 200
    assert "w-pill" not in "".join(chips.findall(first.text))
    assert "False" not in first.text
    named = client.get("/admin/mentoring/hours/?names=on")
    pill = " ".join(chips.search(named.text).group(1).split())
    assert 'Rādīt mentoru un aizbilstamo vārdus (tiek reģistrēts): </span> <b class="w-ml-1">Jā</b>' in pill
    assert 'data-w-swap-src-value="/admin/mentoring/hours/results/?_w_filter_fragment=1"' in pill  # unticks it


def test_reminders_are_sent_once_after_the_reminder_day(pair_a, pair_b, today, mail_after_commit, home_page):
    settings = MentoringSettings.for_default_site()
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


def test_a_month_far_above_the_target_is_flagged(client, coordinator, pair_a, today):
    last_month = dates.add_months(today, -1)
    MeetingFactory(pair=pair_a, date=last_month, hours=Decimal("12"))
    MeetingFactory(pair=pair_a, date=last_month + datetime.timedelta(days=1), hours=Decimal("8.25"))
    MeetingFactory(pair=pair_a, date=today, hours=Decimal("12"))
    client.force_login(coordinator)
    dashboard = client.get("/admin/mentoring/monitoring/")
    row = dashboard.context["rows"][0]
    assert (row.far_above_this_month, row.far_above_last_month) == (False, True)  # 12 h is not above 20 h
    assert dashboard.text.count("krietni virs mērķa") == 2  # the legend, and last month's flag
    inspect = client.get(f"/admin/mentoring/pairs/inspect/{pair_a.pk}/")
    flagged = [month["month"] for month in inspect.context["months"] if month["far_above"]]
    assert flagged == [last_month]
    assert "krietni virs mērķa" in inspect.text


def test_a_check_in_in_the_future_is_refused_and_does_not_clear_the_flag(client, coordinator, pair_a, today):
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    client.force_login(coordinator)
    response = client.post(
        "/admin/mentoring/check-ins/new/", {"pair": pair_a.pk, "date": tomorrow, "contact": "mentor", "notes": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert not pair_a.checkins.exists()
    assert client.get("/admin/mentoring/monitoring/").context["rows"][0].checkins_due == 1

    checkin = CheckInFactory(pair=pair_a, date=today - datetime.timedelta(days=40), recorded_by=coordinator)
    response = client.post(
        f"/admin/mentoring/check-ins/edit/{checkin.pk}/",
        {"pair": pair_a.pk, "date": tomorrow, "contact": "mentor", "notes": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    checkin.refresh_from_db()
    assert checkin.date == today - datetime.timedelta(days=40)
    assert client.get("/admin/mentoring/monitoring/").context["rows"][0].checkins_due == 1


def test_a_check_in_dated_in_the_future_by_other_means_does_not_count(coordinator, pair_a, today):
    CheckInFactory(pair=pair_a, date=today + datetime.timedelta(days=3))
    pair = Pair.objects.for_dashboard(today).get(pk=pair_a.pk)
    assert pair.checkins_due(today) == 1
    assert Pair.objects.get(pk=pair_a.pk).checkins_due(today) == 1


def test_an_overdue_check_in_is_shown_apart_from_due_this_month(client, coordinator, pair_a, pair_b, today):
    CheckInFactory(pair=pair_a, date=today - datetime.timedelta(days=70))
    CheckInFactory(pair=pair_b, date=today)
    client.force_login(coordinator)
    dashboard = client.get("/admin/mentoring/monitoring/")
    rows = {row.pair.pk: row for row in dashboard.context["rows"]}
    due_by = dates.months_after(today - datetime.timedelta(days=70), 1)
    assert rows[pair_a.pk].checkin_overdue_since == due_by
    assert rows[pair_a.pk].checkins_due == 1
    assert rows[pair_b.pk].checkin_overdue_since is None
    assert rows[pair_b.pk].checkins_due == 0
    assert f"nokavēta kopš {due_by:%-d.%m.%Y}" in dashboard.text
    assert "šomēnes" in dashboard.text  # "due this month", a different label
    inspect = client.get(f"/admin/mentoring/pairs/inspect/{pair_a.pk}/")
    assert inspect.context["checkin_overdue_since"] == due_by
    assert f"saziņa nokavēta kopš {due_by:%-d.%m.%Y}" in inspect.text


def test_the_check_in_cadence_is_the_centres_setting(client, coordinator, pair_a, today, home_page):
    CheckInFactory(pair=pair_a, date=today - datetime.timedelta(days=70))
    programme = MentoringSettings.for_default_site()
    programme.checkin_cadence_months = 3
    programme.save()
    client.force_login(coordinator)
    row = client.get("/admin/mentoring/monitoring/").context["rows"][0]
    assert row.checkin_overdue_since is None


def test_the_hours_chart_has_a_caption_and_a_table_in_the_readers_language(client, coordinator, pair_a, today):
    from wagtail.users.models import UserProfile

    MeetingFactory(pair=pair_a, date=today, hours=Decimal("2.5"))
    client.force_login(coordinator)
    html = client.get("/admin/mentoring/monitoring/").text
    assert '<figure class="bar-chart"' in html
    assert "<figcaption" in html and 'aria-hidden="true"' in html
    table = html[html.index('<table class="bar-chart__table') :]
    table = table[: table.index("</table>")]
    assert "<caption>" in table
    assert table.count("<tr>") == 13  # the heading and twelve months
    assert "2,5 h" in table
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    html = client.get("/admin/mentoring/monitoring/").text
    assert "2.5 h" in html[html.index('<table class="bar-chart__table') :]


def test_the_hours_export_reads_as_the_screen(client, coordinator, pair_a, today):
    MeetingFactory(pair=pair_a, date=today, hours=Decimal("2"))
    client.force_login(coordinator)
    response = client.get("/admin/mentoring/hours/?export=csv&names=on")
    header, row = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert header == ["Mēnesis", "Pāris", "Mentors", "Aizbilstamais (vārds)", "Koordinators"] + header[5:]
    assert row[6:] == ["2", "10", "nē"]  # hours and target as people write them, "no" in words


def test_the_monitoring_tables_marks_have_a_legend_built_from_the_settings(client, coordinator, pair_a, today):
    programme = MentoringSettings.for_default_site()
    programme.checkin_cadence_months = 2
    programme.save()
    MeetingFactory(pair=pair_a, date=dates.add_months(today, -1), hours=Decimal("3"))
    client.force_login(coordinator)
    html = client.get("/admin/mentoring/monitoring/").text
    legend = html[html.index('<section class="mentoring-legend"') : html.index("</section>")]
    assert "Ko nozīmē atzīmes" in legend
    assert "mazāk stundu nekā mērķis (10 h)" in legend
    assert "mēnesī vairāk par 20 h" in legend
    assert "saziņas nav bijis ilgāk par 2 mēnešiem" in legend
    assert "30 dienu laikā" in legend
    # Last month's 3 h of 10 is marked, and a screen reader hears what the mark means.
    assert "zem mērķa:" in html[html.index("</section>") :]


def test_the_monitoring_table_and_chart_are_labelled_and_the_chart_takes_keyboard_focus(client, coordinator, pair_a):
    client.force_login(coordinator)
    html = client.get("/admin/mentoring/monitoring/").text
    assert '<table class="listing mentoring-dashboard" aria-labelledby="pairs-heading" role="table">' in html
    assert '<h2 id="pairs-heading">1 aktīvs pāris</h2>' in html
    assert '<div class="mentoring-chart" role="region" tabindex="0" aria-labelledby="chart-heading">' in html
    # Each cell names its column, for the cards a phone shows.
    assert 'data-label="Koordinators"' in html and 'data-label="Bažas"' in html
