"""Mail: written once by ``send_templated``, delivered through the tasks framework.

``send_templated`` is the one way the portal writes a message: it renders
``<name>_subject.txt`` and ``<name>.txt`` (and ``<name>.html`` when there is
one) in the recipient's language, with absolute links from ``home.links``.
A template that fails is logged and never undoes what the caller saved.

``TaskEmailBackend`` is the project's EMAIL_BACKEND: it only turns each message
into plain data and queues a task once the current transaction commits. The
task hands the message to the real backend (EMAIL_DELIVERY_BACKEND) and, when
that fails, queues itself again later, so a slow or broken mail server never
blocks a request nor rolls back what the request saved.
"""

import base64
import logging
from collections.abc import Iterable, Mapping
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone, translation

from django_tasks import task

logger = logging.getLogger(__name__)


def message_to_data(message):
    data = {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": [],
    }
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        data["attachments"].append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return data


def data_to_message(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task()
def deliver_email(data, attempt=1):
    """Send one message through the delivery backend; on failure, try again later."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.send_messages([data_to_message(data)])
    except Exception:
        delays = settings.MAIL_RETRY_DELAYS
        # Counted, never named: recipients are donors and mentors (and the log masks addresses too).
        recipients = len(data["to"]) + len(data["cc"]) + len(data["bcc"])
        if attempt > len(delays):
            logger.exception("Giving up on a mail to %s recipient(s) after %s attempts", recipients, attempt)
            raise
        logger.warning(
            "A mail to %s recipient(s) failed (attempt %s); trying again later", recipients, attempt, exc_info=True
        )
        retry = deliver_email
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + timedelta(seconds=delays[attempt - 1]))
        retry.enqueue(data, attempt=attempt + 1)
        return "retry"
    return "sent"


class TaskEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            data = message_to_data(message)
            transaction.on_commit(partial(deliver_email.enqueue, data))
            count += 1
        return count


def _recipients(to: str | Iterable[str] | None) -> list[str]:
    if not to:
        return []
    if isinstance(to, str):
        to = [to]
    return [address for address in dict.fromkeys(to) if address]


def _plain(template_name: str, context: Mapping[str, Any]) -> str:
    """A plain-text part: what people typed comes out as they typed it ("Jānis O'Konors", "Sports & spēles"),
    never HTML-escaped ("O&#x27;Konors"), whether or not the template says ``{% autoescape off %}``.
    Plain text is sent as text/plain, which mail clients show as text, not markup."""
    template: Any = get_template(template_name)  # the Django backend's, which wraps the engine's template
    return template.template.render(Context(dict(context), autoescape=False))


def _optional(template_name: str, context: Mapping[str, Any]) -> str | None:
    try:
        template = get_template(template_name)
    except TemplateDoesNotExist:
        return None
    return template.render(dict(context))


def mail_context() -> dict[str, Any]:
    """What every message may use: the site's address and the centre's details."""
    from home.links import base_url
    from home.models import CentreSettings

    return {"base_url": base_url(), "centre": CentreSettings.for_default_site()}


def send_templated(
    name: str,
    context: Mapping[str, Any],
    to: str | Iterable[str] | None,
    *,
    language: str | None = None,
    reply_to: Iterable[str] = (),
) -> bool:
    """Write the message ``<name>`` in ``language`` and queue it (it leaves after the commit).

    Returns False, having logged why, when there is nobody to send to or a
    template fails: a message that cannot be written never undoes the action.
    """
    recipients = _recipients(to)
    if not recipients:
        return False
    try:
        with translation.override(language or settings.LANGUAGE_CODE):
            full_context = {**mail_context(), **context}
            # One line: a line break in a subject (say, from a name) would make the message unsendable.
            subject = " ".join(_plain(f"{name}_subject.txt", full_context).split())
            body = _plain(f"{name}.txt", full_context)
            html = _optional(f"{name}.html", full_context)
        message = EmailMultiAlternatives(subject=subject, body=body, to=recipients, reply_to=list(reply_to))
        if html:
            message.attach_alternative(html, "text/html")
        message.send()
    except Exception:
        logger.exception("Could not write the mail %s", name)
        return False
    return True
