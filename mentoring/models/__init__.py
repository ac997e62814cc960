from .certificates import Certificate
from .pages import HandbookPage, MentoringPage
from .records import (
    Application,
    CheckIn,
    Interview,
    Meeting,
    Mentee,
    MenteeAccessLog,
    MonthReview,
    Pair,
    RecordCheck,
    Reference,
    Reminder,
    TrainingAttendance,
    TrainingSession,
)
from .settings import MentoringSettings

__all__ = [
    "Application",
    "Certificate",
    "CheckIn",
    "HandbookPage",
    "Interview",
    "Meeting",
    "Mentee",
    "MenteeAccessLog",
    "MentoringPage",
    "MentoringSettings",
    "MonthReview",
    "Pair",
    "RecordCheck",
    "Reference",
    "Reminder",
    "TrainingAttendance",
    "TrainingSession",
]
