"""Per-view timings in one process: ``python -m bench.views [name ...]``.

Builds a throw-away SQLite database (or uses DATABASE_URL), loads the demo
content, then runs every ``bench/bench_*.py`` module's ``run(report)``. Each
reports wall time per request and queries per request; nothing here is a
pass/fail test.
"""

import importlib
import os
import pkgutil
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path


def main(names):
    workdir = tempfile.mkdtemp(prefix="portal-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(workdir) / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.MEDIA_ROOT = Path(workdir) / "media"
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=StringIO())

    def report(label, function, repeat=50):
        response = function()  # warm up
        assert response.status_code == 200, (label, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            function()
        query_count = len(queries)  # now: the next request clears the log it reads from
        started = time.perf_counter()
        for _ in range(repeat):
            function()
        elapsed = (time.perf_counter() - started) / repeat
        print(f"{label:<50} {elapsed * 1000:8.1f} ms  {query_count:4d} queries")

    here = Path(__file__).parent
    modules = [m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")]
    for name in modules:
        if names and name.removeprefix("bench_") not in names and name not in names:
            continue
        print(f"# {name}")
        importlib.import_module(f"bench.{name}").run(report)


if __name__ == "__main__":
    main(sys.argv[1:])
