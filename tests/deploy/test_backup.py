"""deploy/backup.sh, and the README's restore steps: a fresh database restored from the dump serves
the same pages and the same pledges (PostgreSQL, as in production)."""

import re
import shutil
import subprocess

from django.db import connection

import psycopg
import pytest

from tests.deploy import servers

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="backup.sh dumps PostgreSQL (pg_dump)"),
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "rsync")),
        reason="pg_dump, pg_restore or rsync is not installed here (postgresql-client, rsync)",
    ),
    pytest.mark.slow_server,
]

# Fresh in every response: the CSRF token, the form's double-submit key and its signed timestamp.
RANDOM_PER_RESPONSE = re.compile(r'(name="(?:csrfmiddlewaretoken|submission_key|form_shown)"[^>]*value=")[^"]*"')
# A pledge's QR code holds an absolute address of the admin, on the host (here: the port) asked.
QR_CODE = re.compile(r'<svg [^>]*class="qr[^"]*"[^>]*>.*?</svg>', re.S)


def pages(server, urls):
    shown = {}
    for url in urls:
        response = servers.fetch(f"http://127.0.0.1:{server.port}{url}")
        assert response.status == 200, (url, server.output()[-3000:])
        shown[url] = QR_CODE.sub("<svg/>", RANDOM_PER_RESPONSE.sub(r'\1"', response.text))
    return shown


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restored_backup_serves_the_same_pages_and_pledges(
    tmp_path, campaign, make_pledge, database_cache_table, collected_static
):
    pledge = make_pledge({0: 2, 1: 1})
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "boots.png").write_bytes(b"\x89PNG not really")
    urls = ["/", campaign.url, pledge.get_private_url(), pledge.get_confirmation_url()]

    original = servers.start_gunicorn(
        tmp_path, servers.production_env(STATIC_ROOT=collected_static, MEDIA_ROOT=media), name="original"
    )
    try:
        before = pages(original, urls)
    finally:
        original.stop()
    assert pledge.reference in before[pledge.get_private_url()]

    backups = tmp_path / "backups"
    subprocess.run(  # noqa: S603
        [str(servers.REPO / "deploy" / "backup.sh")],
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": servers.database_url(), "BACKUP_DIR": str(backups),
             "MEDIA_ROOT": str(media)},
        check=True, capture_output=True,
    )  # fmt: skip
    (dump,) = (backups / "db").glob("portal-*.dump")
    assert (backups / "media" / "latest" / "original_images" / "boots.png").exists()

    # The README's restore steps: a new database, pg_restore, the media copied back.
    fresh = {**connection.settings_dict, "NAME": f"{connection.settings_dict['NAME']}_restored"}
    admin = psycopg.connect(servers.database_url({**fresh, "NAME": "postgres"}), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{fresh["NAME"]}"')
    admin.execute(f'CREATE DATABASE "{fresh["NAME"]}"')
    restored = None
    try:
        subprocess.run(  # noqa: S603
            ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", servers.database_url(fresh), str(dump)],  # noqa: S607
            check=True, capture_output=True,
        )  # fmt: skip
        restored_media = tmp_path / "restored-media"
        subprocess.run(["rsync", "-a", f"{backups}/media/latest/", f"{restored_media}/"], check=True)  # noqa: S603, S607
        assert (restored_media / "original_images" / "boots.png").read_bytes() == b"\x89PNG not really"

        restored = servers.start_gunicorn(
            tmp_path,
            servers.production_env(
                DATABASE_URL=servers.database_url(fresh), STATIC_ROOT=collected_static, MEDIA_ROOT=restored_media
            ),
            name="restored",
        )
        assert pages(restored, urls) == before
    finally:
        if restored is not None:
            restored.stop()
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh["NAME"]}" WITH (FORCE)')
        admin.close()
