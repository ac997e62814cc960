"""The Redis cache's client: one per connection pool for the life of the process (``ops.cache``), not
one per cache call (issue 12: with redis-py 8, making a client cost more CPU than the call)."""

import threading

from ops.cache import ResilientRedisCache


def test_every_call_of_a_cache_uses_the_same_client_per_pool():
    cache = ResilientRedisCache("redis://127.0.0.1:1/11", {})  # never connected: making a client does not connect
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client("some-key") is client  # one server: reads and writes share its pool


def test_each_thread_has_its_own_cache_object_and_so_its_own_client(settings):
    from django.core.cache import caches

    settings.CACHES = {"default": {"BACKEND": "ops.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/11"}}
    clients = []

    def ask():
        clients.append(caches["default"]._cache.get_client(write=True))

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert clients[0] is not clients[1]
