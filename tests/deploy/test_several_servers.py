"""Several servers: two gunicorn app servers behind one nginx, against one PostgreSQL and one
Redis, as the README's "Several servers" sets them up. Nothing one server needs lives in
another's memory: pledges racing across both never over-pledge, and what changes through one
(a pledge, a page published in the admin) is fresh on the other at once."""

import re
import threading
import time
import urllib.parse
from types import SimpleNamespace

from django.db import connection
from django.test import Client
from django.utils.crypto import get_random_string

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from campaigns.models import NeedTally, Pledge
from campaigns.templatetags.campaigns_tags import progress_words
from home.models import StandardPage
from tests.deploy import servers
from tests.forms import pledge_fields

pytestmark = [servers.needs_nginx, servers.needs_redis, pytest.mark.slow_server]

DONORS = 24
ITEMS = 5
FORM_SECONDS = 1  # the servers' HUMAN_FORM_MIN_SECONDS: a form sent sooner is refused as a bot's
SESSION_COOKIE = "__Host-sessionid"  # SESSION_COOKIE_NAME of the production settings


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("several servers share one PostgreSQL: run with DATABASE_URL=postgres://...")


@pytest.fixture
def two_servers(postgresql, tmp_path, database_cache_table, collected_static):
    redis = servers.start_redis(tmp_path)
    https_port, http_port = servers.free_port(), servers.free_port()
    origin = f"https://127.0.0.1:{https_port}"
    env = servers.production_env(
        REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
        STATIC_ROOT=collected_static,
        MEDIA_ROOT=tmp_path / "media",
        CSRF_TRUSTED_ORIGINS=origin,
        TRUSTED_PROXY_COUNT="1",
        GUNICORN_THREADS="4",
        HUMAN_FORM_MIN_SECONDS=str(FORM_SECONDS),
    )
    apps = [servers.start_gunicorn(tmp_path, env, name=name) for name in ("app-a", "app-b")]
    web = servers.start_nginx(
        tmp_path / "nginx",
        upstream_port=[app.port for app in apps],
        http_port=http_port,
        https_port=https_port,
        static_root=collected_static,
        media_root=tmp_path / "media",
    )
    yield SimpleNamespace(url=origin, a=apps[0], b=apps[1], web=web)
    web.stop()
    for app in apps:
        app.stop()
    redis.stop()


def direct(app):
    return f"http://127.0.0.1:{app.port}"


def csrf_cookie(response):
    cookies = "; ".join(response.headers.get_all("Set-Cookie") or [])
    return re.search(r"((?:__Host-)?csrftoken=[^;]+)", cookies).group(1)


def form_of(response):
    """The CSRF cookie and the pledge form's hidden values a browser gets with the campaign page."""
    cookie = csrf_cookie(response)
    values = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', response.text))
    return cookie, values


def pledge_body(values, need, email, quantity=1):
    """The pledge form as the campaign page gave it (its CSRF token and the moment it was shown)."""
    hidden = {name: values[name] for name in ("csrfmiddlewaretoken", "form_shown")}
    return urllib.parse.urlencode({**pledge_fields({}, email=email, **{need: str(quantity)}), **hidden}).encode()


def progress(tallies, pledged):
    return progress_words(sum(tally.needed for tally in tallies), pledged, 0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pledges_racing_across_two_servers_never_over_pledge(two_servers, campaign):
    tally = NeedTally.objects.filter(campaign=campaign).order_by("sort_order").first()
    NeedTally.objects.filter(pk=tally.pk).update(needed=ITEMS)
    need = f"need_{tally.pk}"
    page = servers.fetch(f"{two_servers.url}{campaign.url}")
    assert page.status == 200, two_servers.a.output()
    cookie, values = form_of(page)
    headers = {"Cookie": cookie, "Origin": two_servers.url, "Content-Type": "application/x-www-form-urlencoded"}
    time.sleep(FORM_SECONDS + 0.1)  # as long as a person takes at least

    start = threading.Barrier(DONORS)
    statuses, refusals, lock = [], [], threading.Lock()

    cookie_name = cookie.split("=", 1)[0]

    def donor(number):
        # Each donor a browser of their own: a CSRF secret of their own, which is also a valid token.
        secret = get_random_string(32)
        body = pledge_body({**values, "csrfmiddlewaretoken": secret}, need, f"donor-{number}@example.org")
        start.wait()
        answer = servers.fetch(
            f"{two_servers.url}{campaign.url}", data=body, headers={**headers, "Cookie": f"{cookie_name}={secret}"}
        )
        with lock:
            statuses.append(answer.status)
            if answer.status != 302:
                refusals.append(re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', answer.text)[:3])

    threads = [threading.Thread(target=donor, args=(number,)) for number in range(DONORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses.count(302) == ITEMS, (statuses, refusals[:3])
    assert not [status for status in statuses if status >= 500]
    tally.refresh_from_db()
    assert tally.pledged == ITEMS
    assert Pledge.objects.count() == ITEMS
    # Both servers took a share of the donors (nginx sends them in turn).
    for app in (two_servers.a, two_servers.b):
        assert f"POST {campaign.url}" in app.output()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_what_changes_through_one_server_is_fresh_on_the_other(two_servers, campaign, tallies, home_page, editor):
    a, b = direct(two_servers.a), direct(two_servers.b)
    for _ in range(3):  # cached on server B
        shown = servers.fetch(f"{b}{campaign.url}")
    assert shown.headers["X-Page-Cache"] == "hit"
    assert progress(tallies, 0) in shown.text

    # A pledge through server A: server B shows the new figures at once.
    page = servers.fetch(f"{a}{campaign.url}")
    cookie, values = form_of(page)
    time.sleep(FORM_SECONDS + 0.1)
    body = pledge_body(values, f"need_{tallies[0].pk}", "anna@example.org", quantity=2)
    posted = servers.fetch(
        f"{a}{campaign.url}",
        data=body,
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert posted.status == 302, posted.text[:2000]
    assert progress(tallies, 2) in servers.fetch(f"{b}{campaign.url}").text

    # A page published in the admin of server A: server B shows it at once.
    page = StandardPage(title="Par centru", slug="par-centru", introduction="Pirmais teksts.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    for _ in range(3):
        before = servers.fetch(f"{b}/par-centru/")
    assert before.headers["X-Page-Cache"] == "hit"
    assert "Pirmais teksts." in before.text

    signed_in = Client()
    signed_in.force_login(editor)  # a session in the shared database: valid on every server
    session = {"Cookie": f"{SESSION_COOKIE}={signed_in.session.session_key}"}
    edit = servers.fetch(f"{a}/admin/pages/{page.pk}/edit/", headers=session)
    assert edit.status == 200, edit.text[:2000]
    admin_csrf = csrf_cookie(edit)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', edit.text).group(1)
    form = nested_form_data(
        {
            "title": "Par centru",
            "slug": "par-centru",
            "introduction": "Otrais teksts.",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    published = servers.fetch(
        f"{a}/admin/pages/{page.pk}/edit/",
        data=urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token}).encode(),
        headers={
            "Cookie": f"{session['Cookie']}; {admin_csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert published.status == 302, published.text[:3000]
    after = servers.fetch(f"{b}/par-centru/")
    assert "Otrais teksts." in after.text
    assert after.headers["X-Page-Cache"] == "miss"
