"""Staff sessions end after a while without a request and after a working day in any case;
donors keep theirs for two weeks (issue 10). The cookie is a __Host- cookie in production."""

import json
import os
import subprocess
import sys
import time

from django.conf import settings

import pytest

from accounts import sessions

pytestmark = pytest.mark.django_db

MINUTE = 60


def backdate(client, key, seconds):
    session = client.session
    session[key] = time.time() - seconds
    session.save()


def test_an_idle_staff_session_is_signed_out_at_the_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    backdate(client, sessions.LAST_SEEN, settings.STAFF_SESSION_IDLE_TIMEOUT + MINUTE)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/pages/")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Jūsu sesija tika beigta pēc 30 minūtēm bez darbībām." in page


def test_a_staff_session_at_work_goes_on(client, editor):
    client.force_login(editor)
    backdate(client, sessions.LAST_SEEN, settings.STAFF_SESSION_IDLE_TIMEOUT - MINUTE)
    assert client.get("/admin/").status_code == 200
    backdate(client, sessions.LAST_SEEN, settings.STAFF_SESSION_IDLE_TIMEOUT - MINUTE)
    assert client.get("/admin/").status_code == 200


def test_a_staff_session_ends_after_its_lifetime_even_when_busy(client, coordinator):
    client.force_login(coordinator)
    backdate(client, sessions.SIGNED_IN_AT, settings.STAFF_SESSION_MAX_AGE + MINUTE)
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert "ne vairāk kā 10 stundas" in client.get(response["Location"]).content.decode()


def test_staff_cookie_expires_with_the_idle_timeout_and_donors_keep_two_weeks(client, editor, visitor_user):
    client.force_login(editor)
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_IDLE_TIMEOUT
    client.logout()
    client.force_login(visitor_user)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 14 * 24 * 60 * MINUTE


def test_an_idle_donor_stays_signed_in(client, visitor_user):
    client.force_login(visitor_user)
    backdate(client, sessions.LAST_SEEN, 6 * 60 * MINUTE)
    backdate(client, sessions.SIGNED_IN_AT, 3 * 24 * 60 * MINUTE)
    assert client.get("/accounts/email/").status_code == 200
    assert client.session["_auth_user_id"] == str(visitor_user.pk)


def test_an_open_editor_that_only_pings_does_not_keep_the_session_alive(client, editor, home_page):
    from wagtail.admin.models import EditingSession

    client.force_login(editor)
    editing = EditingSession.objects.create(
        user=editor, content_object=home_page.page_ptr, last_seen_at="2026-01-01T00:00:00Z"
    )
    ping = f"/admin/editing-sessions/ping/wagtailcore/page/{home_page.pk}/{editing.pk}/"
    backdate(client, sessions.LAST_SEEN, 5 * MINUTE)
    client.post(ping)
    assert time.time() - client.session[sessions.LAST_SEEN] > 4 * MINUTE
    client.post(ping, {"is_editing": "1"})  # unsaved changes: someone is typing
    assert time.time() - client.session[sessions.LAST_SEEN] < MINUTE


def production_settings(*names):
    """Values from portal.settings.production, read in a fresh interpreter with a secret set."""
    code = "import json; from django.conf import settings as s; print(json.dumps({n: getattr(s, n) for n in %r}))"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "portal.example.org",
    }
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code % (names,)], env=environment, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)


def test_production_cookies_carry_the_host_prefix():
    values = production_settings(
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_PATH",
        "CSRF_COOKIE_PATH",
        "SESSION_COOKIE_DOMAIN",
        "CSRF_COOKIE_DOMAIN",
    )
    assert values["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert values["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_PATH"] == values["CSRF_COOKIE_PATH"] == "/"
    assert values["SESSION_COOKIE_DOMAIN"] is None and values["CSRF_COOKIE_DOMAIN"] is None


def test_a_host_prefixed_session_cookie_is_secure_for_the_whole_site_and_no_domain(client, visitor_user, settings):
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.SESSION_COOKIE_SECURE = True
    response = client.post(
        "/accounts/login/", {"login": visitor_user.email, "password": "correct horse battery staple"}, secure=True
    )
    cookie = response.cookies["__Host-sessionid"]
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["path"] == "/"
    assert not cookie["domain"]
    assert cookie["samesite"] == "Lax"


def test_the_admins_presence_ping_moves_the_idle_clock_on_and_never_revives_an_ended_session(client, coordinator):
    """What the admin's script asks while a coordinator types a long note (accounts/js/admin-forms.js)."""
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200
    backdate(client, sessions.LAST_SEEN, settings.STAFF_SESSION_IDLE_TIMEOUT - MINUTE)
    response = client.get("/admin/presence/")
    assert response.status_code == 204
    assert "no-store" in response["Cache-Control"]
    assert time.time() - client.session[sessions.LAST_SEEN] < MINUTE  # half an hour from now again
    backdate(client, sessions.LAST_SEEN, settings.STAFF_SESSION_IDLE_TIMEOUT + MINUTE)
    assert client.get("/admin/presence/").status_code == 302  # to the sign-in page
    assert "_auth_user_id" not in client.session
