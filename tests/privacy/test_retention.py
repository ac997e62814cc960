"""Retention (issue 11): the periods the centre sets, applied by one daily command, tested with a
frozen clock on both sides of every boundary. What it removed is logged as counts, never as data."""

import datetime
import logging
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from campaigns import services as campaign_services
from campaigns.factories import CampaignPageFactory
from campaigns.models import NeedTally, Pledge
from mentoring.choices import AccessAction, AccessVia, ApplicationState, ClosureReason
from mentoring.factories import (
    ApplicationFactory,
    CheckInFactory,
    InterviewFactory,
    MeetingFactory,
    MenteeFactory,
    PairFactory,
    ReferenceFactory,
)
from mentoring.models import Application, Interview, Meeting, Mentee, MenteeAccessLog, Pair, RecordCheck
from ops.schedule import JOBS
from privacy.models import RetentionSettings

pytestmark = pytest.mark.django_db


def retention():
    """Run the daily command; returns what it printed."""
    out = StringIO()
    call_command("apply_retention", stdout=out)
    return out.getvalue()


def test_the_job_runs_daily_with_the_others():
    [job] = [job for job in JOBS if job.command == "apply_retention"]
    assert (job.hour, job.minute) != ("*", "*") and job.hour.isdigit()


def test_the_defaults_are_site_settings_the_centre_changes_in_the_admin(client, superuser):
    periods = RetentionSettings.for_default_site()
    assert (periods.donor_contact_months, periods.closed_application_months) == (6, 6)
    assert (periods.mentor_screening_months, periods.mentee_record_years) == (12, 5)
    client.force_login(superuser)
    url = f"/admin/settings/privacy/retentionsettings/{periods.site_id}/"
    assert client.get(url).status_code == 200
    data = {
        "donor_contact_months": "3",
        "closed_application_months": "6",
        "mentor_screening_months": "12",
        "mentee_record_years": "7",
    }
    assert client.post(url, data).status_code == 302
    periods = RetentionSettings.for_default_site()
    assert (periods.donor_contact_months, periods.mentee_record_years) == (3, 7)


# Donors' contact details: N months after their campaign ended


@pytest.fixture
def ended_campaign(home_page, clock):
    """A campaign that ran in January 2027, with one pledge of three items, two of which arrived."""
    from campaigns.factories import CampaignIndexPageFactory

    clock.day(datetime.date(2027, 1, 10))
    campaign = CampaignPageFactory(
        parent=CampaignIndexPageFactory(parent=home_page),
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2027, 1, 31),
        needs=[{"name": "Mugursoma", "quantity": 10}],
    )
    tally = campaign.tallies.get()
    details = campaign_services.DonorDetails(
        donor_name="Anna Ozola",
        email="anna@example.org",
        phone="+371 29 000 001",
        expected_date=datetime.date(2027, 1, 20),
        note="Zvaniet pirms tam.",
    )
    pledge = campaign_services.create_pledge(campaign, {tally.pk: 3}, details).pledge
    campaign_services.record_receipt(pledge, {pledge.lines.get().pk: 2})
    clock.day(datetime.date(2027, 2, 1))
    campaign_services.housekeeping()  # the hourly job: the third item never came, so it is needed again
    return campaign


@pytest.mark.parametrize(
    ("today", "erased"),
    [(datetime.date(2027, 7, 30), False), (datetime.date(2027, 7, 31), True), (datetime.date(2028, 1, 1), True)],
)
def test_donors_details_go_six_months_after_the_campaign_ended(ended_campaign, clock, today, erased, caplog):
    clock.day(today)
    with caplog.at_level(logging.INFO, logger="privacy"):
        printed = retention()
    pledge = Pledge.objects.get()
    assert (pledge.anonymised_at is not None) is erased
    assert (pledge.donor_name == "") is erased and (pledge.email == "") is erased
    assert (pledge.phone, pledge.note) == (("", "") if erased else ("+371 29 000 001", "Zvaniet pirms tam."))
    # The figures stay either way.
    line = pledge.lines.get()
    assert (line.quantity, line.received) == (3, 2)
    assert NeedTally.objects.values_list("pledged", "received").get() == (2, 2)
    if erased:
        assert "solījumi: 1 anonimizēti" in printed
        assert "retention: campaigns.pledge anonymised 1" in caplog.text
    else:
        assert "nothing" in printed and "nothing removed" in caplog.text
    assert "anna@example.org" not in caplog.text and "Anna" not in caplog.text


def test_a_shorter_period_set_by_the_centre_applies_at_once(ended_campaign, clock):
    periods = RetentionSettings.for_default_site()
    periods.donor_contact_months = 2
    periods.save()
    clock.day(datetime.date(2027, 3, 30))
    retention()
    assert Pledge.objects.get().anonymised_at is None
    clock.day(datetime.date(2027, 3, 31))
    retention()
    assert Pledge.objects.get().anonymised_at is not None


def test_retention_is_safe_to_run_every_day(ended_campaign, clock):
    clock.day(datetime.date(2027, 8, 1))
    assert "solījumi: 1" in retention()
    erased_at = Pledge.objects.get().anonymised_at
    clock.day(datetime.date(2027, 8, 2))
    assert "nothing" in retention()
    assert Pledge.objects.get().anonymised_at == erased_at


# Applications rejected or withdrawn: N months after the decision


@pytest.mark.parametrize(("today", "gone"), [(datetime.date(2027, 8, 9), False), (datetime.date(2027, 8, 10), True)])
@pytest.mark.parametrize("state", [ApplicationState.REJECTED, ApplicationState.WITHDRAWN])
def test_closed_applications_go_six_months_after_the_decision(clock, today, gone, state):
    clock.day(datetime.date(2027, 2, 1))
    application = ApplicationFactory(state=state, decision_reason="Nepietiekama pieredze.")
    InterviewFactory(application=application)
    # Decided late on 10 February in Riga (already the 10th in UTC too): the day counts in Riga.
    Application.objects.filter(pk=application.pk).update(
        decided_at=timezone.make_aware(datetime.datetime(2027, 2, 10, 23, 30))
    )
    open_one = ApplicationFactory(state=ApplicationState.SCREENING)
    clock.day(today)
    retention()
    assert Application.objects.filter(pk=application.pk).exists() is not gone
    assert Interview.objects.filter(application_id=application.pk).exists() is not gone
    assert Application.objects.filter(pk=open_one.pk).exists()  # open applications are never touched


# Mentors who left: their screening N months after their last pair closed


@pytest.fixture
def mentor_who_left(clock, coordinator):
    clock.day(datetime.date(2026, 6, 1))
    pair = PairFactory(coordinator=coordinator, start_date=datetime.date(2026, 6, 1), mentor__full_name="Līga Mentore")
    MeetingFactory(pair=pair, date=datetime.date(2026, 9, 1), hours=Decimal("2"))
    Pair.objects.filter(pk=pair.pk).update(closed_on=datetime.date(2027, 2, 28), closure_reason=ClosureReason.OTHER)
    Application.objects.filter(pk=pair.mentor_id).update(
        state=ApplicationState.WITHDRAWN, decided_at=timezone.make_aware(datetime.datetime(2027, 2, 28, 12))
    )
    return Application.objects.get(pk=pair.mentor_id)


@pytest.mark.parametrize(("today", "gone"), [(datetime.date(2028, 2, 27), False), (datetime.date(2028, 2, 28), True)])
def test_screening_of_mentors_who_left_goes_a_year_after_their_last_pair(mentor_who_left, clock, today, gone):
    clock.day(today)
    retention()
    mentor = Application.objects.get(pk=mentor_who_left.pk)
    assert RecordCheck.objects.filter(application=mentor).exists() is not gone
    assert Interview.objects.filter(application=mentor).exists() is not gone
    assert (mentor.phone == "" and mentor.motivation == "") is gone
    # The name stays with the pairs' history, and so do the meetings.
    assert mentor.full_name == "Līga Mentore"
    assert Meeting.objects.get().hours == Decimal("2")


def test_a_mentor_with_an_active_pair_keeps_the_screening(clock, coordinator):
    clock.day(datetime.date(2026, 6, 1))
    pair = PairFactory(coordinator=coordinator, start_date=datetime.date(2026, 6, 1))
    ReferenceFactory(application=pair.mentor)
    clock.day(datetime.date(2040, 1, 1))
    retention()
    assert pair.mentor.references.exists() and Mentee.objects.get().first_name


# Mentees: N years after their last pair closed (name and case reference gone, figures kept)


@pytest.fixture
def closed_pair(clock, coordinator):
    clock.day(datetime.date(2026, 6, 1))
    pair = PairFactory(
        coordinator=coordinator,
        start_date=datetime.date(2026, 6, 1),
        mentee__first_name="Elza",
        mentee__case_reference="BGAC-2026-007",
        mentee__interests="Zīmēšana",
        mentee__notes="Mamma strādā maiņās.",
        goals="Elzai vairāk draugu.",
    )
    MeetingFactory(pair=pair, date=datetime.date(2026, 7, 3), hours=Decimal("3"), note="Elza smējās.")
    CheckInFactory(pair=pair, date=datetime.date(2026, 7, 10), notes="Elzas mamma apmierināta.")
    Pair.objects.filter(pk=pair.pk).update(
        closed_on=datetime.date(2027, 2, 28),
        closure_reason=ClosureReason.GOALS_MET,
        exit_notes="Elza turpinās pulciņā.",
    )
    return pair


@pytest.mark.parametrize(("today", "gone"), [(datetime.date(2032, 2, 27), False), (datetime.date(2032, 2, 28), True)])
def test_a_mentees_record_is_anonymised_five_years_after_the_last_pair(closed_pair, clock, today, gone, client):
    clock.day(today)
    retention()
    mentee = Mentee.objects.get()
    assert (mentee.anonymised_at is not None) is gone
    if not gone:
        assert (mentee.first_name, mentee.case_reference) == ("Elza", "BGAC-2026-007")
        return
    assert (mentee.first_name, mentee.case_reference, mentee.interests, mentee.notes) == ("", "", "", "")
    assert mentee.birth_date == datetime.date(closed_pair.mentee.birth_date.year, 1, 1)  # the year stays
    assert str(mentee) == mentee.reference
    # The figures stay; every text written about the child goes.
    pair = Pair.objects.get()
    meeting = Meeting.objects.get()
    assert (meeting.date, meeting.hours, meeting.note) == (datetime.date(2026, 7, 3), Decimal("3"), "")
    assert (pair.start_date, pair.closed_on, pair.goals, pair.exit_notes) == (
        datetime.date(2026, 6, 1),
        datetime.date(2027, 2, 28),
        "",
        "",
    )
    assert pair.checkins.get().notes == ""
    entry = MenteeAccessLog.objects.get(action=AccessAction.ANONYMISED)
    assert (entry.mentee_id, entry.via, entry.user_id) == (mentee.pk, AccessVia.RETENTION, None)
    assert set(entry.fields) == {"first_name", "case_reference", "interests", "notes", "birth_date"}


def test_a_child_never_paired_goes_five_years_after_registration(clock):
    clock.day(datetime.date(2027, 3, 1))
    mentee = MenteeFactory(first_name="Roberts")
    clock.day(datetime.date(2032, 2, 29))
    retention()
    assert Mentee.objects.filter(pk=mentee.pk).exists()
    clock.day(datetime.date(2032, 3, 1))
    assert "aizbilstamie: 1 dzēsti" in retention()
    assert not Mentee.objects.filter(pk=mentee.pk).exists()
    # The log keeps the record's number, never its name, and outlives it.
    entry = MenteeAccessLog.objects.get(action=AccessAction.DELETED)
    assert entry.mentee_id == mentee.pk and "Roberts" not in str(MenteeAccessLog.objects.values().get())


def test_the_wagtail_history_of_a_record_loses_the_name_with_it(closed_pair, clock, client, coordinator):
    from wagtail.models import ModelLogEntry

    client.force_login(coordinator)
    client.post(
        f"/admin/mentoring/mentees/edit/{closed_pair.mentee.pk}/",
        {
            "first_name": "Elza",
            "birth_date": closed_pair.mentee.birth_date.isoformat(),
            "case_reference": "BGAC-2026-007",
            "guardian_consent_on": closed_pair.mentee.guardian_consent_on.isoformat(),
            "interests": "Zīmēšana, dziedāšana",
            "notes": "",
        },
    )
    assert ModelLogEntry.objects.filter(label__contains="Elza").exists()
    clock.day(datetime.date(2032, 3, 1))
    retention()
    assert not ModelLogEntry.objects.filter(label__contains="Elza").exists()


def test_finished_mail_tasks_go_two_weeks_after_they_finished(clock):
    """The queue keeps each message it sent (addresses, names, private links): 14 days to trace a
    failed delivery, then the retention job removes it; a message still waiting stays."""
    from django_tasks_db.models import DBTaskResult

    clock.day(datetime.date(2027, 3, 1))
    common = {"args_kwargs": {"args": [{"to": ["anna@example.org"]}], "kwargs": {}}, "backend_name": "default"}
    common.update(task_path="home.mail.deliver_email", run_after=clock.now, exception_class_path="", traceback="")
    sent = DBTaskResult.objects.create(status="SUCCESSFUL", finished_at=clock.now, **common)
    waiting = DBTaskResult.objects.create(status="READY", **common)
    clock.at(clock.now + datetime.timedelta(days=14) - datetime.timedelta(minutes=1))
    retention()
    assert DBTaskResult.objects.filter(pk=sent.pk).exists()
    clock.at(clock.now + datetime.timedelta(minutes=1))
    retention()
    assert not DBTaskResult.objects.filter(pk=sent.pk).exists()
    assert DBTaskResult.objects.filter(pk=waiting.pk).exists()
