"""Mail leaves through a task after the commit, and a failing server only delays it."""

from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction

import pytest

from home.mail import data_to_message, deliver_email, message_to_data

pytestmark = pytest.mark.django_db


class FlakyBackend:
    """A delivery backend whose server is down for the first ``failures`` attempts."""

    failures = 0
    attempts = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.attempts <= FlakyBackend.failures:
            raise ConnectionRefusedError("mail server down")
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.attempts = 0
    return FlakyBackend


def test_nothing_is_sent_before_the_transaction_commits(mail_after_commit):
    with mail_after_commit(), transaction.atomic():
        send_mail("Sveiki", "Teksts", None, ["a@example.org"])
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["Sveiki"]


def test_a_rolled_back_transaction_sends_nothing(mail_after_commit):
    with mail_after_commit(), pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Nekad", "Teksts", None, ["a@example.org"])
        raise RuntimeError
    assert mail.outbox == []


def test_a_failing_server_is_retried(flaky, mail_after_commit):
    flaky.failures = 2
    with mail_after_commit():
        send_mail("Atkārtoti", "Teksts", None, ["a@example.org"])
    assert flaky.attempts == 3
    assert [m.subject for m in mail.outbox] == ["Atkārtoti"]


def test_retries_give_up_after_the_last_delay(flaky, settings):
    flaky.failures = 99
    settings.MAIL_RETRY_DELAYS = [1, 1]
    deliver_email.enqueue(message_to_data(EmailMultiAlternatives("X", "Y", to=["a@example.org"])))
    assert flaky.attempts == 3  # the first try and one for each delay, then no more
    assert mail.outbox == []


def test_message_round_trip_keeps_html_and_attachments():
    message = EmailMultiAlternatives("Tēma", "Teksts", "no@example.org", ["a@example.org"], reply_to=["r@example.org"])
    message.attach_alternative("<p>Teksts</p>", "text/html")
    message.attach("saraksts.csv", "a,b\n", "text/csv")
    again = data_to_message(message_to_data(message))
    assert again.subject == "Tēma"
    assert again.reply_to == ["r@example.org"]
    assert again.alternatives[0][0] == "<p>Teksts</p>"
    assert again.attachments[0][0] == "saraksts.csv"
    assert again.attachments[0][1] in (b"a,b\n", "a,b\n")
