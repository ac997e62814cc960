"""How each app tells the privacy pages what it holds about a person and how it forgets it.

``privacy`` imports neither ``campaigns`` nor ``mentoring``: each registers a ``DataSource`` with
the Wagtail hook ``register_personal_data_source`` (in its ``wagtail_hooks``), built from
functions in its own ``services``, where the rules live.
"""

import datetime
import decimal
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise

from wagtail import hooks

if TYPE_CHECKING:
    from accounts.models import User
    from privacy.models import RetentionSettings

HOOK = "register_personal_data_source"


@dataclass(frozen=True)
class Item:
    """One piece of data: ``key`` names it in the JSON file, ``label`` on the readable page."""

    key: str
    label: str
    value: Any


@dataclass(frozen=True)
class Record:
    title: str
    items: Sequence[Item]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    records: Sequence[Record]

    # More records than this, all alike, read better as a table than as cards.
    TABLE_FROM = 4

    @property
    def tabular(self) -> bool:
        keys = {tuple(item.key for item in record.items) for record in self.records}
        return len(self.records) >= self.TABLE_FROM and len(keys) == 1

    def as_json(self) -> list[dict[str, Any]]:
        return [{item.key: as_json(item.value) for item in record.items} for record in self.records]


def as_json(value: Any) -> Any:
    """A value as the JSON file holds it: ISO dates, moments in the centre's time zone, plain text."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return [as_json(item) for item in value]
    return value


def item(instance: models.Model, name: str, key: str | None = None) -> Item:
    """A model field as an ``Item``: its verbose name as the label, a choice as its label."""
    model_field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if getattr(model_field, "choices", None):
        value = getattr(instance, f"get_{name}_display")()
    return Item(key or name, str(getattr(model_field, "verbose_name", name)), value)


class Removals(Counter[tuple[str, str]]):
    """How many records of each model were deleted or anonymised: what logs and erasure records keep."""

    DELETED = "deleted"
    ANONYMISED = "anonymised"

    def add(self, model: type[models.Model], action: str, count: int) -> None:
        if count:
            self[(model._meta.label_lower, action)] += count

    def as_list(self) -> list[dict[str, Any]]:
        return [{"model": model, "action": action, "count": count} for (model, action), count in sorted(self.items())]


def describe(removed: Iterable[dict[str, Any]]) -> list[str]:
    """Stored removals in the reader's language: "pledges: 2 anonymised"."""
    from django.utils.translation import pgettext

    actions = {
        Removals.DELETED: pgettext("removed records", "deleted"),
        Removals.ANONYMISED: pgettext("removed records", "anonymised"),
    }
    lines = []
    for entry in removed:
        try:
            name = str(apps.get_model(entry["model"])._meta.verbose_name_plural)
        except LookupError:
            name = entry["model"]
        lines.append(f"{name}: {entry['count']} {actions.get(entry['action'], entry['action'])}")
    return lines


def _nothing(*args: Any) -> Removals:
    return Removals()


def _never(user: "User") -> bool:
    return False


def _nobody() -> list["User"]:
    return []


@dataclass(frozen=True)
class DataSource:
    """What one app holds about people and how it lets go of it.

    ``sections(user)``: everything it holds about the person, for the download and the page.
    ``holds(user)``: whether it holds anything (the erasure page says what will happen to it).
    ``erasure_note``: what an erasure does to it, in plain words.
    ``erase(user)``: what goes at once when the person asks; returns the removals.
    ``held_for_staff(user)``: the request then waits for staff (``staff()`` are told and complete it).
    ``complete(user, by)``: staff complete a waiting request (a refusal raises ``ValidationError``).
    ``retention(periods, today)``: remove what has passed the centre's retention periods.
    """

    name: str
    sections: Callable[["User"], list[Section]]
    holds: Callable[["User"], bool] = _never
    erasure_note: str | Promise = ""
    erase: Callable[["User"], Removals] = _nothing
    held_for_staff: Callable[["User"], bool] = _never
    staff: Callable[[], Iterable["User"]] = _nobody
    complete: Callable[["User", "User"], Removals] = _nothing
    retention: Callable[["RetentionSettings", datetime.date], Removals] = _nothing


def data_sources() -> list[DataSource]:
    return [source() for source in hooks.get_hooks(HOOK)]
