import datetime

from django.utils import timezone

import pytest

from mentoring import factories


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def mentoring_page(home_page):
    from mentoring.models import MentoringPage

    page = MentoringPage(title="Kļūsti par mentoru", slug="mentori", introduction="Jaunieši 18–25 gadu vecumā.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def applicant(make_user):
    user = make_user(email="applicant@example.org")
    factories.ApplicationFactory(user=user)
    return user


@pytest.fixture
def pair_a(coordinator, today):
    return factories.PairFactory(
        coordinator=coordinator,
        mentor__user__email="mentor.a@example.org",
        start_date=today - datetime.timedelta(days=100),
    )


@pytest.fixture
def pair_b(coordinator, today):
    return factories.PairFactory(
        coordinator=coordinator,
        mentor__user__email="mentor.b@example.org",
        start_date=today - datetime.timedelta(days=100),
    )


@pytest.fixture
def mentor_a(pair_a):
    return pair_a.mentor.user


@pytest.fixture
def mentor_b(pair_b):
    return pair_b.mentor.user


@pytest.fixture
def meeting_a(pair_a, today):
    return factories.MeetingFactory(pair=pair_a, date=today)


@pytest.fixture
def meeting_b(pair_b, today):
    return factories.MeetingFactory(pair=pair_b, date=today)
