"""The scheduled jobs: one list, one line a job.

``make serve`` runs them with ``manage.py schedule --run`` (APScheduler, in the
supervisor beside gunicorn and the worker); a server runs them from systemd
timers written from this same list (``manage.py schedule --systemd deploy/systemd``,
checked by ``tests/deploy/test_schedule.py``). Every job is a management command
that is safe to run again. Times are the centre's (``TIME_ZONE``).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    command: str  # a management command without arguments
    minute: str  # cron style: "7", "*/5"
    hour: str = "*"  # cron style: "3", "*"
    why: str = ""

    def oncalendar(self, time_zone: str) -> str:
        """The same time in systemd's OnCalendar= syntax."""
        return f"*-*-* {_systemd_field(self.hour)}:{_systemd_field(self.minute)}:00 {time_zone}"

    def cron(self) -> str:
        return f"{self.minute} {self.hour} * * *"


def _systemd_field(value: str) -> str:
    if value == "*":
        return "*"
    if value.startswith("*/"):
        return f"00/{int(value[2:])}"
    return f"{int(value):02d}"


JOBS = [
    Job("publish_scheduled", minute="*/5", why="Wagtail: publish and unpublish pages at the times editors set"),
    Job("campaign_housekeeping", minute="7", why="expire pledges past their date and grace days, send reminders"),
    Job("send_mentoring_reminders", minute="0", hour="9", why="remind mentors who have logged nothing this month"),
    Job("clearsessions", minute="30", hour="3", why="delete expired sessions"),
    Job("apply_retention", minute="45", hour="3", why="remove personal data past the centre's retention periods"),
]
