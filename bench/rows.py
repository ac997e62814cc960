"""What a view costs at the benchmark's size, in one process: ``python -m bench.rows``.

Builds a throw-away SQLite database (or uses ``DATABASE_URL``; a database that already
holds the large data set is used as it is), loads the demo content and the large data set
(``manage.py bench_data``: 500 needs with 10,000 pledges, 500 pairs with 24 months of
meetings, 200 news items), then asks each view a few times with Django's test client and
prints, per view, the median wall time and CPU time of a request (the view and its template
rendered, no server, no network) and its queries. The test settings' in-memory cache holds
what a running server keeps between requests (renditions, site root paths); the first
request warms it and is not counted. ``--json PATH`` writes the same as JSON.
"""

import argparse
import json
import os
import statistics
import tempfile
import time
from io import StringIO
from pathlib import Path

REPEAT = 7


def measure(function, repeat=REPEAT):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = function()  # warm: renditions, site root paths, compiled templates
    assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        function()
    count = len(queries)
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return {
        "wall_ms": round(statistics.median(walls), 1),
        "cpu_ms": round(statistics.median(cpus), 1),
        "queries": count,
    }


def views():
    """(label, client, url) for every view measured."""
    from django.test import Client

    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.factories import TOTP_SECRET
    from accounts.models import User
    from accounts.staff import has_second_factor
    from campaigns.models import CampaignPage
    from home.models import NewsIndexPage, NewsPage
    from ops.management.commands.bench_data import BENCH_CAMPAIGN_SLUG, BENCH_MENTOR_EMAIL

    visitor = Client()
    mentor = Client()
    mentor.force_login(User.objects.get(email=BENCH_MENTOR_EMAIL))
    coordinator = Client()
    staff = User.objects.filter(groups__name="Mentoring coordinators").first()
    if not has_second_factor(staff):  # the admin asks staff for two-factor sign-in first
        TOTP.activate(staff, TOTP_SECRET)
    coordinator.force_login(staff)
    campaign = CampaignPage.objects.get(slug=BENCH_CAMPAIGN_SLUG)
    news_index = NewsIndexPage.objects.filter(locale__language_code="lv").first()
    news = NewsPage.objects.live().filter(locale__language_code="lv").order_by("-date").first()
    return [
        ("campaign page (500 needs, 10,000 pledges)", visitor, campaign.url),
        ("coordinator's dashboard (500 pairs, 24 months)", coordinator, "/admin/mentoring/monitoring/"),
        ("mentor's page (24 months of meetings)", mentor, "/mentoring/"),
        ("home", visitor, "/"),
        ("news index (200 items)", visitor, news_index.url),
        ("news page", visitor, news.url),
        ("campaign index", visitor, campaign.get_parent().url),
        ("search", visitor, "/search/?q=lieta"),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="portal-bench-rows-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(workdir) / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from campaigns.models import CampaignPage
    from ops.management.commands.bench_data import BENCH_CAMPAIGN_SLUG

    # No setup_test_environment(): its instrumented template rendering (a signal per template)
    # is not what a server pays.
    settings.MEDIA_ROOT = Path(os.environ.get("BENCH_MEDIA_ROOT") or Path(workdir) / "media")
    call_command("migrate", verbosity=0)
    if not CampaignPage.objects.filter(slug=BENCH_CAMPAIGN_SLUG).exists():
        print("Building the large data set (a few minutes)…", flush=True)
        call_command("load_demo_data", stdout=StringIO())
        call_command("bench_data", stdout=StringIO())
    results = []
    print(f"{'view':<50} {'wall ms':>8} {'CPU ms':>8} {'queries':>8}")
    for label, client, url in views():
        row = {"view": label, "url": url, **measure(lambda c=client, u=url: c.get(u), args.repeat)}
        results.append(row)
        print(f"{label:<50} {row['wall_ms']:8.1f} {row['cpu_ms']:8.1f} {row['queries']:8d}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
