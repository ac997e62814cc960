"""Sessions read from the cache, kept in the database (``SESSION_ENGINE`` with Redis, and in tests).

Django's ``cached_db``, with one change: the cache keeps its copy of a session at most
``CACHE_SECONDS``. Signing out deletes the session from the database and then from the cache;
when Redis does not answer at that moment, ``ops.cache`` drops the delete rather than fail, and
Django's copy would be served until the session's own end (two weeks for donors). Here it is
gone within minutes, after which the database, which no longer has the session, decides.
"""

from typing import Any

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

CACHE_SECONDS = 5 * 60


class ShortLivedCache:
    """The session cache, with every entry's lifetime capped at ``CACHE_SECONDS``."""

    def __init__(self, cache: BaseCache) -> None:
        self._cache = cache

    @staticmethod
    def _capped(timeout: Any) -> float:
        if timeout is DEFAULT_TIMEOUT or timeout is None:
            return CACHE_SECONDS
        return min(timeout, CACHE_SECONDS)

    def set(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._cache.set(key, value, self._capped(timeout), version)

    async def aset(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        await self._cache.aset(key, value, self._capped(timeout), version)

    def __contains__(self, key: str) -> bool:
        return key in self._cache

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cache, name)


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        self._cache: Any = ShortLivedCache(caches[settings.SESSION_CACHE_ALIAS])
