"""A Redis cache that the site can live without.

Django's own ``RedisCache``, except that when Redis does not answer, reads miss
and writes are dropped instead of raising: pages are then rendered uncached and
pledges still go through (the database holds every rule that matters). After a
failure the process leaves Redis alone for ``RETRY_AFTER`` seconds, so an outage
costs one refused connection per process, not one per cache call.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0  # seconds without trying Redis after it failed
SOCKET_TIMEOUT = 0.5  # seconds: a cache that answers slower than this is no help


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {})}}
        params["OPTIONS"].setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        params["OPTIONS"].setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, params)
        self._down_until = 0.0

    def _call(self, method, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback()
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except RedisError as error:
            if not self._down_until:
                logger.warning("Redis cache unavailable, serving uncached for now: %s", error)
            self._down_until = time.monotonic() + RETRY_AFTER
            return fallback()
        if self._down_until:
            logger.warning("Redis cache is back.")
            self._down_until = 0.0
        return result

    def _no_counter(self):
        # What Django's incr/decr raise for a key that is not there; callers already expect it.
        raise ValueError("Redis cache unavailable")

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", self._no_counter, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def clear(self):
        return self._call("clear", lambda: False)

    def is_available(self):
        """True when Redis answers now (for the health check), whatever the back-off says."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except RedisError:
            return False
