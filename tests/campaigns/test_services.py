import datetime

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

import pytest

from campaigns import services
from campaigns.choices import PledgeState
from campaigns.models import CampaignSettings, NeedTally, Pledge

pytestmark = pytest.mark.django_db


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def assert_tallies_match_lines():
    """The invariant: pledged = what open and received pledges hold + what closed ones delivered."""
    for tally in NeedTally.objects.all():
        held = 0
        for line in tally.lines.select_related("pledge"):
            open_or_done = line.pledge.is_open or line.pledge.state == PledgeState.RECEIVED
            held += line.quantity if open_or_done else line.received
        assert tally.pledged == held
        assert tally.received == sum(line.received for line in tally.lines.all())


def test_receipt_partial_then_complete_sends_thanks(make_pledge, tallies, mail_after_commit):
    pledge = make_pledge({0: 3, 1: 2})
    lines = {line.need_id: line for line in pledge.lines.all()}
    pledge = services.record_receipt(pledge, {lines[tallies[0].pk].pk: 3})
    assert pledge.state == PledgeState.PARTLY_RECEIVED
    with mail_after_commit():
        pledge = services.record_receipt(pledge, {lines[tallies[1].pk].pk: 2})
    assert pledge.state == PledgeState.RECEIVED
    assert any("paldies" in message.subject.lower() for message in mail_after_commit.outbox)
    tallies[0].refresh_from_db()
    assert (tallies[0].pledged, tallies[0].received) == (3, 3)
    assert_tallies_match_lines()


def test_over_receipt_is_refused(make_pledge):
    pledge = make_pledge({0: 2})
    line = pledge.lines.get()
    with pytest.raises(ValidationError) as error:
        services.record_receipt(pledge, {line.pk: 3})
    assert services.line_field(line.pk) in error.value.error_dict  # beside the line's field on the form
    line.refresh_from_db()
    assert line.received == 0


def test_expiry_after_the_grace_days_frees_the_items(make_pledge, tallies, mail_after_commit):
    settings = CampaignSettings.for_default_site()
    settings.grace_days = 2
    settings.save()
    pledge = make_pledge({0: 4}, expected_date=in_days(1))
    services.record_receipt(pledge, {pledge.lines.get().pk: 1})

    assert services.expire_overdue(today=in_days(3)) == []  # date + 2 grace days: still in time
    with mail_after_commit():
        expired = services.expire_overdue(today=in_days(4))
    assert [p.pk for p in expired] == [pledge.pk]
    pledge.refresh_from_db()
    tallies[0].refresh_from_db()
    assert pledge.state == PledgeState.EXPIRED
    assert (tallies[0].pledged, tallies[0].received) == (1, 1)  # what arrived stays counted
    assert [m.to for m in mail_after_commit.outbox] == [["anna@example.org"]]
    assert services.expire_overdue(today=in_days(4)) == []  # running again changes nothing
    assert_tallies_match_lines()


def test_reminder_the_day_before_and_only_once(make_pledge, mail_after_commit):
    due = make_pledge({0: 1}, expected_date=in_days(2))
    make_pledge({0: 1}, expected_date=in_days(5), email="later@example.org")
    with mail_after_commit():
        reminded = services.send_reminders(today=in_days(1))
    assert [p.pk for p in reminded] == [due.pk]
    assert [m.to for m in mail_after_commit.outbox] == [["anna@example.org"]]
    assert "rīt" in mail_after_commit.outbox[0].subject
    assert services.send_reminders(today=in_days(1)) == []


def test_housekeeping_command_is_safe_to_run_again(make_pledge):
    make_pledge({0: 1}, expected_date=in_days(0))
    Pledge.objects.update(expected_date=in_days(-10))
    call_command("campaign_housekeeping")
    call_command("campaign_housekeeping")
    assert Pledge.objects.get().state == PledgeState.EXPIRED
    assert_tallies_match_lines()


def test_housekeeping_task_runs(make_pledge):
    from campaigns.tasks import campaign_housekeeping

    make_pledge({0: 1})
    Pledge.objects.update(expected_date=in_days(-10))
    result = campaign_housekeeping.enqueue()
    assert result.return_value == {"expired": 1, "reminded": 0}


def test_phone_pledge_outside_the_period_is_allowed_for_staff(campaign, tallies, details, campaign_manager):
    campaign.end_date = in_days(-1)
    campaign.save()
    with pytest.raises(ValidationError) as error:
        services.create_pledge(campaign, {tallies[0].pk: 1}, details)
    assert error.value.code == "closed"
    result = services.create_pledge(campaign, {tallies[0].pk: 1}, details, entered_by=campaign_manager)
    assert result.pledge.source == "phone"
