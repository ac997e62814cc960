"""The programme's rules and actions. Views, forms and the admin call these; each rule lives here once.

Every action is atomic, sends its mail (queued after commit by the mail backend) and
returns what it made. A refused action raises ``ValidationError`` with a message the
person can act on.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.users.models import UserProfile

from mentoring import dates
from mentoring.choices import TRANSITIONS, AccessAction, ApplicationState
from mentoring.hours import format_hours
from mentoring.models import (
    Application,
    Meeting,
    Mentee,
    MenteeAccessLog,
    MentoringSettings,
    MonthReview,
    Pair,
    Reminder,
)

MENTOR_AGES = (18, 25)
MENTEE_AGES = (12, 17)


# Mail


def _absolute_url(path):
    """Links in mail point at the site's public address (the admin's base URL setting holds it)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _mail(name, context, to, language):
    """Render ``mentoring/email/<name>_subject.txt`` and ``<name>.txt`` in ``language`` and send them."""
    if not to:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {**context, "my_mentoring_url": _absolute_url(reverse("mentoring:home"))}
        subject = " ".join(render_to_string(f"mentoring/email/{name}_subject.txt", context).split())
        body = render_to_string(f"mentoring/email/{name}.txt", context)
    send_mail(subject, body, None, [to])


def _staff_language(user):
    # The profile's own choice, else the site's language (not the language of whoever triggered the mail).
    return (UserProfile.get_for_user(user).preferred_language if user else "") or settings.LANGUAGE_CODE


# Applications


def mentor_age_problem(birth_date, day):
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


def open_application(user):
    if not user.is_authenticated:
        return None
    return Application.objects.open().filter(user=user).first()


@transaction.atomic
def apply(user, *, language=None, **answers):
    """Record a mentor application; one open application per person (the database holds it too)."""
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
    return application


def approval_problems(application, today=None):
    """What still stands between an applicant in training and approval (empty when nothing does)."""
    today = today or timezone.localdate()
    problems = []
    if not application.screening_passed():
        problems.append(_("Screening has not passed: record a passed interview and a passed reference."))
    if not application.record_check_valid_on(today):
        problems.append(_("The criminal record check is missing, has expired or shows a record."))
    required = MentoringSettings.current().required_training_hours
    done = application.training_hours()
    if done < required:
        problems.append(
            _("Training is not complete: %(done)s of %(required)s hours attended.")
            % {"done": format_hours(done), "required": format_hours(required)}
        )
    return problems


@transaction.atomic
def decide(application, state, *, by, reason=""):
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
    _mail("decision", {"application": application}, application.user.email, application.language)
    return application


def withdraw(application, *, user):
    """The applicant takes their application back."""
    return decide(application, ApplicationState.WITHDRAWN, by=user)


# Pairs


def pair_problems(mentor, mentee, start_date, today=None):
    """Why this mentor and mentee cannot be paired from ``start_date``, by form field."""
    today = today or timezone.localdate()
    problems = {}
    if mentor is not None:
        if mentor.state != ApplicationState.APPROVED:
            problems.setdefault("mentor", []).append(_("Only an approved mentor can be paired."))
        elif start_date and not (mentor.record_check_valid_on(start_date) and mentor.record_check_valid_on(today)):
            problems.setdefault("mentor", []).append(
                _("The mentor's criminal record check is not valid on the start date.")
            )
        if start_date:
            age = dates.age_on(mentor.birth_date, start_date)
            if not MENTOR_AGES[0] <= age <= MENTOR_AGES[1]:
                problems.setdefault("mentor", []).append(
                    _("The mentor is %(age)s on the start date; mentors are 18 to 25.") % {"age": age}
                )
        if mentor.pk and Pair.objects.active().filter(mentor=mentor).exists():
            problems.setdefault("mentor", []).append(_("This mentor already has an active pair."))
    if mentee is not None:
        if start_date:
            age = dates.age_on(mentee.birth_date, start_date)
            if not MENTEE_AGES[0] <= age <= MENTEE_AGES[1]:
                problems.setdefault("mentee", []).append(
                    _("The mentee is %(age)s on the start date; mentees are 12 to 17.") % {"age": age}
                )
        if mentee.pk and Pair.objects.active().filter(mentee=mentee).exists():
            problems.setdefault("mentee", []).append(_("This mentee already has an active pair."))
    return problems


@transaction.atomic
def create_pair(*, mentor, mentee, coordinator, start_date, goals, planned_end=None):
    problems = pair_problems(mentor, mentee, start_date)
    if problems:
        raise ValidationError(problems)
    if planned_end and planned_end <= start_date:
        raise ValidationError({"planned_end": _("The planned end comes after the start.")})
    try:
        with transaction.atomic():
            return Pair.objects.create(
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


@transaction.atomic
def close_pair(pair, *, closed_on, reason, exit_notes="", by=None):
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
            {"closed_on": _("A meeting is logged on %(date)s, after this date.") % {"date": last.isoformat()}}
        )
    pair.closed_on = closed_on
    pair.closure_reason = reason
    pair.exit_notes = exit_notes
    pair.save(update_fields=["closed_on", "closure_reason", "exit_notes"])
    log(pair, "mentoring.close", user=by, data={"closed_on": closed_on.isoformat(), "reason": reason})
    return pair


# Meetings and months


def month_is_approved(pair, day):
    return MonthReview.objects.filter(pair=pair, month=dates.month_start(day)).exists()


def meeting_problems(pair, day, today=None):
    today = today or timezone.localdate()
    if day > today:
        return _("A meeting cannot be in the future.")
    if day < pair.start_date:
        return _("The pair started on %(date)s; a meeting cannot be earlier.") % {"date": pair.start_date.isoformat()}
    if pair.closed_on and day > pair.closed_on:
        return _("The pair closed on %(date)s; a meeting cannot be later.") % {"date": pair.closed_on.isoformat()}
    if month_is_approved(pair, day):
        return _("This month has been approved by the coordinator and is locked.")
    return None


def _locked_pair(pair):
    # The pair's row lock orders a meeting and its month's approval, so none slips into a locked month.
    return Pair.objects.select_for_update().get(pk=pair.pk)


def _notify_concern(meeting):
    pair = meeting.pair
    context = {
        "meeting": meeting,
        "pair": pair,
        "url": _absolute_url(reverse("mentoring_pair:inspect", args=[pair.pk])),
    }
    _mail("concern", context, pair.coordinator.email, _staff_language(pair.coordinator))


@transaction.atomic
def log_meeting(pair, *, user, date, hours, activity, note="", concern=False):
    pair = _locked_pair(pair)
    problem = meeting_problems(pair, date)
    if problem:
        raise ValidationError({"date": problem})
    meeting = Meeting.objects.create(
        pair=pair, date=date, hours=hours, activity=activity, note=note, concern=concern, logged_by=user
    )
    if concern:
        _notify_concern(meeting)
    return meeting


@transaction.atomic
def update_meeting(meeting, *, user, date, hours, activity, note="", concern=False):
    _locked_pair(meeting.pair)
    meeting = Meeting.objects.select_related("pair").get(pk=meeting.pk)
    if month_is_approved(meeting.pair, meeting.date):
        raise ValidationError(_("This month has been approved by the coordinator and is locked."))
    problem = meeting_problems(meeting.pair, date)
    if problem:
        raise ValidationError({"date": problem})
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
def delete_meeting(meeting, *, user):
    _locked_pair(meeting.pair)
    if month_is_approved(meeting.pair, meeting.date):
        raise ValidationError(_("This month has been approved by the coordinator and is locked."))
    meeting.delete()


@transaction.atomic
def resolve_concern(meeting, *, by):
    meeting.concern_resolved_at = timezone.now()
    meeting.save(update_fields=["concern_resolved_at"])
    log(meeting.pair, "mentoring.resolve_concern", user=by, data={"meeting": meeting.date.isoformat()})
    return meeting


@transaction.atomic
def approve_month(pair, month, *, by, notes=""):
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


def pair_months(pair, today=None, target=None):
    """The pair's months, newest first, each with its meetings, hours, target and approval."""
    today = today or timezone.localdate()
    target = target if target is not None else MentoringSettings.current().monthly_target_hours
    meetings = list(pair.meetings.order_by("-date", "-pk"))
    reviews = {review.month: review for review in pair.month_reviews.all()}
    last = pair.closed_on or today
    months = []
    for month in reversed(dates.month_range(pair.start_date, max(last, pair.start_date))):
        in_month = [meeting for meeting in meetings if dates.month_start(meeting.date) == month]
        months.append(
            {
                "month": month,
                "meetings": in_month,
                "hours": sum((meeting.hours for meeting in in_month), Decimal("0")),
                "target": target,
                "review": reviews.get(month),
                "can_approve": month < dates.month_start(today) and month not in reviews,
            }
        )
    return months


# Reminders


def send_reminders(today=None):
    """Remind mentors who have logged nothing this month once the reminder day has come; once a month each.

    Safe to run every day: a pair's reminder for a month is recorded and never sent twice.
    """
    today = today or timezone.localdate()
    programme = MentoringSettings.current()
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


# The mentee access log


def record_mentee_access(mentee, user, action, changes=None):
    """Append who saw or changed a child's record; the log is read-only for everyone."""
    return MenteeAccessLog.objects.create(
        mentee=mentee if action != AccessAction.DELETED else None,
        mentee_label=f"#{mentee.pk} {mentee.first_name}",
        user=user,
        user_label=getattr(user, "email", "") or str(user),
        action=action,
        changes=changes or {},
    )


def record_mentees_listed(mentees, user):
    """A list of mentees is a look at each of them: one log row per record shown."""
    user_label = getattr(user, "email", "") or str(user)
    MenteeAccessLog.objects.bulk_create(
        MenteeAccessLog(
            mentee=mentee,
            mentee_label=f"#{mentee.pk} {mentee.first_name}",
            user=user,
            user_label=user_label,
            action=AccessAction.LISTED,
        )
        for mentee in mentees
    )


def mentee_changes(before, after, fields):
    """The fields that differ between two states of a mentee, as {field: [old, new]} in plain text."""
    changes = {}
    for name in fields:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            label = str(Mentee._meta.get_field(name).verbose_name)
            changes[label] = [_plain(old), _plain(new)]
    return changes


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)
