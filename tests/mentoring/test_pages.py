"""The "Become a mentor" page: where editors may put it, what it shows, and the demo programme."""

import io

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from home.demo import DemoContext
from home.models import HomePage, StandardPage
from mentoring.choices import ApplicationState
from mentoring.models import Application, Meeting, MenteeAccessLog, MentoringPage, MonthReview, Pair

pytestmark = pytest.mark.django_db


def test_the_page_lives_under_the_home_page_only(home_page):
    assert MentoringPage in HomePage.allowed_subpage_models()
    assert MentoringPage.can_create_at(home_page)
    assert MentoringPage.allowed_parent_page_models() == [HomePage]
    assert MentoringPage not in StandardPage.allowed_subpage_models()
    assert MentoringPage.allowed_subpage_models() == []


def test_an_editor_creates_the_page_in_the_admin(client, editor, home_page):
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": "Kļūsti par mentoru",
            "slug": "mentori",
            "introduction": "Desmit stundas mēnesī.",
            "body": streamfield([("paragraph", rich_text("<p>Mentors ir draugs.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/mentoring/mentoringpage/{home_page.pk}/", data)
    assert response.status_code == 302
    page = MentoringPage.objects.get()
    assert page.live
    rendered = client.get(page.url)
    assert "Mentors ir draugs." in rendered.text


def test_only_one_become_a_mentor_page_per_home(home_page, mentoring_page):
    assert not MentoringPage.can_create_at(home_page)


def test_page_shows_the_body_and_the_state_of_an_approved_mentor(client, mentor_a, mentoring_page):
    client.force_login(mentor_a)
    response = client.get(mentoring_page.url)
    assert response.status_code == 200
    assert "/mentoring/" in response.text  # the link to "My mentoring"
    assert 'name="full_name"' not in response.text


def test_demo_programme_is_loaded_once(home_page):
    from mentoring.demo_data import load_mentoring

    out = io.StringIO()
    load_mentoring(DemoContext(stdout=out))
    assert Pair.objects.count() == 6
    assert Pair.objects.active().count() == 5
    closed = Pair.objects.get(closed_on__isnull=False)
    assert closed.closure_reason == "goals_met"
    assert Meeting.objects.count() > 100
    assert MonthReview.objects.exists()
    states = sorted(Application.objects.values_list("state", flat=True))
    assert states.count(ApplicationState.APPROVED) == 6
    assert ApplicationState.SCREENING in states and ApplicationState.TRAINING in states
    assert MentoringPage.objects.live().count() == 1
    assert HomePage.objects.get(pk=home_page.pk).mentor_page.specific_class is MentoringPage
    emails = list(Application.objects.values_list("user__email", flat=True))
    assert all(email.endswith("@example.org") for email in emails)
    assert not MenteeAccessLog.objects.exists()

    load_mentoring(DemoContext(stdout=out))
    assert Pair.objects.count() == 6
    assert "already loaded" in out.getvalue()


def test_the_preview_shows_what_a_visitor_sees(mentoring_page):
    response = mentoring_page.make_preview_request()
    assert response.status_code == 200
    content = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert "/accounts/login/?next=" in content
