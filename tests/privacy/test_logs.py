"""Server logs carry no private pledge tokens and no donors' addresses (issue 11): not the mail
retries' warnings, not Django's request and 404 logging, not runserver's request lines."""

import logging
import smtplib

from django.core.mail import send_mail

import pytest

from ops.logmask import MaskPrivatePaths

pytestmark = pytest.mark.django_db

TOKEN = "MTI:1vB2xY:Qk3n-8FhZ0pLqR7sT_uV"
ADDRESS = "anna.ozola@example.org"


class RefusingBackend:
    """A mail server that refuses the recipient, naming the address in its error, as smtplib does."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({ADDRESS: (550, b"5.1.1 mailbox unavailable")})


def masking_handler(logger_name):
    """The configured handler the records of ``logger_name`` reach, with its masking filter."""
    logger = logging.getLogger(logger_name)
    while logger:
        for handler in logger.handlers:
            if any(isinstance(item, MaskPrivatePaths) for item in handler.filters):
                return handler
        logger = logger.parent if logger.propagate else None
    raise AssertionError(f"{logger_name} reaches no masking handler")


def written(handler, record):
    """What the handler would write for ``record`` (through its filters and formatter)."""
    assert handler.filter(record)
    return handler.format(record)


def test_mail_retry_warnings_name_no_recipient(settings, caplog, mail_after_commit):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.RefusingBackend"
    settings.MAIL_RETRY_DELAYS = [1]
    with caplog.at_level(logging.WARNING, logger="home.mail"), mail_after_commit():
        send_mail("Paldies", "Teksts", None, [ADDRESS])
    records = [record for record in caplog.records if record.name == "home.mail"]
    assert [record.levelno for record in records] == [logging.WARNING, logging.ERROR]
    handler = masking_handler("home.mail")
    for record in records:
        assert ADDRESS not in record.getMessage()
        assert "1 recipient" in record.getMessage()
        line = written(handler, record)
        assert "SMTPRecipientsRefused" in line and ADDRESS not in line  # the server's error, masked


@pytest.mark.parametrize("path", [f"/campaigns/pledge/{TOKEN}/", f"/en/campaigns/pledge/{TOKEN}/thanks/"])
def test_not_found_logging_masks_the_token(client, caplog, path):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(path).status_code == 404
    [record] = [record for record in caplog.records if record.name == "django.request"]
    line = written(masking_handler("django.request"), record)
    assert TOKEN not in line and "/campaigns/pledge/***/" in line


def test_runservers_request_lines_are_masked_too():
    record = logging.getLogger("django.server").makeRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /campaigns/pledge/{TOKEN}/ HTTP/1.1", 200, 5),
        None,
    )
    line = written(masking_handler("django.server"), record)
    assert TOKEN not in line and "/campaigns/pledge/***/" in line


def test_any_address_in_a_log_line_is_masked():
    handler = masking_handler("privacy")
    record = logging.getLogger("privacy").makeRecord(
        "privacy", logging.INFO, __file__, 1, "Sent to %s", (ADDRESS,), None
    )
    assert written(handler, record) == "Sent to ***@***"
