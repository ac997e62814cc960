from django.core.management.base import BaseCommand
from django.db import transaction

import factory.random

from home.demo import SEED, DemoContext, loaders


class Command(BaseCommand):
    help = "Load the demo content once (every app's demo_data loader); running it again adds nothing."

    def handle(self, *args, **options):
        factory.random.reseed_random(SEED)
        context = DemoContext(stdout=self.stdout)
        for loader in loaders():
            with transaction.atomic():
                loader(context)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
