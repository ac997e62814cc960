"""Staff: the admin goes through allauth, and the groups can do what their names promise."""

from django.contrib.auth.models import Group

from wagtail.models import Page

import pytest

from accounts.factories import totp_code

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
