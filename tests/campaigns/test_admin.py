import csv
import datetime
import io
import re

from django.utils import timezone

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
    assert "Ne vairāk kā 3: tik no šī solījuma vēl gaidām." in response.text  # not "Vērtībai jābūt ne lielākai par 3."
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


def test_the_summary_shows_the_longest_overdue_and_links_to_them_all(manager_client, campaign, tallies):
    """25 overdue pledges: the summary names the 20 that are longest overdue and links to the pledge
    list filtered to all 25 (and to nothing else: a pledge due today is not late, nor a closed one)."""
    today = timezone.localdate()
    late = Pledge.objects.bulk_create(
        Pledge(
            campaign=campaign,
            donor_name=f"Kavētājs {n}",
            email=f"k{n}@example.org",
            expected_date=today - datetime.timedelta(days=30 - n),
        )
        for n in range(25)
    )
    Pledge.objects.create(campaign=campaign, donor_name="Šodien", email="s@example.org", expected_date=today)
    Pledge.objects.create(
        campaign=campaign,
        donor_name="Atcelts",
        email="a@example.org",
        expected_date=today - datetime.timedelta(days=40),
        state=PledgeState.CANCELLED,
    )
    html = manager_client.get("/admin/campaign_summary/").content.decode()
    assert "Nokavētie solījumi (25)" in html
    shown = [pledge.reference for pledge in late if pledge.reference in html]
    assert shown == [pledge.reference for pledge in late[:20]]  # the oldest expected dates
    link = re.search(r'<a href="([^"]+)">visi 25 nokavētie solījumi solījumu sarakstā</a>', html)
    listing = manager_client.get(link.group(1).replace("&amp;", "&"))
    listed = {pledge.donor_name for pledge in listing.context["object_list"]}
    assert listed == {pledge.donor_name for pledge in late}, listed - {pledge.donor_name for pledge in late}


def test_the_summary_link_agrees_with_a_number_ending_in_one(manager_client, campaign):
    """21 takes the singular in Latvian ("21 pāris"): the link to the overdue pledges says so."""
    late = timezone.localdate() - datetime.timedelta(days=3)
    Pledge.objects.bulk_create(
        Pledge(campaign=campaign, donor_name=f"Kavētājs {n}", email=f"k{n}@example.org", expected_date=late)
        for n in range(21)
    )
    html = manager_client.get("/admin/campaign_summary/").content.decode()
    assert "kopā 21 nokavētais solījums solījumu sarakstā</a>" in html


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


# Staff cancel a pledge


def test_manager_cancels_a_whole_pledge_with_a_reason(
    manager_client, campaign_manager, make_pledge, tallies, mail_after_commit
):
    pledge = make_pledge({0: 4, 1: 2})
    html = manager_client.get(f"/admin/pledge/inspect/{pledge.pk}/").content.decode()
    assert f"/admin/pledge/cancel/{pledge.pk}/" in html
    form = manager_client.get(f"/admin/pledge/cancel/{pledge.pk}/").content.decode()
    assert "Visu solījumu" in form and "Mugursoma" in form

    response = manager_client.post(f"/admin/pledge/cancel/{pledge.pk}/", {"scope": "all", "reason": ""})
    assert response.status_code == 200  # the reason is required
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.PLEDGED

    with mail_after_commit():
        response = manager_client.post(
            f"/admin/pledge/cancel/{pledge.pk}/", {"scope": "all", "reason": "Ziedotāja piezvanīja: saslima."}
        )
    assert response.status_code == 302
    pledge.refresh_from_db()
    tallies[0].refresh_from_db()
    tallies[1].refresh_from_db()
    assert pledge.state == PledgeState.CANCELLED
    assert (tallies[0].pledged, tallies[1].pledged) == (0, 0)
    [told] = mail_after_commit.outbox
    assert told.to == ["anna@example.org"] and "Ziedotāja piezvanīja: saslima." in told.body
    history = manager_client.get(f"/admin/pledge/history/{pledge.pk}/").content.decode()
    assert "Solījums atcelts. Iemesls: Ziedotāja piezvanīja: saslima." in history
    assert campaign_manager.get_full_name() in history  # who


def test_manager_cancels_one_line(manager_client, make_pledge, tallies, mail_after_commit):
    from campaigns import services

    pledge = make_pledge({0: 4, 1: 2})
    lines = {line.need_id: line for line in pledge.lines.all()}
    services.record_receipt(pledge, {lines[tallies[0].pk].pk: 1})
    with mail_after_commit():
        response = manager_client.post(
            f"/admin/pledge/cancel/{pledge.pk}/",
            {"scope": str(lines[tallies[0].pk].pk), "reason": "Mugursomas vairs nav."},
        )
    assert response.status_code == 302
    pledge.refresh_from_db()
    tallies[0].refresh_from_db()
    tallies[1].refresh_from_db()
    assert pledge.state == PledgeState.PARTLY_RECEIVED  # the boots are still expected
    assert (tallies[0].pledged, tallies[0].received) == (1, 1)  # 3 backpacks freed, the one that came stays
    assert tallies[1].pledged == 2
    [told] = mail_after_commit.outbox
    assert "Mugursomas vairs nav." in told.body and "Ziemas zābaki EU 36: 2 pāri" in told.body
    history = manager_client.get(f"/admin/pledge/history/{pledge.pk}/").content.decode()
    assert "Mugursomas vairs nav." in history


def test_only_campaign_managers_cancel(client, editor, make_user, make_pledge):
    from django.contrib.auth.models import Group, Permission

    pledge = make_pledge()
    viewer = make_user(email="viewer@example.org")
    group = Group.objects.create(name="Pledge readers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_pledge")
    )
    viewer.groups.add(group)
    for user in (editor, viewer):
        client.force_login(user)
        response = client.post(f"/admin/pledge/cancel/{pledge.pk}/", {"scope": "all", "reason": "x"})
        assert response.status_code in (302, 403)
    client.force_login(viewer)
    inspect = client.get(f"/admin/pledge/inspect/{pledge.pk}/").content.decode()
    assert f"/admin/pledge/cancel/{pledge.pk}/" not in inspect
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.PLEDGED


# Pledges taken by phone


def phone_data(campaign, tallies, **fields):
    from django.utils import timezone

    return {
        "campaign": campaign.pk,
        f"need_{tallies[0].pk}": "2",
        "donor_name": "Vilis Zariņš",
        "email": "",
        "phone": "+371 26000000",
        "delivery": "bring",
        "expected_date": timezone.localdate().isoformat(),
        "pickup_area": "",
        "pickup_address": "",
        "note": "",
        "consent": "on",
        "submission_key": "2c1d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed",
        **fields,
    }


def test_phone_pledge_with_a_phone_number_only(manager_client, campaign, tallies, make_pledge, mail_after_commit):
    make_pledge({0: 3})
    html = manager_client.get("/admin/pledge/new/", {"campaign": campaign.pk}).content.decode()
    assert "Vēl vajadzīgs: 7 gabali" in html and "Vēl vajadzīgs: 4 pāri" in html  # per item, before saving

    with mail_after_commit():
        response = manager_client.post(f"/admin/pledge/new/?campaign={campaign.pk}", phone_data(campaign, tallies))
    assert response.status_code == 302
    pledge = Pledge.objects.get(donor_name="Vilis Zariņš")
    assert (pledge.email, pledge.phone) == ("", "+371 26000000")
    assert [m.to for m in mail_after_commit.outbox] == [["manager@example.org"]]  # no mail to the donor

    with mail_after_commit():
        manager_client.post(f"/admin/pledge/receive/{pledge.pk}/", {f"line_{pledge.lines.get().pk}": "2"})
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.RECEIVED
    assert [m.to for m in mail_after_commit.outbox] == [["manager@example.org"]]  # still none


def test_phone_pledge_needs_an_email_or_a_phone(manager_client, campaign, tallies):
    response = manager_client.post(
        f"/admin/pledge/new/?campaign={campaign.pk}", phone_data(campaign, tallies, phone="")
    )
    assert response.status_code == 200
    assert "Norādiet e-pasta adresi vai tālruņa numuru" in response.content.decode()
    assert not Pledge.objects.exists()


def test_phone_form_shows_the_services_refusal_beside_the_item(manager_client, campaign, tallies, make_pledge):
    """Someone was quicker between opening the form and saving it: the quantity field says what is left."""
    form = manager_client.get("/admin/pledge/new/", {"campaign": campaign.pk})
    assert form.status_code == 200
    make_pledge({1: 3})
    response = manager_client.post(
        f"/admin/pledge/new/?campaign={campaign.pk}",
        phone_data(campaign, tallies, **{f"need_{tallies[0].pk}": "", f"need_{tallies[1].pk}": "2"}),
    )
    assert response.status_code == 200
    assert "Vajadzīgs vēl tikai 1." in response.content.decode()


def test_the_public_form_still_requires_an_email(client, campaign, tallies):
    data = phone_data(campaign, tallies, website="")
    del data["campaign"]
    response = client.post(campaign.url, data)
    assert response.status_code == 400
    assert not Pledge.objects.exists()


# The pledge list: search, export, times


def test_search_ignores_diacritics(manager_client, make_pledge):
    ozolina = make_pledge({0: 1}, donor_name="Ilze Ozoliņa", email="ilze@example.org")
    sluka = make_pledge({0: 1}, donor_name="Jānis Šļūka", email="janis@example.org")
    html = manager_client.get("/admin/pledge/", {"q": "ozolina"}).content.decode()
    assert ozolina.reference in html and sluka.reference not in html
    html = manager_client.get("/admin/pledge/", {"q": "OZOL"}).content.decode()
    assert ozolina.reference in html and sluka.reference not in html
    html = manager_client.get("/admin/pledge/", {"q": "sluka"}).content.decode()
    assert sluka.reference in html and ozolina.reference not in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_shows_labels_and_riga_time(manager_client, make_pledge, fmt):
    import datetime as dt

    pledge = make_pledge({0: 2})
    Pledge.objects.filter(pk=pledge.pk).update(created_at=dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.UTC))
    response = manager_client.get("/admin/pledge/", {"export": fmt})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        header, row = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        header, row = list(load_workbook(io.BytesIO(content)).active.values)
    values = dict(zip(header, row, strict=True))
    # Labels people read on screen, not the stored codes "pledged", "bring", "web".
    assert values["Stāvoklis"] == "Apsolīts"
    assert values["Nogādāšana"] == "Atnesīšu lietas uz centru"
    assert values["Ievadīts"] == "Tīmekļa veidlapa"
    # 09:30 UTC is 12:30 in Riga in summer.
    created = values["Apsolīts"]
    assert created == "2026-07-01 12:30" if fmt == "csv" else (created.hour, created.minute) == (12, 30)


def test_inspect_shows_riga_time(manager_client, make_pledge):
    import datetime as dt

    pledge = make_pledge({0: 1})
    Pledge.objects.filter(pk=pledge.pk).update(created_at=dt.datetime(2026, 1, 15, 22, 30, tzinfo=dt.UTC))
    html = manager_client.get(f"/admin/pledge/inspect/{pledge.pk}/").content.decode()
    assert "2026. gada 16. janvāris, 00:30" in html  # Riga is UTC+2 in winter: already the next day
    assert "22:30" not in html


def test_a_web_pledge_keeps_its_email_in_the_admin(manager_client, make_pledge):
    pledge = make_pledge()
    data = {
        "donor_name": "Anna Ozola",
        "email": "",
        "phone": "+371 29999999",
        "expected_date": pledge.expected_date.isoformat(),
        "pickup_address": "",
        "note": "",
    }
    response = manager_client.post(f"/admin/pledge/edit/{pledge.pk}/", data)
    assert response.status_code == 200
    assert "e-pasta adrese paliek" in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.email == "anna@example.org"
    data.update(email="anna@example.org", donor_name="Anna\nOzola")  # the edit form refuses two lines too
    assert manager_client.post(f"/admin/pledge/edit/{pledge.pk}/", data).status_code == 200
    pledge.refresh_from_db()
    assert pledge.donor_name == "Anna Ozola"


def test_the_receive_form_says_each_quantity_with_its_unit_in_agreement(client, campaign_manager, make_pledge):
    """ "0/1 pāris" and "0/2 pāri", not "0/1 pāri" (issue 9: the admin's Latvian reads right)."""
    pledge = make_pledge({1: 1, 2: 2})
    client.force_login(campaign_manager)
    text = client.get(f"/admin/pledge/receive/{pledge.pk}/").text
    assert "Ziemas zābaki EU 36 — 0/1 pāris" in text
    assert "Ziemas zābaki EU 38 — 0/2 pāri" in text
