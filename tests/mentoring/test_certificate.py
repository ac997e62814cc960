"""The certificate of volunteering (issue 13): a PDF of the approved months, in Latvian or English,
with a code that the centre's "Verify a certificate" page confirms."""

import datetime
import io
import re
from decimal import Decimal

from django.utils import timezone, translation

import pytest
from pypdf import PdfReader

from home.dates import long_date
from home.models import CentreSettings
from mentoring import dates, services
from mentoring.certificates import month_name
from mentoring.factories import MeetingFactory
from mentoring.models import Certificate, MonthReview
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db

NAME = "Ilze Ozoliņa-Šķēle"


def meeting(pair, day, hours):
    return MeetingFactory(pair=pair, date=day, hours=Decimal(hours))


@pytest.fixture
def months(today):
    """Two months before last (m1) and last month (m2) of a pair that started about 100 days ago."""
    return dates.add_months(today, -2), dates.add_months(today, -1)


@pytest.fixture
def mentored(pair_a, coordinator, months, today):
    """Approved: 4 h in 2 meetings (m1), 6.25 h in 3 meetings (m2). Not approved: 5 h on the first
    day, 2 h today. The certificate says 10.25 hours and 5 meetings."""
    pair_a.mentor.full_name = NAME
    pair_a.mentor.save(update_fields=["full_name"])
    first, second = months
    meeting(pair_a, pair_a.start_date, "5")
    meeting(pair_a, first + datetime.timedelta(days=2), "2.5")
    meeting(pair_a, first + datetime.timedelta(days=9), "1.5")
    meeting(pair_a, second + datetime.timedelta(days=1), "3")
    meeting(pair_a, second + datetime.timedelta(days=8), "2.25")
    meeting(pair_a, second + datetime.timedelta(days=20), "1")
    meeting(pair_a, today, "2")
    services.approve_month(pair_a, first, by=coordinator)
    services.approve_month(pair_a, second, by=coordinator)
    return pair_a


@pytest.fixture
def centre(home_page):
    settings = CentreSettings.for_default_site()
    settings.phone = "+371 20 000 001"
    settings.email = "centrs@example.org"
    settings.save()
    return settings


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1  # one A4 page
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    return page.extract_text()


def flat(text):
    return re.sub(r"\s+", " ", text)


def download(client, language, prefix=""):
    return client.post(f"{prefix}/mentoring/certificate/", {"language": language})


def test_the_mentor_downloads_a_latvian_certificate_of_the_approved_months(
    client, mentor_a, mentored, months, centre, today
):
    client.force_login(mentor_a)
    page = client.get("/mentoring/")
    assert 'id="certificate-title"' in page.text and "10,25" in page.text

    response = download(client, "lv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="apliecinajums-')
    assert "no-store" in response["Cache-Control"]
    text = flat(pdf_text(response))
    certificate = Certificate.objects.get()
    assert "Apliecinājums par brīvprātīgo darbu" in text
    assert NAME in text
    assert "Apstiprinātās stundas 10,25" in text
    assert "Tikšanās ar aizbilstamo 5" in text
    with translation.override("lv"):
        period = f"{month_name(months[0])} – {month_name(months[1])}"
        issued = long_date(today)
    assert period in text
    assert f"Izsniegts: {issued}, Bauska" in text
    assert "Bauskas SOS ģimeņu atbalsta centrs" in text
    assert "Rūpniecības iela 7, Bauska, LV-3901" in text and "centrs@example.org" in text
    assert certificate.display_code in text
    assert f"/mentoring/certificates/verify/?code={certificate.display_code}" in text.replace(" ", "")
    assert (certificate.hours, certificate.meetings, certificate.language) == (Decimal("10.25"), 5, "lv")
    assert (certificate.first_month, certificate.last_month, certificate.full_name) == (*months, NAME)


def test_the_same_certificate_in_english(client, mentor_a, mentored, months, centre, today):
    client.force_login(mentor_a)
    response = download(client, "en", prefix="/en")
    assert response.status_code == 200
    assert 'filename="certificate-' in response["Content-Disposition"]
    text = flat(pdf_text(response))
    assert "Certificate of volunteering" in text
    assert NAME in text
    assert "Approved hours 10.25" in text and "Meetings with the mentee 5" in text
    assert f"{months[0]:%B %Y} – {months[1]:%B %Y}" in text
    with translation.override("en"):
        assert f"Issued: {long_date(today)}, Bauska" in text
    assert "Bauska SOS Family Support Centre" in text
    code = Certificate.objects.get().display_code
    assert f"/en/mentoring/certificates/verify/?code={code}" in text.replace(" ", "")


def test_a_mentor_chooses_the_other_language_from_either_page(client, mentor_a, mentored, centre):
    client.force_login(mentor_a)
    english_page = client.get("/en/mentoring/")
    assert 'value="en" checked' in english_page.text.replace("\n", " ") or re.search(
        r'value="en"[^>]*checked', english_page.text
    )
    text = flat(pdf_text(download(client, "lv", prefix="/en")))
    assert "Apliecinājums par brīvprātīgo darbu" in text  # the choice, not the page's language


def test_unapproved_months_do_not_count(client, mentor_a, pair_a, coordinator, months, centre, today):
    client.force_login(mentor_a)
    meeting(pair_a, months[0] + datetime.timedelta(days=3), "4")
    meeting(pair_a, today, "3")
    page = client.get("/mentoring/")
    assert "certificate-title" not in page.text  # nothing approved: no certificate offered
    response = download(client, "lv")
    assert response.status_code == 302 and not Certificate.objects.exists()
    assert "nav apstiprinājis" in client.get(response.url).text

    services.approve_month(pair_a, months[0], by=coordinator)
    meeting(pair_a, months[1] + datetime.timedelta(days=3), "6")  # last month, not approved
    text = flat(pdf_text(download(client, "en", prefix="/en")))
    assert "Approved hours 4 " in text and "Meetings with the mentee 1 " in text


def test_a_new_approved_month_makes_a_new_code_and_the_old_one_keeps_what_it_said(
    client, mentor_a, mentored, coordinator, today
):
    client.force_login(mentor_a)
    download(client, "lv")
    download(client, "lv")
    assert Certificate.objects.count() == 1  # nothing changed: the same certificate, the same code
    download(client, "en", prefix="/en")
    assert Certificate.objects.count() == 2
    old = Certificate.objects.get(language="lv")
    # A month approved after the issue: new figures, a new code; the old code still says 10.25.
    earlier = dates.month_start(mentored.start_date)
    MonthReview.objects.create(pair=mentored, month=earlier, hours=Decimal("5"), approved_by=coordinator)
    download(client, "lv")
    new = Certificate.objects.filter(language="lv").order_by("-pk").first()
    assert new.code != old.code and new.hours == Decimal("15.25") and new.meetings == 6
    page = client.get(f"/mentoring/certificates/verify/?code={old.display_code}")
    assert "10,25" in page.text and "15,25" not in page.text


def test_only_the_signed_in_mentor_downloads_by_post(client, mentor_a, mentored, mentor_b):
    assert client.post("/mentoring/certificate/", {"language": "lv"}).status_code == 302  # to sign in
    client.force_login(mentor_a)
    # A GET downloads nothing: it leads to the page with the button (it was a blank "405" page).
    opened = client.get("/mentoring/certificate/")
    assert (opened.status_code, opened["Location"]) == (302, "/mentoring/") and not Certificate.objects.exists()
    client.force_login(mentor_b)
    response = download(client, "lv")
    assert response.status_code == 302 and not Certificate.objects.exists()  # b has no approved month
    client.force_login(mentor_a)
    assert download(client, "de").status_code == 302 and not Certificate.objects.exists()


# The verification page


@pytest.fixture
def certificate(mentored):
    return services.issue_certificate(mentored.mentor.user, language="lv")


VERIFY = [
    ("the rate limit: may this address check one more? (the counter table, as without Redis)", 2),
    ("the certificate", 1),
    ("the rate limit: count this check", 5),
]  # settings, header, menu and footer: kept between requests (home.layout)


def test_the_verification_page_confirms_a_real_code(client, certificate, months):
    url = f"/mentoring/certificates/verify/?code={certificate.display_code.lower().replace('-', ' ')}"
    response = client.get(url)
    assert response.status_code == 200
    text = response.text
    assert "Apstiprināts" in text and NAME in text and "10,25" in text
    with translation.override("lv"):
        assert f"{month_name(months[0])} – {month_name(months[1])}" in text
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"
    # Nothing else about the mentor or the child.
    pair = certificate.mentor.pairs.get()
    for private in (pair.mentee.first_name, certificate.mentor.user.email, certificate.mentor.phone, pair.reference):
        assert private not in text
    english = client.get(f"/en/mentoring/certificates/verify/?code={certificate.code}")
    assert "Confirmed" in english.text and "10.25" in english.text


def test_the_verification_page_refuses_an_unknown_code_clearly(client, certificate):
    response = client.get("/mentoring/certificates/verify/?code=2345-6789-ABCD")
    assert response.status_code == 404
    assert "Nevienam apliecinājumam nav šāda koda" in response.text
    assert NAME not in response.text
    malformed = client.get("/en/mentoring/certificates/verify/?code=hello")
    assert malformed.status_code == 400 and "has 12 letters and digits" in malformed.text
    empty = client.get("/en/mentoring/certificates/verify/")
    assert empty.status_code == 200 and "Check a code" in empty.text


def test_a_revoked_certificate_is_said_to_be_revoked(client, certificate, coordinator):
    services.revoke_certificate(certificate, by=coordinator)
    response = client.get(f"/en/mentoring/certificates/verify/?code={certificate.code}")
    assert "no longer valid" in response.text and "10.25" not in response.text


def test_checking_codes_is_rate_limited(client, certificate, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "certificate_check_per_ip": "3/h"}
    for code in ("2345-6789-ABCD", "2345-6789-ABCE", certificate.code):
        assert client.get(f"/en/mentoring/certificates/verify/?code={code}").status_code in (200, 404)
    refused = client.get(f"/en/mentoring/certificates/verify/?code={certificate.code}")
    assert refused.status_code == 429 and "try again in" in refused.text and NAME not in refused.text


def test_the_verification_page_query_budget(client, certificate):
    assert_queries(client, f"/mentoring/certificates/verify/?code={certificate.code}", VERIFY)


# Personal data


def test_my_data_lists_the_certificates_and_erasure_removes_them(client, certificate, coordinator):
    user = certificate.mentor.user
    client.force_login(user)
    assert certificate.display_code in client.get("/en/my-data/").text
    services.close_pair(certificate.mentor.pairs.get(), closed_on=timezone.localdate(), reason="goals_met")
    services.erase_mentor(user, coordinator)
    assert not Certificate.objects.exists()
    assert client.get(f"/mentoring/certificates/verify/?code={certificate.code}").status_code == 404


def test_the_coordinator_revokes_a_certificate_in_the_admin(client, certificate, coordinator):
    client.force_login(coordinator)
    listing = client.get("/admin/mentoring/certificates/")
    assert listing.status_code == 200 and NAME in listing.text
    inspect = client.get(f"/admin/mentoring/certificates/inspect/{certificate.pk}/")
    assert f"/admin/mentoring/certificates/revoke/{certificate.pk}/" in inspect.text
    assert client.get(f"/admin/mentoring/certificates/revoke/{certificate.pk}/").status_code == 200
    response = client.post(f"/admin/mentoring/certificates/revoke/{certificate.pk}/")
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_by == coordinator and certificate.revoked_at is not None
    assert "vairs nav derīgs" in client.get(f"/mentoring/certificates/verify/?code={certificate.code}").text


def test_only_coordinators_see_the_certificates_in_the_admin(client, certificate, editor):
    client.force_login(editor)
    assert client.get("/admin/mentoring/certificates/").status_code in (302, 403)
    assert client.post(f"/admin/mentoring/certificates/revoke/{certificate.pk}/").status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
