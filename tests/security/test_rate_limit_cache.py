"""Rate-limit counters live in a cache of their own whose increments are atomic (issue 10):
Redis when REDIS_URL is set, else a table of counters the database adds to. django-ratelimit is
an installed app, so its system check runs, and passes with the test and production settings."""

import datetime
import subprocess
import sys
import threading
import uuid

from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connections
from django.test import Client, RequestFactory
from django.utils import timezone

import pytest
import redis as redis_client
from django_ratelimit.core import get_usage

from ops.models import RateCounter
from tests.campaigns.conftest import campaign, campaign_index, tallies  # noqa: F401
from tests.deploy import servers
from tests.forms import pledge_fields

THREADS = 8
EACH = 25  # increments per thread


# The check


def test_django_ratelimit_is_installed_and_its_check_passes(settings):
    assert "django_ratelimit" in settings.INSTALLED_APPS
    assert settings.RATELIMIT_USE_CACHE == "ratelimit"
    call_command("check", "--fail-level", "WARNING")


@pytest.mark.parametrize(
    "backend",
    ["django.core.cache.backends.db.DatabaseCache", "django.core.cache.backends.locmem.LocMemCache"],
)
def test_its_check_refuses_a_cache_that_cannot_count(settings, backend):
    """Django's database cache increments by reading and writing back; local memory is not shared."""
    settings.CACHES = {**settings.CACHES, "ratelimit": {"BACKEND": backend, "LOCATION": "portal_cache"}}
    with pytest.raises(SystemCheckError, match="django_ratelimit.E003"):
        call_command("check")


@pytest.mark.parametrize("redis", [False, True], ids=["without Redis", "with REDIS_URL"])
def test_production_settings_pass_the_deployment_check(redis):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "check-test-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "portal.example.org",
    }
    if redis:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/13"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=servers.REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_rate_from_the_environment_that_cannot_be_read_fails_the_check(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pledge_per_ip": "plenty"}
    with pytest.raises(SystemCheckError, match="home.E001"):
        call_command("check")


# The counter table (no Redis)


@pytest.mark.django_db
def test_the_counter_table_behaves_as_django_ratelimit_expects():
    cache = caches["ratelimit"]
    assert cache.add("window", 1, 60) is True
    assert cache.add("window", 1, 60) is False  # a second request in the same window counts on
    assert cache.incr("window") == 2
    assert cache.incr("window", 5) == 7
    assert cache.get("window") == 7
    assert cache.get("never", 0) == 0
    with pytest.raises(ValueError):
        cache.incr("never")
    # A window that has ended is started again by the next add, from its value.
    RateCounter.objects.update(expires=timezone.now() - datetime.timedelta(seconds=1))
    assert cache.get("window") is None
    with pytest.raises(ValueError):
        cache.incr("window")
    assert cache.add("window", 1, 60) is True
    assert cache.get("window") == 1
    cache.set("other", 3)
    assert cache.touch("other", 60) is True
    assert cache.delete("other") is True
    assert cache.get("other") is None
    with pytest.raises(TypeError):
        cache.add("text", "not a number")
    cache.clear()
    assert not RateCounter.objects.exists()


@pytest.mark.django_db
def test_ended_windows_are_culled(monkeypatch):
    cache = caches["ratelimit"]
    RateCounter.objects.create(key="old", value=4, expires=timezone.now() - datetime.timedelta(hours=2))
    monkeypatch.setattr(cache, "_next_cull", 0.0)
    cache.add("new", 1, 60)
    assert list(RateCounter.objects.values_list("value", flat=True)) == [1]


def count_at_once(request_factory, *, key):
    """THREADS requests count EACH times each, all at the same moment; the counts they were told."""
    start = threading.Barrier(THREADS)
    seen, lock = [], threading.Lock()

    def requester():
        try:
            start.wait()
            for _ in range(EACH):
                request = request_factory.post("/", REMOTE_ADDR="192.0.2.1")
                usage = get_usage(request, group="test.atomic", key=lambda _g, _r: key, rate="1000/h", increment=True)
                with lock:
                    seen.append(usage["count"])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=requester) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return seen


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_counter_table_counts_every_request_when_many_count_at_once():
    """Each of 200 increments is told a count of its own: none was lost to another at the same moment
    (PostgreSQL: row locks; SQLite: one writer at a time)."""
    seen = count_at_once(RequestFactory(), key=uuid.uuid4().hex)
    assert sorted(seen) == list(range(1, THREADS * EACH + 1))


def pledge_form(tallies, need, quantity):  # noqa: F811
    return pledge_fields({tallies[need].pk: quantity})  # other items each time: not the same pledge again


# Redis (REDIS_URL): the one on 127.0.0.1:6379 that these machines and CI run, database 13


@pytest.fixture
def redis_counters(settings, redis_url):
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {"BACKEND": "ops.cache.ResilientRedisCache", "LOCATION": redis_url, "KEY_PREFIX": "ratelimit"},
    }
    return redis_client.Redis.from_url(redis_url)


def test_redis_counts_every_request_when_many_count_at_once(redis_counters):
    seen = count_at_once(RequestFactory(), key=uuid.uuid4().hex)
    assert sorted(seen) == list(range(1, THREADS * EACH + 1))
    [key] = redis_counters.keys("ratelimit:*")
    assert 0 < redis_counters.ttl(key) <= 60 * 60 + 5  # the window's hour and django-ratelimit's fudge


@pytest.mark.django_db
def test_the_pledge_limits_count_in_redis(redis_counters, client, campaign, tallies):  # noqa: F811
    """The whole way through, on the Redis that production uses: five pledges an hour per e-mail address."""
    for number, (need, quantity) in enumerate([(0, 1), (0, 2), (0, 3), (1, 1), (1, 2)]):
        data = pledge_form(tallies, need, quantity)
        assert Client().post(campaign.url, data, REMOTE_ADDR=f"192.0.2.{number}").status_code == 302
    assert Client().post(campaign.url, pledge_form(tallies, 2, 1), REMOTE_ADDR="192.0.2.9").status_code == 429
    assert not RateCounter.objects.exists()  # nothing counted in the database table
    counters = [int(redis_counters.get(key)) for key in redis_counters.keys("ratelimit:*")]
    assert sorted(counters)[-1] == 5  # the e-mail address's counter: the five pledges made
