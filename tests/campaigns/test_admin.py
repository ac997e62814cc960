import csv
import io
import re

import pytest
from openpyxl import load_workbook

from campaigns.choices import PledgeState
from campaigns.models import Pledge

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, campaign_manager):
    client.force_login(campaign_manager)
    return client


def test_manager_lists_filters_and_searches(manager_client, make_pledge, campaign):
    first = make_pledge({0: 1}, donor_name="Ilze Liepa", email="ilze@example.org")
    second = make_pledge(
        {0: 1},
        donor_name="Jānis Krūmiņš",
        email="janis@example.org",
        delivery="pickup",
        pickup_area="code",
        pickup_address="Liepu iela 1",
    )
    html = manager_client.get("/admin/pledge/").content.decode()
    assert first.reference in html and second.reference in html
    html = manager_client.get("/admin/pledge/", {"q": "Krūmiņš"}).content.decode()
    assert second.reference in html and first.reference not in html
    html = manager_client.get("/admin/pledge/", {"q": first.reference}).content.decode()
    assert first.reference in html and second.reference not in html
    html = manager_client.get("/admin/pledge/", {"delivery": "pickup"}).content.decode()
    assert second.reference in html and first.reference not in html
    html = manager_client.get("/admin/pledge/", {"state": "cancelled", "campaign": campaign.pk}).content.decode()
    assert first.reference not in html


def test_inspect_shows_lines(manager_client, make_pledge):
    pledge = make_pledge({0: 2, 2: 1})
    html = manager_client.get(f"/admin/pledge/inspect/{pledge.pk}/").content.decode()
    assert "Mugursoma" in html and "EU 38" in html and "anna@example.org" in html
    # A pledge made online has nobody who entered it: a dash, not the word "None".
    assert not re.search(r"<dd>\s*None\s*</dd>", html)


def test_receive_partial_and_over_receipt(manager_client, make_pledge, mail_after_commit):
    pledge = make_pledge({0: 3})
    line = pledge.lines.get()
    response = manager_client.post(f"/admin/pledge/receive/{pledge.pk}/", {f"line_{line.pk}": "5"})
    assert response.status_code == 200
    line.refresh_from_db()
    assert line.received == 0
    response = manager_client.post(f"/admin/pledge/receive/{pledge.pk}/", {f"line_{line.pk}": "2"})
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.PARTLY_RECEIVED
    with mail_after_commit():
        manager_client.post(f"/admin/pledge/receive/{pledge.pk}/", {f"line_{line.pk}": "1"})
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.RECEIVED
    assert [m.to for m in mail_after_commit.outbox] == [["anna@example.org"]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export(manager_client, make_pledge, fmt):
    pledge = make_pledge({0: 2}, phone="+371 20000000")
    response = manager_client.get("/admin/pledge/", {"export": fmt})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        rows = [
            [str(c) if c is not None else "" for c in row] for row in load_workbook(io.BytesIO(content)).active.values
        ]
    assert len(rows) == 2
    assert pledge.reference in rows[1] and "anna@example.org" in rows[1]
    assert any("Mugursoma" in cell for cell in rows[1])


def test_phone_pledge(manager_client, campaign, tallies, mail_after_commit):
    assert campaign.title in manager_client.get("/admin/pledge/new/").content.decode()
    html = manager_client.get("/admin/pledge/new/", {"campaign": campaign.pk}).content.decode()
    assert f"need_{tallies[0].pk}" in html
    from django.utils import timezone

    data = {
        "campaign": campaign.pk,
        f"need_{tallies[0].pk}": "2",
        "donor_name": "Vilis Zariņš",
        "email": "vilis@example.org",
        "delivery": "bring",
        "expected_date": timezone.localdate().isoformat(),
        "consent": "on",
        "submission_key": "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed",
    }
    with mail_after_commit():
        response = manager_client.post(f"/admin/pledge/new/?campaign={campaign.pk}", data)
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.source == "phone" and pledge.entered_by.email == "manager@example.org"


def test_summary(manager_client, make_pledge, campaign):
    make_pledge({0: 4})
    overdue = make_pledge({1: 1}, email="late@example.org")
    Pledge.objects.filter(pk=overdue.pk).update(expected_date="2020-01-01")
    html = manager_client.get("/admin/campaign_summary/").content.decode()
    assert campaign.title in html and "Mugursoma" in html
    assert overdue.reference in html


def test_nobody_deletes_pledges(client, superuser, make_pledge):
    pledge = make_pledge()
    client.force_login(superuser)
    assert client.get(f"/admin/pledge/delete/{pledge.pk}/").status_code in (302, 403)
    assert Pledge.objects.filter(pk=pledge.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pledge/",
        "/admin/pledge/?export=csv",
        "/admin/pledge/inspect/{pk}/",
        "/admin/pledge/edit/{pk}/",
        "/admin/pledge/receive/{pk}/",
        "/admin/pledge/new/",
        "/admin/campaign_summary/",
    ],
)
def test_editors_do_not_see_donors(client, editor, make_pledge, url):
    pledge = make_pledge()
    client.force_login(editor)
    response = client.get(url.format(pk=pledge.pk))
    assert response.status_code in (302, 403)
    assert b"anna@example.org" not in response.content
    menu = client.get("/admin/").content.decode()
    assert "/admin/pledge/" not in menu and "/admin/campaign_summary/" not in menu


def test_managers_see_the_menu(manager_client):
    html = manager_client.get("/admin/").content.decode()
    assert "/admin/pledge/" in html and "/admin/campaign_summary/" in html


def test_manager_corrects_contact_details(manager_client, make_pledge):
    pledge = make_pledge()
    data = {
        "donor_name": "Anna Ozola",
        "email": "anna.ozola@example.org",
        "phone": "+371 29999999",
        "expected_date": pledge.expected_date.isoformat(),
        "pickup_address": "",
        "note": "",
    }
    response = manager_client.post(f"/admin/pledge/edit/{pledge.pk}/", data)
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert (pledge.email, pledge.phone) == ("anna.ozola@example.org", "+371 29999999")


def test_editors_do_not_see_pledge_history(client, editor, make_pledge):
    pledge = make_pledge()
    client.force_login(editor)
    assert client.get(f"/admin/pledge/history/{pledge.pk}/").status_code in (302, 403)
