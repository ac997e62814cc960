"""Who sees a child's record (issue 11): every place that shows one logs it, record by record, and
how; the log names records by number and fields by name, never the child's name nor any value;
on PostgreSQL the database itself refuses to change or delete a row of it."""

import csv
import datetime
import io
from decimal import Decimal

from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from mentoring.choices import AccessAction, AccessVia, ApplicationState
from mentoring.factories import ApplicationFactory, MeetingFactory, MenteeFactory, PairFactory
from mentoring.models import MenteeAccessLog

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")


def logged(via, action=AccessAction.LISTED):
    return sorted(MenteeAccessLog.objects.filter(via=via, action=action).values_list("mentee_id", flat=True))


def no_child_data_in_the_log(*mentees):
    rows = str(list(MenteeAccessLog.objects.values()))
    for mentee in mentees:
        for value in (mentee.first_name, mentee.case_reference, mentee.interests):
            assert value not in rows


@pytest.fixture
def two_pairs(coordinator):
    today = timezone.localdate()
    # The mentors' names are fixed: a random one could be a child's ("Elza") and look like a leak.
    first = PairFactory(
        coordinator=coordinator,
        mentor__user__first_name="Laura",
        mentee__first_name="Elza",
        start_date=today - datetime.timedelta(40),
    )
    second = PairFactory(
        coordinator=coordinator,
        mentor__user__first_name="Kārlis",
        mentee__first_name="Ņina",
        start_date=today - datetime.timedelta(40),
    )
    for pair in (first, second):
        MeetingFactory(pair=pair, date=today, hours=Decimal("2"))
    return first, second


def test_the_pairs_list_and_export_log_each_mentee_shown(client, coordinator, two_pairs):
    client.force_login(coordinator)
    listing = client.get("/admin/mentoring/pairs/")
    assert "Elza" in listing.text and "Ņina" in listing.text
    assert logged(AccessVia.PAIRS_LIST) == sorted(pair.mentee_id for pair in two_pairs)
    response = client.get("/admin/mentoring/pairs/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row[2] for row in rows[1:]} == {"Elza", "Ņina"}  # the first name only
    assert all(pair.mentee.case_reference not in str(rows) for pair in two_pairs)
    assert logged(AccessVia.PAIRS_EXPORT, AccessAction.EXPORTED) == sorted(pair.mentee_id for pair in two_pairs)
    no_child_data_in_the_log(*(pair.mentee for pair in two_pairs))


def test_the_pair_page_and_its_edit_form_log_the_mentee(client, coordinator, two_pairs):
    pair = two_pairs[0]
    client.force_login(coordinator)
    assert "Elza" in client.get(f"/admin/mentoring/pairs/inspect/{pair.pk}/").text
    client.get(f"/admin/mentoring/pairs/edit/{pair.pk}/")
    assert logged(AccessVia.PAIR_PAGE, AccessAction.VIEWED) == [pair.mentee_id, pair.mentee_id]


def test_the_new_pair_form_logs_every_child_it_offers(client, coordinator, two_pairs):
    free = MenteeFactory(first_name="Roberts")
    client.force_login(coordinator)
    assert "Roberts" in client.get("/admin/mentoring/pairs/new/").text
    assert free.pk in logged(AccessVia.PAIR_FORM)


def test_the_dashboard_logs_each_active_pairs_mentee(client, coordinator, two_pairs):
    client.force_login(coordinator)
    assert client.get("/admin/mentoring/monitoring/").status_code == 200
    assert logged(AccessVia.DASHBOARD) == sorted(pair.mentee_id for pair in two_pairs)


def test_other_places_name_a_pair_without_the_child(client, coordinator, two_pairs):
    pair = two_pairs[0]
    assert "Elza" not in str(pair)
    client.force_login(coordinator)
    assert "Elza" not in client.get(f"/admin/mentoring/applications/inspect/{pair.mentor_id}/").text
    assert "Elza" not in client.get("/admin/mentoring/check-ins/new/").text
    assert not MenteeAccessLog.objects.exists()


# The hours report leaves the centre: pseudonymised unless names are asked for, which is logged.


def report_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_hours_report_is_pseudonymised_by_default(client, coordinator, two_pairs):
    client.force_login(coordinator)
    page = client.get("/admin/mentoring/hours/")
    for pair in two_pairs:
        assert pair.mentee.first_name not in page.text and pair.mentor.full_name not in page.text
        assert pair.mentee.reference in page.text and pair.mentor.reference in page.text
    assert logged(AccessVia.HOURS_REPORT) == sorted(pair.mentee_id for pair in two_pairs)
    response = client.get("/admin/mentoring/hours/?export=csv")
    assert response["Content-Disposition"] == 'attachment; filename="mentoring-hours.csv"'
    header, *rows = report_rows(response)
    assert header[2:4] == ["Mentors (pseidonīms)", "Aizbilstamais (pseidonīms)"]
    assert {row[3] for row in rows} == {pair.mentee.reference for pair in two_pairs}
    text = str(rows)
    assert all(pair.mentee.first_name not in text and pair.mentor.full_name not in text for pair in two_pairs)
    assert logged(AccessVia.HOURS_REPORT, AccessAction.EXPORTED) == sorted(pair.mentee_id for pair in two_pairs)
    assert not MenteeAccessLog.objects.filter(via=AccessVia.HOURS_REPORT_NAMED).exists()


def test_the_named_hours_report_is_asked_for_and_logged(client, coordinator, two_pairs):
    client.force_login(coordinator)
    form = client.get("/admin/mentoring/hours/").text
    assert 'name="names"' in form  # the coordinator asks explicitly, in the report's filters
    response = client.get("/admin/mentoring/hours/?names=on&export=xlsx")
    assert response["Content-Disposition"].endswith('filename="mentoring-hours-named.xlsx"')
    assert logged(AccessVia.HOURS_REPORT_NAMED, AccessAction.EXPORTED) == sorted(p.mentee_id for p in two_pairs)
    entry = MenteeAccessLog.objects.filter(via=AccessVia.HOURS_REPORT_NAMED).first()
    assert (entry.user, entry.user_label) == (coordinator, coordinator.email)
    no_child_data_in_the_log(*(pair.mentee for pair in two_pairs))


# The record-check entry says who verified it.


def test_the_record_check_entry_records_who_verified_it(client, coordinator):
    application = ApplicationFactory(state=ApplicationState.SCREENING)
    client.force_login(coordinator)
    data = nested_form_data(
        {
            "interviews": inline_formset([]),
            "references": inline_formset([]),
            "record_checks": inline_formset(
                [{"checked_on": "2026-01-15", "result": "clear", "valid_until": "2027-01-15"}]
            ),
        }
    )
    response = client.post(f"/admin/mentoring/applications/edit/{application.pk}/", data)
    assert response.status_code == 302
    check = application.record_checks.get()
    assert check.verified_by == coordinator
    page = client.get(f"/admin/mentoring/applications/inspect/{application.pk}/")
    assert str(coordinator) in page.text


# Pages with a child's data or a donor's pledge are never kept by a browser or a proxy.


def test_admin_pages_of_these_records_send_no_store(client, coordinator, two_pairs):
    pair = two_pairs[0]
    client.force_login(coordinator)
    for url in [
        "/admin/mentoring/mentees/",
        f"/admin/mentoring/mentees/inspect/{pair.mentee_id}/",
        f"/admin/mentoring/pairs/inspect/{pair.pk}/",
        f"/admin/mentoring/applications/inspect/{pair.mentor_id}/",
        "/admin/mentoring/monitoring/",
        "/admin/mentoring/hours/",
        "/admin/mentoring/access-log/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_the_mentors_pages_send_no_store(client, two_pairs):
    pair = two_pairs[0]
    meeting = pair.meetings.get()
    client.force_login(pair.mentor.user)
    for url in ["/mentoring/", f"/mentoring/meetings/{meeting.pk}/edit/", f"/mentoring/meetings/{meeting.pk}/delete/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    assert "Elza" in client.get("/mentoring/").text


def test_the_pledge_pages_send_no_store(client, pledge_for, donor, campaign_manager):
    pledge = pledge_for(donor=donor)
    for url in [pledge.get_private_url(), pledge.get_confirmation_url()]:
        assert "no-store" in client.get(url)["Cache-Control"], url
    client.force_login(donor)
    assert "no-store" in client.get("/campaigns/my-pledges/")["Cache-Control"]
    client.force_login(campaign_manager)
    response = client.get(f"/admin/pledge/inspect/{pledge.pk}/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


# The log in the database


@postgres_only
def test_postgresql_refuses_to_change_or_delete_the_log(coordinator):
    mentee = MenteeFactory()
    entry = MenteeAccessLog.objects.create(
        mentee=mentee, user=coordinator, user_label=coordinator.email, action="viewed", via="record"
    )
    for statement in [
        "UPDATE mentoring_menteeaccesslog SET user_label = 'someone else'",
        "DELETE FROM mentoring_menteeaccesslog",
    ]:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert MenteeAccessLog.objects.filter(pk=entry.pk, user_label=coordinator.email).exists()


def test_records_and_accounts_go_without_touching_the_log(client, coordinator, make_user):
    """Neither link is a database constraint: deleting a record or a staff account leaves the log as
    it was (on PostgreSQL an update of it would be refused)."""
    mentee = MenteeFactory()
    other = make_user(groups=["Mentoring coordinators"], email="aizgajusi@example.org")
    MenteeAccessLog.objects.create(mentee=mentee, user=other, user_label=other.email, action="viewed", via="record")
    client.force_login(coordinator)
    assert client.post(f"/admin/mentoring/mentees/delete/{mentee.pk}/").status_code == 302
    mentee_id, other_id = mentee.pk, other.pk
    other.delete()
    rows = list(MenteeAccessLog.objects.order_by("pk").values_list("mentee_id", "user_id", "user_label"))
    assert rows[0] == (mentee_id, other_id, "aizgajusi@example.org")


@pytest.fixture
def back_to_the_latest_migrations():
    """A test that moves the schema back and forth leaves it where every later test expects it."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("back_to_the_latest_migrations")
def test_existing_rows_are_converted_to_the_new_shape():
    """Migration 0006: rows that held the first name and old and new values keep only the record's
    number, how it was seen and the names of the fields changed."""
    executor = MigrationExecutor(connection)
    before, after = [("mentoring", "0005_limits_in_one_place")], [("mentoring", "0006_privacy_access_log_and_erasure")]
    executor.migrate(before)
    old = executor.loader.project_state(before[0]).apps
    OldMentee = old.get_model("mentoring", "Mentee")
    OldLog = old.get_model("mentoring", "MenteeAccessLog")
    mentee = OldMentee.objects.create(
        first_name="Elza", birth_date="2012-05-01", case_reference="BGAC-1", guardian_consent_on="2026-01-01"
    )
    common = {"user_label": "koordinatore@example.org"}
    OldLog.objects.create(mentee=mentee, mentee_label=f"#{mentee.pk} Elza", action="viewed", changes={}, **common)
    OldLog.objects.create(
        mentee=mentee, mentee_label=f"#{mentee.pk} Elza", action="viewed", changes={"page": "history"}, **common
    )
    OldLog.objects.create(
        mentee=mentee,
        mentee_label=f"#{mentee.pk} Elza",
        action="changed",
        changes={"intereses": ["Futbols", "Futbols, šahs"], "first name": ["Elza", "Elza Marija"]},
        **common,
    )
    OldLog.objects.create(mentee=None, mentee_label="#999 Ņina", action="deleted", changes={}, **common)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    rows = list(MenteeAccessLog.objects.order_by("pk").values("mentee_id", "action", "via", "fields"))
    assert rows == [
        {"mentee_id": mentee.pk, "action": "viewed", "via": "record", "fields": []},
        {"mentee_id": mentee.pk, "action": "viewed", "via": "history", "fields": []},
        {"mentee_id": mentee.pk, "action": "changed", "via": "form", "fields": ["interests", "first_name"]},
        {"mentee_id": 999, "action": "deleted", "via": "form", "fields": []},
    ]
    everything = str(list(MenteeAccessLog.objects.values()))
    for value in ["Elza", "Ņina", "Futbols"]:
        assert value not in everything
    if connection.vendor == "postgresql":  # and from here on, append-only in the database
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE mentoring_menteeaccesslog SET via = 'list'")


def test_the_become_a_mentor_page_is_not_kept_once_it_shows_someones_application(client, home_page, make_user):
    from mentoring.models import MentoringPage

    page = MentoringPage(title="Kļūsti par mentoru", slug="mentori", introduction="Jaunieši 18–25 gadu vecumā.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    applicant = make_user(email="pieteicejs@example.org")
    ApplicationFactory(user=applicant)
    client.force_login(applicant)
    response = client.get("/mentori/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
