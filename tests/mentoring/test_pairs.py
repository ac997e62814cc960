"""Matching: the coordinator pairs an approved mentor with a mentee, and later closes the pair."""

import datetime

from django.db import IntegrityError, transaction

import pytest

from mentoring.choices import ApplicationState
from mentoring.factories import MeetingFactory, MenteeFactory, MentorFactory, RecordCheckFactory, years_ago
from mentoring.models import Pair

pytestmark = pytest.mark.django_db


def pair_data(mentor, mentee, coordinator, start, **overrides):
    data = {
        "mentor": mentor.pk,
        "mentee": mentee.pk,
        "coordinator": coordinator.pk,
        "start_date": start.isoformat(),
        "planned_end": "",
        "goals": "Regulāras tikšanās, pašapziņa.",
    }
    data.update(overrides)
    return data


def create(client, *args, **kwargs):
    return client.post("/admin/mentoring/pairs/new/", pair_data(*args, **kwargs))


def test_coordinator_pairs_an_approved_mentor_with_a_mentee(client, coordinator, today):
    mentor, mentee = MentorFactory(), MenteeFactory()
    client.force_login(coordinator)
    response = create(client, mentor, mentee, coordinator, today)
    assert response.status_code == 302
    pair = Pair.objects.get()
    assert (pair.mentor, pair.mentee, pair.coordinator, pair.start_date) == (mentor, mentee, coordinator, today)


def test_only_approved_mentors_can_be_paired(client, coordinator, today):
    mentor = MentorFactory(state=ApplicationState.TRAINING)
    client.force_login(coordinator)
    response = create(client, mentor, MenteeFactory(), coordinator, today)
    assert response.status_code == 200
    assert not Pair.objects.exists()


def test_the_mentors_check_must_be_valid_on_the_start_date(client, coordinator, today):
    mentor = MentorFactory(screening=False)
    RecordCheckFactory(
        application=mentor,
        checked_on=today - datetime.timedelta(days=400),
        valid_until=today - datetime.timedelta(days=1),
    )
    client.force_login(coordinator)
    response = create(client, mentor, MenteeFactory(), coordinator, today)
    assert response.status_code == 200
    assert "mentor" in response.context["form"].errors
    assert not Pair.objects.exists()


@pytest.mark.parametrize(
    ("mentee_birth", "ok"),
    [
        (years_ago(12), True),  # 12 on the start date (today)
        (years_ago(12) + datetime.timedelta(days=1), False),  # still 11
        (years_ago(18) + datetime.timedelta(days=1), True),  # last day of 17
        (years_ago(18), False),  # 18
    ],
)
def test_mentee_is_12_to_17_on_the_start_date(client, coordinator, today, mentee_birth, ok):
    client.force_login(coordinator)
    create(client, MentorFactory(), MenteeFactory(birth_date=mentee_birth), coordinator, today)
    assert Pair.objects.exists() is ok


@pytest.mark.parametrize(("mentor_birth", "ok"), [(years_ago(25, days=-1), True), (years_ago(26), False)])
def test_mentor_is_18_to_25_on_the_start_date(client, coordinator, today, mentor_birth, ok):
    client.force_login(coordinator)
    create(client, MentorFactory(birth_date=mentor_birth), MenteeFactory(), coordinator, today)
    assert Pair.objects.exists() is ok


def test_ages_are_checked_on_the_start_date_not_today(client, coordinator, today):
    # 12 next month: pairing from today is refused, from next month it is allowed.
    mentee = MenteeFactory(birth_date=years_ago(12) + datetime.timedelta(days=20))
    client.force_login(coordinator)
    create(client, MentorFactory(), mentee, coordinator, today)
    assert not Pair.objects.exists()
    create(client, MentorFactory(), mentee, coordinator, today + datetime.timedelta(days=25))
    assert Pair.objects.exists()


def test_one_active_pair_per_mentor_and_per_mentee(client, coordinator, pair_a, today):
    client.force_login(coordinator)
    response = create(client, pair_a.mentor, MenteeFactory(), coordinator, today)
    assert "mentor" in response.context["form"].errors
    response = create(client, MentorFactory(), pair_a.mentee, coordinator, today)
    assert "mentee" in response.context["form"].errors
    assert Pair.objects.count() == 1


def test_active_pairs_are_unique_in_the_database(pair_a, coordinator, today):
    with pytest.raises(IntegrityError), transaction.atomic():
        Pair.objects.create(
            mentor=pair_a.mentor, mentee=MenteeFactory(), coordinator=coordinator, start_date=today, goals="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Pair.objects.create(
            mentor=MentorFactory(), mentee=pair_a.mentee, coordinator=coordinator, start_date=today, goals="x"
        )


def test_a_closed_pair_frees_mentor_and_mentee(client, coordinator, pair_a, today):
    client.force_login(coordinator)
    response = client.post(
        f"/admin/mentoring/pairs/close/{pair_a.pk}/",
        {"closed_on": today.isoformat(), "reason": "goals_met", "exit_notes": "Mērķi sasniegti."},
    )
    assert response.status_code == 302
    pair_a.refresh_from_db()
    assert (pair_a.closed_on, pair_a.closure_reason) == (today, "goals_met")
    create(client, pair_a.mentor, pair_a.mentee, coordinator, today)
    assert Pair.objects.active().count() == 1


def test_closure_date_rules(client, coordinator, pair_a, today):
    MeetingFactory(pair=pair_a, date=today - datetime.timedelta(days=3))
    client.force_login(coordinator)
    for closed_on in [
        pair_a.start_date - datetime.timedelta(days=1),
        today + datetime.timedelta(days=1),
        today - datetime.timedelta(days=5),  # before the last meeting
    ]:
        response = client.post(
            f"/admin/mentoring/pairs/close/{pair_a.pk}/", {"closed_on": closed_on.isoformat(), "reason": "other"}
        )
        assert response.status_code == 200
        assert "closed_on" in response.context["form"].errors
    assert Pair.objects.get(pk=pair_a.pk).closed_on is None


def test_a_closed_pairs_history_stays_readable(client, coordinator, mentor_a, pair_a, today):
    MeetingFactory(pair=pair_a, date=today - datetime.timedelta(days=10), note="Bijām kino.")
    pair_a.closed_on, pair_a.closure_reason = today, "goals_met"
    pair_a.save()
    client.force_login(coordinator)
    assert "Bijām kino." in client.get(f"/admin/mentoring/pairs/inspect/{pair_a.pk}/").text
    client.force_login(mentor_a)
    response = client.get(f"/mentoring/pairs/{pair_a.pk}/")
    assert response.status_code == 200
    assert "Bijām kino." in response.text


def test_editing_a_pair_cannot_swap_its_people(client, coordinator, pair_a):
    other = MenteeFactory()
    client.force_login(coordinator)
    response = client.post(
        f"/admin/mentoring/pairs/edit/{pair_a.pk}/",
        {
            "mentee": other.pk,
            "mentor": MentorFactory().pk,
            "start_date": "2000-01-01",
            "coordinator": coordinator.pk,
            "goals": "Jauni mērķi",
            "planned_end": "",
        },
    )
    assert response.status_code == 302
    pair_a.refresh_from_db()
    assert pair_a.goals == "Jauni mērķi"
    assert pair_a.mentee != other
    assert pair_a.start_date.year != 2000


def test_decisions_are_kept_in_the_pairs_history(client, coordinator, pair_a, today):
    from wagtail.models import ModelLogEntry

    client.force_login(coordinator)
    client.post(f"/admin/mentoring/pairs/close/{pair_a.pk}/", {"closed_on": today.isoformat(), "reason": "goals_met"})
    entry = ModelLogEntry.objects.get(action="mentoring.close")
    assert entry.user == coordinator and entry.object_id == str(pair_a.pk)
    history = client.get(f"/admin/mentoring/pairs/history/{pair_a.pk}/")
    assert history.status_code == 200


def test_the_pairing_form_offers_only_free_mentors_and_mentees(client, coordinator, pair_a, pair_b, today):
    pair_b.closed_on, pair_b.closure_reason = today, "other"
    pair_b.save()
    client.force_login(coordinator)
    form = client.get("/admin/mentoring/pairs/new/").context["form"]
    assert list(form.fields["mentor"].queryset) == [pair_b.mentor]
    assert list(form.fields["mentee"].queryset) == [pair_b.mentee]


def not_ready_mentors(today):
    """Approved mentors who cannot be paired today, each for one reason."""
    from mentoring.factories import InterviewFactory, ReferenceFactory, TrainingAttendanceFactory

    expired = MentorFactory(screening=False, full_name="Check Expired")
    InterviewFactory(application=expired)
    ReferenceFactory(application=expired)
    TrainingAttendanceFactory(application=expired)
    RecordCheckFactory(
        application=expired,
        checked_on=today - datetime.timedelta(days=400),
        valid_until=today - datetime.timedelta(days=1),
    )
    untrained = MentorFactory(screening=False, full_name="Not Trained")
    InterviewFactory(application=untrained)
    ReferenceFactory(application=untrained)
    RecordCheckFactory(application=untrained)
    unscreened = MentorFactory(screening=False, full_name="Failed Interview")
    InterviewFactory(application=unscreened, outcome="failed")
    ReferenceFactory(application=unscreened)
    RecordCheckFactory(application=unscreened)
    TrainingAttendanceFactory(application=unscreened)
    return {"expired": expired, "untrained": untrained, "unscreened": unscreened}


def test_the_pairing_form_offers_only_mentors_who_can_be_paired_today(client, coordinator, today):
    ready = MentorFactory(full_name="Ready Mentor")
    not_ready = not_ready_mentors(today)
    client.force_login(coordinator)
    page = client.get("/admin/mentoring/pairs/new/")
    assert list(page.context["form"].fields["mentor"].queryset) == [ready]
    for name in ["Check Expired", "Not Trained", "Failed Interview"]:
        assert name not in page.text
    for mentor in not_ready.values():
        response = create(client, mentor, MenteeFactory(), coordinator, today)
        assert response.status_code == 200
        assert "mentor" in response.context["form"].errors
    assert not Pair.objects.exists()


def test_pairing_rechecks_screening_the_record_check_and_training(coordinator, today, home_page):
    from django.core.exceptions import ValidationError

    from mentoring import services

    for reason, mentor in not_ready_mentors(today).items():
        with pytest.raises(ValidationError) as refused:
            services.create_pair(
                mentor=mentor, mentee=MenteeFactory(), coordinator=coordinator, start_date=today, goals="x"
            )
        assert list(refused.value.error_dict) == ["mentor"], reason
    assert not Pair.objects.exists()


def test_pairing_counts_the_training_the_centre_requires_now(client, coordinator, today, home_page):
    from mentoring.models import MentoringSettings

    mentor = MentorFactory()  # two hours of training, the default requirement
    programme = MentoringSettings.for_default_site()
    programme.required_training_hours = 4
    programme.save()
    client.force_login(coordinator)
    assert list(client.get("/admin/mentoring/pairs/new/").context["form"].fields["mentor"].queryset) == []
    response = create(client, mentor, MenteeFactory(), coordinator, today)
    assert "mentor" in response.context["form"].errors
    assert not Pair.objects.exists()


def test_a_two_megabyte_exit_note_is_refused(client, coordinator, pair_a, today):
    client.force_login(coordinator)
    response = client.post(
        f"/admin/mentoring/pairs/close/{pair_a.pk}/",
        {"closed_on": today.isoformat(), "reason": "other", "exit_notes": "a" * (2 * 1024 * 1024)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["exit_notes"]
    assert Pair.objects.get(pk=pair_a.pk).is_active
