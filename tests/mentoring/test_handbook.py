"""The mentor's handbook (issue 13): pages and documents private to "Mentors" (and the training part
to "Mentors in training"), the groups kept in step by the programme's services, through HTTP."""

import datetime
from io import StringIO

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Locale, PageViewRestriction

import pytest

from home.demo import DemoContext
from mentoring import services
from mentoring.choices import ApplicationState, ClosureReason
from mentoring.demo_data import load_handbook
from mentoring.factories import MenteeFactory, MentorFactory
from mentoring.models import HandbookPage
from mentoring.rules import MENTORS_GROUP, TRAINEES_GROUP
from tests.conftest import module_transaction
from tests.queries import PAGE_LIMIT, assert_queries

pytestmark = pytest.mark.django_db

ROOT = "/mentora-rokasgramata/"
TRAINING = ROOT + "apmaciba/"
ROLE = TRAINING + "mentora-loma/"
MENTORING = ROOT + "darbs-ar-aizbilstamo/"
FIRST = MENTORING + "pirmas-tiksanas/"
EN_ROOT = "/en/mentors-handbook/"
EN_MENTORING = EN_ROOT + "working-with-your-mentee/"


@pytest.fixture(scope="module")
def _handbook(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo's handbook in both languages, built once for the module (each test's changes roll back)."""
    from home.models import HomePage

    with module_transaction(request, django_db_blocker, tmp_path_factory):
        home = HomePage.objects.get(locale__language_code="lv")
        english = home.copy_for_translation(Locale.objects.get(language_code="en"))
        english.title = "Home"
        english.save_revision().publish()
        load_handbook(DemoContext(stdout=StringIO()))
        yield


@pytest.fixture
def handbook(_handbook, db):
    return HandbookPage.objects.get(slug="mentora-rokasgramata")


def document(title):
    return get_document_model().objects.get(title=title).url


@pytest.fixture
def mentor(make_user, coordinator, handbook):
    """Approved by the coordinator through the service, from training."""
    user = make_user(email="mentore@example.org")
    application = MentorFactory(user=user, state=ApplicationState.TRAINING)
    assert services.sync_handbook_access(user) == TRAINEES_GROUP
    services.decide(application, ApplicationState.APPROVED, by=coordinator)
    return user


@pytest.fixture
def trainee(make_user, coordinator, handbook):
    user = make_user(email="macas@example.org")
    application = MentorFactory(user=user, state=ApplicationState.SCREENING)
    services.decide(application, ApplicationState.TRAINING, by=coordinator)
    return user


def groups(user):
    return set(user.groups.values_list("name", flat=True))


def test_an_approved_mentor_reads_the_whole_handbook(client, mentor, handbook):
    assert groups(mentor) == {MENTORS_GROUP}
    client.force_login(mentor)
    root = client.get(ROOT)
    assert root.status_code == 200
    assert "Apmācība" in root.text and "Darbs ar aizbilstamo" in root.text
    assert "no-store" in root["Cache-Control"]
    for url in (TRAINING, ROLE, MENTORING, FIRST):
        assert client.get(url).status_code == 200, url
    assert "Tikšanās plānotājs" in client.get(FIRST).text
    assert client.get(document("Tikšanās plānotājs")).status_code == 200
    assert client.get(document("Apmācības darba lapa")).status_code == 200
    english = client.get(EN_ROOT)
    assert english.status_code == 200 and "Working with your mentee" in english.text
    assert client.get(EN_MENTORING).status_code == 200


def test_an_applicant_in_training_sees_only_the_training_part(client, trainee, handbook):
    assert groups(trainee) == {TRAINEES_GROUP}
    client.force_login(trainee)
    root = client.get(ROOT)
    assert root.status_code == 200
    assert "Apmācība" in root.text and "Darbs ar aizbilstamo" not in root.text
    assert client.get(TRAINING).status_code == 200 and client.get(ROLE).status_code == 200
    for url in (MENTORING, FIRST, EN_MENTORING):
        refused = client.get(url)
        assert refused.status_code == 403, url
    assert "apmācības daļu" in client.get(MENTORING).text
    assert client.get(document("Apmācības darba lapa")).status_code == 200
    assert client.get(document("Tikšanās plānotājs")).status_code == 403


def test_a_visitor_is_sent_to_sign_in(client, handbook):
    for url in (ROOT, TRAINING, FIRST, EN_ROOT, document("Tikšanās plānotājs")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/?next=" in response.url, url
    assert "Mentora rokasgrāmata" not in client.get("/").text  # not in the menu
    assert "mentora-rokasgramata" not in client.get("/sitemap.xml").text


def test_someone_signed_in_outside_the_groups_is_refused_not_sent_round_in_circles(client, visitor_user, handbook):
    client.force_login(visitor_user)
    response = client.get(ROOT)
    assert response.status_code == 403 and visitor_user.email in response.text
    assert client.get(document("Apmācības darba lapa")).status_code == 403


def test_a_mentor_leaves_the_handbook_when_the_pair_closes_and_comes_back_when_paired_again(
    client, mentor, coordinator, handbook
):
    application = mentor.mentor_applications.get()
    pair = services.create_pair(
        mentor=application,
        mentee=MenteeFactory(),
        coordinator=coordinator,
        start_date=timezone.localdate() - datetime.timedelta(days=30),
        goals="Uzticēšanās",
    )
    assert groups(mentor) == {MENTORS_GROUP}
    services.close_pair(pair, closed_on=timezone.localdate(), reason=ClosureReason.MENTOR_MOVED, by=coordinator)
    assert groups(mentor) == set()
    client.force_login(mentor)
    assert client.get(ROOT).status_code == 403
    assert "handbook-title" not in client.get("/mentoring/").text

    services.create_pair(
        mentor=application,
        mentee=MenteeFactory(),
        coordinator=coordinator,
        start_date=timezone.localdate(),
        goals="Mācību motivācija",
    )
    assert groups(mentor) == {MENTORS_GROUP}
    assert client.get(ROOT).status_code == 200


def test_a_withdrawn_or_erased_mentor_leaves_the_handbook(mentor, trainee, coordinator):
    services.decide(mentor.mentor_applications.get(), ApplicationState.WITHDRAWN, by=coordinator)
    assert groups(mentor) == set()
    services.withdraw(trainee.mentor_applications.get(), user=trainee)
    assert groups(trainee) == set()


def test_the_mentors_page_links_to_the_handbook(client, mentor, trainee, handbook):
    client.force_login(mentor)
    page = client.get("/mentoring/")
    assert 'id="handbook-title"' in page.text and f'href="{ROOT}"' in page.text
    assert f'href="{EN_ROOT}"' in client.get("/en/mentoring/").text
    client.force_login(trainee)
    assert f'href="{ROOT}"' in client.get("/mentoring/").text


def test_the_english_handbook_is_as_private_as_the_latvian(handbook):
    english = Locale.objects.get(language_code="en")
    for page in HandbookPage.objects.filter(locale__language_code="lv"):
        translation = page.get_translation(english)
        source = {frozenset(r.groups.values_list("name", flat=True)) for r in page.get_view_restrictions()}
        translated = {frozenset(r.groups.values_list("name", flat=True)) for r in translation.get_view_restrictions()}
        assert source and source == translated, page.title


def test_a_handbook_page_whose_privacy_an_editor_removed_is_still_not_public(client, visitor_user, mentor, handbook):
    PageViewRestriction.objects.filter(page__in=HandbookPage.objects.all()).delete()
    assert client.get(ROOT).status_code == 302
    client.force_login(visitor_user)
    assert client.get(ROOT).status_code == 403
    client.force_login(mentor)
    assert client.get(ROOT).status_code == 200


def test_the_groups_cannot_open_the_admin(client, mentor):
    client.force_login(mentor)
    assert client.get("/admin/").status_code == 403
    for name in (MENTORS_GROUP, TRAINEES_GROUP):
        assert not Group.objects.get(name=name).permissions.exists()


def test_a_change_of_groups_or_restrictions_counts_from_the_next_request(client, mentor, handbook):
    """The reader's groups and the page's restrictions are read once a request, never kept longer."""
    client.force_login(mentor)
    assert client.get(MENTORING).status_code == 200
    mentor.groups.set([Group.objects.get(name=TRAINEES_GROUP)])
    assert client.get(MENTORING).status_code == 403
    root = client.get(ROOT).text
    assert "Apmācība" in root and "Darbs ar aizbilstamo" not in root
    assert client.get(TRAINING).status_code == 200
    training = HandbookPage.objects.get(url_path__endswith="/mentora-rokasgramata/apmaciba/")
    PageViewRestriction.objects.create(page=training, restriction_type="groups").groups.set(
        [Group.objects.get(name=MENTORS_GROUP)]
    )
    assert client.get(TRAINING).status_code == 403
    assert "Apmācība" not in client.get(ROOT).text
    mentor.groups.set([Group.objects.get(name=MENTORS_GROUP)])
    assert client.get(TRAINING).status_code == 200 and client.get(MENTORING).status_code == 200


HANDBOOK_PAGE = [
    ("the user (the session comes from the cache)", 1),
    ("the page: by its address, its row", 2),
    ("the reader's groups, once: Wagtail's check and the list of parts reuse them (mentoring.handbook)", 1),
    ("restrictions on the page and above it, once: the ancestors, their restrictions, their groups", 3),
    ("the parts this reader may open: the children; their restrictions with their groups", 2),
    ("account menu: may they open the admin (user's and groups' permissions, one query)", 1),
    ('account menu: "My mentoring" if they ever applied', 1),
    ("breadcrumbs: the ancestors", 1),
]  # settings, header, menu, switcher and footer: kept between requests (home.layout)


def test_a_handbook_page_query_budget_at_2_and_8_parts(client, mentor, handbook):
    client.force_login(mentor)
    assert_queries(client, ROOT, HANDBOOK_PAGE, limit=PAGE_LIMIT)
    mentors = Group.objects.get(name=MENTORS_GROUP)
    for number in range(6):
        part = HandbookPage(title=f"Daļa {number}", slug=f"dala-{number}")
        handbook.add_child(instance=part)
        part.save_revision().publish()
        if number % 2:
            PageViewRestriction.objects.create(page=part, restriction_type="groups").groups.set([mentors])
    assert client.get(ROOT).text.count('class="card"') == 8
    assert_queries(client, ROOT, HANDBOOK_PAGE, limit=PAGE_LIMIT)
