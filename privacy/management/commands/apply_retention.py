from django.core.management.base import BaseCommand

from privacy.services import apply_retention
from privacy.sources import describe


class Command(BaseCommand):
    help = "Remove the personal data that has passed the centre's retention periods (safe to run daily)."

    def handle(self, *args, **options):
        removed = apply_retention()
        lines = describe(removed.as_list()) or ["nothing to remove"]
        for line in lines:
            self.stdout.write(line)
