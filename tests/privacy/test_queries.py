"""What the erasure requests' admin list costs in queries: pinned, and the same at 1 request and at many."""

import datetime

from django.utils import timezone

import pytest

from accounts.models import User
from privacy.choices import ErasureKind
from privacy.models import ErasureRequest
from tests.queries import ADMIN_FRAME, ADMIN_MENU, PAGE_LIMIT, assert_queries

pytestmark = pytest.mark.django_db

ERASURE_LISTING = [
    *ADMIN_FRAME,
    ("the listing's count (paginator)", 1),
    *ADMIN_MENU,
    ("this page's requests with who asked (their accounts)", 1),
]


def add_requests(count):
    first = User.objects.count()
    users = User.objects.bulk_create(User(email=f"dzest-{first + n}@example.org") for n in range(count))
    today = timezone.localdate()
    ErasureRequest.objects.bulk_create(
        ErasureRequest(kind=ErasureKind.ACCOUNT, user=user, due_on=today + datetime.timedelta(days=30))
        for user in users
    )


def test_the_erasure_requests_list_at_1_and_300_requests(client, campaign_manager):
    client.force_login(campaign_manager)
    add_requests(1)
    assert_queries(client, "/admin/privacy/erasure-requests/", ERASURE_LISTING, limit=PAGE_LIMIT)
    add_requests(299)
    html = client.get("/admin/privacy/erasure-requests/").content.decode()
    assert "dzest-" in html  # the list names who asked
    assert_queries(client, "/admin/privacy/erasure-requests/", ERASURE_LISTING, limit=PAGE_LIMIT)
