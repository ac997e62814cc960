"""The benchmark's large data set, on top of the demo content (``manage.py load_demo_data``).

500 needs with 10,000 pledges on one campaign, 500 mentoring pairs with 24 months of
meetings, 200 news items; a small campaign whose one need the race benchmark empties,
and a signed-in mentor. Rows that pages only read are written in bulk; pages go through
Wagtail (revisions, publishing) as an editor's would. Running it again adds nothing.
"""

import datetime
import random
import uuid
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from campaigns.choices import Category, Unit
from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage, CampaignPage, NeedTally, Pledge, PledgeLine
from home.demo import SEED, publish
from home.factories import ImageFactory, NewsPageFactory
from home.models import NewsIndexPage
from mentoring import dates
from mentoring.choices import Activity, ApplicationState
from mentoring.models import Application, Meeting, Mentee, Pair

NEEDS = 500
PLEDGES = 10_000
PAIRS = 500
MONTHS = 24
NEWS = 200
RACE_ITEMS = 10

BENCH_CAMPAIGN_SLUG = "bench-500-needs"
RACE_CAMPAIGN_SLUG = "bench-race"
BENCH_MENTOR_EMAIL = "bench-mentor-0@example.org"
BENCH_PASSWORD = "bench-only-password-4711"  # noqa: S105 (an invented account on a throw-away database)


class Command(BaseCommand):
    help = "Add the benchmark's large data set (500 needs/10,000 pledges, 500 pairs/24 months, 200 news)."

    def handle(self, *args, **options):
        rng = random.Random(SEED)  # noqa: S311 (invented data, the same every time)
        with transaction.atomic():
            self.campaigns(rng)
        with transaction.atomic():
            self.mentoring(rng)
        with transaction.atomic():
            self.news()
        self.stdout.write(self.style.SUCCESS("Benchmark data is in place."))

    def campaigns(self, rng):
        if CampaignPage.objects.filter(slug=BENCH_CAMPAIGN_SLUG).exists():
            return
        index = CampaignIndexPage.objects.filter(locale__language_code="lv").first()
        categories, units = list(Category.values), list(Unit.values)
        needs = [
            {
                "name": f"Lieta {number:03d}",
                "size": f"{30 + number % 15}" if number % 3 == 0 else "",
                "category": categories[number % len(categories)],
                "unit": units[number % len(units)],
                "quantity": 60,
            }
            for number in range(NEEDS)
        ]
        campaign = publish(
            CampaignPageFactory(parent=index, title="Lielā kampaņa", slug=BENCH_CAMPAIGN_SLUG, needs=needs)
        )
        publish(
            CampaignPageFactory(
                parent=index,
                title="Pēdējie zābaki",
                slug=RACE_CAMPAIGN_SLUG,
                needs=[
                    {"name": "Ziemas zābaki", "category": Category.SHOES, "unit": Unit.PAIRS, "quantity": RACE_ITEMS}
                ],
            )
        )
        tallies = list(NeedTally.objects.filter(campaign=campaign).order_by("sort_order"))
        today = timezone.localdate()
        pledges = Pledge.objects.bulk_create(
            Pledge(
                campaign=campaign,
                submission_key=uuid.uuid4(),
                donor_name=f"Ziedotājs {number}",
                email=f"donor{number}@example.org",
                expected_date=today + datetime.timedelta(days=rng.randint(1, 20)),
                consent_at=timezone.now(),
            )
            for number in range(PLEDGES)
        )
        lines, pledged = [], dict.fromkeys((tally.pk for tally in tallies), 0)
        for pledge in pledges:
            for tally in rng.sample(tallies, rng.choice((1, 1, 2))):
                if pledged[tally.pk] < tally.needed - 10:  # something stays to pledge
                    lines.append(PledgeLine(pledge=pledge, need=tally, quantity=1))
                    pledged[tally.pk] += 1
        PledgeLine.objects.bulk_create(lines, batch_size=2000)
        for tally in tallies:
            tally.pledged = pledged[tally.pk]
        NeedTally.objects.bulk_update(tallies, ["pledged"], batch_size=500)
        self.stdout.write(f"Campaign: {NEEDS} needs, {PLEDGES} pledges ({len(lines)} lines).")

    def mentoring(self, rng):
        if User.objects.filter(email=BENCH_MENTOR_EMAIL).exists():
            return
        password = make_password(BENCH_PASSWORD)
        coordinator = User.objects.filter(groups__name="Mentoring coordinators").first()
        users = User.objects.bulk_create(
            User(email=f"bench-mentor-{number}@example.org", first_name=f"Mentors{number}", last_name="Bench",
                 password=password)
            for number in range(PAIRS)
        )  # fmt: skip
        now, today = timezone.now(), timezone.localdate()
        applications = Application.objects.bulk_create(
            Application(
                user=user,
                full_name=f"{user.first_name} {user.last_name}",
                birth_date=today - datetime.timedelta(days=365 * 21 + number % 900),
                phone="+371 20 000 000",
                motivation="Gribu palīdzēt.",
                availability="Sestdienas",
                languages="latviešu",
                interests="Sports",
                privacy_consent_at=now,
                record_check_consent_at=now,
                state=ApplicationState.APPROVED,
                decided_at=now,
            )
            for number, user in enumerate(users)
        )
        mentees = Mentee.objects.bulk_create(
            Mentee(
                first_name=f"Bērns{number}",
                birth_date=today - datetime.timedelta(days=365 * 14 + number % 700),
                case_reference=f"BENCH-{number:04d}",
                guardian_consent_on=today - datetime.timedelta(days=800),
            )
            for number in range(PAIRS)
        )
        start = dates.add_months(today.replace(day=1), -MONTHS)
        pairs = Pair.objects.bulk_create(
            Pair(
                mentor=application,
                mentee=mentee,
                coordinator=coordinator,
                start_date=start,
                goals="Regulāras tikšanās.",
            )
            for application, mentee in zip(applications, mentees, strict=True)
        )
        activities = list(Activity.values)
        meetings = []
        for pair, application in zip(pairs, applications, strict=True):
            for month in range(MONTHS):
                first = dates.add_months(start, month)
                for week in range(4):
                    day = first + datetime.timedelta(days=1 + 7 * week)
                    if day <= today:
                        meetings.append(
                            Meeting(
                                pair=pair,
                                date=day,
                                hours=Decimal(rng.choice(("1.50", "2.00", "2.50", "3.00"))),
                                activity=rng.choice(activities),
                                logged_by=application.user,
                            )
                        )
        Meeting.objects.bulk_create(meetings, batch_size=5000)
        self.stdout.write(f"Mentoring: {PAIRS} pairs, {len(meetings)} meetings over {MONTHS} months.")

    def news(self):
        index = NewsIndexPage.objects.filter(locale__language_code="lv").first()
        existing = index.get_children().count()
        if existing >= NEWS:
            return
        image = ImageFactory()
        today = timezone.localdate()
        for number in range(existing, NEWS):
            page = NewsPageFactory(
                parent=index,
                title=f"Ziņa numur {number}",
                slug=f"bench-zina-{number}",
                date=today - datetime.timedelta(days=number),
                image=image,
            )
            page.tags.add("labdarība")
            publish(page)
        self.stdout.write(f"News: {NEWS} items.")
