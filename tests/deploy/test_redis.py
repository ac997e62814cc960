"""Redis as the cache (REDIS_URL), and the site without it: a Redis of the test's own is stopped mid-run."""

import time

from django.core.cache import caches

import pytest
import redis as redis_client

from campaigns.models import Pledge
from ops import cache as resilient
from tests.deploy import servers

pytestmark = pytest.mark.django_db


def redis_caches(url):
    return {
        "default": {"BACKEND": "ops.cache.ResilientRedisCache", "LOCATION": url, "KEY_PREFIX": "portal"},
        "renditions": {"BACKEND": "ops.cache.ResilientRedisCache", "LOCATION": url, "KEY_PREFIX": "renditions"},
        "ratelimit": {"BACKEND": "ops.cache.ResilientRedisCache", "LOCATION": url, "KEY_PREFIX": "ratelimit"},
    }


def test_the_cache_misses_instead_of_failing_when_nothing_answers(settings):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{servers.free_port()}/5")
    cache = caches["default"]
    started = time.monotonic()
    assert cache.get("key", "fallback") == "fallback"
    cache.set("key", "value")
    assert cache.add("key", "value") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.get_or_set("computed", lambda: 42) == 42
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert not cache.is_available()
    assert time.monotonic() - started < 1


@servers.needs_redis
@pytest.mark.slow_server
def test_pages_and_pledges_go_on_when_redis_goes_away(tmp_path, settings, client, campaign, pledge_form, monkeypatch):
    monkeypatch.setattr(resilient, "RETRY_AFTER", 0.2)
    redis = servers.start_redis(tmp_path)
    try:
        settings.CACHES = redis_caches(f"redis://127.0.0.1:{redis.port}/5")
        cache = caches["default"]
        assert client.get(campaign.url).status_code == 200
        assert client.post(campaign.url, pledge_form({0: 1})).status_code == 302
        assert cache.is_available()
        keys = redis_client.Redis(port=redis.port, db=5).keys("ratelimit:*")
        assert any(b":rl:" in key for key in keys), keys  # the pledge rate limits count in Redis
        cache.set("page", "cached")
        assert cache.get("page") == "cached"
        ttl = redis_client.Redis(port=redis.port, db=5).ttl("portal:1:page")
        assert 0 < ttl <= 300  # Django's default timeout, not "for ever"

        redis.stop()  # mid-run: every cache call from here on meets a closed port

        started = time.monotonic()
        assert client.get("/").status_code == 200
        assert client.get(campaign.url).status_code == 200
        response = client.post(campaign.url, pledge_form({0: 2}))
        assert response.status_code == 302
        assert response["Location"].startswith("/campaigns/pledge/")
        assert time.monotonic() - started < 10
        assert cache.get("page") is None  # uncached, not broken
        assert Pledge.objects.count() == 2
        health = client.get("/health/?format=json")
        assert health.status_code == 200
    finally:
        redis.stop()


@servers.needs_redis
def test_a_count_is_one_round_trip_and_a_missing_one_still_refused(tmp_path, settings, monkeypatch):
    """Django's incr asks whether the key is there and then adds: the cache asks Redis once, and a key
    that is not there is Django's ValueError, as before."""
    redis = servers.start_redis(tmp_path)
    try:
        settings.CACHES = redis_caches(f"redis://127.0.0.1:{redis.port}/5")
        cache = caches["ratelimit"]
        client = cache._cache.get_client(write=True)
        calls = []
        real = client.execute_command
        monkeypatch.setattr(client, "execute_command", lambda *args, **kw: calls.append(args[0]) or real(*args, **kw))
        with pytest.raises(ValueError):
            cache.incr("counter")
        assert cache.get("counter") is None  # nothing was made
        cache.set("counter", 3)
        calls.clear()
        assert cache.incr("counter", 2) == 5
        assert calls == ["EVAL"]
        assert cache.get("counter") == 5
    finally:
        redis.stop()
