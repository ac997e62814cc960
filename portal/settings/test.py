"""Tests: fast hashing, in-memory cache and mail, tasks run immediately."""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # As in production without Redis: counters in the test database, rolled back after each test.
    "ratelimit": {"BACKEND": "ops.cache.DatabaseCounterCache", "LOCATION": "default"},
    # Fragments ({% cache %}: the news lists) apart, so that query budgets can measure their render
    # (tests/queries.py empties it before the counted request); production keeps them in "default".
    "template_fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"},
}
# As in production with Redis: sessions read from the cache (locmem here), written to the database too.
SESSION_ENGINE = "accounts.session_store"
# Query budgets count what a page costs uncached; tests of the page cache turn it on (tests/caching).
PAGE_CACHE_ENABLED = False
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
MEDIA_ROOT = BASE_DIR / ".test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
PORTAL_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # browser tests add security keys on http://localhost

# SQLite: a test database file that `pytest --reuse-db` (the default in pyproject) keeps between
# local runs; CI starts from a clean clone, so it is created there. Migrations are applied either way.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405
    # Nothing here must survive a power cut: skip the disk syncs that make a file database slow.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (  # noqa: F405
        "PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY;"
    )
