from django.core.management.base import BaseCommand

from campaigns import services


class Command(BaseCommand):
    help = (
        "Expire pledges not brought by their date plus the grace days, and remind donors due tomorrow. "
        "Safe to run every hour: each pledge is expired and reminded once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the work as a task for the worker instead.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from campaigns.tasks import campaign_housekeeping

            campaign_housekeeping.enqueue()
            self.stdout.write("Queued.")
            return
        result = services.housekeeping()
        self.stdout.write(f"Expired: {len(result['expired'])}; reminded: {len(result['reminded'])}.")
