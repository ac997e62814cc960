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
    LISTED = "listed", _("Seen in a list")
    VIEWED = "viewed", _("Viewed")
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    DELETED = "deleted", _("Deleted")
