"""A Redis cache that the site can live without, and rate-limit counters without Redis.

Django's own ``RedisCache``, except that when Redis does not answer, reads miss
and writes are dropped instead of raising: pages are then rendered uncached and
pledges still go through (the database holds every rule that matters). After a
failure the process leaves Redis alone for ``RETRY_AFTER`` seconds, so an outage
costs one refused connection per process, not one per cache call.
"""

import datetime
import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0  # seconds without trying Redis after it failed
SOCKET_TIMEOUT = 0.5  # seconds: a cache that answers slower than this is no help


class ReusedRedisClient(RedisCacheClient):
    """Django's Redis client, with one ``redis.Redis`` per connection pool instead of a new one for
    every cache call: redis-py builds its command callbacks and event dispatcher in each, which cost
    more CPU than the call itself (a pledge made some 25 of them). A ``redis.Redis`` is safe to share;
    Django keeps a cache object, and so this client, per thread anyway."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # Django's own, not in the stubs
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client

    # Django's incr asks EXISTS and then INCRBY: two round trips for every rate-limit count and every new
    # page-cache generation. In Redis both run as one (a missing key is still Django's ValueError).
    INCR_IF_THERE = "if redis.call('exists', KEYS[1]) == 1 then return redis.call('incrby', KEYS[1], ARGV[1]) end"

    def incr(self, key, delta):
        value = self.get_client(key, write=True).eval(self.INCR_IF_THERE, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {})}}
        params["OPTIONS"].setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        params["OPTIONS"].setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, params)
        self._class = ReusedRedisClient
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
            return bool(self._cache.get_client(write=True).ping())  # type: ignore[attr-defined]
        except RedisError:
            return False


class RenditionsRead:
    """For the renditions' cache: Wagtail writes back every rendition it found here (``Image.get_renditions``
    skips only those marked ``_from_cache``, which it marks when they were prefetched, not when they
    came from this cache), so every view of a picture rewrote its renditions. Mark them as read.
    Fixed upstream by wagtail/wagtail PR 14541 (commit c1c39fe), which no release up to 8.0.1 has;
    this class goes when the project's Wagtail does."""

    def get_many(self, keys, version=None):
        found = super().get_many(keys, version=version)  # type: ignore[misc]
        for rendition in found.values():
            rendition._from_cache = True
        return found


class RenditionRedisCache(RenditionsRead, ResilientRedisCache):
    pass


class RenditionLocMemCache(RenditionsRead, LocMemCache):
    pass


FOR_EVER = datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC)
CULL_EVERY = 60.0  # seconds: how often a process deletes the counters of windows that have ended


class DatabaseCounterCache(BaseCache):
    """Rate-limit counters in the database, for a site without Redis (``LOCATION``: the database alias).

    django-ratelimit counts with ``add`` (a new window starts) and ``incr``. Django's database
    cache would lose counts and is refused by django-ratelimit's own check: its ``incr`` reads
    the value and writes it back, so two requests at the same moment both write 5 where 6 was
    due, and when full it culls entries, counters included. Here each counter is a row of
    ``ops.RateCounter`` in a table nothing else uses: ``add`` is one statement (insert, or take
    over a row whose window has ended), ``incr`` adds in the database (``value = value + 1``; the
    row stays locked until the transaction ends, so the value read back is this request's own).
    It holds whole numbers only.
    """

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        self._db = location or DEFAULT_DB_ALIAS
        self._next_cull = 0.0

    @property
    def _rows(self) -> QuerySet[Any]:
        from ops.models import RateCounter

        return RateCounter.objects.using(self._db)

    def _expires(self, timeout: Any) -> datetime.datetime:
        at = self.get_backend_timeout(timeout)
        return FOR_EVER if at is None else datetime.datetime.fromtimestamp(at, tz=datetime.UTC)

    @staticmethod
    def _counter(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{DatabaseCounterCache.__name__} keeps whole numbers only, not {value!r}")
        return value

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        value = self._counter(value)
        connection = connections[self._db]
        table = connection.ops.quote_name(self._rows.model._meta.db_table)
        adapt = connection.ops.adapt_datetimefield_value
        # PostgreSQL and SQLite alike: a row whose window has ended is taken over, a live one left alone.
        sql = (
            f'INSERT INTO {table} ("key", "value", "expires") VALUES (%s, %s, %s) '  # noqa: S608 - names are ours
            f'ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "expires" = excluded."expires" '
            f'WHERE {table}."expires" <= %s'
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, value, adapt(self._expires(timeout)), adapt(timezone.now())])
            added = cursor.rowcount == 1
        if added:
            self._cull()
        return added

    def _cull(self) -> None:
        """Counters of windows that have ended are deleted now and then (no job needed)."""
        if time.monotonic() < self._next_cull:
            return
        self._next_cull = time.monotonic() + CULL_EVERY
        try:
            with transaction.atomic(using=self._db):
                self._rows.filter(expires__lte=timezone.now()).delete()
        except DatabaseError:
            logger.info("Rate-limit counters not culled this time.", exc_info=True)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        value = self._rows.filter(key=key, expires__gt=timezone.now()).values_list("value", flat=True).first()
        return default if value is None else value

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        defaults = {"value": self._counter(value), "expires": self._expires(timeout)}
        self._rows.update_or_create(key=key, defaults=defaults)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._rows.filter(key=key, expires__gt=timezone.now()).update(expires=self._expires(timeout)))

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        with transaction.atomic(using=self._db):
            if not self._rows.filter(key=key, expires__gt=timezone.now()).update(value=F("value") + delta):
                raise ValueError(f"Key '{key}' not found.")
            return self._rows.filter(key=key).values_list("value", flat=True).get()

    def delete(self, key: Any, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        deleted, _per_model = self._rows.filter(key=key).delete()
        return bool(deleted)

    def clear(self) -> None:
        self._rows.delete()
