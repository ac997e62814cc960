import datetime
import itertools
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.models import Collection, Locale, Site
from wagtail.users.models import UserProfile

import pytest

from campaigns import services as campaign_services
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from home.factories import ImageFactory, NewsIndexPageFactory, NewsPageFactory, StandardPageFactory, SupporterFactory
from mentoring import factories as mentoring_factories
from mentoring.choices import ApplicationState
from mentoring.models import MentoringPage
from tests.conftest import module_transaction, new_user


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPageFactory(parent=home_page, show_in_menus=True)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_news(news_index):
    numbers = itertools.count()

    def make(count, parent=None, with_image=True, tags=("labdarība",)):
        image = ImageFactory() if with_image else None
        today = timezone.localdate()
        pages = []
        for _ in range(count):
            number = next(numbers)
            page = NewsPageFactory(
                parent=parent or news_index,
                title=f"Ziņa {number}",
                slug=f"zina-{number}",
                date=today - datetime.timedelta(days=number),
                image=image,
            )
            page.tags.add(*tags)
            page.save_revision().publish()
            pages.append(page)
        return pages

    return make


def publish_standard_page(parent, title, slug):
    page = StandardPageFactory(parent=parent, title=title, slug=slug, show_in_menus=True)
    page.save_revision().publish()
    return page


@pytest.fixture
def about_page(home_page):
    return publish_standard_page(home_page, "Par centru", "par-centru")


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


# The admin: staff who work in Latvian, and one of everything they work with.


def latvian_staff(make_user, **kwargs):
    user = make_user(first_name="Ilze", last_name="Bērziņa", **kwargs)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "lv"
    profile.save()
    return user


@pytest.fixture
def world(home_page, make_user):
    return build_world(home_page, make_user)


@pytest.fixture(scope="module")
def module_world(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """``world``, built once for a module whose tests only read it or roll their changes back
    (``module_transaction``); such a module says ``world = shared_world``."""
    from home.models import HomePage

    with module_transaction(request, django_db_blocker, tmp_path_factory):
        yield build_world(HomePage.objects.get(locale__language_code="lv"), new_user)


@pytest.fixture
def shared_world(module_world, db):
    """The module's world, read anew from the database: a test may have changed the objects it got."""
    from django.db.models import Model

    def fresh(value):
        if isinstance(value, Model):
            return type(value)._default_manager.get(pk=value.pk)
        if isinstance(value, dict):
            return {key: fresh(item) for key, item in value.items()}
        return value

    return fresh(module_world)


def build_world(home_page, make_user):
    """One of everything the staff work with: pages of each type, a draft, an image, a document, a
    supporter, pledges, and the mentoring programme's records."""
    today = timezone.localdate()
    author = latvian_staff(make_user, groups=["Editors"], email="autore@example.org")
    news_index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(parent=news_index, title="Rudens nometne", summary="Divdesmit bērni mežā.")
    standard = StandardPageFactory(parent=home_page, title="Par centru", introduction="Kas mēs esam.")
    draft = StandardPageFactory(parent=home_page, title="Jauns pakalpojums", introduction="Vēl top.", live=False)
    draft.save_revision(user=author)
    campaign_index = CampaignIndexPageFactory(parent=home_page, title="Akcijas")
    campaign = CampaignPageFactory(
        parent=campaign_index,
        needs=[{"name": "Mugursoma", "quantity": 10}, {"name": "Zābaki", "unit": "pairs", "quantity": 4}],
    )
    mentoring_page = MentoringPage(title="Kļūsti par mentoru", slug="mentori", introduction="Jaunieši 18–25.")
    home_page.add_child(instance=mentoring_page)
    for page in (news_index, news, standard, campaign_index, campaign, mentoring_page):
        page.save_revision(user=author).publish()
    tallies = list(campaign.tallies.order_by("sort_order"))
    pledge = campaign_services.create_pledge(
        campaign,
        {tallies[0].pk: 2, tallies[1].pk: 1},
        campaign_services.DonorDetails(donor_name="Anna Ozola", email="anna@example.org", expected_date=today),
    ).pledge
    image = ImageFactory(title="Rudens nometne")
    document = Document.objects.create(
        title="Gada pārskats",
        file=ContentFile(b"%PDF-1.4\n", name="parskats.pdf"),
        collection=Collection.get_first_root_node(),
    )
    supporter = SupporterFactory(name="SIA Kokmuiža")
    coordinator_user = make_user(groups=["Mentoring coordinators"], email="koordinatore@example.org")
    pair = mentoring_factories.PairFactory(
        coordinator=coordinator_user,
        mentor__full_name="Jānis Kalniņš",
        mentee__first_name="Elza",
        start_date=today - datetime.timedelta(days=100),
    )
    mentoring_factories.MeetingFactory(pair=pair, hours=Decimal("2"), concern=True, note="Bažas par skolu.")
    mentoring_factories.CheckInFactory(pair=pair, date=today - datetime.timedelta(days=3))
    application = mentoring_factories.ApplicationFactory(full_name="Marta Liepa", state=ApplicationState.SCREENING)
    session = mentoring_factories.TrainingSessionFactory()
    mentoring_factories.TrainingAttendanceFactory(session=session, application=application)
    mentee = mentoring_factories.MenteeFactory(first_name="Roberts")
    return {
        "home": home_page,
        "news_index": news_index,
        "news": news,
        "standard": standard,
        "draft": draft,
        "campaign_index": campaign_index,
        "campaign": campaign,
        "mentoring_page": mentoring_page,
        "pledge": pledge,
        "image": image,
        "document": document,
        "supporter": supporter,
        "pair": pair,
        "application": application,
        "session": session,
        "mentee": mentee,
        "checkin": pair.checkins.get(),
        "site": Site.objects.get(is_default_site=True),
        "author": author,
    }
