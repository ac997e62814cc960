"""Production settings: persistent connections, the caches, media storage; renditions never in the database cache."""

import json
import subprocess
import sys

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.deploy.servers import REPO
from tests.home.conftest import make_news, news_index  # noqa: F401

PRINT_SETTINGS = """
import json
from portal.settings import production as s
print(json.dumps({
    "database": {
        k: s.DATABASES["default"].get(k) for k in ("ENGINE", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "OPTIONS")
    },
    "caches": {alias: c["BACKEND"] for alias, c in s.CACHES.items()},
    "cache_options": s.CACHES["default"].get("OPTIONS", {}),
    "sessions": s.SESSION_ENGINE,
    "media": s.STORAGES["default"],
    "static": s.STORAGES["staticfiles"]["BACKEND"],
}, default=str))
"""


def production_settings(**env):
    environment = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "settings-test-not-a-secret", **env}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT_SETTINGS], cwd=REPO, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_zero_setup_production_keeps_connections_and_the_database_cache_small():
    values = production_settings()
    assert values["database"]["CONN_MAX_AGE"] == 600
    assert values["database"]["CONN_HEALTH_CHECKS"] is True
    assert values["database"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"  # SQLite on one server
    assert values["caches"] == {
        "default": "django.core.cache.backends.db.DatabaseCache",
        "renditions": "ops.cache.RenditionLocMemCache",  # (each process's memory; ops.cache.RenditionsRead)
        "ratelimit": "ops.cache.DatabaseCounterCache",  # atomic counters without Redis
    }
    assert values["cache_options"]["MAX_ENTRIES"] == 5000
    assert values["sessions"] == "django.contrib.sessions.backends.db"  # the cache is a table too: no gain
    assert values["media"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_postgresql_and_redis_from_the_environment():
    values = production_settings(
        DATABASE_URL="postgres://portal@db.example.org/portal",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DB_CONN_MAX_AGE="60",
    )
    assert values["database"]["ENGINE"] == "django.db.backends.postgresql"
    assert values["database"]["CONN_MAX_AGE"] == 60
    assert "transaction_mode" not in (values["database"]["OPTIONS"] or {})
    assert values["caches"] == {
        "default": "ops.cache.ResilientRedisCache",
        "renditions": "ops.cache.RenditionRedisCache",
        "ratelimit": "ops.cache.ResilientRedisCache",
    }
    # Sessions read from Redis, written to the database too (a miss or an outage reads the table).
    assert values["sessions"] == "accounts.session_store"


def test_media_in_s3_compatible_storage_when_a_bucket_is_named():
    values = production_settings(
        AWS_STORAGE_BUCKET_NAME="portal-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        AWS_S3_REGION_NAME="eu-north-1",
    )
    assert values["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = values["media"]["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        "portal-media",
        "https://s3.example.org",
        "eu-north-1",
    )
    assert options["file_overwrite"] is False


def test_production_refuses_to_start_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "-c", "import portal.settings.production"],
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


@pytest.mark.django_db
def test_page_views_write_nothing_to_the_database_cache(client, settings, database_cache_table, make_news):  # noqa: F811
    """The issue: every image rendition was written to the database cache on every view."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"},
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions-test"},
    }
    make_news(3)
    for url in ("/", "/jaunumi/"):
        assert client.get(url).status_code == 200  # renditions made, caches warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert b"<img" in response.content
        writes = [
            query["sql"]
            for query in queries
            if "portal_cache" in query["sql"]
            and query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == [], writes


@pytest.mark.django_db
@pytest.mark.parametrize("backend", ["ops.cache.RenditionLocMemCache", "ops.cache.RenditionRedisCache"])
def test_a_view_of_a_picture_rewrites_none_of_its_renditions(
    request,
    client,
    settings,
    make_news,  # noqa: F811 - the fixture imported above
    backend,
    monkeypatch,
):
    """Wagtail wrote every rendition it had read from the renditions' cache back to it on every view."""
    from django.core.cache import caches

    location = request.getfixturevalue("redis_url") if "Redis" in backend else "renditions-test"
    settings.CACHES = {**settings.CACHES, "renditions": {"BACKEND": backend, "LOCATION": location, "KEY_PREFIX": "t"}}
    make_news(3)
    renditions = caches["renditions"]
    renditions.clear()
    read, written = [], []
    get_many, set_many = renditions.get_many, renditions.set_many
    monkeypatch.setattr(renditions, "get_many", lambda keys, **kw: read.extend(keys) or get_many(keys, **kw))
    monkeypatch.setattr(renditions, "set_many", lambda data, **kw: written.extend(data) or set_many(data, **kw))
    client.get("/jaunumi/zina-0/")  # its picture's renditions made and kept (lists prefetch theirs)
    read.clear()
    written.clear()
    response = client.get("/jaunumi/zina-0/")
    assert response.status_code == 200 and b"<img" in response.content
    assert read and written == []
