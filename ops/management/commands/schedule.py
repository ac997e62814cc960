import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from ops.schedule import JOBS

TIMER_PREFIX = "portal-job@"
TIMER = """\
# Written by `manage.py schedule --systemd deploy/systemd` from ops/schedule.py: change the schedule there.
[Unit]
Description=Bauska portal: {command} ({why})

[Timer]
OnCalendar={oncalendar}
# Run a missed job once after the server was down; spread the start by up to a minute.
Persistent=true
RandomizedDelaySec=60

[Install]
WantedBy=timers.target
"""


def timer_files(time_zone=None):
    """File name -> content of the systemd timer for each job."""
    time_zone = time_zone or settings.TIME_ZONE
    return {
        f"{TIMER_PREFIX}{job.command}.timer": TIMER.format(
            command=job.command, why=job.why, oncalendar=job.oncalendar(time_zone)
        )
        for job in JOBS
    }


class Command(BaseCommand):
    help = "Show the scheduled jobs; --run runs them on their schedule; --systemd DIR writes their timers."

    def add_arguments(self, parser):
        parser.add_argument("--run", action="store_true", help="Run the jobs on their schedule until stopped.")
        parser.add_argument("--systemd", metavar="DIR", help="Write a systemd timer per job into DIR.")

    def handle(self, *args, run=False, systemd=None, **options):
        if systemd:
            self.write_timers(Path(systemd))
        elif run:
            self.run_forever()
        else:
            for job in JOBS:
                self.stdout.write(f"{job.cron():<14} {job.command:<28} {job.why}")

    def write_timers(self, folder):
        files = timer_files()
        for stale in folder.glob(f"{TIMER_PREFIX}*.timer"):
            if stale.name not in files:
                stale.unlink()
        for name, content in files.items():
            (folder / name).write_text(content)
        self.stdout.write(f"Wrote {len(files)} timers into {folder}.")

    def run_forever(self):
        from apscheduler.schedulers.blocking import BlockingScheduler
        from apscheduler.triggers.cron import CronTrigger

        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for job in JOBS:
            scheduler.add_job(
                self.run_job,
                CronTrigger(minute=job.minute, hour=job.hour, timezone=settings.TIME_ZONE),
                args=[job.command],
                id=job.command,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=300,
            )
            self.stdout.write(f"Scheduled {job.command} ({job.cron()})")
        self.stdout.flush()
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)

    def run_job(self, command):
        """Each job in a process of its own, as systemd runs it: a failing job never stops the others."""
        manage = Path(settings.BASE_DIR) / "manage.py"
        finished = subprocess.run([sys.executable, str(manage), command], check=False)  # noqa: S603
        self.stdout.write(f"{command} finished with exit code {finished.returncode}")
        self.stdout.flush()
