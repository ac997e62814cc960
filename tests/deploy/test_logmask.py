"""Private pledge links never reach a log: gunicorn's access log and Django's request log."""

import datetime
import logging
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from ops.logmask import GunicornLogger, MaskPrivatePaths, mask_private_paths

TOKEN = "MTI:1vB2xY:Qk3n-8FhZ0pLqR7sT_uV"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (f"/campaigns/pledge/{TOKEN}/", "/campaigns/pledge/***/"),
        (f"/en/campaigns/pledge/{TOKEN}/thanks/", "/en/campaigns/pledge/***/thanks/"),
        (f'"GET /campaigns/pledge/{TOKEN}/?a=1 HTTP/1.1"', '"GET /campaigns/pledge/***/?a=1 HTTP/1.1"'),
        (f"https://portal.example.org/campaigns/pledge/{TOKEN}/", "https://portal.example.org/campaigns/pledge/***/"),
        ("/campaigns/my-pledges/", "/campaigns/my-pledges/"),
        ("/jaunumi/", "/jaunumi/"),
    ],
)
def test_tokens_are_masked(text, masked):
    assert mask_private_paths(text) == masked


def test_gunicorn_access_log_masks_path_request_line_referrer_and_redirect():
    logger = GunicornLogger(Config())
    path = f"/campaigns/pledge/{TOKEN}/"
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://portal.example.org{path}",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="302 Found", sent=0, headers=[("Location", f"{path}thanks/")])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=12))
    line = logger.cfg.access_log_format % atoms + " ".join(str(value) for value in atoms.values())
    assert TOKEN not in line
    assert atoms["r"] == "POST /campaigns/pledge/***/ HTTP/1.1"
    assert atoms["{location}o"] == "/campaigns/pledge/***/thanks/"


@pytest.mark.django_db
def test_django_request_log_is_masked(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(f"/campaigns/pledge/{TOKEN}/").status_code == 404
    records = [record for record in caplog.records if record.name == "django.request"]
    assert records
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(item, MaskPrivatePaths) for item in handler.filters)
    )
    for record in records:
        assert handler.filter(record)
        assert TOKEN not in record.getMessage()
        assert "/campaigns/pledge/***/" in record.getMessage()
