"""Factories for the programme's records: tests and the demo data build people from these."""

import datetime
from decimal import Decimal

from django.utils import timezone

import factory
import wagtail_factories

from accounts.factories import UserFactory
from mentoring.choices import Activity, ApplicationState, Outcome, RecordCheckResult
from mentoring.models import (
    Application,
    CheckIn,
    Interview,
    Meeting,
    Mentee,
    MentoringPage,
    Pair,
    RecordCheck,
    Reference,
    TrainingAttendance,
    TrainingSession,
)


def years_ago(years, days=0):
    today = timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - datetime.timedelta(days=days)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    user = factory.SubFactory(UserFactory)
    full_name = factory.LazyAttribute(lambda obj: f"{obj.user.first_name} {obj.user.last_name}")
    birth_date = factory.LazyFunction(lambda: years_ago(21, days=40))
    phone = "+371 20 000 000"
    motivation = "Gribu palīdzēt pusaudžiem atrast savu ceļu."
    availability = "Darbdienu pēcpusdienas, sestdienas"
    languages = "latviešu, angļu"
    interests = "Basketbols, kino, pārgājieni"
    privacy_consent_at = factory.LazyFunction(timezone.now)
    record_check_consent_at = factory.LazyFunction(timezone.now)
    state = ApplicationState.SUBMITTED


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    application = factory.SubFactory(ApplicationFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    interviewer = "Koordinatore"
    outcome = Outcome.PASSED


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reference

    application = factory.SubFactory(ApplicationFactory)
    referee = "Skolotāja, vidusskola"
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=55))
    outcome = Outcome.PASSED


class RecordCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordCheck

    application = factory.SubFactory(ApplicationFactory)
    checked_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=50))
    result = RecordCheckResult.CLEAR
    valid_until = factory.LazyAttribute(lambda obj: obj.checked_on + datetime.timedelta(days=365))


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=45))
    topic = "Mentora loma un robežas"
    hours = Decimal("2")


class TrainingAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingAttendance

    session = factory.SubFactory(TrainingSessionFactory)
    application = factory.SubFactory(ApplicationFactory)


class MentorFactory(ApplicationFactory):
    """An approved mentor: passed screening, a valid record check and the training done."""

    state = ApplicationState.APPROVED

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def screening(self, create, extracted, **kwargs):
        if create and extracted is not False:
            InterviewFactory(application=self)
            ReferenceFactory(application=self)
            RecordCheckFactory(application=self)
            TrainingAttendanceFactory(application=self)


class MenteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentee

    first_name = factory.Iterator(["Elza", "Roberts", "Kristers", "Anete", "Markuss", "Līga"])
    birth_date = factory.LazyFunction(lambda: years_ago(14, days=100))
    case_reference = factory.Sequence(lambda n: f"BGAC-{2024 + n % 3}-{n:03d}")
    guardian_consent_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=120))
    interests = "Futbols, zīmēšana"


class PairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pair

    mentor = factory.SubFactory(MentorFactory)
    mentee = factory.SubFactory(MenteeFactory)
    coordinator = factory.SubFactory(UserFactory, groups=["Mentoring coordinators"])
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=90))
    goals = "Uzticēšanās, regulāras tikšanās, mācību motivācija."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    pair = factory.SubFactory(PairFactory)
    date = factory.LazyFunction(timezone.localdate)
    hours = Decimal("2")
    activity = Activity.WALK
    note = ""
    logged_by = factory.LazyAttribute(lambda obj: obj.pair.mentor.user)


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    pair = factory.SubFactory(PairFactory)
    date = factory.LazyFunction(timezone.localdate)
    contact = "mentor"


class MentoringPageFactory(wagtail_factories.PageFactory):
    title = "Kļūsti par mentoru"
    slug = "kluti-par-mentoru"

    class Meta:
        model = MentoringPage
