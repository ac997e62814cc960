"""Who is asking, in fewer queries (issue 12) and as strictly as before: the session comes from the
cache and stays in the database; the user, their admin profile, "has a second factor" and their
permissions are asked of the database on every request (accounts.backends), so a change counts
from the next request on."""

import time

from django.contrib.auth import backends as django_backends
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from allauth.mfa.models import Authenticator

from accounts import backends, session_store
from accounts.models import User

pytestmark = pytest.mark.django_db

SET_UP = "/accounts/2fa/"


def fresh(user):
    """The user as a new request loads them, with no permissions asked yet."""
    return backends.ModelBackend().get_user(user.pk)


def test_staff_who_remove_their_last_second_factor_are_stopped_at_the_next_admin_request(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200
    assert 'class="account-nav__admin"' in client.get(SET_UP).content.decode()
    Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).delete()
    assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.RECOVERY_CODES).exists()
    response = client.get("/admin/")  # recovery codes alone are no second factor
    assert response.status_code == 302
    assert response["Location"] == SET_UP
    assert client.get("/admin/mentoring/monitoring/")["Location"] == SET_UP
    assert 'class="account-nav__admin"' not in client.get(SET_UP).content.decode()  # no way back to the admin


def test_a_group_taken_away_or_given_counts_from_the_next_request(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/mentoring/pairs/").status_code == 200
    group = Group.objects.get(name="Mentoring coordinators")
    coordinator.groups.remove(group)
    assert client.get("/admin/mentoring/pairs/").status_code == 403  # home.middleware: no admin access
    coordinator.groups.add(group)
    assert client.get("/admin/mentoring/pairs/").status_code == 200


def test_a_permission_taken_from_a_group_counts_from_the_next_request(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/mentoring/pairs/").status_code == 200
    group = Group.objects.get(name="Mentoring coordinators")
    group.permissions.remove(
        *Permission.objects.filter(content_type__app_label="mentoring", codename__endswith="_pair")
    )
    assert client.get("/admin/mentoring/pairs/").status_code in (302, 403)


def test_a_users_own_permission_counts_like_a_groups(client, make_user):
    person = make_user(email="viena@example.org", two_factor=True)
    client.force_login(person)
    assert client.get("/admin/").status_code == 403
    person.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("who", ["coordinator", "editor", "campaign_manager", "superuser", "visitor_user"])
def test_the_same_permissions_as_djangos_own_backend(request, who):
    user = request.getfixturevalue(who)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="home", codename="view_tagname"))
    django = django_backends.ModelBackend()
    ours, theirs = fresh(user), User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        found = backends.ModelBackend().get_all_permissions(ours)
    assert len(queries) == 1
    assert found == django.get_all_permissions(theirs)
    assert ours.get_user_permissions() == theirs.get_user_permissions()
    assert ours.get_group_permissions() == theirs.get_group_permissions()
    assert ours.has_perm("home.view_tagname") and ours.has_module_perms("home")


def test_nobody_signed_out_or_inactive_has_permissions(coordinator):
    coordinator.is_active = False
    coordinator.save()
    assert backends.ModelBackend().get_user(coordinator.pk) is None
    assert backends.ModelBackend().get_all_permissions(User.objects.get(pk=coordinator.pk)) == set()


def test_an_account_made_inactive_or_given_a_new_password_is_signed_out_at_once(client, coordinator, editor):
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200
    User.objects.filter(pk=coordinator.pk).update(is_active=False)
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    editor.set_password("a new one, set elsewhere")
    editor.save()
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")


def test_the_session_is_read_from_the_cache_and_kept_in_the_database(client, coordinator):
    client.force_login(coordinator)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    assert not [query for query in queries.captured_queries if "django_session" in query["sql"]]
    assert Session.objects.filter(session_key=client.session.session_key).exists()
    cache.clear()  # Redis restarted: the database still has the session
    assert client.get("/admin/").status_code == 200


def test_a_signed_out_session_cannot_be_used_again(client, coordinator, settings):
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    client.cookies[settings.SESSION_COOKIE_NAME] = old_key
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
    assert not Session.objects.filter(session_key=old_key).exists()


def test_a_sign_out_the_cache_did_not_hear_of_ends_within_minutes(client, visitor_user, settings, monkeypatch):
    client.force_login(visitor_user)
    assert client.get("/accounts/email/").status_code == 200
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    with monkeypatch.context() as redis_away:
        redis_away.setattr(LocMemCache, "delete", lambda self, key, version=None: False)  # dropped, as ops.cache does
        client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=old_key).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = old_key
    assert client.get("/accounts/email/").status_code == 200  # the cache's copy, for a while
    later = time.time() + session_store.CACHE_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get("/accounts/email/")["Location"].startswith("/accounts/login/")  # not two weeks


def test_the_admin_profile_comes_with_the_user(client, coordinator):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": "en"})
    client.force_login(coordinator)
    assert '<html lang="en"' in client.get("/admin/").content.decode()
    user = fresh(coordinator)
    with CaptureQueriesContext(connection) as queries:
        assert user.wagtail_userprofile.preferred_language == "en"
    assert len(queries) == 0
