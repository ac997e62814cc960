"""What a pledge costs (issue 12, "The benchmark"): the pledge is checked with the fields of the needs it
names and answered with a redirect before the page is built, so its queries are the same at one need
and at 500; the page with every need's field comes back only with a problem to show."""

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.crypto import get_random_string

import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import Pledge
from tests.forms import pledge_fields
from tests.queries import Budget, total

pytestmark = pytest.mark.django_db

PLEDGE = [
    ("the pages on the campaign's address (one query), the campaign's own row", 2),
    ("the default locale (the Latvian source page the tallies belong to)", 1),
    ("the tallies the form names, and their needs on this page", 2),
    ("the rate limits asked (address, e-mail, browser; the test settings count in a table, production in Redis)", 4),
    ("a pledge with this submission key already, or the same donor's a moment ago? (one query)", 1),
    ("the pledge, its reservation (a conditional UPDATE per item), its line", 3),
    ("the rate limits counted (in the table: address, e-mail address, browser)", 9),
]  # No session: the per-browser limit counts by the CSRF cookie the visitor got with the page.


def build(campaign_index, needs):
    return CampaignPageFactory(
        parent=campaign_index, needs=[{"name": f"Lieta {i}", "quantity": 1000} for i in range(needs)]
    )


def pledge_queries(client, page, budget: Budget) -> list[str]:
    tally = page.tallies.order_by("-sort_order").first()  # the last need on the page
    # Warm: what a running server keeps.
    client.post(page.url, pledge_fields({tally.pk: 1}, email=f"first-{page.pk}@example.org"))
    # A new visitor, as after opening the page: a CSRF cookie of their own, no session.
    client.cookies.clear()
    client.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(32)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(page.url, pledge_fields({tally.pk: 2}, email=f"second-{page.pk}@example.org"))
    assert response.status_code == 302
    sql = [query["sql"] for query in queries.captured_queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(sql) == total(budget), "\n".join([f"{len(sql)} queries, the budget says {total(budget)}:", *sql])
    return sql


@pytest.mark.reference_index  # as production: a pledge is no content of Wagtail's reference index
def test_a_pledge_costs_the_same_queries_at_one_need_and_at_500(client, campaign_index):
    small = build(campaign_index, needs=1)
    large = build(campaign_index, needs=500)
    pledge_queries(client, small, PLEDGE)
    sql = pledge_queries(client, large, PLEDGE)
    assert Pledge.objects.filter(campaign=large).count() == 2
    # Neither every need nor every tally of the page is read: only those the form names.
    needs = [statement for statement in sql if 'FROM "campaigns_need"' in statement]
    tallies = [
        statement for statement in sql if statement.startswith("SELECT") and 'FROM "campaigns_needtally"' in statement
    ]
    assert len(needs) == len(tallies) == 1
    assert " IN (" in needs[0] and '"campaigns_needtally"."id" IN (' in tallies[0]
    # Wagtail's reference index keeps no row for pledges, their lines or the tallies (records, not content).
    from wagtail.models import ReferenceIndex

    assert not ReferenceIndex.objects.filter(
        content_type__app_label="campaigns", content_type__model__in=["pledge", "pledgeline", "needtally"]
    ).exists()


def test_any_quantity_field_filled_in_is_checked_and_the_page_comes_back_with_every_need(client, campaign_index):
    page = build(campaign_index, needs=30)
    tallies = list(page.tallies.order_by("sort_order"))
    response = client.post(page.url, pledge_fields({tallies[0].pk: 1, tallies[29].pk: "0"}, email="anna@example.org"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ievadiet veselu skaitli no 1 vai atstājiet tukšu." in html
    assert all(f'name="need_{tally.pk}"' in html for tally in tallies)  # the whole form, as before
    assert not Pledge.objects.exists()


def test_a_field_of_another_campaigns_need_is_no_item_of_this_one(client, campaign_index):
    page = build(campaign_index, needs=3)
    other = build(campaign_index, needs=1)
    response = client.post(page.url, pledge_fields({other.tallies.get().pk: 1}, email="anna@example.org"))
    assert response.status_code == 400
    assert "Izvēlieties vismaz vienu lietu" in response.content.decode()
    assert not Pledge.objects.exists()


def test_the_new_pledges_mails_are_written_after_the_commit(client, campaign_index, mail_after_commit):
    page = build(campaign_index, needs=3)
    tally = page.tallies.first()
    response = client.post(page.url, pledge_fields({tally.pk: 1}, email="anna@example.org"))
    assert response.status_code == 302
    assert mail_after_commit.outbox == []  # nothing written in the request: its transaction never commits here
    with mail_after_commit():
        response = client.post(page.url, pledge_fields({tally.pk: 2}, email="janis@example.org"))
    assert [message.to for message in mail_after_commit.outbox] == [["janis@example.org"]]
    pledge = Pledge.objects.get(email="janis@example.org")
    assert pledge.reference in mail_after_commit.outbox[0].subject


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_task_worker_writes_and_sends_them(client, campaign_index, settings, mailoutbox):
    """As in production: the request leaves a task in the queue, the worker writes and sends the mail."""
    from django.core.management import call_command

    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page = build(campaign_index, needs=3)
    response = client.post(page.url, pledge_fields({page.tallies.first().pk: 1}, email="anna@example.org"))
    assert response.status_code == 302
    assert mailoutbox == []
    assert DBTaskResult.objects.filter(task_path="campaigns.tasks.new_pledge_mails").count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)  # writes it, queues its delivery
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert [message.to for message in mailoutbox] == [["anna@example.org"]]
    assert Pledge.objects.get().reference in mailoutbox[0].subject


def test_a_quantity_field_of_no_such_need_is_no_item_however_long_its_number(client, campaign_index):
    """A field name a browser never sends (a number past any database key): the donor is told to
    choose an item, as for a field of another campaign's need, never a server error."""
    page = build(campaign_index, needs=2)
    response = client.post(page.url, pledge_fields({"99999999999999999999999": 1}, email="anna@example.org"))
    assert response.status_code == 400
    assert not Pledge.objects.exists()
