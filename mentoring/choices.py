"""The programme's states and kinds, shared by models, forms, services and the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screening")
    TRAINING = "training", _("Training")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# An application in one of these states blocks a new one from the same person.
OPEN_STATES = [
    ApplicationState.SUBMITTED,
    ApplicationState.SCREENING,
    ApplicationState.TRAINING,
    ApplicationState.APPROVED,
]

# Applications waiting for the coordinator: to screen, to train, to approve or reject.
AWAITING_DECISION = [ApplicationState.SUBMITTED, ApplicationState.SCREENING, ApplicationState.TRAINING]

# Which decisions a coordinator may take from each state (withdrawal is the applicant's too).
TRANSITIONS = {
    ApplicationState.SUBMITTED: [ApplicationState.SCREENING, ApplicationState.REJECTED, ApplicationState.WITHDRAWN],
    ApplicationState.SCREENING: [ApplicationState.TRAINING, ApplicationState.REJECTED, ApplicationState.WITHDRAWN],
    ApplicationState.TRAINING: [ApplicationState.APPROVED, ApplicationState.REJECTED, ApplicationState.WITHDRAWN],
    ApplicationState.APPROVED: [ApplicationState.WITHDRAWN],
    ApplicationState.REJECTED: [],
    ApplicationState.WITHDRAWN: [],
}


class Outcome(models.TextChoices):
    PASSED = "passed", _("Passed")
    CONCERNS = "concerns", _("Passed with concerns")
    FAILED = "failed", _("Not passed")


class RecordCheckResult(models.TextChoices):
    CLEAR = "clear", _("No record")
    NOT_CLEAR = "not_clear", _("Record found")


class Activity(models.TextChoices):
    WALK = "walk", _("Walk")
    CINEMA = "cinema", _("Cinema")
    CONVERSATION = "conversation", _("Conversation")
    SPORT = "sport", _("Sport")
    HOMEWORK = "homework", _("Homework help")
    CREATIVE = "creative", _("Creative")
    OTHER = "other", pgettext_lazy("mentoring", "Other")


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", _("Goals met")
    MENTOR_MOVED = "mentor_moved", _("Mentor moved away")
    FAMILY_MOVED = "family_moved", _("Family moved")
    MENTEE_WISH = "mentee_wish", _("Mentee's wish")
    OTHER = "other", pgettext_lazy("mentoring", "Other")


class ContactKind(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")
    GUARDIAN = "guardian", _("Guardian")


class AccessAction(models.TextChoices):
    """What happened to a child's record (the access log's "what")."""

    LISTED = "listed", _("Seen in a list")
    VIEWED = "viewed", _("Viewed")
    EXPORTED = "exported", _("Exported")
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    ANONYMISED = "anonymised", _("Anonymised")
    DELETED = "deleted", _("Deleted")


class AccessVia(models.TextChoices):
    """Where in the admin a child's record was seen or changed (the access log's "how")."""

    LIST = "list", _("Mentee list")
    SEARCH = "search", _("Mentee search")
    RECORD = "record", _("Mentee record")
    FORM = "form", _("Mentee form")
    HISTORY = "history", _("Record history")
    USAGE = "usage", _("Record usage")
    PAIRS_LIST = "pairs_list", _("Pair list")
    PAIRS_EXPORT = "pairs_export", _("Pairs export")
    PAIR_PAGE = "pair_page", _("Pair page")
    PAIR_FORM = "pair_form", _("New pair form")
    DASHBOARD = "dashboard", _("Monitoring dashboard")
    HOURS_REPORT = "hours_report", _("Hours report (pseudonymised)")
    HOURS_REPORT_NAMED = "hours_report_named", _("Hours report with names")
    RETENTION = "retention", _("Retention job")
