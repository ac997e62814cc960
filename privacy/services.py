"""People's rights over their data, and the centre's retention periods. Each rule lives here once.

- Access (GDPR Art. 15, 20): ``personal_data`` gathers what the portal holds about a signed-in
  person from every app (``privacy.sources``): their account here, pledges, applications,
  screening outcomes and dates, training, pairs and the meetings they logged.
- Erasure (Art. 17): ``request_erasure``. What an app can let go of at once goes at once (a
  donor's pledges are anonymised); where staff must act (a mentor's or applicant's records), the
  request waits for them, with a deadline of one month, and ``complete_erasure`` finishes it. The
  account goes last. The person is told by mail both times; the staff who complete it when it arrives.
- Retention (Art. 5(1)(e)): ``apply_retention`` asks every app to remove what has passed the
  periods in ``RetentionSettings``; it logs how many records went, never what they held.
"""

import datetime
import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django_tasks_db.models import DBTaskResult

from home.links import absolute_url, base_url
from home.mail import send_templated
from privacy.choices import ErasureKind, ErasureState
from privacy.models import ErasureRequest, RetentionSettings
from privacy.sources import DataSource, Record, Removals, Section, data_sources, describe, item

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

MAIL = "privacy/email/"


# Access


def account_section(user: "User") -> Section:
    """The account itself: who it is, its addresses, its sign-in methods (never a secret)."""
    records = [
        Record(
            _("Account"),
            [
                item(user, "email"),
                item(user, "first_name"),
                item(user, "last_name"),
                item(user, "date_joined"),
                item(user, "last_login"),
            ],
        )
    ]
    for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email"):
        records.append(
            Record(
                _("E-mail address"),
                [item(address, "email"), item(address, "verified"), item(address, "primary")],
            )
        )
    for authenticator in Authenticator.objects.filter(user=user).order_by("pk"):
        records.append(
            Record(
                _("Two-factor sign-in"),
                [item(authenticator, "type"), item(authenticator, "created_at")],
            )
        )
    for request in ErasureRequest.objects.filter(user=user):
        records.append(
            Record(
                _("Erasure request"),
                [item(request, "requested_at"), item(request, "state"), item(request, "due_on")],
            )
        )
    return Section("account", _("Your account"), records)


def personal_data(user: "User") -> list[Section]:
    """Everything the portal holds about ``user``, section by section (empty sections left out)."""
    sections = [account_section(user)]
    for source in data_sources():
        sections.extend(source.sections(user))
    return [section for section in sections if section.records]


def personal_data_document(user: "User") -> dict[str, Any]:
    """``personal_data`` as the downloadable JSON document."""
    return {
        "portal": base_url(),
        "exported_at": timezone.localtime().isoformat(),
        "data": {section.key: section.as_json() for section in personal_data(user)},
    }


# Erasure


def open_erasure(user: "User") -> ErasureRequest | None:
    return ErasureRequest.objects.open().filter(user=user).first()


def erasure_notes(user: "User") -> list[str]:
    """What an erasure would do to each kind of data the person has here, in plain words."""
    return [str(source.erasure_note) for source in data_sources() if source.erasure_note and source.holds(user)]


def held_for_staff(user: "User") -> list[DataSource]:
    """The apps whose records of ``user`` staff must erase (the request then waits for them)."""
    return [source for source in data_sources() if source.held_for_staff(user)]


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _staff_language(user: "User") -> str:
    return UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE


def _tell_staff(request: ErasureRequest, sources: Iterable[DataSource]) -> None:
    url = absolute_url(reverse("privacy_erasure:inspect", args=[request.pk]))
    told = set()
    for source in sources:
        for person in source.staff():
            if person.pk in told or not person.email:
                continue
            told.add(person.pk)
            send_templated(
                MAIL + "erasure_staff",
                {"request": request, "url": url},
                person.email,
                language=_staff_language(person),
            )


@transaction.atomic
def request_erasure(user: "User", *, language: str | None = None) -> ErasureRequest:
    """The signed-in person asks for their data to be erased.

    What can go at once goes at once; when staff must act too, the request waits for them (they
    are told by mail, the person gets a receipt with the deadline). Otherwise the account is
    removed now and the person is told so.
    """
    if user.is_staff or user.is_superuser:
        raise ValidationError(_("Staff accounts are closed by the portal's administrator, not from this page."))
    earlier = open_erasure(user)
    if earlier:
        raise ValidationError(
            _("You asked already on %(date)s; it will be completed by %(due)s.")
            % {"date": _day(timezone.localdate(earlier.requested_at)), "due": _day(earlier.due_on)}
        )
    language = language or translation.get_language() or "lv"
    removed = Removals()
    for source in data_sources():
        removed.update(source.erase(user))
    request = ErasureRequest.objects.create(kind=ErasureKind.ACCOUNT, user=user, language=language)
    waiting = held_for_staff(user)
    if waiting:
        request.removed = removed.as_list()
        request.save(update_fields=["removed"])
        send_templated(MAIL + "erasure_received", {"request": request}, user.email, language=language)
        _tell_staff(request, waiting)
        return request
    return _finish(request, removed, by=None)


@transaction.atomic
def complete_erasure(request: ErasureRequest, *, by: "User") -> ErasureRequest:
    """Staff erase what waited for them; then the account goes and the person is told."""
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise ValidationError(_("This request is already completed."))
    removed = Removals(
        {(entry["model"], entry["action"]): entry["count"] for entry in request.removed}  # what went at once
    )
    if request.user is not None:
        for source in data_sources():
            removed.update(source.complete(request.user, by))
    return _finish(request, removed, by=by)


def _finish(request: ErasureRequest, removed: Removals, *, by: "User | None") -> ErasureRequest:
    user = request.user
    if user is not None:
        # The address is written into the message now; the account goes right after.
        send_templated(
            MAIL + "erased",
            {"request": request, "removed": describe(removed.as_list())},
            user.email,
            language=request.language,
        )
        removed.add(get_user_model(), Removals.DELETED, 1)
        forget_history(user)
        user.delete()
    request.user = None
    request.state = ErasureState.COMPLETED
    request.completed_at = timezone.now()
    request.completed_by = by
    request.removed = removed.as_list()
    request.save()
    _log_removals(f"erasure {request.reference}", removed)
    return request


@transaction.atomic
def record_link_erasure(removed: Removals, *, email: str, language: str) -> ErasureRequest:
    """A donor without an account had their details erased through a private pledge link (done at
    once by ``campaigns``): the centre keeps the record of it, and the donor is told."""
    request = ErasureRequest.objects.create(
        kind=ErasureKind.PLEDGE_LINK,
        language=language,
        state=ErasureState.COMPLETED,
        completed_at=timezone.now(),
        removed=removed.as_list(),
    )
    send_templated(
        MAIL + "erased", {"request": request, "removed": describe(request.removed)}, email, language=language
    )
    _log_removals(f"erasure {request.reference}", removed)
    return request


# Wagtail's history of a record keeps its name as it was: relabel or forget it with the record.


def _entries(instances: Sequence[models.Model]) -> models.QuerySet[ModelLogEntry]:
    if not instances:
        return ModelLogEntry.objects.none()
    content_type = ContentType.objects.get_for_model(instances[0], for_concrete_model=False)
    return ModelLogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(instance.pk) for instance in instances]
    )


def relabel_history(instances: Sequence[models.Model], *, drop: Iterable[str] = ()) -> int:
    """Give the history entries of ``instances`` (of one model) their current names and drop the data
    keys ``drop`` (reasons staff wrote about the person): the history says what happened, not about whom."""
    names = {str(instance.pk): str(instance)[:255] for instance in instances}
    entries = list(_entries(instances))
    for entry in entries:
        entry.label = names[entry.object_id]
        for key in drop:
            entry.data.pop(key, None)
    ModelLogEntry.objects.bulk_update(entries, ["label", "data"])
    return len(entries)


def forget_history(instance: models.Model) -> int:
    """Delete ``instance``'s history entries, as the record itself goes."""
    count, _detail = _entries([instance]).delete()
    return count


# Retention


# Finished background tasks keep the messages they sent (addresses, names, private links): long
# enough to trace a failed delivery, then they go.
FINISHED_TASKS_DAYS = 14


def apply_retention(today: datetime.date | None = None) -> Removals:
    """Remove what has passed the centre's retention periods, app by app, and the finished mail
    tasks; safe to run every day (what is gone is not found again). Logs how many records went,
    never what they held."""
    today = today or timezone.localdate()
    periods = RetentionSettings.for_default_site()
    removed = Removals()
    for source in data_sources():
        with transaction.atomic():
            removed.update(source.retention(periods, today))
    removed.update(_prune_finished_tasks())
    _log_removals("retention", removed)
    return removed


def _prune_finished_tasks() -> Removals:
    removed = Removals()
    cutoff = timezone.now() - datetime.timedelta(days=FINISHED_TASKS_DAYS)
    count, _detail = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    removed.add(DBTaskResult, Removals.DELETED, count)
    return removed


def _log_removals(what: str, removed: Removals) -> None:
    if not removed:
        logger.info("%s: nothing removed", what)
    for entry in removed.as_list():
        logger.info("%s: %s %s %s", what, entry["model"], entry["action"], entry["count"])
