"""A mentor logs meetings on "My mentoring"; the coordinator approves months, which locks them."""

import datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.formats import date_format

import pytest

from home.dates import long_date
from mentoring import dates
from mentoring.factories import MeetingFactory, PairFactory
from mentoring.models import Meeting, MonthReview

pytestmark = pytest.mark.django_db


def meeting_data(day, **overrides):
    data = {"date": day.isoformat(), "hours": "1.5", "activity": "walk", "note": "Pastaiga gar Mūsu.", "concern": ""}
    data.update(overrides)
    return data


def log(client, pair, day, **overrides):
    return client.post(f"/mentoring/pairs/{pair.pk}/meetings/", meeting_data(day, **overrides))


def test_my_mentoring_shows_first_name_and_interests_only(client, mentor_a, pair_a):
    client.force_login(mentor_a)
    response = client.get("/mentoring/")
    assert pair_a.mentee.first_name in response.text
    assert pair_a.mentee.interests in response.text
    assert pair_a.mentee.case_reference not in response.text
    assert pair_a.mentee.birth_date.isoformat() not in response.text
    assert set(response.context["mentee"]) == {"first_name", "interests"}


def test_a_mentor_logs_a_meeting_and_the_month_moves(client, mentor_a, pair_a, today):
    client.force_login(mentor_a)
    response = log(client, pair_a, today)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.pair, meeting.hours, meeting.logged_by) == (pair_a, Decimal("1.5"), mentor_a)
    page = client.get("/mentoring/")
    assert page.context["this_month"]["hours"] == Decimal("1.5")
    assert 'class="bar' in page.text


def test_the_same_meeting_sent_again_is_asked_about_and_saved_twice_only_when_meant(client, mentor_a, pair_a, today):
    """Back and "Save" again after logging a meeting: the same day, hours and activity a moment later
    are asked about (in the error summary, with what was typed kept), and saved only with "Yes"."""
    client.force_login(mentor_a)
    assert log(client, pair_a, today).status_code == 302
    again = log(client, pair_a, today, note="Otrreiz.")
    assert again.status_code == 400
    assert Meeting.objects.count() == 1
    first = Meeting.objects.get()
    form = again.context["form"]
    assert form.asks_to_repeat()
    time = timezone.localtime(first.created_at).strftime("%H:%M")
    day = long_date(today, "genitive")
    assert form.non_field_errors() == [
        f"Plkst. {time} jūs jau reģistrējāt {day} tikšanos (Pastaiga, 1,5 h). Vai šī bija otra tikšanās?"
    ]
    # The summary's heading asks, instead of counting problems to fix.
    assert '<h2 class="error-summary__title" id="error-summary-title">Šo tikšanos jūs jau esat reģistrējuši</h2>' in (
        again.text
    )
    assert "Jāizlabo" not in again.text
    assert 'name="repeat" value="1"' in again.text and "Jā, saglabāt otru tikšanos" in again.text
    assert "Otrreiz." in again.text  # what was typed is still in the form

    assert log(client, pair_a, today, note="Otrreiz.", repeat="1").status_code == 302
    assert Meeting.objects.count() == 2
    # Another activity, or other hours, is another meeting: no question.
    assert log(client, pair_a, today, activity="cinema").status_code == 302
    assert log(client, pair_a, today, hours="2").status_code == 302
    assert Meeting.objects.count() == 4


def test_the_question_about_a_repeated_meeting_in_english(client, mentor_a, pair_a, today):
    client.force_login(mentor_a)
    log(client, pair_a, today)
    with translation.override("en"):
        again = client.post(f"/en/mentoring/pairs/{pair_a.pk}/meetings/", meeting_data(today))
        day = long_date(today, "genitive")
    [message] = again.context["form"].non_field_errors()
    assert message.endswith(f"you already logged the meeting of {day} (Walk, 1.5 h). Was this a second one?")
    assert ">You have already logged this meeting</h2>" in again.text
    assert "Yes, save a second meeting" in again.text and "No, it is the same meeting" in again.text


def test_a_meeting_logged_long_ago_is_not_asked_about(client, mentor_a, pair_a, today):
    client.force_login(mentor_a)
    log(client, pair_a, today)
    Meeting.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    assert log(client, pair_a, today).status_code == 302
    assert Meeting.objects.count() == 2


def test_hours_with_a_comma_are_read_as_decimals(client, mentor_a, pair_a, today):
    client.force_login(mentor_a)
    log(client, pair_a, today, hours="2,75")
    assert Meeting.objects.get().hours == Decimal("2.75")


@pytest.mark.parametrize(
    ("hours", "ok"),
    [("0.25", True), ("12", True), ("0", False), ("12.25", False), ("1.1", False), ("-1", False), ("x", False)],
)
def test_duration_is_quarter_hours_from_a_quarter_to_twelve(client, mentor_a, pair_a, today, hours, ok):
    client.force_login(mentor_a)
    response = log(client, pair_a, today, hours=hours)
    assert Meeting.objects.exists() is ok
    if not ok:
        assert response.status_code == 400
        assert "Pastaiga gar Mūsu." in response.text  # the note typed is still there


def test_a_meeting_cannot_be_in_the_future_or_before_the_start(client, mentor_a, pair_a, today):
    client.force_login(mentor_a)
    for day in [today + datetime.timedelta(days=1), pair_a.start_date - datetime.timedelta(days=1)]:
        response = log(client, pair_a, day)
        assert response.status_code == 400
        assert "date" in response.context["form"].errors
    assert not Meeting.objects.exists()
    log(client, pair_a, pair_a.start_date)
    assert Meeting.objects.count() == 1


def test_a_meeting_cannot_be_after_the_pair_closed(client, mentor_a, pair_a, today):
    pair_a.closed_on, pair_a.closure_reason = today - datetime.timedelta(days=5), "goals_met"
    pair_a.save()
    client.force_login(mentor_a)
    response = log(client, pair_a, today - datetime.timedelta(days=2))
    # Issue 7 changes this: a closed pair's log is frozen, so the refusal is a message on the
    # pair's page (302 there) rather than a form error (400), and a meeting dated before the
    # closure, which used to be accepted, is refused too.
    assert response.status_code == 302
    log(client, pair_a, today - datetime.timedelta(days=6))
    assert Meeting.objects.count() == 0


def test_posted_pair_and_mentor_are_ignored(client, mentor_a, pair_a, pair_b, today):
    client.force_login(mentor_a)
    data = meeting_data(today, pair=pair_b.pk, logged_by=pair_b.mentor.user.pk, concern_resolved_at="2020-01-01")
    client.post(f"/mentoring/pairs/{pair_a.pk}/meetings/", data)
    meeting = Meeting.objects.get()
    assert meeting.pair == pair_a
    assert meeting.logged_by == mentor_a
    assert meeting.concern_resolved_at is None


def test_edit_and_delete_until_the_month_is_approved(client, mentor_a, coordinator, pair_a, today):
    last_month = dates.add_months(today, -1)
    meeting = MeetingFactory(pair=pair_a, date=last_month + datetime.timedelta(days=3))
    other = MeetingFactory(pair=pair_a, date=last_month + datetime.timedelta(days=5))
    client.force_login(mentor_a)
    response = client.post(
        f"/mentoring/meetings/{meeting.pk}/edit/", meeting_data(meeting.date, hours="3", activity="cinema")
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.hours, meeting.activity) == (Decimal("3"), "cinema")
    assert client.post(f"/mentoring/meetings/{other.pk}/delete/").status_code == 302
    assert not Meeting.objects.filter(pk=other.pk).exists()

    client.force_login(coordinator)
    response = client.post(f"/admin/mentoring/pairs/approve-month/{pair_a.pk}/", {"month": last_month.isoformat()})
    assert response.status_code == 302
    review = MonthReview.objects.get(pair=pair_a, month=last_month)
    assert review.hours == Decimal("3") and review.approved_by == coordinator

    client.force_login(mentor_a)
    client.post(f"/mentoring/meetings/{meeting.pk}/edit/", meeting_data(meeting.date, hours="5"))
    client.post(f"/mentoring/meetings/{meeting.pk}/delete/")
    meeting.refresh_from_db()
    assert meeting.hours == Decimal("3")
    response = log(client, pair_a, last_month + datetime.timedelta(days=10))
    assert response.status_code == 400
    assert Meeting.objects.filter(pair=pair_a).count() == 1
    page = client.get("/mentoring/")
    assert f"/mentoring/meetings/{meeting.pk}/edit/" not in page.text


def test_a_meeting_cannot_be_moved_into_an_approved_month(client, mentor_a, pair_a, today):
    last_month = dates.add_months(today, -1)
    MonthReview.objects.create(pair=pair_a, month=last_month, hours=0)
    meeting = MeetingFactory(pair=pair_a, date=today)
    client.force_login(mentor_a)
    response = client.post(f"/mentoring/meetings/{meeting.pk}/edit/", meeting_data(last_month))
    assert response.status_code == 400
    assert Meeting.objects.get(pk=meeting.pk).date == today


def test_months_are_approved_once_over_and_once_only(client, coordinator, pair_a, today):
    client.force_login(coordinator)
    client.post(f"/admin/mentoring/pairs/approve-month/{pair_a.pk}/", {"month": today.isoformat()})
    assert not MonthReview.objects.exists()
    last_month = dates.add_months(today, -1).isoformat()
    client.post(f"/admin/mentoring/pairs/approve-month/{pair_a.pk}/", {"month": last_month})
    client.post(f"/admin/mentoring/pairs/approve-month/{pair_a.pk}/", {"month": last_month})
    assert MonthReview.objects.count() == 1


def test_a_worry_mails_the_pairs_coordinator_after_commit(client, mentor_a, pair_a, today, mail_after_commit):
    client.force_login(mentor_a)
    with mail_after_commit():
        log(client, pair_a, today, concern="on", note="Viņš teica, ka mājās ir grūti.")
    assert len(mail_after_commit.outbox) == 1
    message = mail_after_commit.outbox[0]
    assert message.to == [pair_a.coordinator.email]
    assert f"/admin/mentoring/pairs/inspect/{pair_a.pk}/" in message.body
    # The child's details stay in the admin, not in a mail.
    assert "mājās ir grūti" not in message.body
    assert pair_a.mentee.case_reference not in message.body


def test_no_mail_without_a_worry_and_none_before_commit(client, mentor_a, pair_a, today, mailoutbox):
    client.force_login(mentor_a)
    log(client, pair_a, today, concern="on")
    assert mailoutbox == []  # queued for after the commit, which a test transaction never reaches


def test_the_coordinator_follows_up_a_worry(client, coordinator, pair_a, today):
    meeting = MeetingFactory(pair=pair_a, date=today, concern=True)
    client.force_login(coordinator)
    assert client.post(f"/admin/mentoring/pairs/resolve-concern/{meeting.pk}/").status_code == 302
    meeting.refresh_from_db()
    assert meeting.concern_resolved_at is not None


def test_history_is_grouped_by_month(client, mentor_a, pair_a, today):
    MeetingFactory(pair=pair_a, date=today)
    MeetingFactory(pair=pair_a, date=dates.add_months(today, -1))
    client.force_login(mentor_a)
    months = client.get("/mentoring/").context["months"]
    assert [month["month"] for month in months][:2] == [dates.month_start(today), dates.add_months(today, -1)]
    assert all(len(month["meetings"]) == 1 for month in months[:2])


@pytest.mark.parametrize(("prefix", "language"), [("", "lv"), ("/en", "en")])
def test_each_meeting_in_the_history_with_its_links_while_the_month_is_open(
    client, mentor_a, pair_a, today, prefix, language
):
    meeting = MeetingFactory(
        pair=pair_a, date=today, hours=Decimal("2.5"), activity="cinema", concern=True, note="Par <skolu> & draugiem"
    )
    client.force_login(mentor_a)
    page = client.get(f"{prefix}/mentoring/").text
    with translation.override(language):
        day = date_format(today, "SHORT_DATE_FORMAT")
        hours, cinema, worry = (
            ("2,5 h", "Kino", "atzīmētas bažas") if language == "lv" else ("2.5 h", "Cinema", "worry flagged")
        )
        edit, delete = translation.gettext("Edit"), translation.gettext("Delete")
    assert f'<strong>{day}</strong> · {cinema} · {hours} <span class="badge badge--warn">{worry}</span>' in page
    assert '<p class="meeting__note">Par &lt;skolu&gt; &amp; draugiem</p>' in page  # escaped, never markup
    for action, label in (("edit", edit), ("delete", delete)):
        url = f"{prefix}/mentoring/meetings/{meeting.pk}/{action}/"
        assert f'href="{url}">{label}<span class="visually-hidden"> {day}</span>' in page


def test_a_mentor_without_a_pair_sees_their_state(client, applicant):
    client.force_login(applicant)
    response = client.get("/mentoring/")
    assert response.status_code == 200
    assert "pair" not in response.context


def test_meetings_of_closed_pairs_of_other_mentors_are_not_shown(client, mentor_a):
    other = PairFactory(closed_on=datetime.date.today(), closure_reason="other")
    client.force_login(mentor_a)
    assert client.get(f"/mentoring/pairs/{other.pk}/").status_code == 404


def test_the_worry_mail_speaks_the_coordinators_language_not_the_mentors(
    client, mentor_a, pair_a, today, mail_after_commit
):
    client.force_login(mentor_a)
    with mail_after_commit():
        client.post(f"/en/mentoring/pairs/{pair_a.pk}/meetings/", meeting_data(today, concern="on"))
    assert mail_after_commit.outbox[0].subject.startswith("Mentoram ir bažas")


# A closed pair's log is frozen (issue 7).


def test_a_closed_pairs_log_is_frozen(client, coordinator, mentor_a, pair_a, today):
    meeting = MeetingFactory(pair=pair_a, date=today - datetime.timedelta(days=1), note="Pēdējā tikšanās.")
    client.force_login(coordinator)
    closed = client.post(
        f"/admin/mentoring/pairs/close/{pair_a.pk}/", {"closed_on": today.isoformat(), "reason": "goals_met"}
    )
    assert closed.status_code == 302

    client.force_login(mentor_a)
    page = client.get(f"/mentoring/pairs/{pair_a.pk}/")
    assert page.status_code == 200
    assert "Pēdējā tikšanās." in page.text  # the history stays readable
    assert page.context["form"] is None
    assert f"/mentoring/pairs/{pair_a.pk}/meetings/" not in page.text
    assert f"/mentoring/meetings/{meeting.pk}/edit/" not in page.text
    assert f"/mentoring/meetings/{meeting.pk}/delete/" not in page.text
    assert page.context["frozen"] and page.context["frozen"] in page.text  # and says why

    attempts = [
        log(client, pair_a, today),
        client.get(f"/mentoring/meetings/{meeting.pk}/edit/"),
        client.post(f"/mentoring/meetings/{meeting.pk}/edit/", meeting_data(meeting.date, hours="5")),
        client.get(f"/mentoring/meetings/{meeting.pk}/delete/"),
        client.post(f"/mentoring/meetings/{meeting.pk}/delete/"),
    ]
    for response in attempts:
        assert response.status_code == 302
        assert response["Location"] == f"/mentoring/pairs/{pair_a.pk}/"
    told = [str(message) for message in client.get(f"/mentoring/pairs/{pair_a.pk}/").context["messages"]]
    assert told and all(message == page.context["frozen"] for message in told)
    meeting.refresh_from_db()
    assert (meeting.hours, meeting.note) == (Decimal("2"), "Pēdējā tikšanās.")
    assert list(Meeting.objects.filter(pair=pair_a)) == [meeting]


def test_the_service_keeps_a_closed_pairs_log_frozen(pair_a, mentor_a, today):
    from django.core.exceptions import ValidationError

    from mentoring import services

    meeting = MeetingFactory(pair=pair_a, date=today - datetime.timedelta(days=1))
    services.close_pair(pair_a, closed_on=today, reason="goals_met")
    for action in [
        lambda: services.log_meeting(pair_a, user=mentor_a, date=today, hours=Decimal("1"), activity="walk"),
        lambda: services.update_meeting(
            meeting, user=mentor_a, date=meeting.date, hours=Decimal("3"), activity="walk"
        ),
        lambda: services.delete_meeting(meeting, user=mentor_a),
    ]:
        with pytest.raises(ValidationError):
            action()
    assert list(Meeting.objects.values_list("hours", flat=True)) == [Decimal("2")]


# A day holds at most twelve hours of a pair's meetings (issue 7).


def test_a_pairs_meetings_on_one_day_fit_in_the_day(client, mentor_a, pair_a, today):
    client.force_login(mentor_a)
    assert log(client, pair_a, today, hours="8").status_code == 302
    response = log(client, pair_a, today, hours="4,5")
    assert response.status_code == 400
    [message] = response.context["form"].errors["hours"]
    assert "12" in message and "8" in message and "4" in message  # the limit, what is logged, what is left
    assert "Pastaiga gar Mūsu." in response.text  # nothing typed is lost
    assert log(client, pair_a, today, hours="4").status_code == 302
    response = log(client, pair_a, today, hours="0,25")
    assert response.status_code == 400
    assert "hours" in response.context["form"].errors
    assert sum(Meeting.objects.filter(date=today).values_list("hours", flat=True)) == Decimal("12")

    # A meeting's own hours are not counted twice when it is changed.
    first = Meeting.objects.get(date=today, hours=Decimal("8"))
    assert client.post(f"/mentoring/meetings/{first.pk}/edit/", meeting_data(today, hours="8")).status_code == 302
    response = client.post(f"/mentoring/meetings/{first.pk}/edit/", meeting_data(today, hours="8,25"))
    assert response.status_code == 400
    assert "hours" in response.context["form"].errors
    assert Meeting.objects.get(pk=first.pk).hours == Decimal("8")

    # Another day has room of its own.
    assert log(client, pair_a, today - datetime.timedelta(days=1), hours="12").status_code == 302


@pytest.mark.parametrize(
    "hours",
    ["1e30", "1E+30", "NaN", "sNaN", "inf", "-Infinity", "-0", "1,5,5", "1.5.5", "9" * 5000, "1e999999999", "0e-9999"],
)
def test_any_hours_typed_get_a_form_error_not_a_server_error(client, mentor_a, pair_a, today, hours):
    meeting = MeetingFactory(pair=pair_a, date=today - datetime.timedelta(days=1))
    client.force_login(mentor_a)
    response = log(client, pair_a, today, hours=hours)
    assert response.status_code == 400
    assert response.context["form"].errors["hours"]
    assert not Meeting.objects.filter(date=today).exists()
    response = client.post(f"/mentoring/meetings/{meeting.pk}/edit/", meeting_data(meeting.date, hours=hours))
    assert response.status_code == 400
    assert response.context["form"].errors["hours"]
    assert Meeting.objects.get(pk=meeting.pk).hours == Decimal("2")


def test_a_meeting_out_of_range_is_told_the_range(client, mentor_a, pair_a, today):
    client.force_login(mentor_a)
    response = client.post(f"/en/mentoring/pairs/{pair_a.pk}/meetings/", meeting_data(today, hours="1e30"))
    assert response.context["form"].errors["hours"] == ["A meeting lasts from 0.25 to 12 hours, in quarter hours."]
    response = log(client, pair_a, today, hours="13")
    assert response.context["form"].errors["hours"] == ["Tikšanās ilgst no 0,25 līdz 12 stundām, ceturtdaļstundās."]


def test_a_two_megabyte_note_is_refused_with_a_message(client, mentor_a, pair_a, today):
    client.force_login(mentor_a)
    response = log(client, pair_a, today, note="a" * (2 * 1024 * 1024))
    assert response.status_code == 400
    assert response.context["form"].errors["note"]
    assert not Meeting.objects.exists()
    assert 'maxlength="2000"' in client.get("/mentoring/").text


def test_a_refused_approval_is_shown_on_the_approval_form(client, coordinator, pair_a, today):
    client.force_login(coordinator)
    url = f"/admin/mentoring/pairs/approve-month/{pair_a.pk}/"
    response = client.post(url, {"month": today.isoformat()})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Mēnesi var apstiprināt, kad tas ir beidzies."]
    response = client.post(url, {"month": "not a month"})
    assert response.status_code == 200
    assert "Izvēlieties mēnesi, ko apstiprināt." in response.text
    assert not MonthReview.objects.exists()
    last_month = dates.add_months(today, -1)
    response = client.post(url, {"month": last_month.isoformat(), "notes": "Viss kārtībā."})
    assert response.status_code == 302
    assert MonthReview.objects.get().notes == "Viss kārtībā."


def test_hours_that_are_no_number_are_told_how_to_write_them(client, mentor_a, pair_a, today):
    client.force_login(mentor_a)
    response = log(client, pair_a, today, hours="pusotra")
    assert response.context["form"].errors["hours"] == ["Ierakstiet stundas ar skaitli, piemēram, 1,5."]
    response = client.post(f"/en/mentoring/pairs/{pair_a.pk}/meetings/", meeting_data(today, hours="one"))
    assert response.context["form"].errors["hours"] == ["Write the hours as a number, for example 1.5."]


def test_the_form_addresses_opened_again_lead_to_their_forms_not_a_blank_page(client, mentor_a, pair_a, pair_b, today):
    """After the log form comes back with its errors, the address bar shows the form's address
    (/mentoring/pairs/N/meetings/). A phone that dropped the tab, history or a bookmark opens it
    again with a GET: it answered a blank "405" page. Now it leads to the form's page; the
    certificate's and the withdrawal's addresses likewise. Another mentor's pair stays unknown."""
    client.force_login(mentor_a)
    response = log(client, pair_a, today, hours="daudz")
    assert response.status_code == 400
    opened_again = client.get(f"/mentoring/pairs/{pair_a.pk}/meetings/")
    assert (opened_again.status_code, opened_again["Location"]) == (302, "/mentoring/")
    assert client.get(opened_again["Location"]).status_code == 200
    assert client.get(f"/mentoring/pairs/{pair_b.pk}/meetings/").status_code == 404
    assert client.get("/mentoring/certificate/")["Location"] == "/mentoring/"
    assert client.get("/mentoring/application/withdraw/").status_code == 302
    assert not pair_a.meetings.exists()  # a GET changes nothing
