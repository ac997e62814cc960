from django.core.management.base import BaseCommand, CommandError

from home import catalogue


class Command(BaseCommand):
    help = (
        "Keep the project's Latvian catalogue of the admin's packages (locale/lv): add the msgids that have "
        "no Latvian yet as empty entries and compile it; with --check, list what is missing or wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Change nothing; fail if anything is missing.")

    def handle(self, *args, check=False, **options):
        if check:
            found = [problem for domain in catalogue.DOMAINS for problem in catalogue.problems(domain)]
            for problem in found:
                self.stderr.write(str(problem))
            if found:
                raise CommandError(f"{len(found)} problems in the admin's Latvian catalogue.")
            self.stdout.write("Every admin string has Latvian.")
            return
        for domain in catalogue.DOMAINS:
            added = catalogue.add_missing(domain)
            path = catalogue.catalogue_path(domain)
            self.stdout.write(f"{path}: {added} new msgids to translate; compiled.")
