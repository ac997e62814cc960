"""A small portal in both languages, for the browser checks of every public page type and form:
pages of each kind with their English translations, a running campaign, the "Become a mentor" page,
and the people who use them (a donor with a pledge, a mentor past this month's target, an applicant,
a coordinator)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from wagtail.models import Locale, Site

import pytest

from campaigns import services as campaign_services
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from home.factories import ImageFactory, NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from home.models import CentreSettings, OpeningHours, TagName
from tests.conftest import new_user as make_user

WIDTHS = (320, 375, 768, 1024, 1280, 1440)
LANGUAGES = ("lv", "en")

# Every public page type and form, by who opens it: one walk over them checks sideways scroll and axe.
PAGES = {
    "out": [
        "home",
        "impact",
        "standard",
        "news_index",
        "news",
        "campaign_index",
        "campaign",
        "poster",
        "mentoring_page",
        "search",
        "not_found",
        "sign_in",
        "sign_up",
        "password_reset",
        "confirmation",
        "pledge",
        "verify_certificate",
        "verify_unknown",
    ],
    "donor": ["my_pledges"],
    "mentor": [
        "home",
        "my_mentoring",
        "edit_meeting",
        "delete_meeting",
        "mentoring_page",
        "password_change",
        "email",
        "my_data",
        "handbook",
        "handbook_chapter",
    ],
}


def resize(page, width: int, height: int = 900) -> None:
    """Give the page a window ``width`` wide and wait until the header's script has laid itself out
    again: it does so in an animation frame after the resize event, which the browser fires at the
    start of the next frame, so its callback runs in that frame after ours, and a task queued from
    ours runs after both (one frame, not two)."""
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))")


def publish(page):
    page.save_revision().publish()
    return page


def both(path):
    """A non-page address in Latvian (no prefix) and in English (/en/)."""
    return {"lv": path, "en": "/en" + path}


def translate(page, english, **fields):
    translation = page.copy_for_translation(english)
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation)


@dataclass
class Portal:
    """Addresses by name and language (``urls["campaign"]["en"]``) and the people who visit them."""

    urls: dict[str, dict[str, str]] = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    pledge: object = None
    tallies: list = field(default_factory=list)
    pair: object = None
    meeting: object = None

    def url(self, name: str, language: str = "lv") -> str:
        return self.urls[name][language]


def build_portal(*, handbook: bool = False) -> Portal:
    """The portal's pages, people and records; with ``handbook``, the mentor's private handbook too
    (the demo's: a few seconds to build, so only the checks that visit it ask for it)."""
    from home.models import HomePage
    from mentoring.factories import (
        ApplicationFactory,
        MeetingFactory,
        MentorFactory,
        MentoringPageFactory,
        PairFactory,
    )

    home_page = HomePage.objects.get(locale__language_code="lv")
    english = Locale.objects.get(language_code="en")
    english_home = home_page.copy_for_translation(english)
    english_home.title = "Home"
    publish(english_home)
    portal = Portal()

    centre = CentreSettings.for_site(Site.objects.get(is_default_site=True))
    centre.phone, centre.email = "+371 63 000 000", "centrs@example.org"
    centre.dropoff_instructions = "Ieeja no pagalma puses, 1. stāvs."
    centre.dropoff_instructions_en = "The entrance is from the courtyard, first floor."
    centre.save()
    OpeningHours.objects.create(settings=centre, sort_order=0, first_day=1, last_day=4, opens="09:00", closes="17:00")
    OpeningHours.objects.create(settings=centre, sort_order=1, first_day=5, last_day=5, opens="09:00", closes="15:00")

    about = publish(StandardPageFactory(parent=home_page, title="Par centru", slug="par-centru", show_in_menus=True))
    translate(about, english, title="About the centre", slug="about")
    portal.urls["standard"] = {"lv": "/par-centru/", "en": "/en/about/"}

    news_index = publish(NewsIndexPageFactory(parent=home_page, show_in_menus=True))
    translate(news_index, english, title="News", slug="news")
    news = NewsPageFactory(
        parent=news_index,
        title="Sākas akcija",
        slug="sakas-akcija",
        summary="Vāksim skolas lietas.",
        image=ImageFactory(),
    )
    news.tags.add("labdarība")
    publish(news)
    translate(news, english, title="The campaign begins", summary="We collect school things.")
    TagName.objects.create(tag=news.tags.get(), language="en", name="charity")
    portal.urls["news_index"] = {"lv": "/jaunumi/", "en": "/en/news/"}
    portal.urls["news"] = {"lv": "/jaunumi/sakas-akcija/", "en": "/en/news/sakas-akcija/"}

    index = publish(CampaignIndexPageFactory(parent=home_page, title="Akcijas", slug="akcijas", show_in_menus=True))
    translate(index, english, title="Campaigns", slug="campaigns")
    campaign = CampaignPageFactory(
        parent=index,
        title="Ģimene ģimenei",
        slug="gimene-gimenei",
        introduction="Skolas lietas un ziemas apavi bērniem Bauskas novadā.",
        conditions="Jaunas vai gandrīz jaunas, tīras lietas.",
        needs=[
            {"name": "Skolas mugursoma", "category": "school_bags", "quantity": 10},
            {"name": "Ziemas zābaki", "size": "EU 36", "category": "shoes", "unit": "pairs", "quantity": 4},
        ],
    )
    publish(campaign)
    campaign_en = translate(
        campaign, english, title="Family to family", slug="family-to-family", conditions="New or nearly new, clean."
    )
    portal.urls["campaign_index"] = {"lv": "/akcijas/", "en": "/en/campaigns/"}
    portal.urls["campaign"] = {"lv": "/akcijas/gimene-gimenei/", "en": "/en/campaigns/family-to-family/"}
    portal.urls["poster"] = both(f"/campaigns/{campaign.pk}/poster/")

    mentoring_page = publish(
        MentoringPageFactory(
            parent=home_page, title="Kļūstiet par mentoru", introduction="Jaunieši 18–25 gadu vecumā."
        )
    )
    translate(mentoring_page, english, title="Become a mentor", slug="become-a-mentor", introduction="Aged 18 to 25.")
    home_page.mentor_page = mentoring_page
    publish(home_page)
    portal.urls["mentoring_page"] = {"lv": "/kluti-par-mentoru/", "en": "/en/become-a-mentor/"}
    portal.urls["home"] = {"lv": "/", "en": "/en/"}

    # The impact page, and the home page's figures from the data (yearly figures, items, hours).
    from home.models import ImpactPage, YearlyFigures

    YearlyFigures.objects.create(
        year=2015,
        children_supported=131,
        families_supported=45,
        children_per_month=105,
        families_per_month=41,
        high_risk_share=Decimal("3.7"),
        medium_risk_share=Decimal("96.3"),
        cases_closed=9,
        cases_goals_reached=6,
        camps=2,
        camp_families=12,
        camp_children=28,
        note="Centra 2015. gada pārskats.",
        note_en="The Centre's report for 2015.",
    )
    impact = ImpactPage(title="Mūsu darbs skaitļos", slug="musu-darbs-skaitlos", intro="<p>Skaitļi no datiem.</p>")
    home_page.add_child(instance=impact)
    publish(impact)
    translate(impact, english, title="Our work in figures", slug="our-work-in-figures", intro="<p>Figures.</p>")
    portal.urls["impact"] = {"lv": "/musu-darbs-skaitlos/", "en": "/en/our-work-in-figures/"}
    figures = ["year.children_supported", "year.children_per_month", "campaigns.items_received", "mentoring.hours"]
    for home in (home_page, home_page.get_translation(english)):
        home.body = [("live_figures", {"title": "Gads skaitļos", "figures": figures, "page": impact})]
        publish(home)
    portal.urls["search"] = both("/search/?q=skola")
    portal.urls["not_found"] = {"lv": "/nav-tadas-lapas/", "en": "/en/no-such-page/"}
    for name, path in [("sign_in", "login"), ("sign_up", "signup"), ("password_reset", "password/reset")]:
        portal.urls[name] = both(f"/accounts/{path}/")

    # People
    donor = make_user(email="ziedotaja@example.org", first_name="Dace", last_name="Ozola")
    tallies = list(campaign.tallies.order_by("sort_order"))
    portal.tallies = tallies
    portal.pledge = campaign_services.create_pledge(
        campaign,
        {tallies[0].pk: 2, tallies[1].pk: 1},
        campaign_services.DonorDetails(
            donor_name="Dace Ozola",
            email=donor.email,
            expected_date=timezone.localdate() + datetime.timedelta(days=5),
        ),
        donor=donor,
    ).pledge
    portal.urls["my_pledges"] = both("/campaigns/my-pledges/")
    with translation.override("lv"):
        portal.urls["pledge"] = both(portal.pledge.get_private_url())
        portal.urls["confirmation"] = both(portal.pledge.get_confirmation_url())

    mentor = make_user(email="mentore@example.org", first_name="Laura", last_name="Kalna")
    today = timezone.localdate()
    portal.pair = PairFactory(
        mentor=MentorFactory(user=mentor, full_name="Laura Kalna"),
        mentee__first_name="Elza",
        start_date=today - datetime.timedelta(days=60),
    )
    # Two long meetings this month: 12 of 10 hours, past the target.
    portal.meeting = MeetingFactory(pair=portal.pair, date=today, hours=Decimal("6"), note="Pastaiga un saruna.")
    MeetingFactory(pair=portal.pair, date=today, hours=Decimal("6"))
    # Last month approved: "My mentoring" offers the certificate, whose code the verification page confirms.
    from mentoring import dates, services

    last_month = dates.add_months(today, -1)
    MeetingFactory(pair=portal.pair, date=max(last_month, portal.pair.start_date), hours=Decimal("3"))
    services.approve_month(portal.pair, last_month, by=portal.pair.coordinator)
    certificate = services.issue_certificate(mentor, language="lv")
    portal.urls["verify_certificate"] = both(f"/mentoring/certificates/verify/?code={certificate.display_code}")
    portal.urls["verify_unknown"] = both("/mentoring/certificates/verify/?code=2345-6789-ABCD")
    portal.urls["my_mentoring"] = both("/mentoring/")
    portal.urls["edit_meeting"] = both(f"/mentoring/meetings/{portal.meeting.pk}/edit/")
    portal.urls["delete_meeting"] = both(f"/mentoring/meetings/{portal.meeting.pk}/delete/")
    portal.urls["password_change"] = both("/accounts/password/change/")
    portal.urls["email"] = both("/accounts/email/")
    portal.urls["my_data"] = both("/my-data/")

    applicant = make_user(email="pieteicejs@example.org", first_name="Ģirts", last_name="Ķēniņš")
    waiting = make_user(email="gaida@example.org")
    ApplicationFactory(user=waiting)
    coordinator = make_user(groups=["Mentoring coordinators"], email="koordinatore@example.org")
    portal.people = {
        "out": None,
        "donor": donor,
        "mentor": mentor,
        "applicant": applicant,
        "waiting": waiting,
        "coordinator": coordinator,
    }
    if handbook:  # the demo's, private to the mentor above
        from io import StringIO

        from home.demo import DemoContext
        from mentoring.demo_data import load_handbook

        load_handbook(DemoContext(stdout=StringIO()))
        portal.urls["handbook"] = {"lv": "/mentora-rokasgramata/", "en": "/en/mentors-handbook/"}
        portal.urls["handbook_chapter"] = {
            "lv": "/mentora-rokasgramata/darbs-ar-aizbilstamo/pirmas-tiksanas/",
            "en": "/en/mentors-handbook/working-with-your-mentee/first-meetings/",
        }
    campaign_en.refresh_from_db()
    assert campaign_en.live
    return portal


@pytest.fixture
def portal(db):
    """The portal for a test that changes it (its own transactional database)."""
    return build_portal()


@pytest.fixture(scope="module")
def shared_portal(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The portal with the handbook, built once for a module of checks that only read it.

    Browser checks need a live server, which sees only committed data, and a transactional test
    builds its data anew and empties the database for every test. Here the portal is committed once;
    the module's tests (not marked ``django_db``; ``shared_db`` lets them read and sign in) share it,
    and after the last one the database is emptied and refilled with its serialized starting
    content, as a transactional test leaves it for its successor.
    """
    from django.apps import apps
    from django.conf import settings as django_settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connections

    media = tmp_path_factory.mktemp("module-media")
    request.module._demo_media_root = media
    with django_db_blocker.unblock():
        original, django_settings.MEDIA_ROOT = django_settings.MEDIA_ROOT, media
        try:
            portal = build_portal(handbook=True)
        finally:
            django_settings.MEDIA_ROOT = original
        try:
            yield portal
        finally:
            # As TransactionTestCase empties the database. Every content type is asked for first:
            # refilling builds Wagtail's tasks, which look theirs up, and one not yet in Django's
            # cache would be made anew in the empty table (and cached under another's number).
            ContentType.objects.get_for_models(*apps.get_models())
            for connection in connections.all():
                call_command(
                    "flush",
                    verbosity=0,
                    interactive=False,
                    database=connection.alias,
                    reset_sequences=False,
                    inhibit_post_migrate=True,
                )
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def shared_db(shared_portal, django_db_blocker):
    """Database access for a test of a ``shared_portal`` module (what it writes stays till the module ends)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="session")
def shared_live_server(request, django_db_setup):
    """A live server of its own for ``shared_portal`` modules: pytest-django's ``live_server`` makes
    every test that asks for it transactional."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    request.addfinalizer(server.stop)
    return server


def signer(server_url):
    """``sign_in(context, user)``: the browser context carries a session of ``user`` (as after signing in)."""

    def sign_in(context, user):
        context.clear_cookies()
        if user is None:
            return
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": server_url}])

    return sign_in


@pytest.fixture
def sign_in(live_server):
    return signer(live_server.url)


@pytest.fixture
def shared_sign_in(shared_live_server, shared_db):
    return signer(shared_live_server.url)
