"""The nginx site in deploy/ in front of gunicorn with the production settings."""

import re
import urllib.parse
from types import SimpleNamespace

from django.conf import settings

import pytest

from campaigns.models import Pledge
from portal.middleware import permissions_policy
from tests.deploy import servers

pytestmark = servers.needs_nginx


def test_the_site_passes_nginx_t(tmp_path):
    servers.nginx_config(
        tmp_path, upstream_port=8000, http_port=8080, https_port=8443, static_root=tmp_path, media_root=tmp_path
    )
    check = servers.subprocess.run(
        [servers.NGINX, "-t", "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    assert "syntax is ok" in check.stderr


@pytest.fixture
def site(tmp_path, campaign, database_cache_table, collected_static):
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "plan.pdf").write_bytes(b"%PDF-1.4 private")
    https_port, http_port = servers.free_port(), servers.free_port()
    origin = f"https://127.0.0.1:{https_port}"
    env = servers.production_env(
        STATIC_ROOT=collected_static,
        MEDIA_ROOT=media,
        CSRF_TRUSTED_ORIGINS=origin,  # a site on a port other than 443
        TRUSTED_PROXY_COUNT="1",  # nginx in front: the visitor's address is its X-Forwarded-For entry
    )
    app = servers.start_gunicorn(tmp_path, env)
    web = servers.start_nginx(
        tmp_path / "nginx",
        upstream_port=app.port,
        http_port=http_port,
        https_port=https_port,
        static_root=collected_static,
        media_root=media,
    )
    yield SimpleNamespace(
        url=origin, http_url=f"http://127.0.0.1:{http_port}", app=app, web=web, folder=tmp_path / "nginx"
    )
    web.stop()
    app.stop()


def cache_status(response):
    return response.headers.get("X-Cache-Status")


@pytest.mark.slow_server
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_static_files_and_the_microcache(site, campaign, collected_static):
    home = servers.fetch(f"{site.url}/")
    assert home.status == 200, site.app.output()
    assert "<html" in home.text
    assert cache_status(home) == "MISS"
    again = servers.fetch(f"{site.url}/")
    assert cache_status(again) == "HIT"  # an anonymous page is kept a few seconds
    for cookie in ("sessionid=abc", "__Host-sessionid=abc", "a=1; __Host-sessionid=abc"):
        assert servers.fetch(f"{site.url}/", headers={"Cookie": cookie}).headers["X-Cache-Status"] == "BYPASS"

    # Plain http goes to https.
    plain = servers.fetch(f"{site.http_url}/jaunumi/?a=1")
    assert plain.status == 301
    assert plain.headers["Location"] == "https://127.0.0.1/jaunumi/?a=1"

    # A static file straight from the collected folder, by its hashed name, compressed.
    hashed = re.search(r'href="(/static/css/base\.[0-9a-f]{12}\.css)"', home.text).group(1)
    css = servers.fetch(f"{site.url}{hashed}", headers={"Accept-Encoding": "gzip"})
    assert css.status == 200
    assert css.headers["Content-Encoding"] == "gzip"
    assert "immutable" in css.headers["Cache-Control"]
    assert css.headers.get("Server") == "nginx"
    collected = collected_static / hashed.removeprefix("/static/")
    assert servers.fetch(f"{site.url}{hashed}").body == collected.read_bytes()
    # Files nginx serves itself carry the headers Django gives its own (portal/middleware.py).
    for static in (css, servers.fetch(f"{site.url}/static/css/base.css")):
        assert static.headers["Content-Security-Policy"] == settings.FALLBACK_CONTENT_SECURITY_POLICY
        assert static.headers["Permissions-Policy"] == permissions_policy(settings.PERMISSIONS_POLICY)
        assert static.headers["Cross-Origin-Resource-Policy"] == "same-origin"
        assert static.headers["X-Content-Type-Options"] == "nosniff"
        assert static.headers["X-Frame-Options"] == "DENY"
        assert static.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    # Proxied pages carry Django's headers once, not nginx's as well.
    assert home.headers.get_all("Permissions-Policy") == [permissions_policy(settings.PERMISSIONS_POLICY)]

    # Documents only through Django, which checks privacy first.
    assert servers.fetch(f"{site.url}/media/documents/plan.pdf").status == 404

    health = servers.fetch(f"{site.url}/health/?format=json")
    assert health.status == 200
    assert cache_status(health) == "BYPASS"


@pytest.mark.slow_server
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_pledge_is_never_cached_and_its_private_link_never_logged(site, campaign, pledge_form):
    page = servers.fetch(f"{site.url}{campaign.url}")
    assert page.status == 200
    cookie = re.search(r"((?:__Host-)?csrftoken=[^;]+)", page.headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    headers = {
        "Cookie": cookie,
        "Origin": site.url,
        "Content-Type": "application/x-www-form-urlencoded",
    }

    locations = []
    for _ in range(2):  # the same items twice (the second confirmed as meant): two pledges, neither from the cache
        body = urllib.parse.urlencode({**pledge_form({0: 1}, repeat="1"), "csrfmiddlewaretoken": token}).encode()
        posted = servers.fetch(f"{site.url}{campaign.url}", data=body, headers=headers)
        assert posted.status == 302, posted.text[:2000]
        assert cache_status(posted) != "HIT"  # nginx leaves POST out of its cache altogether
        locations.append(posted.headers["Location"])
    assert Pledge.objects.count() == 2
    assert locations[0] != locations[1]

    pledge = Pledge.objects.order_by("pk").first()
    private = pledge.get_private_url()
    secret = private.rstrip("/").rsplit("/", 1)[-1]
    for _ in range(2):
        shown = servers.fetch(f"{site.url}{private}", headers={"Referer": f"{site.url}{private}"})
        assert shown.status == 200
        assert pledge.reference in shown.text
        assert cache_status(shown) == "BYPASS", (private, dict(shown.headers))

    site.web.stop()
    site.app.stop()
    nginx_log = servers.read(site.folder / "portal.access.log")
    gunicorn_log = site.app.output()
    assert "/campaigns/pledge/***/" in nginx_log
    assert "/campaigns/pledge/***/" in gunicorn_log
    assert secret not in nginx_log
    assert secret not in gunicorn_log


@pytest.mark.slow_server
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_microcache_keeps_public_pages_and_never_a_visitors_form(site, campaign):
    home = [servers.fetch(f"{site.url}/") for _ in range(2)]
    assert home[0].headers["Cache-Control"] == "public, max-age=5, s-maxage=5"
    assert cache_status(home[1]) == "HIT"

    # The campaign page carries each visitor's own CSRF token and form values: never from nginx's cache.
    pages = [servers.fetch(f"{site.url}{campaign.url}") for _ in range(3)]
    assert [cache_status(page) for page in pages] == ["MISS", "MISS", "MISS"]
    assert all(page.headers["Cache-Control"] == "private, no-cache" for page in pages)
    tokens = {re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1) for page in pages}
    assert len(tokens) == 3
    assert pages[-1].headers["X-Page-Cache"] == "hit"  # Django's own cache answered it, with fresh values
