"""The health endpoint for the load balancer: ``/health/`` (django-health-check).

The database decides: when it does not answer, the server answers 500 and the
load balancer takes it out. A cache that is away or a task queue that backs up
are reported as warnings with status 200: the site still serves pages and takes
pledges without them, and taking every server out because Redis is down would
turn a slow site into no site.
"""

import dataclasses
import datetime
import logging
import os
import socket
import timeit

from django.core.cache import caches
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views.generic import TemplateView

from health_check.base import HealthCheck, HealthCheckResult
from health_check.exceptions import HealthCheckException, ServiceWarning
from health_check.views import HealthCheckView

logger = logging.getLogger(__name__)

# Tasks waiting longer than this mean the worker is not running or not keeping up.
TASK_QUEUE_MAX_WAIT = datetime.timedelta(minutes=10)
TASK_QUEUE_MAX_DEPTH = 1000


@dataclasses.dataclass
class Cache(HealthCheck):
    """Write and read back one key per process (the same key every time, so that the
    database cache does not gain a row per probe)."""

    alias: str = "default"

    def run(self) -> None:
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

    def run(self) -> None:
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
    """The library's view and its formats (HTML, ``?format=json``, ``text/plain``), run
    synchronously: every check in the request's own thread, whose database connection is
    closed with the request (the library's async view would open one per executor thread),
    and status 500 only for a failure that is not a warning (the database)."""

    checks = (
        "health_check.checks.Database",
        "ops.health.Cache",
        "ops.health.TaskQueue",
    )

    def dispatch(self, request, *args, **kwargs):
        response = TemplateView.dispatch(self, request, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        add_never_cache_headers(response)
        return response

    def get(self, request, *args, **kwargs):
        self.results = [self.run_check(check) for check in self.get_checks()]
        errors = [result.error for result in self.results if result.error]
        status = 200 if all(isinstance(error, ServiceWarning) for error in errors) else 500
        accept = request.headers.get("accept", "")
        wanted = request.GET.get("format") or (
            "json" if "application/json" in accept else "text" if "text/plain" in accept else "html"
        )
        if wanted == "json":
            return self.render_to_response_json(status)
        if wanted == "text":
            return self.render_to_response_text(status)
        return self.render_to_response(self.get_context_data(**kwargs), status=status)

    @staticmethod
    def run_check(check: HealthCheck) -> HealthCheckResult:
        started = timeit.default_timer()
        error: HealthCheckException | None = None
        try:
            check.run()
        except HealthCheckException as failure:
            error = failure
            logger.warning("Health check %r failed: %s", check, failure)
        except Exception:
            logger.exception("Unexpected exception during health check %r", check)
            error = HealthCheckException("unknown error")
        return HealthCheckResult(check=check, error=error, time_taken=timeit.default_timer() - started)
