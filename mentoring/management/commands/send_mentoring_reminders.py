from django.core.management.base import BaseCommand

from mentoring.services import send_reminders


class Command(BaseCommand):
    help = (
        "Remind mentors who have logged nothing this month, once the reminder day has come. "
        "Safe to run every day (e.g. from cron): each pair gets at most one reminder a month."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Reminders sent: {sent}")
