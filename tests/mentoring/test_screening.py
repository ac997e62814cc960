"""The coordinator screens, trains and decides, in the Wagtail admin."""

import datetime
from decimal import Decimal

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from mentoring.choices import ApplicationState, Outcome, RecordCheckResult
from mentoring.factories import (
    ApplicationFactory,
    InterviewFactory,
    RecordCheckFactory,
    ReferenceFactory,
    TrainingAttendanceFactory,
)
from mentoring.models import Application, MentoringSettings, TrainingSession

pytestmark = pytest.mark.django_db


def decide(client, application, state, reason=""):
    return client.post(f"/admin/mentoring/applications/decide/{application.pk}/", {"state": state, "reason": reason})


@pytest.fixture
def in_training(applicant):
    application = applicant.mentor_applications.get()
    application.state = ApplicationState.TRAINING
    application.save()
    return application


def test_list_filters_by_state(client, coordinator):
    ApplicationFactory(full_name="Sandra Screening", state=ApplicationState.SCREENING)
    ApplicationFactory(full_name="Teodors Training", state=ApplicationState.TRAINING)
    client.force_login(coordinator)
    response = client.get("/admin/mentoring/applications/?state=screening")
    assert "Sandra Screening" in response.text
    assert "Teodors Training" not in response.text


def test_each_decision_mails_the_applicant(client, coordinator, applicant, mail_after_commit):
    application = applicant.mentor_applications.get()
    client.force_login(coordinator)
    with mail_after_commit():
        response = decide(client, application, "screening")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.SCREENING
    assert application.decided_by == coordinator
    assert len(mail_after_commit.outbox) == 1
    assert mail_after_commit.outbox[0].to == [applicant.email]


def test_a_rejection_needs_a_reason_which_the_applicant_reads(client, coordinator, applicant, mail_after_commit):
    application = applicant.mentor_applications.get()
    client.force_login(coordinator)
    response = decide(client, application, "rejected")
    assert response.status_code == 200
    assert Application.objects.get(pk=application.pk).state == ApplicationState.SUBMITTED
    with mail_after_commit():
        decide(client, application, "rejected", reason="Pašlaik nav brīvu vietu programmā.")
    assert Application.objects.get(pk=application.pk).state == ApplicationState.REJECTED
    assert "Pašlaik nav brīvu vietu" in mail_after_commit.outbox[0].body


def test_a_state_cannot_be_skipped(client, coordinator, applicant):
    application = applicant.mentor_applications.get()
    client.force_login(coordinator)
    response = decide(client, application, "approved")
    assert response.status_code == 200
    assert Application.objects.get(pk=application.pk).state == ApplicationState.SUBMITTED


def test_approval_is_refused_until_screening_check_and_training_are_complete(
    client, coordinator, in_training, mail_after_commit
):
    client.force_login(coordinator)
    response = decide(client, in_training, "approved")
    assert response.status_code == 200
    text = response.text
    assert Application.objects.get(pk=in_training.pk).state == ApplicationState.TRAINING
    assert len(response.context["form"].non_field_errors()) == 3, text

    InterviewFactory(application=in_training)
    ReferenceFactory(application=in_training)
    decide(client, in_training, "approved")
    assert Application.objects.get(pk=in_training.pk).state == ApplicationState.TRAINING

    RecordCheckFactory(application=in_training)
    TrainingAttendanceFactory(application=in_training, session__hours=Decimal("1.5"))
    response = decide(client, in_training, "approved")
    assert "1,5" in response.text and Application.objects.get(pk=in_training.pk).state == ApplicationState.TRAINING

    TrainingAttendanceFactory(application=in_training, session__hours=Decimal("0.5"))
    with mail_after_commit():
        response = decide(client, in_training, "approved")
    assert response.status_code == 302
    assert Application.objects.get(pk=in_training.pk).state == ApplicationState.APPROVED
    assert len(mail_after_commit.outbox) == 1


def test_a_failed_interview_or_an_expired_check_blocks_approval(client, coordinator, in_training):
    InterviewFactory(application=in_training, outcome=Outcome.FAILED)
    ReferenceFactory(application=in_training)
    RecordCheckFactory(
        application=in_training,
        checked_on=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2021, 1, 1),
    )
    TrainingAttendanceFactory(application=in_training)
    client.force_login(coordinator)
    decide(client, in_training, "approved")
    assert Application.objects.get(pk=in_training.pk).state == ApplicationState.TRAINING


def test_a_check_with_a_record_blocks_approval(client, coordinator, in_training):
    InterviewFactory(application=in_training)
    ReferenceFactory(application=in_training)
    RecordCheckFactory(application=in_training, result=RecordCheckResult.NOT_CLEAR)
    TrainingAttendanceFactory(application=in_training)
    client.force_login(coordinator)
    decide(client, in_training, "approved")
    assert Application.objects.get(pk=in_training.pk).state == ApplicationState.TRAINING


def test_required_training_hours_come_from_the_site_setting(client, coordinator, in_training, home_page):
    InterviewFactory(application=in_training)
    ReferenceFactory(application=in_training)
    RecordCheckFactory(application=in_training)
    TrainingAttendanceFactory(application=in_training, session__hours=Decimal("2"))
    settings = MentoringSettings.for_default_site()
    settings.required_training_hours = Decimal("4")
    settings.save()
    client.force_login(coordinator)
    decide(client, in_training, "approved")
    assert Application.objects.get(pk=in_training.pk).state == ApplicationState.TRAINING


def test_checks_expiring_within_30_days_are_flagged(client, coordinator, in_training, today):
    RecordCheckFactory(
        application=in_training,
        checked_on=today - datetime.timedelta(days=340),
        valid_until=today + datetime.timedelta(days=20),
    )
    client.force_login(coordinator)
    response = client.get(f"/admin/mentoring/applications/inspect/{in_training.pk}/")
    assert "expires on" in response.text or "beidzas" in response.text
    listing = client.get("/admin/mentoring/applications/")
    assert "expires soon" in listing.text or "drīz beigsies" in listing.text


def test_screening_is_recorded_inline_and_the_applicants_answers_stay_as_written(client, coordinator, in_training):
    client.force_login(coordinator)
    data = nested_form_data(
        {
            "full_name": "Changed By Coordinator",
            "interviews": inline_formset(
                [{"date": "2026-01-10", "interviewer": "Koordinatore", "outcome": "passed", "notes": "Atvērts."}]
            ),
            "references": inline_formset(
                [{"referee": "Treneris", "date": "2026-01-12", "outcome": "passed", "notes": ""}]
            ),
            "record_checks": inline_formset(
                [{"checked_on": "2026-01-15", "result": "clear", "valid_until": "2027-01-15"}]
            ),
        }
    )
    response = client.post(f"/admin/mentoring/applications/edit/{in_training.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    in_training.refresh_from_db()
    assert in_training.full_name != "Changed By Coordinator"
    assert in_training.interviews.count() == 1
    assert in_training.record_checks.get().valid_until == datetime.date(2027, 1, 15)


def test_training_sessions_with_attendance(client, coordinator, in_training):
    client.force_login(coordinator)
    data = nested_form_data(
        {
            "date": "2026-02-01",
            "topic": "Bērna drošība un robežas",
            "hours": "2",
            "notes": "",
            "attendances": inline_formset([{"application": in_training.pk}]),
        }
    )
    response = client.post("/admin/mentoring/training/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    session = TrainingSession.objects.get()
    assert list(session.attendances.values_list("application", flat=True)) == [in_training.pk]
    assert in_training.training_hours() == Decimal("2")


def test_training_hours_must_be_quarter_hours(client, coordinator):
    client.force_login(coordinator)
    data = nested_form_data(
        {"date": "2026-02-01", "topic": "X", "hours": "1.1", "notes": "", "attendances": inline_formset([])}
    )
    response = client.post("/admin/mentoring/training/new/", data)
    assert response.status_code == 200
    assert not TrainingSession.objects.exists()


def test_a_decision_mail_that_cannot_be_written_does_not_undo_the_decision(
    client, coordinator, applicant, settings, tmp_path, caplog, mail_after_commit
):
    broken = tmp_path / "mentoring" / "email"
    broken.mkdir(parents=True)
    (broken / "decision.txt").write_text("{% load no_such_library %}{{ application }}")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    application = applicant.mentor_applications.get()
    client.force_login(coordinator)
    with mail_after_commit():
        response = decide(client, application, "screening")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.SCREENING
    assert application.decided_by == coordinator
    assert mail_after_commit.outbox == []
    assert "mentoring/email/decision" in caplog.text  # logged for whoever looks after the site


def test_decision_errors_stay_beside_the_reason(client, coordinator, applicant):
    application = applicant.mentor_applications.get()
    client.force_login(coordinator)
    response = decide(client, application, "rejected")
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert not response.context["form"].non_field_errors()
    response = decide(client, application, "rejected", reason="x" * 5000)
    assert response.context["form"].errors["reason"]
    assert Application.objects.get(pk=application.pk).state == ApplicationState.SUBMITTED
