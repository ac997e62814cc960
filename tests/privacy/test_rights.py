"""People's rights (issue 11): a donor, applicant or mentor downloads what the portal holds about
them and asks for its erasure; staff complete the requests that wait for them, in the admin."""

import json
from decimal import Decimal

from django.utils import timezone

import pytest

from accounts.models import User
from campaigns.choices import PledgeState
from campaigns.models import NeedTally, Pledge
from mentoring.choices import ApplicationState
from mentoring.factories import ApplicationFactory, InterviewFactory, MeetingFactory, ReferenceFactory
from mentoring.models import Application, Interview, Meeting, RecordCheck, Reference
from privacy.choices import ErasureKind, ErasureState
from privacy.models import ErasureRequest
from privacy.periods import months_after
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def download(client):
    response = client.get("/my-data/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)["data"]


def erase(client, follow=False):
    """Ask for erasure the way a person does: confirm, then give the password again."""
    response = client.post("/my-data/erase/", {"confirmed": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    return client.post(response["Location"], {"password": PASSWORD}, follow=follow)


# Access


def test_my_data_is_in_the_account_menu_and_asks_to_sign_in(client, donor):
    assert client.get("/my-data/")["Location"].startswith("/accounts/login/")
    assert client.get("/my-data/download/")["Location"].startswith("/accounts/login/")
    client.force_login(donor)
    # "My account" in the header leads to the account's pages, whose menu has "My data".
    assert 'href="/accounts/email/"' in client.get("/").text
    assert 'href="/my-data/">Mani dati</a>' in client.get("/accounts/email/").text
    page = client.get("/en/my-data/")
    assert 'href="/en/my-data/" aria-current="page">My data</a>' in page.text


def test_a_donor_downloads_their_account_and_pledges(client, donor, pledge_for):
    from_account = pledge_for(donor=donor)
    by_address = pledge_for(email="ANNA@example.org", quantity=1)  # made signed out, with the same address
    pledge_for(email="cits@example.org")  # someone else's
    client.force_login(donor)
    data = download(client)
    assert data["account"][0]["email"] == "anna@example.org"
    assert {item["reference"] for item in data["pledges"]} == {from_account.reference, by_address.reference}
    first = next(item for item in data["pledges"] if item["reference"] == from_account.reference)
    assert first["donor_name"] == "Anna Ozola" and first["phone"] == "+371 29 000 001"
    assert first["items"] == ["Mugursoma: apsolīts 2, saņemts 0"]
    assert first["expected_date"] == from_account.expected_date.isoformat()
    page = client.get("/my-data/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert from_account.reference in page.text and "Atnesīšu pēc darba." in page.text


def test_a_mentor_downloads_application_screening_training_pairs_and_meetings(client, pair, mentor):
    MeetingFactory(pair=pair, date=timezone.localdate(), note="Gājām uz muzeju.")
    client.force_login(mentor)
    data = download(client)
    application = data["mentor_applications"][0]
    assert application["full_name"] == "Līga Mentore" and application["state"] == "Apstiprināts"
    kinds = {record["application"] for record in data["screening"]}
    assert kinds == {pair.mentor.reference}
    check = pair.mentor.record_checks.get()
    assert {"checked_on": check.checked_on.isoformat(), "valid_until": check.valid_until.isoformat()}.items() <= (
        next(record for record in data["screening"] if "checked_on" in record).items()
    )
    assert all("outcome" in record or "result" in record for record in data["screening"])
    assert data["training"][0]["hours"] == "2.00"
    assert data["pairs"] == [
        {
            "reference": pair.reference,
            "mentee_first_name": "Elza",
            "start_date": pair.start_date.isoformat(),
            "planned_end": None,
            "closed_on": None,
            "closure_reason": "",
        }
    ]
    assert data["meetings"][0]["note"] == "Gājām uz muzeju."
    # The mentee appears by first name only.
    text = json.dumps(data, ensure_ascii=False)
    for private in [pair.mentee.case_reference, "Zīmēšana", pair.mentee.birth_date.isoformat()]:
        assert private not in text
    assert "Koordinatore" not in text  # who interviewed them is not their data
    assert "Gājām uz muzeju." in client.get("/en/my-data/").text


# Erasure: a donor


def test_a_donor_erases_at_once_pledges_anonymised_figures_kept_account_removed(
    client, donor, pledge_for, mail_after_commit
):
    open_pledge = pledge_for(donor=donor, quantity=3)
    received = pledge_for(email="anna@example.org", quantity=1)
    received.lines.update(received=1)
    Pledge.objects.filter(pk=received.pk).update(state=PledgeState.RECEIVED)
    NeedTally.objects.filter(pk=received.lines.get().need_id).update(received=1)
    tally = NeedTally.objects.get(pk=open_pledge.lines.get().need_id)
    assert tally.pledged == 4

    client.force_login(donor)
    page = client.get("/my-data/erase/")
    assert "no-store" in page["Cache-Control"]
    assert "bez jūsu vārda" in page.text  # what happens to pledges, said before anything goes
    with mail_after_commit():
        response = erase(client)
    assert response.status_code == 302
    assert not User.objects.filter(email="anna@example.org").exists()
    assert "_auth_user_id" not in client.session
    for pledge in Pledge.objects.filter(pk__in=[open_pledge.pk, received.pk]):
        assert (pledge.donor_name, pledge.email, pledge.phone, pledge.note, pledge.donor) == ("", "", "", "", None)
        assert pledge.anonymised_at is not None
        assert pledge.lines.get().quantity in (3, 1)  # what was pledged stays
    open_pledge.refresh_from_db()
    assert open_pledge.state == PledgeState.CANCELLED  # its items are needed again
    tally.refresh_from_db()
    assert (tally.pledged, tally.received) == (1, 1)
    erasure = ErasureRequest.objects.get()
    assert (erasure.state, erasure.kind, erasure.user) == (ErasureState.COMPLETED, ErasureKind.ACCOUNT, None)
    assert {"model": "campaigns.pledge", "action": "anonymised", "count": 2} in erasure.removed
    assert {"model": "accounts.user", "action": "deleted", "count": 1} in erasure.removed
    [mail] = mail_after_commit.outbox
    assert mail.to == ["anna@example.org"] and "izdzēsti" in mail.subject


def test_staff_cannot_erase_their_own_account_here(client, coordinator):
    client.force_login(coordinator)
    response = erase(client)
    assert response.status_code == 400
    assert User.objects.filter(pk=coordinator.pk).exists()
    assert not ErasureRequest.objects.exists()


def test_a_donor_without_an_account_erases_through_the_private_link(client, pledge_for, mail_after_commit):
    pledge = pledge_for(email="janis@example.org", donor_name="Jānis Bērziņš")
    other = pledge_for(email="janis@example.org", donor_name="Jānis Bērziņš", quantity=1)
    stranger = pledge_for(email="cits@example.org")
    page = client.get(pledge.get_private_url())
    assert "no-store" in page["Cache-Control"]
    assert "Dzēst manus datus" in page.text

    asked = client.post(pledge.get_private_url(), {"action": "erase"})
    assert asked.status_code == 200 and "no-store" in asked["Cache-Control"]
    assert pledge.reference in asked.text and other.reference in asked.text
    assert Pledge.objects.get(pk=pledge.pk).donor_name == "Jānis Bērziņš"  # it asks first

    with mail_after_commit():
        response = client.post(pledge.get_private_url(), {"action": "erase", "confirmed": "1"})
    assert response.status_code == 302
    for erased in Pledge.objects.filter(pk__in=[pledge.pk, other.pk]):
        assert (erased.donor_name, erased.email, erased.phone) == ("", "", "")
    assert Pledge.objects.get(pk=stranger.pk).email == "cits@example.org"
    erasure = ErasureRequest.objects.get()
    assert (erasure.kind, erasure.state) == (ErasureKind.PLEDGE_LINK, ErasureState.COMPLETED)
    assert [mail.to for mail in mail_after_commit.outbox] == [["janis@example.org"]]
    after = client.get(pledge.get_private_url())
    assert "Jānis" not in after.text and "ir izdzēsti" in after.text


# Erasure: a mentor or an applicant, completed by the coordinator


def test_a_mentors_request_reaches_the_coordinator_who_completes_it_in_the_admin(
    client, pair, mentor, coordinator, mail_after_commit
):
    meeting = MeetingFactory(pair=pair, date=timezone.localdate(), hours=Decimal("2.5"))
    client.force_login(mentor)
    with mail_after_commit():
        response = erase(client)
    assert response.status_code == 302
    erasure = ErasureRequest.objects.get()
    assert (erasure.state, erasure.user) == (ErasureState.OPEN, mentor)
    assert erasure.due_on == months_after(timezone.localdate(), 1)  # one month to complete it
    to = sorted(address for mail in mail_after_commit.outbox for address in mail.to)
    assert to == ["coordinator@example.org", "mentore@example.org"]
    staff_mail = next(mail for mail in mail_after_commit.outbox if mail.to == ["coordinator@example.org"])
    assert f"/admin/privacy/erasure-requests/inspect/{erasure.pk}/" in staff_mail.body
    assert User.objects.filter(pk=mentor.pk).exists()  # the account waits for the coordinator
    assert "Koordinators to izdarīs" in client.get("/my-data/").text
    again = client.post("/my-data/erase/", {"confirmed": "on"})  # the password was given a moment ago
    assert again.status_code == 400 and "jau lūdzāt" in again.text  # asked once is enough

    client.force_login(coordinator)
    listing = client.get("/admin/privacy/erasure-requests/")
    assert erasure.reference in listing.text and erasure.due_on.strftime("%d.%m.%Y") in listing.text
    inspect = client.get(f"/admin/privacy/erasure-requests/inspect/{erasure.pk}/")
    assert "no-store" in inspect["Cache-Control"] and "mentore@example.org" in inspect.text
    assert "Elza" not in inspect.text  # how much is held, not what

    url = f"/admin/privacy/erasure-requests/complete/{erasure.pk}/"
    refused = client.post(url, {"confirmed": "on"})
    assert refused.status_code == 200 and "aktīvs pāris" in refused.text  # close the pair first
    client.post(f"/admin/mentoring/pairs/close/{pair.pk}/", {"closed_on": timezone.localdate(), "reason": "other"})
    sent = len(mail_after_commit.outbox)
    with mail_after_commit():
        assert client.post(url, {"confirmed": "on"}).status_code == 302

    erasure.refresh_from_db()
    assert (erasure.state, erasure.completed_by, erasure.user) == (ErasureState.COMPLETED, coordinator, None)
    assert not User.objects.filter(pk=mentor.pk).exists()
    application = Application.objects.get(pk=pair.mentor.pk)
    assert application.full_name == application.reference and application.user is None
    assert (application.birth_date, application.phone, application.motivation) == (None, "", "")
    assert not (Interview.objects.exists() or Reference.objects.exists() or RecordCheck.objects.exists())
    kept = Meeting.objects.get(pk=meeting.pk)  # the programme's record stays, pseudonymised
    assert (kept.hours, kept.pair.mentor.full_name, kept.logged_by) == (meeting.hours, application.reference, None)
    assert [mail.to for mail in mail_after_commit.outbox[sent:]] == [["mentore@example.org"]]
    assert "Līga" not in client.get(f"/admin/mentoring/pairs/inspect/{pair.pk}/").text


def test_an_applicants_records_go_altogether(client, make_user, coordinator, mail_after_commit):
    applicant = make_user(email="pieteicejs@example.org")
    application = ApplicationFactory(user=applicant, state=ApplicationState.SCREENING)
    InterviewFactory(application=application)
    ReferenceFactory(application=application)
    client.force_login(applicant)
    erase(client)
    erasure = ErasureRequest.objects.get()
    client.force_login(coordinator)
    with mail_after_commit():
        client.post(f"/admin/privacy/erasure-requests/complete/{erasure.pk}/", {"confirmed": "on"})
    assert not Application.objects.exists() and not Interview.objects.exists()
    assert not User.objects.filter(email="pieteicejs@example.org").exists()
    assert [mail.to for mail in mail_after_commit.outbox] == [["pieteicejs@example.org"]]


@pytest.mark.parametrize(("role", "sees", "completes"), [("campaign_manager", True, False), ("editor", False, False)])
def test_who_sees_and_completes_requests(client, request, role, sees, completes, make_user):
    user = make_user(email="pieteicejs@example.org")
    ApplicationFactory(user=user)
    erasure = ErasureRequest.objects.create(kind=ErasureKind.ACCOUNT, user=user)
    client.force_login(request.getfixturevalue(role))
    assert (client.get("/admin/privacy/erasure-requests/").status_code == 200) is sees
    response = client.post(f"/admin/privacy/erasure-requests/complete/{erasure.pk}/", {"confirmed": "on"})
    assert response.status_code in (302, 403)
    erasure.refresh_from_db()
    assert erasure.is_open
    assert client.get("/admin/privacy/erasure-requests/new/").status_code in (302, 403, 404)
