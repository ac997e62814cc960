"""What one pledge costs, in one process: ``python -m bench.pledge``.

The POST that ``make bench`` sends (``bench/wrk/pledge.lua``) made with Django's test client
against the settings and database in the environment (``DJANGO_SETTINGS_MODULE``,
``DATABASE_URL``, ``REDIS_URL``: production's, on a database that holds ``manage.py bench_data``):
the campaign page's form as a browser has it (the signed "form shown" stamp), and per pledge a
fresh double-submit key, e-mail address, browser (a CSRF cookie and token of its own) and client
address, one item of a random need, no session cookie (as wrk sends none). Prints the median CPU
time (the process's own: the view, the templates, the database driver and the Redis client, not the servers) and
the queries of one pledge; ``--profile`` prints cProfile's top functions by cumulative time.
Every pledge is real: run it on a throw-away database.
"""

import argparse
import cProfile
import os
import pstats
import random
import re
import statistics
import time
import uuid
from http.cookies import SimpleCookie

REPEAT = 40


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--profile", action="store_true", help="print cProfile's view of the pledges")
    parser.add_argument("--lines", type=int, default=40, help="how many functions --profile prints")
    parser.add_argument("--mentor", action="store_true", help="the signed-in mentor's page (GET) instead")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from bench import donor_csrf
    from campaigns.models import CampaignPage
    from home.humans import stamp
    from ops.management.commands.bench_data import BENCH_CAMPAIGN_SLUG, BENCH_MENTOR_EMAIL

    if args.mentor:
        client = Client()
        client.force_login(User.objects.get(email=BENCH_MENTOR_EMAIL))

        def one(number):
            response = client.get("/mentoring/")
            assert response.status_code == 200, response.status_code

    else:
        url = CampaignPage.objects.get(slug=BENCH_CAMPAIGN_SLUG).url
        browser = Client(enforce_csrf_checks=True)
        page = browser.get(url)
        assert page.status_code == 200, page.status_code
        csrf_name = next(name for name in browser.cookies if name.endswith("csrftoken"))
        needs = sorted(set(re.findall(r'name="(need_\d+)"', page.text)))
        rng = random.Random(12)  # which need a pledge names: nothing secret
        expected = time.strftime("%Y-%m-%d", time.localtime(time.time() + 5 * 86400))

        client = Client(enforce_csrf_checks=True)  # one handler, as one server process has

        def one(number):
            secret = donor_csrf()  # a new visitor, as wrk's: a browser of its own, no session
            client.cookies = SimpleCookie({csrf_name: secret})
            data = {
                "donor_name": "Bench Donor",
                "email": f"bench-pledge-{uuid.uuid4().hex[:12]}@example.org",
                "phone": "",
                "delivery": "bring",
                "expected_date": expected,
                "note": "",
                "consent": "on",
                "website": "",
                "form_shown": stamp(time.time() - 60),
                "csrfmiddlewaretoken": secret,
                "submission_key": str(uuid.uuid4()),
                rng.choice(needs): "1",
            }
            address = f"127.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            response = client.post(url, data, HTTP_X_FORWARDED_FOR=address)
            assert response.status_code == 302, (response.status_code, response.content[:2000])

    for number in range(3):  # warm: templates compiled, connections open
        one(number)
    queries = []

    def logged(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # (Not CaptureQueriesContext: outside the test runner, a request's start empties its log.)
    with connection.execute_wrapper(logged):
        one(3)
    cpus = []
    profiler = cProfile.Profile(time.process_time) if args.profile else None  # CPU, not waits
    for number in range(args.repeat):
        cpu = time.process_time()
        if profiler:
            profiler.enable()
        one(number + 4)
        if profiler:
            profiler.disable()
        cpus.append((time.process_time() - cpu) * 1000)
    label = "mentor's page (GET)" if args.mentor else "pledge (POST)"
    print(
        f"{label}: median {statistics.median(cpus):.1f} ms CPU, mean {statistics.mean(cpus):.1f} ms, "
        f"min {min(cpus):.1f} ms over {len(cpus)}; {len(queries)} queries"
    )
    if os.environ.get("BENCH_SQL"):
        for sql in queries:
            print("  ", sql[:200])
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.lines)


if __name__ == "__main__":
    main()
