"""Staff: the admin goes through allauth, and the groups can do what their names promise."""

import datetime

from django.contrib.auth.models import Group

from wagtail.models import Page

import pytest

from accounts.factories import totp_code
from home.models import Supporter

pytestmark = pytest.mark.django_db

GROUPS = ["Editors", "Moderators", "Campaign managers", "Mentoring coordinators"]


def test_groups_exist_with_admin_access():
    for name in GROUPS:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_wagtails_own_login_is_closed(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_admin_sends_anonymous_visitors_to_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_signs_in_through_allauth_and_reaches_the_admin(client, editor):
    response = client.post(
        "/accounts/login/", {"login": editor.email, "password": "correct horse battery staple", "next": "/admin/"}
    )
    # Staff have two-factor sign-in (issue 10): the password leads to the code, the code to the admin.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("fixture", "can_edit_pages", "can_edit_settings", "can_edit_supporters"),
    [
        ("editor", True, True, True),
        ("moderator", True, True, True),
        ("campaign_manager", False, False, False),
        ("coordinator", False, False, False),
    ],
)
def test_what_each_group_may_do(
    request, client, home_page, fixture, can_edit_pages, can_edit_settings, can_edit_supporters
):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    page_edit = client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert (page_edit.status_code == 200) is can_edit_pages
    settings_edit = client.get("/admin/settings/home/centresettings/", follow=True)
    reached_settings = settings_edit.status_code == 200 and "centresettings" in settings_edit.request["PATH_INFO"]
    assert reached_settings is can_edit_settings
    supporters = client.get("/admin/snippets/home/supporter/")
    assert (supporters.status_code == 200) is can_edit_supporters


def test_only_moderators_delete_supporters():
    assert Group.objects.get(name="Moderators").permissions.filter(codename="delete_supporter").exists()
    assert not Group.objects.get(name="Editors").permissions.filter(codename="delete_supporter").exists()


def test_editors_publish_pages(editor, home_page):
    assert Page.objects.get(pk=home_page.pk).permissions_for_user(editor).can_publish()


def test_editor_translates_a_page_with_wagtail_localize(client, editor, home_page, english):
    """The translation workflow: submit the Latvian page for English, get an English draft to edit."""
    from tests.home.conftest import publish_standard_page

    about = publish_standard_page(home_page, "Par centru", "par-centru")
    english_home = home_page.copy_for_translation(english)
    english_home.save_revision().publish()
    client.force_login(editor)
    url = f"/admin/localize/submit/page/{about.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [english.pk]})
    assert response.status_code == 302
    translation = about.get_translation(english)
    assert translation.title == "Par centru"  # untranslated text is copied until a translator changes it
    assert client.get(f"/admin/pages/{translation.pk}/edit/").status_code == 200


def test_signed_in_person_without_admin_access_gets_a_page_that_says_so_not_a_loop(client, visitor_user, home_page):
    client.force_login(visitor_user)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == []
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="lv">' in html and 'class="site-header"' in html  # the site's look, in Latvian
    assert "Nav piekļuves administrēšanas sadaļai" in html
    assert visitor_user.email in html
    # Where to go instead: home, their own pages from the account menu, signing in as someone else.
    assert 'class="btn" href="/"' in html
    assert 'href="/campaigns/my-pledges/"' in html
    assert 'action="/accounts/logout/"' in html
    # Deeper admin addresses and Wagtail's own sign-in address say the same.
    for url in ["/admin/pages/", "/admin/login/?next=/admin/"]:
        assert client.get(url, follow=True).status_code == 403, url


def test_no_admin_access_page_speaks_the_visitors_language(client, visitor_user, english_home):
    client.force_login(visitor_user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "No access to the admin" in html
    assert 'class="btn" href="/en/"' in html
    assert 'href="/en/campaigns/my-pledges/"' in html


def test_supporter_inspect_view_shows_moments_in_riga_time(client, editor):
    """Wagtail's inspect template would print the stored UTC: 09:30 beside the admin's 12:30."""
    supporter = Supporter.objects.create(
        name="Bauska ziedo",
        live=True,
        first_published_at=datetime.datetime(2026, 1, 15, 9, 30, tzinfo=datetime.UTC),  # winter: UTC+2
        last_published_at=datetime.datetime(2026, 7, 1, 9, 30, tzinfo=datetime.UTC),  # summer: UTC+3
    )
    client.force_login(editor)
    response = client.get(f"/admin/snippets/home/supporter/inspect/{supporter.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bauska ziedo" in html
    assert "11:30" in html and "12:30" in html
    assert "09:30" not in html and "9:30" not in html
    assert "—" in html  # the empty website and description
