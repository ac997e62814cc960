from django.core.management.base import BaseCommand, CommandError

from accounts import english


class Command(BaseCommand):
    help = (
        "Write and compile the project's English catalogue (locale/en): allauth's phrases in "
        'sentence case and with "e-mail"; with --check, change nothing and fail if a phrase is missing or differs.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Change nothing; fail if anything is missing.")

    def handle(self, *args, check=False, **options):
        if check:
            found = english.problems()
            for problem in found:
                self.stderr.write(problem)
            if found:
                raise CommandError(f"{len(found)} phrases missing from {english.catalogue_path()}.")
            self.stdout.write("allauth's English is in the site's style.")
            return
        count = english.write()
        self.stdout.write(f"{english.catalogue_path()}: {count} phrases; compiled.")
