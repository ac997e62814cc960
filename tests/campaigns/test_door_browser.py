"""The door's touches in Chromium: the confirmation with its QR code and calendar entry on a phone and a
laptop in both languages, a Campaign manager scanning the code on a phone, and the poster printed to PDF.

Screenshots and the printed poster go to /tmp/shots-door/ for a person to look at.
"""

import datetime
import re
import shutil
import subprocess
from pathlib import Path

from django.utils import timezone, translation

import icalendar
import pytest

from campaigns import services
from campaigns.choices import PledgeState
from campaigns.models import Pledge
from tests.browser import screenshot, sign_in_as_staff, watch_console
from tests.qr import decode_png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path("/tmp/shots-door")  # noqa: S108 - for a person to look at, never read back


@pytest.fixture
def world(campaign_index, english_home, make_user):
    from wagtail.models import Locale, Site

    from campaigns.factories import CampaignPageFactory
    from home.models import CentreSettings, OpeningHours

    centre = CentreSettings.for_site(Site.objects.get(is_default_site=True))
    centre.phone = "+371 26 000 000"
    centre.dropoff_instructions = "Ieeja no pagalma, zvaniet pie zilajām durvīm."
    centre.dropoff_instructions_en = "Enter from the courtyard and ring at the blue door."
    centre.save()
    for first, last, closes in [(1, 4, 17), (5, 5, 14)]:
        OpeningHours.objects.create(
            settings=centre, first_day=first, last_day=last, opens=datetime.time(9), closes=datetime.time(closes)
        )
    campaign_index.save_revision().publish()
    campaign = CampaignPageFactory(
        parent=campaign_index,
        title="Ģimene ģimenei",
        needs=[
            {"name": "Skolas mugursoma", "category": "school_bags", "quantity": 10},
            {
                "name": "Ziemas zābaki",
                "size": "EU 36",
                "category": "shoes",
                "unit": "pairs",
                "quantity": 4,
                "priority": 1,
            },
            {"name": "Krāsainie zīmuļi (24 krāsas)", "quantity": 20},
            {"name": "Rūtiņu burtnīcas A5", "quantity": 40, "priority": 1},
            {"name": "Sporta apavi", "size": "EU 38", "unit": "pairs", "quantity": 3},
            {"name": "Siltās zeķes", "unit": "pairs", "quantity": 25, "priority": 3},
            {"name": "Lineāls, 30 cm", "quantity": 12},
            {"name": "Ēdienu kastīte", "quantity": 8},
            {"name": "Dzēšgumija", "quantity": 15},
            {"name": "Zīmēšanas albums", "quantity": 10},
        ],
    )
    campaign.save_revision().publish()
    english_locale = Locale.objects.get(language_code="en")
    campaign_index.copy_for_translation(english_locale).save_revision().publish()
    english = campaign.copy_for_translation(english_locale)
    english.title = "Family to family"
    english.save_revision().publish()
    return {"campaign": campaign, "english": english, "manager": make_user(groups=["Campaign managers"])}


def pledge_for(world, language):
    tallies = list(world["campaign"].tallies.order_by("sort_order"))
    details = services.DonorDetails(
        donor_name="Marta Priede",
        email="marta@example.org",
        expected_date=timezone.localdate() + datetime.timedelta(days=2),
    )
    with translation.override(language):
        return services.create_pledge(
            world["campaign"], {tallies[0].pk: 2, tallies[1].pk: 1}, details, language=language
        ).pledge


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_confirmation_shows_the_code_and_gives_the_calendar_entry(page, live_server, world, language):
    SHOTS.mkdir(exist_ok=True)
    pledge = pledge_for(world, language)
    with translation.override(language):
        url = live_server.url + pledge.get_confirmation_url()
    errors = watch_console(page)  # a CSP violation (an inline style, a script) shows here
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        page.wait_for_load_state("load")
        screenshot(page, SHOTS / f"confirmation-{language}-{width}.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        code = page.locator(".pledge-door__qr")
        code.scroll_into_view_if_needed()
        box = code.bounding_box()
        assert box["width"] >= 150  # big enough to scan from a phone held out at the door
        assert decode_png(code.screenshot()) == [f"{live_server.url}/admin/pledge/scan/{pledge.reference}/"]
    label = {"lv": "Pievienot manam kalendāram", "en": "Add to my calendar"}[language]
    with page.expect_download() as download:
        page.get_by_role("link", name=label).click()
    download = download.value
    assert download.suggested_filename == {"lv": "solijums", "en": "pledge"}[language] + f"-{pledge.reference}.ics"
    (event,) = icalendar.Calendar.from_ical(Path(download.path()).read_bytes()).walk("VEVENT")
    assert pledge.reference in str(event["SUMMARY"]) and "Rūpniecības iela 7" in str(event["LOCATION"])
    assert errors == []


def test_a_campaign_manager_scans_the_code_on_a_phone_and_records_with_one_tap(page, live_server, world):
    SHOTS.mkdir(exist_ok=True)
    pledge = pledge_for(world, "lv")
    manager = world["manager"]
    page.set_viewport_size({"width": 375, "height": 812})
    errors = watch_console(page)
    # The phone's camera opens the code's address; signed out, the manager signs in first.
    page.goto(f"{live_server.url}/admin/pledge/scan/{pledge.reference}/")
    page.wait_for_url("**/accounts/login/**")
    sign_in_as_staff(page, manager)
    page.wait_for_url(f"**/admin/pledge/scan/{pledge.reference}/")
    page.wait_for_load_state("load")
    screenshot(page, SHOTS / "scan-375.png")
    assert page.get_by_text("Marta Priede", exact=True).is_visible()
    record = page.get_by_role("button", name="Reģistrēt saņemto")
    assert record.bounding_box()["y"] < 812 * 1.5  # near the top: no long scroll at the door
    record.click()  # the one tap
    page.wait_for_url(f"**/admin/pledge/inspect/{pledge.pk}/")
    page.wait_for_load_state("load")
    screenshot(page, SHOTS / "scan-recorded-375.png")
    pledge = Pledge.objects.get(pk=pledge.pk)
    assert pledge.state == PledgeState.RECEIVED
    assert errors == []


def test_a_manager_records_the_rest_and_follows_the_summary_to_the_late_pledges(page, live_server, world):
    """After a partial delivery the pledge's "Record received" page opens at what is still expected;
    the campaign summary names the longest overdue and links to all of them, on a phone and a laptop."""
    SHOTS.mkdir(exist_ok=True)
    pledge = pledge_for(world, "lv")
    line = pledge.lines.order_by("pk").first()
    services.record_receipt(pledge, {line.pk: 1})  # 1 of 2 came
    tallies = list(world["campaign"].tallies.order_by("sort_order"))
    for number in range(23):
        tally = tallies[2] if number < 20 else tallies[0]  # 20 coloured pencils, then school bags
        details = services.DonorDetails(
            donor_name=f"Kavētājs {number}", email=f"k{number}@example.org", expected_date=timezone.localdate()
        )
        late = services.create_pledge(world["campaign"], {tally.pk: 1}, details).pledge
        Pledge.objects.filter(pk=late.pk).update(
            expected_date=timezone.localdate() - datetime.timedelta(days=30 - number)
        )
    errors = watch_console(page)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/admin/pledge/receive/{pledge.pk}/")
    sign_in_as_staff(page, world["manager"])
    page.wait_for_url(f"**/admin/pledge/receive/{pledge.pk}/")
    values = page.locator("main form input[type=number]").evaluate_all("(inputs) => inputs.map((i) => i.value)")
    assert sorted(values) == ["1", "1"]  # the other 1 of the 2, and the 1 pair of boots
    screenshot(page, SHOTS / "receive-rest-375.png")
    page.get_by_role("button", name="Reģistrēt saņemto").click()
    page.wait_for_url(f"**/admin/pledge/inspect/{pledge.pk}/")
    assert Pledge.objects.get(pk=pledge.pk).state == PledgeState.RECEIVED
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/admin/campaign_summary/")
        screenshot(page, SHOTS / f"summary-{width}.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # Every figure in view without scrolling the table: on a phone each item is a card of labelled lines.
        table = page.locator("main table.portal-cards").first
        assert table.evaluate("(el) => el.scrollWidth <= el.clientWidth")
        last = table.locator("tbody tr").first.locator("td").last
        assert last.bounding_box()["x"] + last.bounding_box()["width"] <= width
        assert page.get_by_role("heading", name="Nokavētie solījumi (23)").is_visible()
    page.get_by_role("link", name="visi 23 nokavētie solījumi solījumu sarakstā").click()
    page.wait_for_url("**/admin/pledge/?**")
    screenshot(page, SHOTS / "late-pledges-1280.png")
    assert page.locator("main table tbody tr").count() == 23
    assert errors == []


def run(*command):
    """A poppler tool on a PDF this test printed (``make pdf-tools`` installs them)."""
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is missing: make pdf-tools")
@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_poster_prints_on_one_a4_page(page, live_server, world, language):
    SHOTS.mkdir(exist_ok=True)
    campaign = world["campaign"] if language == "lv" else world["english"]
    prefix = "" if language == "lv" else "/en"
    url = f"{live_server.url}{prefix}/campaigns/{campaign.pk}/poster/"
    errors = watch_console(page)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        page.wait_for_load_state("load")
        screenshot(page, SHOTS / f"poster-screen-{language}-{width}.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    pdf = SHOTS / f"poster-{language}.pdf"
    page.emulate_media(media="print")
    page.pdf(path=pdf, prefer_css_page_size=True, print_background=False)
    info = run("pdfinfo", str(pdf))
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert re.search(r"^Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)", info, re.M), info
    text = run("pdftotext", "-layout", str(pdf), "-")
    # The eight needed most (urgent first): the nice-to-have socks and the 3 sports shoes are left to the page.
    for name in ["Ziemas zābaki", "Rūtiņu burtnīcas A5", "Krāsainie zīmuļi (24 krāsas)", "Ēdienu kastīte"]:
        assert name in text
    assert "Siltās zeķes" not in text and "Sporta apavi" not in text
    assert "Rūpniecības iela 7" in text and "09:00–17:00" in text and "09:00–14:00" in text
    assert {"lv": "Visvairāk vajadzīgs", "en": "Needed most"}[language] in text
    assert {"lv": "Drukāt plakātu", "en": "Print the poster"}[language] not in text  # the screen's tools: not on paper
    run("pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf), str(SHOTS / f"poster-{language}"))
    printed = (SHOTS / f"poster-{language}.png").read_bytes()
    assert decode_png(printed) == [f"{live_server.url}{campaign.url}"]
    assert errors == []
