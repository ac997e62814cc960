from django.conf import settings
from django.core.management.base import BaseCommand

from home.links import sync_default_site


class Command(BaseCommand):
    help = "Set the default Site record's host and port from PORTAL_BASE_URL (safe to run again)."

    def handle(self, *args, **options):
        site = sync_default_site()
        if site is None:
            self.stdout.write("No default site yet: run migrate first.")
            return
        self.stdout.write(f"The default site is {site.root_url} (PORTAL_BASE_URL={settings.PORTAL_BASE_URL}).")
