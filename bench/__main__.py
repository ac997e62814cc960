"""The load benchmark: ``make bench`` (``python -m bench [--seconds N] [--connections C]``).

Builds a throw-away database (SQLite in a temporary folder, or a fresh ``<name>_bench``
database beside the PostgreSQL one that DATABASE_URL names), loads the demo content and
the large data set (``manage.py bench_data``), starts the production server (gunicorn with
deploy/gunicorn.conf.py, production settings, a throw-away SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
no SSL redirect) on 127.0.0.1, and runs wrk for a bounded time against each address. Per
address: requests per second, p50 and p99 latency, CPU time per request of the gunicorn
workers (utime+stime from /proc, before and after: robust on a shared machine) and the ratio
to the static-file ceiling. On PostgreSQL also the race: 64 donors pledge the last 10 items
of a need at once. Prints a table and writes the same as JSON (--json, bench/last-run.json).

``python -m bench.views`` still times single views in one process (queries per request).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from bench import donor_csrf

REPO = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
RACE_DONORS = 64
SESSION_COOKIE = "__Host-sessionid"  # SESSION_COOKIE_NAME of portal/settings/production.py


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def say(message):
    print(message, flush=True)


class Database:
    """A throw-away database: SQLite in the work folder, or ``<name>_bench`` on the PostgreSQL server."""

    def __init__(self, workdir):
        given = os.environ.get("DATABASE_URL", "")
        self.postgresql = given.startswith(("postgres://", "postgresql://"))
        if self.postgresql:
            parts = urllib.parse.urlsplit(given)
            self.name = f"{parts.path.lstrip('/') or 'postgres'}_bench"
            self.admin_url = given
            self.url = urllib.parse.urlunsplit(parts._replace(path=f"/{self.name}"))
        else:
            self.url = f"sqlite:///{workdir / 'bench.sqlite3'}"

    def _admin(self, sql):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(sql)

    def create(self):
        if self.postgresql:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        if self.postgresql:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def worker_cpu_seconds(master_pid):
    """utime+stime of gunicorn's workers (the master's children), in seconds."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:  # fields[1] is the parent's pid
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def fetch(url, *, data=None, headers=None):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 (127.0.0.1 only)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def run_wrk(url, script, env, seconds, connections):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script, url]
    output = subprocess.run(  # noqa: S603
        command, cwd=REPO, env={**os.environ, **env}, capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share / 100 * (len(ordered) - 1)))]


class Benchmark:
    def __init__(self, seconds, connections, workdir=None):
        self.seconds, self.connections = seconds, connections
        self.reused = workdir is not None
        self.workdir = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="portal-bench-"))
        self.database = Database(self.workdir)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "GUNICORN_"))},
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "off",
            "DATABASE_URL": self.database.url,
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "PORTAL_BASE_URL": self.base,
            "TRUSTED_PROXY_COUNT": "1",  # as behind nginx: each donor their own address (X-Forwarded-For)
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "LOG_LEVEL": "ERROR",
        }
        self.server = None

    def manage(self, *args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=self.env, check=True)  # noqa: S603

    def prepare(self):
        if self.reused:
            say("Data set of the kept run reused.")
            return
        started = time.monotonic()
        self.database.create()
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("createcachetable")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.manage("load_demo_data")
        self.manage("bench_data")
        kind = "PostgreSQL" if self.database.postgresql else "SQLite"
        say(f"Data ready in {time.monotonic() - started:.0f} s ({kind}).")

    def start_server(self):
        log = (self.workdir / "gunicorn.log").open("w")
        # --max-requests 0: no worker is recycled mid-run, so /proc sees all the CPU it spent.
        self.server = subprocess.Popen(  # noqa: S603
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "--max-requests", "0",
             "--access-logfile", "/dev/null"],
            cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            if self.server.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start: {(self.workdir / 'gunicorn.log').read_text()[-3000:]}")

    def stop_server(self):
        if self.server and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # still working through a queue of requests wrk left
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()

    def django(self):
        os.environ.update(self.env)
        import django

        django.setup()

    def targets(self):
        """(label, path, wrk script, extra environment for the script)."""
        from importlib import import_module

        from django.conf import settings
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

        SessionStore = import_module(settings.SESSION_ENGINE).SessionStore

        from accounts.models import User
        from campaigns.models import CampaignPage
        from home.models import NewsIndexPage, NewsPage
        from ops.management.commands.bench_data import BENCH_CAMPAIGN_SLUG, BENCH_MENTOR_EMAIL

        news_index = NewsIndexPage.objects.get(locale__language_code="lv")
        news = NewsPage.objects.live().filter(locale__language_code="lv").order_by("-date").first()
        campaign = CampaignPage.objects.get(slug=BENCH_CAMPAIGN_SLUG)
        self.campaign_url = campaign.url
        mentor = User.objects.get(email=BENCH_MENTOR_EMAIL)
        session = SessionStore()
        session[SESSION_KEY] = str(mentor.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = mentor.get_session_auth_hash()
        session.create()

        status, _headers, home = fetch(f"{self.base}/")
        assert status == 200, status
        static = re.search(r'href="(/static/css/base\.[0-9a-f]{12}\.css)"', home).group(1)
        return [
            ("static file (ceiling)", static, "bench/wrk/get.lua", {}),
            ("home", "/", "bench/wrk/get.lua", {}),
            ("news index", news_index.url, "bench/wrk/get.lua", {}),
            ("news page", news.url, "bench/wrk/get.lua", {}),
            ("campaign page (500 needs)", campaign.url, "bench/wrk/get.lua", {}),
            ("search", "/search/?q=kampa%C5%86a", "bench/wrk/get.lua", {}),
            ("pledge (POST)", campaign.url, "bench/wrk/pledge.lua", self.pledge_env(campaign.url)),
            ("mentor's page (signed in)", "/mentoring/", "bench/wrk/get.lua",
             {"BENCH_COOKIE": f"{SESSION_COOKIE}={session.session_key}"}),
        ]  # fmt: skip

    def pledge_form(self, url):
        """The name of the CSRF cookie a browser gets with the campaign page (each donor then has a
        secret of their own: ``donor_csrf``), the form's need fields, and its signed timestamp
        (home.humans), old enough, as a person's would be, when this returns."""
        from django.conf import settings

        status, headers, page = fetch(f"{self.base}{url}")
        assert status == 200, status
        cookie_name = re.search(r"((?:__Host-)?csrftoken)=", headers["Set-Cookie"]).group(1)
        needs = sorted(set(re.findall(r'name="(need_\d+)"', page)))
        shown = re.search(r'name="form_shown" value="([^"]+)"', page).group(1)
        time.sleep(settings.HUMAN_FORM_MIN_SECONDS)
        donor = {
            "donor_name": "Bench Donor",
            "phone": "",
            "delivery": "bring",
            "expected_date": time.strftime("%Y-%m-%d", time.localtime(time.time() + 5 * 86400)),
            "note": "",
            "consent": "on",
            "website": "",
            "form_shown": shown,
        }
        return cookie_name, needs, donor

    def pledge_env(self, url):
        cookie_name, needs, donor = self.pledge_form(url)  # pledge.lua makes each donor's own CSRF secret
        return {
            "BENCH_CSRF_COOKIE": cookie_name,
            "BENCH_FORM": urllib.parse.urlencode(donor),
            "BENCH_NEEDS": ",".join(needs),
        }

    def load(self, label, url, path, script, extra):
        """wrk against one address for the set time, with the app server's CPU time meanwhile."""
        cpu_before = worker_cpu_seconds(self.server.pid)
        run = run_wrk(url, script, extra, self.seconds, self.connections)
        cpu = worker_cpu_seconds(self.server.pid) - cpu_before
        requests = max(run["requests"], 1)
        result = {
            "label": label,
            "path": re.sub(r"/campaigns/pledge/[^/]+/", "/campaigns/pledge/***/", path),
            "requests": run["requests"],
            "rps": run["requests"] / (run["duration_us"] / 1e6),
            "p50_ms": run["p50_us"] / 1000,
            "p99_ms": run["p99_us"] / 1000,
            "cpu_ms_per_request": cpu * 1000 / requests,
            "errors": run["errors"],
        }
        say(f"  {label}: {result['rps']:.0f} req/s")
        return result

    def measure(self):
        results = []
        for label, path, script, extra in self.targets():
            headers = (
                {"Cookie": extra["BENCH_COOKIE"]} if "BENCH_COOKIE" in extra and script.endswith("get.lua") else {}
            )
            if script.endswith("get.lua"):
                for _ in range(3):  # warm up: renditions made, caches filled
                    status, _h, _b = fetch(f"{self.base}{path}", headers=headers)
                    assert status == 200, (label, status)
            results.append(self.load(label, f"{self.base}{path}", path, script, extra))
        ceiling = results[0]["rps"]
        for result in results:
            result["ratio_to_static"] = result["rps"] / ceiling
        return results

    def measure_nginx(self, home_url, campaign_url):
        """The deploy/ nginx site (TLS, microcache) in front of the same gunicorn: the home page and the
        campaign page through it, against nginx serving a saved copy of the home page from disk (the most
        this machine can answer for that page)."""
        from tests.deploy import servers

        saved = self.workdir / "static" / "bench-saved"
        saved.mkdir(parents=True, exist_ok=True)
        status, _headers, page = fetch(f"{self.base}{home_url}")
        assert status == 200, status
        (saved / "home.html").write_text(page)
        https_port = free_port()
        web = servers.start_nginx(
            self.workdir / "nginx",
            upstream_port=self.port,
            http_port=free_port(),
            https_port=https_port,
            static_root=self.workdir / "static",
            media_root=self.workdir / "media",
        )
        base = f"https://127.0.0.1:{https_port}"
        targets = [
            ("saved copy of home (nginx, ceiling)", "/static/bench-saved/home.html"),
            ("home (nginx microcache)", home_url),
            ("campaign page (nginx, Django's cache)", campaign_url),
        ]
        results = []
        try:
            for label, path in targets:
                for _ in range(3):  # warm up: through nginx the page is asked for at its https address
                    assert servers.fetch(f"{base}{path}").status == 200, label
                results.append(self.load(label, f"{base}{path}", path, "bench/wrk/get.lua", {}))
        finally:
            web.stop()
        ceiling = results[0]["rps"]
        for result in results:
            result["ratio_to_saved_copy"] = result["rps"] / ceiling
        return results

    def race(self):
        """64 donors pledge the last 10 pairs of boots at the same moment, through the server."""
        from campaigns.models import CampaignPage, NeedTally
        from ops.management.commands.bench_data import RACE_CAMPAIGN_SLUG, RACE_ITEMS

        campaign = CampaignPage.objects.get(slug=RACE_CAMPAIGN_SLUG)
        cookie_name, needs, donor = self.pledge_form(campaign.url)
        start = threading.Barrier(RACE_DONORS)
        outcomes, lock = [], threading.Lock()

        def donor_pledges(number):
            secret = donor_csrf()
            body = urllib.parse.urlencode(
                {
                    **donor,
                    "email": f"bench-donor-{number}@example.org",  # each donor their own (no repeat question)
                    needs[0]: "1",
                    "csrfmiddlewaretoken": secret,
                    "submission_key": str(uuid.uuid4()),
                }
            ).encode()
            headers = {
                "Cookie": f"{cookie_name}={secret}",  # each donor their own browser (rate limits count by it)
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": f"127.1.{number // 250}.{number % 250 + 1}",
            }
            start.wait()
            began = time.monotonic()
            status, _headers, _body = fetch(f"{self.base}{campaign.url}", data=body, headers=headers)
            with lock:
                outcomes.append((status, time.monotonic() - began))

        threads = [threading.Thread(target=donor_pledges, args=(number,)) for number in range(RACE_DONORS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        tally = NeedTally.objects.get(campaign=campaign)
        latencies = [seconds * 1000 for _status, seconds in outcomes]
        statuses = [status for status, _seconds in outcomes]
        return {
            "donors": RACE_DONORS,
            "items": RACE_ITEMS,
            "accepted": statuses.count(302),
            "refused": sum(1 for status in statuses if 400 <= status < 500),
            "server_errors": sum(1 for status in statuses if status >= 500),
            "pledged_in_database": tally.pledged,
            "p50_ms": statistics.median(latencies),
            "p99_ms": percentile(latencies, 99),
        }


def machine():
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        "unknown",
    )  # fmt: skip
    return {"cpu": model, "cores": len(os.sched_getaffinity(0)), "python": sys.version.split()[0]}


def table(results, race, info, behind_nginx=None):
    lines = [
        f"Machine: {info['cpu']}, {info['cores']} cores; database: {info['database']}; cache: {info['cache']}; "
        f"page cache: {info['page_cache']}; wrk {info['seconds']} s, {info['connections']} connections per address",
        "",
        "| address | req/s | p50 ms | p99 ms | CPU ms/req | ratio to static | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        errors = sum(result["errors"].values())
        lines.append(
            f"| {result['label']} | {result['rps']:.0f} | {result['p50_ms']:.1f} | {result['p99_ms']:.1f} "
            f"| {result['cpu_ms_per_request']:.1f} | {result['ratio_to_static']:.3f} | {errors} |"
        )
    if behind_nginx:
        lines += [
            "",
            "Through nginx (deploy/nginx/portal.conf, TLS), against nginx serving a saved copy of the home page:",
            "",
            "| address | req/s | p50 ms | p99 ms | app CPU ms/req | ratio to saved copy | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for result in behind_nginx:
            errors = sum(result["errors"].values())
            lines.append(
                f"| {result['label']} | {result['rps']:.0f} | {result['p50_ms']:.1f} | {result['p99_ms']:.1f} "
                f"| {result['cpu_ms_per_request']:.2f} | {result['ratio_to_saved_copy']:.3f} | {errors} |"
            )
    if race:
        lines += [
            "",
            f"Race: {race['donors']} donors for the last {race['items']} items: {race['accepted']} accepted, "
            f"{race['refused']} refused, {race['server_errors']} server errors, {race['pledged_in_database']} pledged "
            f"in the database; p50 {race['p50_ms']:.0f} ms, p99 {race['p99_ms']:.0f} ms.",
        ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 8)))
    parser.add_argument("--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", 16)))
    parser.add_argument("--json", default=str(REPO / "bench" / "last-run.json"))
    parser.add_argument("--keep", action="store_true", help="Keep the work folder and the database.")
    parser.add_argument(
        "--reuse",
        metavar="FOLDER",
        help="Measure again on the data of a run kept with --keep (its work folder; same DATABASE_URL).",
    )
    parser.add_argument(
        "--page-cache",
        choices=["on", "off"],
        default=os.environ.get("PAGE_CACHE", "on"),
        help="The shared page cache (home/pagecache.py); off measures every view rendered.",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: make deploy-tools (or apt-get install wrk)")

    bench = Benchmark(args.seconds, args.connections, args.reuse)
    bench.env["PAGE_CACHE"] = args.page_cache
    say(f"Work folder {bench.workdir}")
    behind_nginx = None
    try:
        bench.prepare()
        bench.start_server()
        bench.django()
        results = bench.measure()
        if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
            behind_nginx = bench.measure_nginx("/", bench.campaign_url)
        else:
            say("nginx is not installed: the comparison through nginx is skipped (make deploy-tools).")
        race = bench.race() if bench.database.postgresql and not bench.reused else None
    finally:
        bench.stop_server()
        if not (args.keep or args.reuse):
            from django.db import connections

            connections.close_all()
            bench.database.drop()
            shutil.rmtree(bench.workdir, ignore_errors=True)

    info = {
        **machine(),
        "database": "PostgreSQL" if bench.database.postgresql else "SQLite",
        "cache": "Redis" if os.environ.get("REDIS_URL") else "database cache",
        "page_cache": args.page_cache,
        "seconds": args.seconds,
        "connections": args.connections,
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    say("")
    say(table(results, race, info, behind_nginx))
    if race is None:
        say("\nRace benchmark skipped: it needs PostgreSQL (DATABASE_URL=postgres://...).")
    Path(args.json).write_text(
        json.dumps({"machine": info, "results": results, "nginx": behind_nginx, "race": race}, indent=2) + "\n"
    )
    say(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
