"""The health endpoint for the load balancer: ``/health/`` (django-health-check).

The database decides: when it does not answer, the server answers 500 and the
load balancer takes it out. A cache that is away or a task queue that backs up
are reported as warnings with status 200: the site still serves pages and takes
pledges without them, and taking every server out because Redis is down would
turn a slow site into no site.
"""

import dataclasses
import datetime
import os
import socket

from django.core.cache import caches
from django.utils import timezone

from asgiref.sync import sync_to_async
from health_check.base import HealthCheck
from health_check.exceptions import ServiceWarning
from health_check.views import HealthCheckView

# Tasks waiting longer than this mean the worker is not running or not keeping up.
TASK_QUEUE_MAX_WAIT = datetime.timedelta(minutes=10)
TASK_QUEUE_MAX_DEPTH = 1000


@dataclasses.dataclass
class Cache(HealthCheck):
    """Write and read back one key per process (the same key every time, so that the
    database cache does not gain a row per probe)."""

    alias: str = "default"

    async def run(self) -> None:
        # In the request's own thread: its database connection is closed with the request.
        await sync_to_async(self.probe)()

    def probe(self) -> None:
        cache = caches[self.alias]
        key = f"health:{socket.gethostname()}:{os.getpid()}"
        value = timezone.now().isoformat()
        available = getattr(cache, "is_available", None)
        if available is not None and not available():
            raise ServiceWarning("the cache server does not answer; pages are served uncached")
        cache.set(key, value, 60)
        if cache.get(key) != value:
            raise ServiceWarning("the cache did not give back what was written")


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """How many tasks wait for the worker, and for how long the oldest has waited."""

    max_depth: int = TASK_QUEUE_MAX_DEPTH
    max_wait: datetime.timedelta = TASK_QUEUE_MAX_WAIT

    async def run(self) -> None:
        await sync_to_async(self.probe)()

    def probe(self) -> None:
        from django_tasks_db.models import DBTaskResult, get_date_max

        ready = DBTaskResult.objects.ready()
        depth = ready.count()
        # A task waits since it was queued, or, when it was put off (a retry), since its time came.
        unset = get_date_max()
        since = [
            ready.filter(run_after=unset).order_by("enqueued_at").values_list("enqueued_at", flat=True).first(),
            ready.exclude(run_after=unset).order_by("run_after").values_list("run_after", flat=True).first(),
        ]
        oldest = min((moment for moment in since if moment is not None), default=None)
        if depth > self.max_depth:
            raise ServiceWarning(f"{depth} tasks are waiting for the worker")
        if oldest is not None and timezone.now() - oldest > self.max_wait:
            raise ServiceWarning(f"{depth} tasks waiting, the oldest since {oldest:%Y-%m-%d %H:%M} UTC")


class HealthView(HealthCheckView):
    """Status 500 only for a failure that is not a warning (the database)."""

    checks = (
        "health_check.checks.Database",
        "ops.health.Cache",
        "ops.health.TaskQueue",
    )

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        errors = [result.error for result in self.results if result.error]
        if response.status_code == 500 and all(isinstance(error, ServiceWarning) for error in errors):
            response.status_code = 200
        return response
