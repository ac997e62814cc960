import gc
import os
import threading
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# pytest-django's live_server and Playwright share a thread with an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Hypothesis (tests/security/test_hostile_input.py): a few examples a form while working, more in
# CI (.ci/run sets CI=true), HYPOTHESIS_PROFILE to choose. Each example is a request or two, so no
# deadline; the tests reuse their fixtures on purpose and undo each example's writes themselves.
_hypothesis = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
}
hypothesis_settings.register_profile("dev", max_examples=10, **_hypothesis)
hypothesis_settings.register_profile("ci", max_examples=30, print_blob=True, **_hypothesis)
hypothesis_settings.register_profile("thorough", max_examples=150, print_blob=True, **_hypothesis)  # to hunt, by hand
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

PASSWORD = "correct horse battery staple"
# Debian's Chromium drives the browser tests. Its headless shell (package chromium-headless-shell,
# the same Blink and V8 without the desktop browser around them; what Playwright itself runs headless)
# costs about 40% less CPU per page than the full browser in headless mode; `make chromium` installs
# both. PLAYWRIGHT_CHROMIUM=/usr/bin/chromium runs the tests in the full browser.
CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM") or next(
    (path for path in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if os.path.exists(path)),
    "/usr/bin/chromium",
)


@pytest.fixture(autouse=True, scope="session")
def _renditions_made_once():
    """Wagtail makes each rendition anew for every picture row, and the suite makes hundreds of rows
    from a dozen drawings (``home.factories.ImageFactory``): a rendition is kept by the picture's bytes,
    the filter and the focal point, and the next row with the same bytes gets the same file, written to
    its own storage. Wagtail's own code still runs around it (rows, files, names, sizes)."""
    import hashlib
    from io import BytesIO
    from types import SimpleNamespace

    from django.core.files import File

    from wagtail.images.models import Filter

    made: dict[tuple, tuple[bytes, str]] = {}
    run = Filter.run

    def run_once(self, image, output, source=None):
        if source is None:  # one rendition at a time: Wagtail would open the file itself
            with image.open_file() as file:
                source = File(BytesIO(file.read()), name=image.file.name)
        original = source.file
        if not isinstance(original, BytesIO):
            return run(self, image, output, source=source)
        key = (hashlib.sha1(original.getbuffer()).digest(), self.spec, self.get_cache_key(image))  # noqa: S324
        if key not in made:
            result = run(self, image, output, source=source)
            result.f.seek(0)
            made[key] = (result.f.read(), result.format_name)
            result.f.seek(0)
            return result
        content, format_name = made[key]
        output.write(content)
        output.seek(0)
        return SimpleNamespace(f=output, format_name=format_name)

    Filter.run = run_once
    yield
    Filter.run = run


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    # A module that shares its content (``module_transaction``, ``shared_portal``) shares its pictures' folder too.
    settings.MEDIA_ROOT = request.node.module.__dict__.get("_demo_media_root") or tmp_path / "media"


@contextmanager
def module_transaction(request, django_db_blocker, tmp_path_factory):
    """Data built once for a module whose tests only read it (or change it and roll back).

    It lives in a transaction around the whole module (each test's own changes roll back to a
    savepoint inside it, as a plain ``django_db`` test's do) and is rolled back after the module's
    last test. Use it with plain ``django_db`` tests, never transactional ones. Pictures and files
    go to a folder of the module's own, which its tests share (``_media_root``).
    """
    from django.conf import settings
    from django.db import transaction

    media = tmp_path_factory.mktemp("module-media")
    request.module._demo_media_root = media
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            original, settings.MEDIA_ROOT = settings.MEDIA_ROOT, media
            try:
                yield
            finally:
                settings.MEDIA_ROOT = original
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_site(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, loaded once for a module whose tests only read it (``module_transaction``)."""
    from io import StringIO

    from django.core.management import call_command

    with module_transaction(request, django_db_blocker, tmp_path_factory):
        call_command("load_demo_data", stdout=StringIO())
        yield


@pytest.fixture(autouse=True)
def _mail_through_tasks(settings):
    """Django's test set-up swaps EMAIL_BACKEND for locmem; put the task backend back so
    tests see mail leave after the commit, as it does in production (delivery stays locmem)."""
    settings.EMAIL_BACKEND = "home.mail.TaskEmailBackend"


@pytest.fixture(autouse=True)
def _reference_index(request):
    """Wagtail keeps an index of what refers to what (an object's "Usage" in the admin) by a task run
    after every save of a page, snippet or image: an eighth of the suite's time, and no rule of ours.
    The test's own thread skips it (a live server's thread still keeps it); a test that looks at the
    index asks for it with ``@pytest.mark.reference_index``."""
    if request.node.get_closest_marker("reference_index"):
        yield
        return
    from wagtail.signal_handlers import disable_reference_index_auto_update

    with disable_reference_index_auto_update():
        yield


@pytest.fixture(autouse=True)
def _search_index(request, monkeypatch):
    """Wagtail's search index is brought up to date by a task after every save of a page, image or
    document: a sixteenth of the suite's time, asked for by the tests that search. The test's own
    saves skip it (what a module builds for its tests is indexed, as is whatever a test made before
    asking); a test that searches what it saved itself asks for it with ``@pytest.mark.search_index``."""
    if request.node.get_closest_marker("search_index"):
        return
    import modelsearch.signal_handlers

    class NotIndexed:
        @staticmethod
        def enqueue(*args, **kwargs):
            return None

    monkeypatch.setattr(modelsearch.signal_handlers, "insert_or_update_object_task", NotIndexed)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language. A request through Django's test client
    leaves its language active in the test's thread (LocaleMiddleware activates it and nothing
    deactivates it), so one test's visit to /en/ made the next test's gettext English, depending
    on which tests a worker ran before it (a PostgreSQL run failed on an English progress line)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for alias in ("default", "template_fragments"):
        caches[alias].clear()
    yield
    for alias in ("default", "template_fragments"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _scripted_browsers_type_fast(request):
    """A script fills a public form in a fraction of a second, faster than the person it plays
    could (``home.humans`` refuses that): browser tests let it."""
    if request.node.get_closest_marker("browser"):
        request.getfixturevalue("settings").HUMAN_FORM_MIN_SECONDS = 0


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="lv")


@pytest.fixture
def english_home(home_page):
    from wagtail.models import Locale

    english = home_page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Home"
    english.save_revision().publish()
    return english.specific


def new_user(groups=None, **kwargs):
    """A user; staff (in a group, or a superuser) get two-factor sign-in set up, as the admin demands
    (``accounts.factories.TOTP_SECRET``); ``two_factor=False`` makes one who has not yet."""
    from accounts.factories import UserFactory

    staff = bool(groups or kwargs.get("is_superuser") or kwargs.get("is_staff"))
    kwargs.setdefault("two_factor", staff)
    if staff:
        # A first name no test's donor, mentor or child has: the admin's sidebar shows it on every page,
        # and a random one ("Anna", "Elza") would be found by a test that the page hides that person.
        kwargs.setdefault("first_name", "Darbinieks")
    return UserFactory(groups=groups or [], **kwargs)


@pytest.fixture
def make_user(db):
    return new_user


@pytest.fixture
def superuser(make_user):
    return make_user(is_superuser=True, is_staff=True, email="admin@example.org")


@pytest.fixture
def editor(make_user):
    return make_user(groups=["Editors"], email="editor@example.org")


@pytest.fixture
def moderator(make_user):
    return make_user(groups=["Moderators"], email="moderator@example.org")


@pytest.fixture
def campaign_manager(make_user):
    return make_user(groups=["Campaign managers"], email="manager@example.org")


@pytest.fixture
def coordinator(make_user):
    return make_user(groups=["Mentoring coordinators"], email="coordinator@example.org")


@pytest.fixture
def visitor_user(make_user):
    return make_user(email="donor@example.org")


@pytest.fixture
def mail_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    """Run what a request queued for after its commit (mail is sent then) and return the outbox."""

    class Runner:
        outbox = mailoutbox

        def __call__(self):
            return django_capture_on_commit_callbacks(execute=True)

    return Runner()


# Playwright: drive Debian's Chromium; its own browser download does not work here.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def _live_server_done():
    """Set up before the browser's context and so torn down after it closes, before the test
    database is emptied: wait until the live server has answered every request the page sent.
    A request still running then (the admin's autosave or its editing-session ping, sent just
    before the page closed) holds its tables while the flush wants all of them: on PostgreSQL
    one of the two is cancelled as a deadlock, and the test fails in its teardown."""
    yield
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:  # socketserver names its request threads so
            thread.join(timeout=10)


@pytest.fixture
def context(_live_server_done, context):
    return context


@pytest.fixture(scope="session")
def _playwright_before_database(request):
    """Playwright's sync API runs Django code inside its own context; a database connection
    made before it started is not the one the browser tests see afterwards, and that one has
    no serialized copy to restore, so after the first browser test the database would be
    left empty. Start Playwright first whenever the session has browser tests."""
    if any(item.get_closest_marker("browser") for item in request.session.items):
        request.getfixturevalue("playwright")


@pytest.fixture(scope="session")
def _shared_data_database(request, django_db_blocker, django_db_keepdb, django_db_createdb):
    """pytest-django sets up (and serializes) the test database only for tests marked ``django_db``;
    a module that commits its data once (``shared_portal``) is not marked, so see to it here: the
    database exists, and its starting content is serialized for the module to put back at its end."""
    from django.db import DEFAULT_DB_ALIAS, connection
    from django.test.utils import setup_databases, teardown_databases

    from pytest_django.fixtures import _get_databases_for_setup

    if not any("shared_portal" in item.fixturenames for item in request.session.items):
        yield
        return
    aliases, serialized = _get_databases_for_setup(request.session.items)
    keepdb = django_db_keepdb and not django_db_createdb
    config = None
    with django_db_blocker.unblock():
        if DEFAULT_DB_ALIAS not in aliases:
            config = setup_databases(
                verbosity=0,
                interactive=False,
                aliases={DEFAULT_DB_ALIAS},
                serialized_aliases={DEFAULT_DB_ALIAS},
                keepdb=keepdb,
            )
        elif DEFAULT_DB_ALIAS not in serialized:
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
    if config and not keepdb:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(_playwright_before_database, django_db_setup, _shared_data_database, django_db_blocker):
    yield django_db_setup
    # A transactional test empties the database when it ends (its successor reloads the
    # serialized copy). Put that copy back at the end too, so that a database kept for the
    # next run (--reuse-db) starts whole: the root page, the sites, locales and groups.
    from django.db import connections

    from wagtail.models import Site

    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents and not Site.objects.using(connection.alias).exists():
                connection.creation.deserialize_db_from_string(contents)


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test leaves the database empty (Django flushes it); the next one restores
    the serialized copy only if it is transactional too. pytest-django runs the plain tests
    first, so in one process nothing follows; when pytest-xdist hands a worker whole files in
    another order, a plain test can follow, and it gets the copy back here."""
    result = yield
    if nextitem is not None and _transactional(item) and not _transactional(nextitem):
        from django.db import connections

        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all():
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


# The garbage collector looks for cycles after every 700 new objects by default; a test makes
# millions (models, templates, requests) and few cycles. After 50,000, and with what Django, Wagtail
# and the test modules loaded frozen out of its way once collected, the suite's CPU time falls by
# about a tenth (measured on tests/home and tests/campaigns: 74 and 74 s, then 64 and 65 s).
gc.set_threshold(50_000, 20, 100)


def pytest_collection_finish(session):
    gc.collect()
    gc.freeze()


def _restore_sqlite_from_a_snapshot():
    """A transactional test ends by emptying the database, and the next one (or a module that shared
    its data) puts its starting content back from the serialized copy: Django saves those few hundred
    rows one by one, about a tenth of a second each time, some sixty times a run. On SQLite the
    database is copied aside (the backup API, in memory) when that copy is made, and copied back
    instead: the same rows, in milliseconds. PostgreSQL takes Django's way."""
    import sqlite3

    from django.db.backends.sqlite3.creation import DatabaseCreation

    serialize, deserialize = DatabaseCreation.serialize_db_to_string, DatabaseCreation.deserialize_db_from_string

    def serialize_and_snapshot(self):
        data = serialize(self)
        self.connection.ensure_connection()
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        self.connection.connection.backup(snapshot)
        self._snapshot = (data, snapshot)
        return data

    def restore(self, data):
        kept = getattr(self, "_snapshot", None)
        if kept is None or kept[0] is not data or self.connection.in_atomic_block:
            return deserialize(self, data)
        self.connection.ensure_connection()
        kept[1].backup(self.connection.connection)
        return None

    DatabaseCreation.serialize_db_to_string = serialize_and_snapshot
    DatabaseCreation.deserialize_db_from_string = restore


_restore_sqlite_from_a_snapshot()


def pytest_sessionstart(session):
    """A kept SQLite test database that a stopped run left empty is thrown away (and made anew)."""
    import sqlite3
    from pathlib import Path

    from django.conf import settings

    database = settings.DATABASES["default"]
    name = database.get("TEST", {}).get("NAME")
    if name and os.environ.get("PYTEST_XDIST_WORKER"):  # pytest-django gives each worker its own copy
        name = f"{name}_{os.environ['PYTEST_XDIST_WORKER']}"
    if database["ENGINE"] != "django.db.backends.sqlite3" or not name or not Path(name).exists():
        return
    try:
        with sqlite3.connect(name) as connection:
            (sites,) = connection.execute("SELECT COUNT(*) FROM wagtailcore_site").fetchone()
    except sqlite3.Error:
        sites = 0
    if not sites:
        Path(name).unlink()


@pytest.fixture
def redis_url(tmp_path):
    """Redis on 127.0.0.1:6379, a database of this test process's own (13, 14 and 15 for the first
    three pytest-xdist workers: two tests that empty one database at once would see each other's keys),
    emptied before and after; where none answers there, or for a fourth worker, one of the test's own
    (redis-server); else the test is skipped."""
    import redis as redis_client

    from tests.deploy import servers

    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    url = f"redis://127.0.0.1:6379/{13 + worker}"
    client = redis_client.Redis.from_url(url, socket_connect_timeout=0.5)
    try:
        shared = worker <= 2 and client.flushdb()
    except redis_client.exceptions.ConnectionError:
        shared = False
    if not shared:
        if servers.REDIS_SERVER is None:
            pytest.skip("no Redis on 127.0.0.1:6379 and redis-server is not installed (make deploy-tools)")
        own = servers.start_redis(tmp_path)
        try:
            yield f"redis://127.0.0.1:{own.port}/13"
        finally:
            own.stop()
        return
    try:
        yield url
    finally:
        client.flushdb()
