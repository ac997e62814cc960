"""In the browser: a mentor on a phone downloads the certificate; its code is checked on the centre's
page; the handbook reads well on a phone and a desktop, in both languages. Screenshots go to
``/tmp/shots-mentor/`` (never into the repository) for a person to look at."""

import datetime
import io
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots-mentor"


@pytest.fixture
def mentor(english_home, sign_in_cookie):
    """Laura, paired two and a half months ago; last month approved with 7.5 hours in 3 meetings."""
    from io import StringIO

    from django.utils import timezone

    from accounts.factories import UserFactory
    from home.demo import DemoContext
    from mentoring import dates, services
    from mentoring.demo_data import load_handbook
    from mentoring.factories import MeetingFactory, MentorFactory, PairFactory

    today = timezone.localdate()
    user = UserFactory(email="mentore@example.org")
    coordinator = UserFactory(email="koordinators@example.org", groups=["Mentoring coordinators"])
    pair = PairFactory(
        mentor=MentorFactory(user=user, full_name="Laura Ābeļkalne"),
        coordinator=coordinator,
        mentee__first_name="Elza",
        start_date=today - datetime.timedelta(days=75),
    )
    last_month = dates.add_months(today, -1)
    for day, hours in ((2, "3"), (9, "2.5"), (16, "2")):
        MeetingFactory(pair=pair, date=last_month + datetime.timedelta(days=day), hours=Decimal(hours))
    MeetingFactory(pair=pair, date=today, hours=Decimal("4"))  # this month: not approved, not counted
    services.approve_month(pair, last_month, by=coordinator)
    load_handbook(DemoContext(stdout=StringIO()))
    return user


@pytest.fixture
def sign_in_cookie(live_server):
    from django.conf import settings
    from django.test import Client

    def sign_in(context, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])

    return sign_in


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.wait_for_load_state("load")
    screenshot(page, SHOTS / f"{name}.png")


def test_a_mentor_downloads_the_certificate_on_a_phone_and_its_code_checks_out(
    page, live_server, mentor, sign_in_cookie
):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in_cookie(page.context, mentor)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + "/mentoring/")
    section = page.locator("#certificate")
    assert "7,5" in section.inner_text()
    assert page.get_by_label("Latviešu").is_checked()
    shot(page, "my-mentoring-375-lv")
    page.get_by_label("Angļu").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Lejupielādēt apliecinājumu (PDF)").click()
    download = download_info.value
    assert re.fullmatch(r"certificate-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\.pdf", download.suggested_filename)
    saved = SHOTS / "certificate-en.pdf"
    download.save_as(saved)
    text = re.sub(r"\s+", " ", PdfReader(io.BytesIO(saved.read_bytes())).pages[0].extract_text())
    assert "Certificate of volunteering" in text and "Laura Ābeļkalne" in text
    assert "Approved hours 7.5" in text and "Meetings with the mentee 3" in text
    link = re.search(r"https?://\S+verify/\?code=\S+", text.replace("verify/ ?", "verify/?")).group(0)

    # Whoever the mentor gives the certificate to opens its link: signed out, in English.
    page.context.clear_cookies()
    page.goto(link)
    result = page.locator("#result")
    assert "Confirmed" in result.inner_text() and "Laura Ābeļkalne" in result.inner_text()
    assert "7.5" in result.inner_text() and "Elza" not in page.content()
    shot(page, "verify-375-en")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "verify-1280-en")
    code = link.rsplit("=", 1)[1]
    page.goto(live_server.url + "/mentoring/certificates/verify/")
    page.get_by_label("Pārbaudes kods").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Pārbaudīt", exact=True).click()
    page.wait_for_load_state("load")
    assert "Apstiprināts" in page.locator("#result").inner_text()
    shot(page, "verify-1280-lv")
    page.get_by_label("Pārbaudes kods").fill("2345-6789-ABCD")
    page.get_by_role("button", name="Pārbaudīt", exact=True).click()
    page.wait_for_load_state("load")
    assert page.locator("#error-summary").is_visible()
    assert "Nevienam apliecinājumam nav šāda koda" in page.content()
    page.set_viewport_size({"width": 375, "height": 812})
    shot(page, "verify-unknown-375-lv")
    assert errors == []


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_handbook_on_a_phone_and_a_desktop(page, live_server, mentor, sign_in_cookie, language):
    sign_in_cookie(page.context, mentor)
    prefix = "" if language == "lv" else "/en"
    page.goto(live_server.url + prefix + "/mentoring/")
    page.locator("#handbook-title ~ p a").click()
    page.wait_for_load_state("load")
    root = "/mentora-rokasgramata/" if language == "lv" else "/en/mentors-handbook/"
    assert page.url == live_server.url + root
    chapter = {"lv": "Darbs ar aizbilstamo", "en": "Working with your mentee"}[language]
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"handbook-{width}-{language}")
    page.get_by_role("link", name=chapter).click()
    page.get_by_role("link", name={"lv": "Pirmās tikšanās", "en": "The first meetings"}[language]).click()
    page.wait_for_load_state("load")
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"handbook-chapter-{width}-{language}")
    document = page.request.get(live_server.url + page.locator(".document-link a").get_attribute("href"))
    assert document.status == 200 and document.headers["content-type"] == "application/pdf"
