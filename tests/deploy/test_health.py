"""/health/ for the load balancer: the database decides the status; cache and task queue report."""

import datetime

from django.utils import timezone

import pytest
from health_check.exceptions import ServiceUnavailable

pytestmark = pytest.mark.django_db


def checks(response):
    return {name.split("(")[0]: status for name, status in response.json().items()}


def test_healthy_site_answers_200_and_is_never_cached(client):
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    assert checks(response) == {"Database": "OK", "Cache": "OK", "TaskQueue": "OK"}
    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control
    assert "no-store" in cache_control
    assert "max-age=0" in cache_control


def test_a_plain_get_as_a_load_balancer_sends_it(client):
    response = client.get("/health/", HTTP_ACCEPT="*/*")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_health_is_outside_the_language_prefix_and_plain_text_works(client):
    assert client.get("/en/health/").status_code == 404
    response = client.get("/health/", HTTP_ACCEPT="text/plain")
    assert response.status_code == 200
    assert "Database" in response.content.decode()


def test_database_failure_takes_the_server_out(client, monkeypatch):
    def refuse(self):
        raise ServiceUnavailable("connection refused")

    monkeypatch.setattr("health_check.checks.Database.run", refuse)
    response = client.get("/health/?format=json")
    assert response.status_code == 500
    assert "connection refused" in checks(response)["Database"]


def test_a_backed_up_task_queue_is_reported_but_keeps_the_server_in(client, settings):
    from django_tasks_db.models import DBTaskResult

    from campaigns.tasks import campaign_housekeeping

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    campaign_housekeeping.enqueue()
    campaign_housekeeping.enqueue()
    assert checks(client.get("/health/?format=json"))["TaskQueue"] == "OK"  # just queued

    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    assert checks(response)["TaskQueue"].startswith("Warning: 2 tasks waiting")


def test_a_cache_that_is_away_is_reported_but_keeps_the_server_in(client, settings):
    from tests.deploy.servers import free_port

    nowhere = f"redis://127.0.0.1:{free_port()}/5"  # nothing listens there
    settings.CACHES = {"default": {"BACKEND": "ops.cache.ResilientRedisCache", "LOCATION": nowhere}}
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    assert checks(response)["Cache"].startswith("Warning: the cache server does not answer")
    assert checks(response)["Database"] == "OK"
