"""The programme's rules and actions. Views, forms and the admin call these; each rule lives here once.

Every action is atomic, sends its mail (through ``home.mail.send_templated``, after the
commit) and returns what it made. A refused action raises ``ValidationError`` with a
message the person can act on, keyed by the form field it is about where there is one.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, transaction
from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from wagtail.log_actions import log
from wagtail.users.models import UserProfile

from accounts.models import User
from home.charts import bar_chart, percent
from home.dates import Case, long_date
from home.figures import HOURS, PEOPLE, SHARE, SMALLEST_SHOWN, Chart, Figure, FigureSource, agreeing, too_few
from home.links import absolute_url
from home.mail import send_templated
from mentoring import dates
from mentoring.choices import TRANSITIONS, AccessAction, AccessVia, ApplicationState
from mentoring.dates import MonthLabel
from mentoring.hours import format_hours, plain_hours
from mentoring.models import (
    Application,
    Certificate,
    CheckIn,
    Meeting,
    Mentee,
    MenteeAccessLog,
    MentoringSettings,
    MonthReview,
    Pair,
    RecordCheck,
    Reminder,
    TrainingAttendance,
)
from mentoring.models.certificates import normalise_code
from mentoring.rules import (
    COORDINATORS_GROUP,
    DAY_MAX_HOURS,
    HANDBOOK_GROUPS,
    MENTEE_AGES,
    MENTOR_AGES,
    MENTORS_GROUP,
    TRAINEES_GROUP,
    far_above_target,
)
from privacy.models import RetentionSettings
from privacy.services import forget_history, relabel_history
from privacy.sources import Item, Record, Removals, Section, item

# Re-exported: callers that know the limits from here keep working.
__all__ = ["MENTEE_AGES", "MENTOR_AGES"]

LOCKED_MONTH = gettext_lazy("This month has been approved by the coordinator and is locked.")


def _day(day: datetime.date, case: Case = "nominative") -> str:
    """A date inside a sentence, in the case the sentence needs ("2026. gada 10. decembrī"; see ``home.dates``)."""
    return long_date(day, case)


# Mail


def _mail(name: str, context: Mapping[str, Any], to: str | Iterable[str] | None, language: str | None) -> bool:
    """Write ``mentoring/email/<name>`` in ``language``, with the link to "My mentoring" in that language.

    A message that cannot be written is logged by ``send_templated`` and never undoes the action.
    """
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        links = {"my_mentoring_url": absolute_url(reverse("mentoring:home"))}
    return send_templated(f"mentoring/email/{name}", {**links, **context}, to, language=language)


def _staff_language(user: User | None) -> str:
    # The profile's own choice, else the site's language (not the language of whoever triggered the mail).
    return (UserProfile.get_for_user(user).preferred_language if user else "") or settings.LANGUAGE_CODE


def coordinators() -> QuerySet[User]:
    """The people who hear of the programme's news: active members of the coordinators' group with an address."""
    return (
        get_user_model()
        .objects.filter(groups__name=COORDINATORS_GROUP, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


# Applications


def mentor_age_problem(birth_date: datetime.date, day: datetime.date) -> str | None:
    """Why someone born on ``birth_date`` cannot mentor on ``day``, or ``None`` when they can."""
    age = dates.age_on(birth_date, day)
    low, high = MENTOR_AGES
    if age < low:
        return _(
            "Mentors are young adults from %(low)s to %(high)s years old; you can apply once you turn %(low)s."
        ) % {"low": low, "high": high}
    if age > high:
        return _(
            "The programme is for young volunteers from %(low)s to %(high)s years old. Thank you for wanting to help: "
            "the centre has other ways to volunteer."
        ) % {"low": low, "high": high}
    return None


def open_application(user: Any) -> Application | None:
    if not user.is_authenticated:
        return None
    return Application.objects.open().filter(user=user).first()


def latest_application(user: Any) -> Application | None:
    """The person's open application, else their last one (to show how it ended)."""
    if not user.is_authenticated:
        return None
    return open_application(user) or user.mentor_applications.order_by("-submitted_at").first()


def can_apply(user: Any, application: Application | None) -> bool:
    """One open application per person: a new one only when the last has ended."""
    return bool(user.is_authenticated) and not (application and application.is_open)


def _notify_coordinators(application: Application) -> None:
    context = {
        "application": application,
        "url": absolute_url(reverse("mentoring_application:inspect", args=[application.pk])),
    }
    for coordinator in coordinators():
        _mail("new_application", context, coordinator.email, _staff_language(coordinator))


@transaction.atomic
def apply(user: User, *, language: str | None = None, **answers: Any) -> Application:
    """Record a mentor application; one open application per person (the database holds it too).

    The applicant gets a receipt and every coordinator a notice, each in their own language.
    """
    today = timezone.localdate()
    problem = mentor_age_problem(answers["birth_date"], today)
    if problem:
        raise ValidationError({"birth_date": problem})
    if open_application(user):
        raise ValidationError(_("You already have an application in progress."))
    now = timezone.now()
    try:
        with transaction.atomic():
            application = Application.objects.create(
                user=user,
                language=language or translation.get_language() or settings.LANGUAGE_CODE,
                privacy_consent_at=now,
                record_check_consent_at=now,
                **answers,
            )
    except IntegrityError as error:
        raise ValidationError(_("You already have an application in progress.")) from error
    _mail("application_received", {"application": application}, user.email, application.language)
    _notify_coordinators(application)
    return application


def _required_training() -> Decimal:
    return MentoringSettings.for_default_site().required_training_hours


def _screening_problem(application: Application) -> str | None:
    if application.screening_passed():
        return None
    return _("Screening has not passed: record a passed interview and a passed reference.")


def _training_problem(application: Application, required: Decimal) -> str | None:
    done = application.training_hours()
    if done >= required:
        return None
    return _("Training is not complete: %(done)s of %(required)s hours attended.") % {
        "done": format_hours(done),
        "required": format_hours(required),
    }


def approval_problems(
    application: Application, today: datetime.date | None = None, required_training: Decimal | None = None
) -> list[str]:
    """What still stands between an applicant and working with a child today: screening, the record
    check and the required training (empty when nothing does). Approval and pairing both ask this."""
    today = today or timezone.localdate()
    required = required_training if required_training is not None else _required_training()
    problems = [_screening_problem(application)]
    if not application.record_check_valid_on(today):
        problems.append(_("The criminal record check is missing, has expired or shows a record."))
    problems.append(_training_problem(application, required))
    return [problem for problem in problems if problem]


@transaction.atomic
def decide(application: Application, state: str, *, by: Any, reason: str = "") -> Application:
    """Move an application to its next state; the applicant hears of every decision by mail."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    state = ApplicationState(state)
    if state not in TRANSITIONS[ApplicationState(application.state)]:
        raise ValidationError(
            _("An application that is “%(current)s” cannot become “%(new)s”.")
            % {"current": application.get_state_display(), "new": state.label}
        )
    if state == ApplicationState.APPROVED:
        problems = approval_problems(application)
        if problems:
            raise ValidationError(problems)
    if state == ApplicationState.REJECTED and not reason.strip():
        raise ValidationError({"reason": _("Say why the application is rejected; the applicant will read it.")})
    if state == ApplicationState.WITHDRAWN and application.pairs.filter(closed_on__isnull=True).exists():
        raise ValidationError(_("Close this mentor's active pair first."))
    application.state = state
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.decided_by = by
    application.save(update_fields=["state", "decision_reason", "decided_at", "decided_by"])
    log(application, "mentoring.decide", user=by, data={"state": state.value, "reason": reason})
    sync_handbook_access(application.user)
    _mail("decision", {"application": application}, application.user.email, application.language)
    return application


def withdraw(application: Application, *, user: Any) -> Application:
    """The applicant takes their application back."""
    return decide(application, ApplicationState.WITHDRAWN, by=user)


# Pairs


def pairable_mentors(today: datetime.date | None = None) -> QuerySet[Application]:
    """Mentors who can be paired today: approved, without an active pair, and nothing in
    ``approval_problems`` (screening, a valid record check, the training)."""
    today = today or timezone.localdate()
    candidates = (
        Application.objects.for_screening()
        .filter(state=ApplicationState.APPROVED)
        .exclude(pk__in=Pair.objects.active().values("mentor"))
    )
    required = _required_training()
    ready = [mentor.pk for mentor in candidates if not approval_problems(mentor, today, required)]
    return Application.objects.filter(pk__in=ready)


def free_mentees() -> QuerySet[Mentee]:
    return Mentee.objects.exclude(pk__in=Pair.objects.active().values("mentee"))


def _age_problem(role: str, ages: tuple[int, int], age: int) -> str | None:
    low, high = ages
    if low <= age <= high:
        return None
    if role == "mentor":
        return _("The mentor is %(age)s on the start date; mentors are %(low)s to %(high)s.") % {
            "age": age,
            "low": low,
            "high": high,
        }
    return _("The mentee is %(age)s on the start date; mentees are %(low)s to %(high)s.") % {
        "age": age,
        "low": low,
        "high": high,
    }


def pair_problems(
    mentor: Application | None,
    mentee: Mentee | None,
    start_date: datetime.date | None,
    today: datetime.date | None = None,
    *,
    planned_end: datetime.date | None = None,
) -> dict[str, list[str]]:
    """Why this mentor and mentee cannot be paired from ``start_date`` (to ``planned_end``), by form field."""
    today = today or timezone.localdate()
    problems: dict[str, list[str]] = {}
    if mentor is not None:
        mentor_problems = problems.setdefault("mentor", [])
        if mentor.state != ApplicationState.APPROVED:
            mentor_problems.append(_("Only an approved mentor can be paired."))
        else:
            # Approval was not the end of it: a check runs out, training requirements change.
            screening = _screening_problem(mentor)
            if screening:
                mentor_problems.append(screening)
            check_days = [day for day in (start_date, today) if day]
            if not all(mentor.record_check_valid_on(day) for day in check_days):
                mentor_problems.append(_("The mentor's criminal record check is not valid on the start date."))
            training = _training_problem(mentor, _required_training())
            if training:
                mentor_problems.append(training)
        if start_date:
            problem = _age_problem("mentor", MENTOR_AGES, dates.age_on(mentor.birth_date, start_date))
            if problem:
                mentor_problems.append(problem)
        if mentor.pk and Pair.objects.active().filter(mentor=mentor).exists():
            mentor_problems.append(_("This mentor already has an active pair."))
    if mentee is not None:
        mentee_problems = problems.setdefault("mentee", [])
        if start_date:
            problem = _age_problem("mentee", MENTEE_AGES, dates.age_on(mentee.birth_date, start_date))
            if problem:
                mentee_problems.append(problem)
        if mentee.pk and Pair.objects.active().filter(mentee=mentee).exists():
            mentee_problems.append(_("This mentee already has an active pair."))
    if planned_end and start_date and planned_end <= start_date:
        problems["planned_end"] = [_("The planned end comes after the start.")]
    return {field: found for field, found in problems.items() if found}


@transaction.atomic
def create_pair(
    *,
    mentor: Application,
    mentee: Mentee,
    coordinator: User,
    start_date: datetime.date,
    goals: str,
    planned_end: datetime.date | None = None,
) -> Pair:
    problems = pair_problems(mentor, mentee, start_date, planned_end=planned_end)
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            pair = Pair.objects.create(
                mentor=mentor,
                mentee=mentee,
                coordinator=coordinator,
                start_date=start_date,
                goals=goals,
                planned_end=planned_end,
            )
    except IntegrityError as error:
        # Someone paired one of them a moment ago: the database's unique constraints decided.
        raise ValidationError(_("The mentor or the mentee already has an active pair.")) from error
    sync_handbook_access(mentor.user)
    return pair


@transaction.atomic
def close_pair(pair: Pair, *, closed_on: datetime.date, reason: str, exit_notes: str = "", by: Any = None) -> Pair:
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    if pair.closed_on:
        raise ValidationError(_("This pair is already closed."))
    if closed_on < pair.start_date:
        raise ValidationError({"closed_on": _("A pair cannot close before it started.")})
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": _("Close a pair on or after its last day, not in advance.")})
    last = pair.meetings.order_by("-date").values_list("date", flat=True).first()
    if last and closed_on < last:
        raise ValidationError(
            {"closed_on": _("A meeting is logged on %(date)s, after this date.") % {"date": _day(last, "locative")}}
        )
    pair.closed_on = closed_on
    pair.closure_reason = reason
    pair.exit_notes = exit_notes
    pair.save(update_fields=["closed_on", "closure_reason", "exit_notes"])
    log(pair, "mentoring.close", user=by, data={"closed_on": closed_on.isoformat(), "reason": reason})
    sync_handbook_access(pair.mentor.user)
    return pair


# The mentor's handbook: who is in the groups its pages and documents are private to


def handbook_group(user: Any) -> str | None:
    """The handbook group ``user`` belongs in: "Mentors" while approved and not finished (waiting for
    a first pair, or in an active one), "Mentors in training" while in training, else none. A mentor
    whose pairs have all closed leaves the handbook until paired again; a withdrawn one leaves it."""
    if user is None:
        return None
    applications = Application.objects.filter(user=user, erased_at=None).annotate(
        pair_count=Count("pairs"), active_pairs=Count("pairs", filter=Q(pairs__closed_on=None))
    )
    states = {(row.state, row.pair_count, row.active_pairs) for row in applications}
    if any(state == ApplicationState.APPROVED and (active or not count) for state, count, active in states):
        return MENTORS_GROUP
    if any(state == ApplicationState.TRAINING for state, _count, _active in states):
        return TRAINEES_GROUP
    return None


def sync_handbook_access(user: Any) -> str | None:
    """Put ``user`` in the handbook group their applications and pairs call for, out of the other.
    Approval, withdrawal, pairing, closure and erasure call this; returns the group (or ``None``)."""
    if user is None:
        return None
    wanted = handbook_group(user)
    groups = {group.name: group for group in Group.objects.filter(name__in=HANDBOOK_GROUPS)}
    if wanted and wanted not in groups:
        groups[wanted] = Group.objects.get_or_create(name=wanted)[0]
    leave = [group for name, group in groups.items() if name != wanted]
    if leave:
        user.groups.remove(*leave)
    if wanted:
        user.groups.add(groups[wanted])
    return wanted


# The certificate of volunteering: only approved months count


@dataclass(frozen=True)
class CertificateFigures:
    """What a certificate says: the approved months from first to last, their hours and meetings."""

    mentor: Application
    first_month: datetime.date
    last_month: datetime.date
    hours: Decimal
    meetings: int


def certificate_figures(user: Any) -> CertificateFigures | None:
    """The mentor's approved months, across all their pairs (``None`` before the first is approved).
    The hours are the months' approved hours; the meetings are those in approved months."""
    if not getattr(user, "is_authenticated", False):
        return None
    reviews = list(
        MonthReview.objects.filter(pair__mentor__user=user, pair__mentor__erased_at=None)
        .select_related("pair__mentor")
        .order_by("month", "pk")
    )
    if not reviews:
        return None
    in_reviewed_months = Q()
    for review in reviews:
        next_month = dates.add_months(review.month, 1)
        in_reviewed_months |= Q(pair_id=review.pair_id, date__gte=review.month, date__lt=next_month)
    return CertificateFigures(
        mentor=max(reviews, key=lambda review: (review.pair.mentor.submitted_at, review.pair.mentor.pk)).pair.mentor,
        first_month=reviews[0].month,
        last_month=max(review.month for review in reviews),
        hours=sum((review.hours for review in reviews), Decimal("0")),
        meetings=Meeting.objects.filter(in_reviewed_months).count(),
    )


@transaction.atomic
def issue_certificate(user: Any, *, language: str) -> Certificate:
    """The mentor's certificate as of now: the same one again (same code) while nothing it says has
    changed, a new one with a new code once another month is approved or the language differs."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose Latvian or English.")})
    figures = certificate_figures(user)
    if figures is None:
        raise ValidationError(
            _("A certificate lists approved months: the coordinator has approved none of yours yet.")
        )
    said = {
        "mentor": figures.mentor,
        "full_name": figures.mentor.full_name,
        "first_month": figures.first_month,
        "last_month": figures.last_month,
        "hours": figures.hours,
        "meetings": figures.meetings,
        "language": language,
    }
    existing = Certificate.objects.valid().filter(**said).order_by("-issued_at").first()
    return existing or Certificate.objects.create(**said)


def find_certificate(code: str) -> Certificate | None:
    """The certificate with this code (a revoked one too: the page says so), or ``None``."""
    code = normalise_code(code)
    if not code:
        return None
    return Certificate.objects.filter(code=code).first()


@transaction.atomic
def revoke_certificate(certificate: Certificate, *, by: Any) -> Certificate:
    """The centre withdraws a certificate: its code then confirms nothing."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = by
        certificate.save(update_fields=["revoked_at", "revoked_by"])
        log(certificate, "mentoring.revoke_certificate", user=by)
    return certificate


# Meetings and months


def frozen_log_problem(pair: Pair) -> str | None:
    """Why the pair's meeting log can no longer change, or ``None``: a closed pair's log is kept as it was."""
    if pair.closed_on:
        return _("This pair closed on %(date)s: its meetings are kept as they were and can no longer be changed.") % {
            "date": _day(pair.closed_on, "locative")
        }
    return None


def month_is_approved(pair: Pair, day: datetime.date) -> bool:
    return MonthReview.objects.filter(pair=pair, month=dates.month_start(day)).exists()


def meeting_change_problem(meeting: Meeting) -> str | None:
    """Why the mentor cannot change or delete ``meeting`` any more, or ``None`` when they can."""
    problem = frozen_log_problem(meeting.pair)
    if problem:
        return problem
    if month_is_approved(meeting.pair, meeting.date):
        return str(LOCKED_MONTH)
    return None


def meeting_problems(pair: Pair, day: datetime.date, today: datetime.date | None = None) -> str | None:
    """What is wrong with a meeting of ``pair`` on ``day``: not in the future, not before the start,
    not in an approved month. (A closed pair's log is frozen altogether: ``frozen_log_problem``.)"""
    today = today or timezone.localdate()
    if day > today:
        return _("A meeting cannot be in the future.")
    if day < pair.start_date:
        return _("The pair started on %(date)s; a meeting cannot be earlier.") % {
            "date": _day(pair.start_date, "locative")
        }
    if month_is_approved(pair, day):
        return str(LOCKED_MONTH)
    return None


def day_hours_problem(pair: Pair, day: datetime.date, hours: Decimal, exclude: Meeting | None = None) -> str | None:
    """A day holds at most ``DAY_MAX_HOURS`` of one pair's meetings: why ``hours`` more do not fit, or ``None``."""
    others = pair.meetings.filter(date=day)
    if exclude is not None and exclude.pk:
        others = others.exclude(pk=exclude.pk)
    logged = others.aggregate(total=Sum("hours"))["total"] or Decimal("0")
    if logged + hours <= DAY_MAX_HOURS:
        return None
    left = DAY_MAX_HOURS - logged
    if left <= 0:
        return _("Meetings on %(date)s already add up to %(limit)s hours, the most one day can hold.") % {
            "date": _day(day, "locative"),
            "limit": format_hours(DAY_MAX_HOURS),
        }
    return _(
        "Meetings on %(date)s already add up to %(logged)s hours and a day holds at most %(limit)s: "
        "this meeting can last at most %(left)s hours."
    ) % {
        "date": _day(day, "locative"),
        "logged": format_hours(logged),
        "limit": format_hours(DAY_MAX_HOURS),
        "left": format_hours(left),
    }


# A meeting with the same day, hours and activity logged for the pair this long ago or less is asked
# about before it is saved again: Back and "Save" again after logging one, not a second meeting.
REPEAT_WINDOW = datetime.timedelta(minutes=30)


class RepeatedMeeting(ValidationError):
    """The pair's same meeting (day, hours, activity) was logged a moment ago (``meeting``): a second one
    is saved only when the mentor confirms it."""

    code = "repeat"

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        super().__init__(
            _(
                "At %(time)s you already logged the meeting of %(date)s (%(activity)s, %(hours)s h). "
                "Was this a second one?"
            )
            % {
                "time": formats.time_format(timezone.localtime(meeting.created_at), "H:i"),
                "date": _day(meeting.date, "genitive"),
                "activity": meeting.get_activity_display(),
                "hours": format_hours(meeting.hours),
            },
            code=self.code,
        )


def _locked_pair(pair: Pair) -> Pair:
    # The pair's row lock orders its meetings and its months' approval: none slips into a locked
    # month, and two meetings saved at once cannot together overfill a day.
    return Pair.objects.select_for_update().get(pk=pair.pk)


def _check_meeting(pair: Pair, day: datetime.date, hours: Decimal, exclude: Meeting | None = None) -> None:
    frozen = frozen_log_problem(pair)
    if frozen:
        raise ValidationError(frozen)
    problem = meeting_problems(pair, day)
    if problem:
        raise ValidationError({"date": problem})
    problem = day_hours_problem(pair, day, hours, exclude=exclude)
    if problem:
        raise ValidationError({"hours": problem})


def _notify_concern(meeting: Meeting) -> None:
    pair = meeting.pair
    context = {
        "meeting": meeting,
        "pair": pair,
        "url": absolute_url(reverse("mentoring_pair:inspect", args=[pair.pk])),
    }
    _mail("concern", context, pair.coordinator.email, _staff_language(pair.coordinator))


@transaction.atomic
def log_meeting(
    pair: Pair,
    *,
    user: Any,
    date: datetime.date,
    hours: Decimal,
    activity: str,
    note: str = "",
    concern: bool = False,
    repeat: bool = False,
) -> Meeting:
    """Log a meeting of ``pair``. The same meeting logged again within ``REPEAT_WINDOW`` is asked about
    first (``RepeatedMeeting``); ``repeat`` says the mentor meant a second one."""
    pair = _locked_pair(pair)
    _check_meeting(pair, date, hours)
    if not repeat:
        same = pair.meetings.filter(
            date=date, hours=hours, activity=activity, created_at__gte=timezone.now() - REPEAT_WINDOW
        )
        if earlier := same.order_by("-created_at").first():
            raise RepeatedMeeting(earlier)
    meeting = Meeting.objects.create(
        pair=pair, date=date, hours=hours, activity=activity, note=note, concern=concern, logged_by=user
    )
    if concern:
        _notify_concern(meeting)
    return meeting


@transaction.atomic
def update_meeting(
    meeting: Meeting,
    *,
    user: Any,
    date: datetime.date,
    hours: Decimal,
    activity: str,
    note: str = "",
    concern: bool = False,
) -> Meeting:
    _locked_pair(meeting.pair)
    meeting = Meeting.objects.select_related("pair").get(pk=meeting.pk)
    problem = meeting_change_problem(meeting)
    if problem:
        raise ValidationError(problem)
    _check_meeting(meeting.pair, date, hours, exclude=meeting)
    newly_worried = concern and not meeting.concern
    meeting.date, meeting.hours, meeting.activity, meeting.note = date, hours, activity, note
    meeting.concern = concern
    if newly_worried:
        meeting.concern_resolved_at = None
    meeting.save()
    if newly_worried:
        _notify_concern(meeting)
    return meeting


@transaction.atomic
def delete_meeting(meeting: Meeting, *, user: Any) -> None:
    _locked_pair(meeting.pair)
    meeting = Meeting.objects.select_related("pair").get(pk=meeting.pk)
    problem = meeting_change_problem(meeting)
    if problem:
        raise ValidationError(problem)
    meeting.delete()


@transaction.atomic
def resolve_concern(meeting: Meeting, *, by: Any) -> Meeting:
    meeting.concern_resolved_at = timezone.now()
    meeting.save(update_fields=["concern_resolved_at"])
    log(meeting.pair, "mentoring.resolve_concern", user=by, data={"meeting": meeting.date.isoformat()})
    return meeting


@transaction.atomic
def approve_month(pair: Pair, month: datetime.date, *, by: Any, notes: str = "") -> MonthReview:
    """Approve a finished month of a pair: its hours are counted and its meetings locked."""
    pair = _locked_pair(pair)
    month = dates.month_start(month)
    if month >= dates.month_start(timezone.localdate()):
        raise ValidationError(_("A month can be approved once it is over."))
    if dates.add_months(month, 1) <= pair.start_date or (pair.closed_on and month > pair.closed_on):
        raise ValidationError(_("The pair was not active in that month."))
    if MonthReview.objects.filter(pair=pair, month=month).exists():
        raise ValidationError(_("This month is already approved."))
    hours = pair.meetings.in_month(month).aggregate(total=Sum("hours"))["total"] or Decimal("0")
    review = MonthReview.objects.create(pair=pair, month=month, hours=hours, approved_by=by, notes=notes)
    log(pair, "mentoring.approve_month", user=by, data={"month": month.isoformat(), "hours": str(hours)})
    return review


def pair_months(pair: Pair, today: datetime.date | None = None, target: Decimal | None = None) -> list[dict[str, Any]]:
    """The pair's months, newest first: meetings, hours against the target (and how far past it:
    ``over_target``), approval, and whether the mentor may still change them (``editable``) or the
    coordinator should look (``far_above``)."""
    today = today or timezone.localdate()
    target = target if target is not None else MentoringSettings.for_default_site().monthly_target_hours
    by_month: dict[datetime.date, list[Meeting]] = {}
    for meeting in pair.meetings.order_by("-date", "-pk"):
        by_month.setdefault(dates.month_start(meeting.date), []).append(meeting)
    reviews = {review.month: review for review in pair.month_reviews.all()}
    last = pair.closed_on or today
    months = []
    for month in reversed(dates.month_range(pair.start_date, max(last, pair.start_date))):
        in_month = by_month.get(month, [])
        hours = sum((meeting.hours for meeting in in_month), Decimal("0"))
        months.append(
            {
                "month": month,
                "meetings": in_month,
                "hours": hours,
                "target": target,
                "over_target": max(Decimal("0"), hours - target),
                "far_above": far_above_target(hours, target),
                "review": reviews.get(month),
                "editable": pair.is_active and month not in reviews,
                "can_approve": month < dates.month_start(today) and month not in reviews,
            }
        )
    return months


# Check-ins


# Figures for the impact page and the home page (home.figures): pairs, and the hours of approved
# months only (what the coordinator approved is what counts), over the last FIGURE_MONTHS months.

FIGURE_MONTHS = 12


def _suppressed_hours() -> str:
    return _("not shown: fewer than %(count)s pairs") % {"count": SMALLEST_SHOWN}


class ProgrammeFigures:
    """The programme's figures, each query made once however many figures and charts ask."""

    def __init__(self, today: datetime.date | None = None) -> None:
        self.today = today or timezone.localdate()
        self.first = dates.add_months(self.today, -(FIGURE_MONTHS - 1))

    @cached_property
    def target(self) -> Decimal:
        return MentoringSettings.for_default_site().monthly_target_hours

    def _approved(self) -> QuerySet[MonthReview]:
        return MonthReview.objects.filter(month__gte=self.first, month__lte=self.today)

    def _reached(self) -> Count:
        # reached_target (mentoring.rules), as the database counts it
        return Count("pk", filter=Q(hours__gte=self.target))

    @staticmethod
    def choices() -> list[tuple[str, Any]]:
        return [
            ("mentoring.pairs_active", gettext_lazy("Mentoring pairs meeting now")),
            ("mentoring.pairs_closed", gettext_lazy("Mentoring pairs closed")),
            ("mentoring.hours", gettext_lazy("Hours mentors and mentees spent together (approved, last 12 months)")),
            ("mentoring.target_share", gettext_lazy("Pair-months that reached the monthly target (last 12 months)")),
        ]

    def figures(self, keys: Iterable[str] | None = None) -> list[Figure]:
        wanted = set(keys) if keys is not None else {key for key, _label in self.choices()}
        found = []
        if wanted & {"mentoring.pairs_active", "mentoring.pairs_closed"}:
            pairs = Pair.objects.aggregate(
                active=Count("pk", filter=Q(closed_on=None)), closed=Count("pk", filter=~Q(closed_on=None))
            )
            found += [
                Figure(
                    "mentoring.pairs_active",
                    ngettext("mentoring pair meeting now", "mentoring pairs meeting now", agreeing(pairs["active"])),
                    pairs["active"],
                    PEOPLE,
                ),
                Figure(
                    "mentoring.pairs_closed",
                    ngettext("mentoring pair closed", "mentoring pairs closed", agreeing(pairs["closed"])),
                    pairs["closed"],
                    PEOPLE,
                ),
            ]
        if wanted & {"mentoring.hours", "mentoring.target_share"}:
            months = self._approved().aggregate(
                approved_hours=Sum("hours"),
                months=Count("pk"),
                reached=self._reached(),
                pairs=Count("pair", distinct=True),
            )
            share = percent(months["reached"], months["months"]) if months["months"] else None
            total = plain_hours(months["approved_hours"])
            found += [
                Figure(
                    "mentoring.hours",
                    ngettext(
                        "hour together in the last 12 months",
                        "hours together in the last 12 months",
                        agreeing(total, HOURS),
                    ),
                    total,
                    HOURS,
                    base=months["pairs"],
                    decimals=max(0, -int(total.as_tuple().exponent)),
                    hidden_reason=_suppressed_hours(),
                ),
                Figure(
                    "mentoring.target_share",
                    _("of pairs' months reached %(target)s hours") % {"target": format_hours(self.target)},
                    share,
                    SHARE,
                    base=months["pairs"],
                    hidden_reason=_suppressed_hours(),
                ),
            ]
        return [figure for figure in found if figure.key in wanted]

    def charts(self) -> list[Chart]:
        """Approved hours per month and the share of pairs that reached the target, as the
        coordinator's dashboard draws hours (columns); a month of fewer than 5 pairs is not shown."""
        rows = {
            row["month"]: row
            for row in self._approved()
            .values("month")
            .annotate(total=Sum("hours"), pairs=Count("pair", distinct=True), reached=self._reached())
            .order_by("month")
        }
        months = dates.month_range(self.first, self.today)
        if not rows:
            return []
        hours: list[Any] = []
        shares: list[Any] = []
        for month in months:
            row = rows.get(month)
            label = MonthLabel(month)
            if row is None:
                hours.append((label, 0))
                shares.append((label, 0, "–"))
            elif too_few(row["pairs"]):
                hours.append((label, None, _suppressed_hours()))
                shares.append((label, None, _suppressed_hours()))
            else:
                share = percent(row["reached"], row["pairs"])
                hours.append((label, plain_hours(row["total"])))
                shares.append((label, share, Figure("", "", share, SHARE, base=row["pairs"], decimals=0).number))
        return [
            Chart(
                key="mentoring.hours",
                title=_("Time together"),
                caption=_("Hours mentors and mentees spent together each month (approved months)"),
                drawing=bar_chart(hours, width=480),
                label_heading=_("Month"),
                value_headings=[_("Hours")],
                unit=_("h"),
            ),
            Chart(
                key="mentoring.target_share",
                title=_("Months that reached the target"),
                caption=_("Share of pairs whose month reached %(target)s hours (approved months)")
                % {"target": format_hours(self.target)},
                drawing=bar_chart(shares, width=480, minimum_top=100),
                label_heading=_("Month"),
                value_headings=[_("Share of pairs")],
                unit="%",
            ),
        ]


def figure_source() -> FigureSource:
    programme = ProgrammeFigures()
    return FigureSource(
        name="mentoring",
        title=gettext_lazy("Mentoring"),
        choices=programme.choices,
        figures=programme.figures,
        charts=programme.charts,
        order=30,
    )


def checkin_problem(day: datetime.date, today: datetime.date | None = None) -> str | None:
    """A check-in records a contact that happened: never one in the future."""
    if day > (today or timezone.localdate()):
        return _("A check-in is recorded once it has happened; %(date)s is in the future.") % {"date": _day(day)}
    return None


@transaction.atomic
def record_checkin(checkin: CheckIn, *, by: Any) -> CheckIn:
    """Save a new or changed check-in; only a check-in that happened clears "get in touch"."""
    problem = checkin_problem(checkin.date)
    if problem:
        raise ValidationError({"date": problem})
    created = checkin.pk is None
    if created:
        checkin.recorded_by = by
    checkin.save()
    log(checkin, "wagtail.create" if created else "wagtail.edit", user=by)
    return checkin


# Reminders


def send_reminders(today: datetime.date | None = None) -> int:
    """Remind mentors who have logged nothing this month once the reminder day has come; once a month each.

    Safe to run every day: a pair's reminder for a month is recorded and never sent twice.
    """
    today = today or timezone.localdate()
    programme = MentoringSettings.for_default_site()
    if today.day < programme.reminder_day:
        return 0
    month = dates.month_start(today)
    pairs = (
        Pair.objects.active()
        .filter(start_date__lt=month)
        .exclude(meetings__date__gte=month)
        .exclude(reminders__month=month)
        .select_related("mentor__user", "mentee")
        .distinct()
    )
    sent = 0
    for pair in pairs:
        with transaction.atomic():
            _reminder, created = Reminder.objects.get_or_create(pair=pair, month=month)
            if created:
                context = {"pair": pair, "target": programme.monthly_target_hours, "month": month}
                _mail("reminder", context, pair.mentor.user.email, pair.mentor.language)
                sent += 1
    return sent


# The mentee access log: who saw or changed which child's record, when and how. It names the
# record by its number and the fields by their names: never the child's name nor any value.

RETENTION_JOB = "manage.py apply_retention"  # who, in the log, when no person acted


def _who(user: Any) -> tuple[Any, str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return None, RETENTION_JOB if user is None else str(user)
    return user, getattr(user, "email", "") or str(user)


def record_mentee_access(
    mentee: Mentee | int, user: Any, action: str, via: str, fields: Iterable[str] = ()
) -> MenteeAccessLog:
    """Append who saw or changed a child's record (``mentee`` or its number), and how; read-only for everyone."""
    who, label = _who(user)
    number: int = mentee if isinstance(mentee, int) else mentee.pk
    return MenteeAccessLog.objects.create(
        mentee_id=number,
        user=who,
        user_label=label,
        action=action,
        via=via,
        fields=list(fields),
    )


def record_mentees_shown(
    mentees: Iterable[Mentee | int | None] | QuerySet[Any], user: Any, via: str, action: str = AccessAction.LISTED
) -> int:
    """A list, a page or an export that shows children's records: one log row per record shown
    (once, however many of its rows it fills). ``mentees`` are records or their numbers, or a
    query of numbers (``values_list("mentee_id", flat=True)``), which is logged in one statement
    however many records it finds. Returns how many were logged."""
    who, label = _who(user)
    if isinstance(mentees, QuerySet) and len(mentees.query.values_select) == 1 and not mentees.query.is_sliced:
        return _log_from_query(mentees, who, label, action, via)
    ids: list[int] = list(
        dict.fromkeys(mentee if isinstance(mentee, int) else mentee.pk for mentee in mentees if mentee is not None)
    )
    MenteeAccessLog.objects.bulk_create(
        MenteeAccessLog(mentee_id=pk, user=who, user_label=label, action=action, via=via) for pk in ids
    )
    return len(ids)


def _log_from_query(ids: QuerySet[Any], who: Any, label: str, action: str, via: str) -> int:
    """INSERT … SELECT: a row for each distinct number the query finds, in one statement."""
    ids = ids.order_by()
    connection = connections[ids.db]
    query, query_params = ids.query.get_compiler(connection=connection).as_sql()
    log = MenteeAccessLog._meta
    values = [
        who.pk if who else None,
        label,
        log.get_field("at").get_db_prep_save(timezone.now(), connection),
        action,
        via,
        log.get_field("fields").get_db_prep_save([], connection),
    ]
    quote = connection.ops.quote_name
    found = quote(ids.query.values_select[0])
    columns = ", ".join(
        quote(name) for name in ["mentee_id", "user_id", "user_label", "at", "action", "via", "fields"]
    )
    # Table and column names come from the models; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(log.db_table)} ({columns}) "  # noqa: S608
        f"SELECT shown.{found}, %s, %s, %s, %s, %s, %s FROM (SELECT DISTINCT {found} FROM ({query}) ids) shown"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, *query_params])
        return max(cursor.rowcount, 0)


def mentee_changes(before: Mentee, after: Mentee, fields: Sequence[str]) -> list[str]:
    """The names of the fields that differ between two states of a mentee (never their values)."""
    return [name for name in fields if getattr(before, name) != getattr(after, name)]


# Record checks


def record_checks_verified(application: Application, check_ids: Iterable[int], *, by: Any) -> int:
    """Whoever saved a criminal-record check entry (new or changed) is recorded as having verified it."""
    return RecordCheck.objects.filter(application=application, pk__in=list(check_ids)).update(verified_by=by)


# Personal data: what a mentor or applicant can download, and how it is erased and expires

ERASURE_NOTE = gettext_lazy(
    "Your mentor application and its screening are erased by the coordinator, within a month at the latest. "
    "If you have mentored, the meetings you logged stay in the programme's records under a pseudonym, "
    "without your name or contacts; the coordinator first closes a pair that is still active."
)
SCREENING_ANSWERS = ["phone", "motivation", "availability", "languages", "interests", "decision_reason"]


def holds_records(user: User) -> bool:
    return user.mentor_applications.exists()


def personal_data(user: User) -> list[Section]:
    """A mentor's or applicant's own records: applications, screening outcomes and dates, training,
    pairs (the mentee by first name only) and the meetings they logged."""
    applications = list(
        user.mentor_applications.order_by("submitted_at").prefetch_related(
            "interviews",
            "references",
            "record_checks",
            Prefetch("attendances", queryset=TrainingAttendance.objects.select_related("session")),
        )
    )
    pairs = list(Pair.objects.filter(mentor__in=applications).select_related("mentee").order_by("start_date"))
    meetings = Meeting.objects.filter(pair__in=pairs).select_related("pair").order_by("date", "pk")
    certificates = Certificate.objects.filter(mentor__in=applications).order_by("issued_at", "pk")
    fields = ["full_name", "birth_date", "phone", "languages", "motivation", "availability", "interests"]
    fields += ["privacy_consent_at", "record_check_consent_at", "submitted_at", "state", "decided_at"]
    fields += ["decision_reason"]

    def screening(kind: str, rows: Iterable[Any], names: Sequence[str]) -> list[Record]:
        return [
            Record(
                kind,
                [Item("application", _("application"), row.application.reference), *(item(row, n) for n in names)],
            )
            for row in rows
        ]

    sections = [
        Section(
            "mentor_applications",
            _("Mentor applications"),
            [
                Record(
                    application.reference,
                    [Item("reference", _("reference"), application.reference)]
                    + [item(application, name) for name in fields],
                )
                for application in applications
            ],
        ),
        Section(
            "screening",
            _("Screening"),
            [
                record
                for application in applications
                for record in (
                    screening(_("Interview"), application.interviews.all(), ["date", "outcome"])
                    + screening(
                        pgettext("mentor screening", "Reference"), application.references.all(), ["date", "outcome"]
                    )
                    + screening(
                        _("Criminal record check"),
                        application.record_checks.all(),
                        ["checked_on", "result", "valid_until"],
                    )
                )
            ],
        ),
        Section(
            "training",
            _("Training attendance"),
            [
                Record(
                    str(attendance.session),
                    [
                        Item("application", _("application"), application.reference),
                        item(attendance.session, "date"),
                        item(attendance.session, "topic"),
                        item(attendance.session, "hours"),
                    ],
                )
                for application in applications
                for attendance in application.attendances.all()
            ],
        ),
        Section(
            "pairs",
            _("Pairs"),
            [
                Record(
                    pair.reference,
                    [
                        Item("reference", _("pair"), pair.reference),
                        Item("mentee_first_name", _("mentee's first name"), pair.mentee.first_name),
                        item(pair, "start_date"),
                        item(pair, "planned_end"),
                        item(pair, "closed_on"),
                        item(pair, "closure_reason"),
                    ],
                )
                for pair in pairs
            ],
        ),
        Section(
            "meetings",
            _("Meetings you logged"),
            [
                Record(
                    _day(meeting.date),
                    [
                        Item("pair", _("pair"), meeting.pair.reference),
                        *(item(meeting, name) for name in ["date", "hours", "activity", "note", "concern"]),
                    ],
                )
                for meeting in meetings
            ],
        ),
        Section(
            "certificates",
            _("Certificates of volunteering"),
            [
                Record(
                    certificate.display_code,
                    [
                        Item("code", _("verification code"), certificate.display_code),
                        *(
                            item(certificate, name)
                            for name in ["full_name", "first_month", "last_month", "hours", "meetings"]
                        ),
                        *(item(certificate, name) for name in ["language", "issued_at", "revoked_at"]),
                    ],
                )
                for certificate in certificates
            ],
        ),
    ]
    return sections


def _deleted(removed: Removals, result: tuple[int, dict[str, int]]) -> None:
    """Count what ``QuerySet.delete`` or ``Model.delete`` removed, model by model."""
    for label, count in result[1].items():
        if count:
            removed[(label.lower(), Removals.DELETED)] += count


def _remove_screening(application: Application) -> Removals:
    """The interviews, references and record checks go, and the application's answers beyond the name."""
    removed = Removals()
    for related in (application.interviews, application.references, application.record_checks):
        _deleted(removed, related.all().delete())
    answered = [name for name in SCREENING_ANSWERS if getattr(application, name)]
    if answered:
        for name in answered:
            setattr(application, name, "")
        application.save(update_fields=answered)
        removed.add(Application, Removals.ANONYMISED, 1)
    return removed


def _pseudonymise(application: Application, *, now: datetime.datetime) -> Removals:
    """An erased mentor: the record stays for the pairs' history under the pseudonym ``M-0012``."""
    removed = _remove_screening(application)
    removed.pop((Application._meta.label_lower, Removals.ANONYMISED), None)
    _deleted(removed, application.certificates.all().delete())  # they print the name: a code now confirms nothing
    application.full_name = application.reference
    application.birth_date = None
    application.user = None
    application.erased_at = now
    if application.is_open:
        application.state = ApplicationState.WITHDRAWN
    application.save(update_fields=["full_name", "birth_date", "user", "erased_at", "state"])
    removed.add(Application, Removals.ANONYMISED, 1)
    relabel_history([application], drop=("reason",))
    relabel_history(list(application.pairs.all()))
    return removed


def erase_mentor(user: User, by: Any) -> Removals:
    """The coordinator completes a mentor's or applicant's erasure request.

    An application that led to no pair goes with its screening and training. A mentor's record
    stays for the pairs' history, pseudonymised: no name, birth date, contacts, answers or
    screening; the meetings they logged stay as the programme's record. An active pair is closed first.
    """
    applications = list(user.mentor_applications.all())
    if Pair.objects.active().filter(mentor__in=applications).exists():
        raise ValidationError(_("This mentor still has an active pair: close it first, then complete the erasure."))
    removed = Removals()
    now = timezone.now()
    for application in applications:
        if application.pairs.exists():
            removed.update(_pseudonymise(application, now=now))
        else:
            forget_history(application)
            _deleted(removed, application.delete())
    sync_handbook_access(user)
    return removed


def _end_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the centre's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def anonymise_mentee(mentee: Mentee, *, by: Any = None) -> None:
    """A mentee's retention period is over: the first name, case reference, interests and notes go,
    with every text written about the child in the pairs (goals, exit notes, meeting and check-in
    notes, month notes); dates, hours and activities stay in the figures; the birth date keeps its year."""
    changed = ["first_name", "case_reference", "interests", "notes", "birth_date"]
    mentee.first_name = mentee.case_reference = mentee.interests = mentee.notes = ""
    mentee.birth_date = datetime.date(mentee.birth_date.year, 1, 1)
    mentee.anonymised_at = timezone.now()
    mentee.save(update_fields=[*changed, "anonymised_at"])
    pairs = list(mentee.pairs.all())
    Pair.objects.filter(mentee=mentee).update(goals="", exit_notes="")
    Meeting.objects.filter(pair__mentee=mentee).exclude(note="").update(note="")
    CheckIn.objects.filter(pair__mentee=mentee).exclude(notes="").update(notes="")
    MonthReview.objects.filter(pair__mentee=mentee).exclude(notes="").update(notes="")
    record_mentee_access(mentee, by, AccessAction.ANONYMISED, AccessVia.RETENTION, changed)
    relabel_history([mentee])
    relabel_history(pairs)


def apply_retention(periods: RetentionSettings, today: datetime.date) -> Removals:
    """The programme's retention periods (``RetentionSettings``): safe to run every day."""
    removed = Removals()
    # Rejected or withdrawn applications that led to no pair: gone with their screening and training.
    decided_by = _end_of_day(periods.closed_applications_cutoff(today))
    closed = Application.objects.filter(
        state__in=[ApplicationState.REJECTED, ApplicationState.WITHDRAWN], decided_at__lt=decided_by, pairs=None
    )
    for application in closed:
        forget_history(application)
        _deleted(removed, application.delete())
    # Mentors who left: their screening and answers go; the name stays with the pairs' history.
    left = (
        Application.objects.filter(state=ApplicationState.WITHDRAWN, erased_at=None)
        .annotate(last_closed=Max("pairs__closed_on"), active=Count("pairs", filter=Q(pairs__closed_on=None)))
        .filter(active=0, last_closed__lte=periods.mentor_screening_cutoff(today))
    )
    for application in left:
        removed.update(_remove_screening(application))
    # Mentees: anonymised after their last pair closed; a child never paired goes altogether.
    cutoff = periods.mentee_records_cutoff(today)
    paired = (
        Mentee.objects.filter(anonymised_at=None)
        .annotate(last_closed=Max("pairs__closed_on"), active=Count("pairs", filter=Q(pairs__closed_on=None)))
        .filter(active=0, last_closed__lte=cutoff)
    )
    for mentee in paired:
        anonymise_mentee(mentee)
        removed.add(Mentee, Removals.ANONYMISED, 1)
    for unpaired in Mentee.objects.filter(pairs=None, created_at__lt=_end_of_day(cutoff)):
        record_mentee_access(unpaired, None, AccessAction.DELETED, AccessVia.RETENTION)
        forget_history(unpaired)
        _deleted(removed, unpaired.delete())
    return removed
