"""A number in an address that is no row's key (past any 64-bit key) finds nothing: "page not
found", never a server error (SQLite refused such a number with an OverflowError)."""

from django.test import Client

import pytest

from tests.mentoring.conftest import mentor_a, pair_a, today  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

HUGE = "9" * 23


def test_a_number_past_any_key_is_not_found(client, superuser, mentor_a):  # noqa: F811 - the fixture
    """Every address of ours with a key in it (``<id:pk>``, ``home.converters``): public, the mentor's,
    and the admin's actions."""
    visitor = Client()
    assert visitor.get(f"/campaigns/{HUGE}/poster/").status_code == 404
    assert visitor.get(f"/en/campaigns/{HUGE}/poster/").status_code == 404

    mentor = Client()
    mentor.force_login(mentor_a)
    for path in (f"pairs/{HUGE}/", f"pairs/{HUGE}/meetings/", f"meetings/{HUGE}/edit/", f"meetings/{HUGE}/delete/"):
        assert mentor.get(f"/mentoring/{path}").status_code == 404, path

    client.force_login(superuser)
    for path in (
        f"pledge/receive/{HUGE}/",
        f"pledge/cancel/{HUGE}/",
        f"mentoring/applications/decide/{HUGE}/",
        f"mentoring/pairs/close/{HUGE}/",
        f"mentoring/pairs/approve-month/{HUGE}/",
        f"mentoring/pairs/resolve-concern/{HUGE}/",
        f"mentoring/certificates/revoke/{HUGE}/",
        f"privacy/erasure-requests/complete/{HUGE}/",
    ):
        assert client.get(f"/admin/{path}").status_code == 404, path
