"""The scheduled jobs: one list (ops/schedule.py) for `make serve` and for the systemd timers."""

import datetime
import shutil
import subprocess
import sys
import zoneinfo

from django.conf import settings
from django.core.management import get_commands

import pytest
from apscheduler.triggers.cron import CronTrigger

from ops.management.commands.schedule import TIMER_PREFIX, timer_files
from ops.schedule import JOBS
from tests.deploy.servers import REPO

SYSTEMD = REPO / "deploy" / "systemd"


def fires_per_day(job):
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    trigger = CronTrigger(minute=job.minute, hour=job.hour, timezone=zone)
    start = datetime.datetime(2026, 12, 1, tzinfo=zone)
    moment, count = trigger.get_next_fire_time(None, start), 0
    while moment < start + datetime.timedelta(days=1):
        count += 1
        moment = trigger.get_next_fire_time(moment, moment + datetime.timedelta(seconds=1))
    return count


def test_every_job_runs_on_its_schedule():
    schedule = {job.command: fires_per_day(job) for job in JOBS}
    assert schedule["campaign_housekeeping"] == 24  # hourly
    assert schedule["send_mentoring_reminders"] == 1  # daily
    assert schedule["clearsessions"] == 1  # daily
    assert schedule["publish_scheduled"] >= 24 * 6  # every few minutes: "go live at" works
    commands = get_commands()
    assert [job.command for job in JOBS if job.command not in commands] == []


def test_the_systemd_timers_in_deploy_are_written_from_the_schedule():
    written = {path.name: path.read_text() for path in SYSTEMD.glob(f"{TIMER_PREFIX}*.timer")}
    assert written == timer_files(), "Run: python manage.py schedule --systemd deploy/systemd"
    assert (SYSTEMD / f"{TIMER_PREFIX}.service").exists()
    assert (
        "ExecStart=/srv/portal/app/.venv/bin/python manage.py %i" in (SYSTEMD / f"{TIMER_PREFIX}.service").read_text()
    )


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_systemd_understands_every_timer():
    for content in timer_files().values():
        calendar = next(line for line in content.splitlines() if line.startswith("OnCalendar=")).split("=", 1)[1]
        result = subprocess.run(["systemd-analyze", "calendar", calendar], capture_output=True, text=True)  # noqa: S603, S607
        assert result.returncode == 0, result.stderr


def test_make_serve_runs_the_schedule_beside_gunicorn_and_the_worker():
    procfile = dict(
        line.split(": ", 1) for line in (REPO / "deploy" / "Procfile").read_text().splitlines() if ": " in line
    )
    assert procfile["web"].endswith("gunicorn -c deploy/gunicorn.conf.py")
    assert procfile["worker"].endswith("manage.py db_worker")
    assert procfile["scheduler"].endswith("manage.py schedule --run")

    process = subprocess.Popen(
        [sys.executable, "manage.py", "schedule", "--run"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = [process.stdout.readline().strip() for _ in JOBS]
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert lines == [f"Scheduled {job.command} ({job.cron()})" for job in JOBS]
