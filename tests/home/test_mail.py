"""Mail leaves through a task after the commit, and a failing server only delays it."""

from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction

import pytest

from home.mail import data_to_message, deliver_email, message_to_data, send_templated

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


@pytest.fixture
def mail_templates(settings, tmp_path):
    """Templates of a test message in a temporary folder the template engine searches first."""
    folder = tmp_path / "templates" / "testmail"
    folder.mkdir(parents=True)
    (folder / "hello_subject.txt").write_text("{% load i18n %}{% translate 'Search' %}:\n{{ name }}\n")
    (folder / "hello.txt").write_text("{% load i18n %}{% translate 'News' %} {{ base_url }}/ {{ centre.city }}\n")
    (folder / "hello.html").write_text("<p>{{ name }}</p>")
    (folder / "broken_subject.txt").write_text("{% url 'no-such-address' %}")
    (folder / "broken.txt").write_text("never read")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}]
    return folder


@pytest.mark.parametrize(
    ("language", "subject", "body"), [("lv", "Meklēt: Anna", "Jaunumi"), ("en", "Search: Anna", "News")]
)
def test_send_templated_writes_the_message_in_the_given_language(
    mail_templates, mail_after_commit, language, subject, body
):
    with mail_after_commit():
        assert send_templated("testmail/hello", {"name": "Anna"}, "anna@example.org", language=language)
    (message,) = mail.outbox
    assert message.subject == subject  # one line, whatever the template's line breaks
    assert message.body == f"{body} http://testserver/ Bauska\n"
    assert message.alternatives[0][0] == "<p>Anna</p>"
    assert message.to == ["anna@example.org"]


def test_a_template_that_fails_is_logged_and_returns_false_without_raising(mail_templates, mail_after_commit, caplog):
    with mail_after_commit(), caplog.at_level("ERROR", logger="home.mail"):
        assert send_templated("testmail/broken", {}, "anna@example.org") is False
    assert mail.outbox == []
    assert "testmail/broken" in caplog.text


def test_no_recipient_means_no_message(mail_templates, mail_after_commit):
    with mail_after_commit():
        assert send_templated("testmail/hello", {"name": "Anna"}, ["", None]) is False
    assert mail.outbox == []
