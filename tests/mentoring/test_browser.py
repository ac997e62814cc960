"""A mentor on a phone logs a meeting and watches the month's progress move."""

import datetime
from decimal import Decimal

import pytest

from tests.browser import sign_in_as_staff
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def mentor_with_a_pair():
    from django.utils import timezone

    from accounts.factories import UserFactory
    from mentoring.factories import MeetingFactory, MentorFactory, PairFactory

    today = timezone.localdate()
    user = UserFactory(email="mentore@example.org")
    coordinator = UserFactory(email="koordinators@example.org", groups=["Mentoring coordinators"])
    pair = PairFactory(
        mentor=MentorFactory(user=user),
        coordinator=coordinator,
        mentee__first_name="Elza",
        start_date=today - datetime.timedelta(days=60),
    )
    MeetingFactory(pair=pair, date=today, hours=Decimal("2"))
    return user


def done_width(page):
    bar = page.locator(".month-progress .bar__done")
    return float(bar.get_attribute("width")) if bar.count() else 0.0


def test_mentor_logs_a_meeting_on_a_phone(page, live_server, mentor_with_a_pair):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(live_server.url + "/accounts/login/?next=/mentoring/")
    page.fill("input[name=login]", mentor_with_a_pair.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.url == live_server.url + "/mentoring/"
    assert page.get_by_role("heading", name="Elza").is_visible()
    figure = page.get_by_test_id("month-hours")
    assert figure.locator("strong").inner_text() == "2"
    before = done_width(page)
    assert before == 20.0

    page.get_by_label("Stundas").fill("1,5")
    page.get_by_label("Nodarbe").select_option("cinema")
    page.get_by_label("Piezīme koordinatoram").fill("Skatījāmies filmu un runājām par skolu.")
    page.get_by_role("button", name="Saglabāt tikšanos").click()
    page.wait_for_load_state("load")

    assert page.get_by_text("Tikšanās ir reģistrēta.").is_visible()
    assert page.url == live_server.url + "/mentoring/"
    assert page.get_by_test_id("month-hours").locator("strong").inner_text() == "3,5"
    assert done_width(page) == 35.0 > before
    assert page.get_by_text("Skatījāmies filmu un runājām par skolu.").is_visible()
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []

    # Back, and the same meeting sent again (the browser fills in the activity and the note; the hours,
    # autocomplete="off", are typed again): it is asked about, not saved twice; "Yes" saves a second one.
    from mentoring.models import Meeting

    page.go_back()
    page.wait_for_load_state("load")
    page.get_by_label("Stundas").fill("1,5")
    page.get_by_label("Nodarbe").select_option("cinema")
    page.get_by_role("button", name="Saglabāt tikšanos").click()
    page.locator("#error-summary").wait_for()
    assert "Vai šī bija otra tikšanās?" in page.locator("#error-summary").inner_text()
    assert Meeting.objects.count() == 2
    page.get_by_role("button", name="Jā, saglabāt otru tikšanos").click()
    page.get_by_text("Tikšanās ir reģistrēta.").wait_for()
    assert Meeting.objects.count() == 3
    assert [error for error in errors if "status of 400" not in error] == []  # the question comes with a 400


@pytest.fixture
def monitored_pairs(make_user):
    """A coordinator (Latvian admin) and two pairs whose marks the monitoring table shows."""
    from django.utils import timezone

    from wagtail.users.models import UserProfile

    from mentoring import dates
    from mentoring.factories import CheckInFactory, MeetingFactory, PairFactory

    today = timezone.localdate()
    coordinator = make_user(groups=["Mentoring coordinators"], email="koordinatore@example.org")
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "lv"
    profile.save()
    worried = PairFactory(
        coordinator=coordinator, mentor__full_name="Jānis Kalniņš", start_date=today - datetime.timedelta(days=100)
    )
    MeetingFactory(pair=worried, date=today, hours=Decimal("2"), concern=True)
    busy = PairFactory(
        coordinator=coordinator, mentor__full_name="Ieva Liepa", start_date=today - datetime.timedelta(days=100)
    )
    MeetingFactory(pair=busy, date=dates.add_months(today, -1), hours=Decimal("12"))
    MeetingFactory(pair=busy, date=dates.add_months(today, -1) + datetime.timedelta(days=1), hours=Decimal("12"))
    CheckInFactory(pair=busy, date=today)
    return coordinator


def sign_in_to_admin(page, base, user):
    page.goto(base + "/accounts/login/")
    sign_in_as_staff(page, user)
    page.wait_for_url("**/admin/")  # staff land in the admin


def test_the_monitoring_table_reads_on_a_laptop_and_on_a_phone(page, live_server, monitored_pairs):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_to_admin(page, live_server.url, monitored_pairs)
    page.goto(live_server.url + "/admin/mentoring/monitoring/")
    page.wait_for_load_state("load")

    # The export stands clear of the page's header.
    header = page.locator("header").first.bounding_box()
    export = page.get_by_role("link", name="Stundas pa pāriem un mēnešiem (XLSX/CSV)").bounding_box()
    assert export["y"] >= header["y"] + header["height"] + 12
    # Every mark in the table is explained in the legend.
    legend = page.get_by_role("region", name="Ko nozīmē atzīmes")
    for words in ["mazāk stundu nekā mērķis", "krietni virs mērķa", "Bažas", "saziņas nav bijis", "sodāmības izziņa"]:
        assert words in legend.inner_text()
    assert page.get_by_role("table", name="2 aktīvi pāri").get_by_role("row").count() == 3

    # A phone: each pair is a card of labelled lines, nothing wider than the screen, and the
    # chart scrolls sideways in a labelled region that the keyboard reaches.
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    table = page.get_by_role("table", name="2 aktīvi pāri")
    assert table.get_by_role("row").count() == 3  # still a table to a screen reader
    cell = table.locator("td[data-label]").first
    label = cell.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert "Koordinators" in label
    assert cell.bounding_box()["width"] > 300  # the whole card's width, not a column
    chart = page.get_by_role("region", name="Stundas mēnesī visā programmā")
    chart.focus()
    assert chart.evaluate("region => region === document.activeElement")
    chart.press("ArrowRight")
    chart.press("ArrowRight")
    page.wait_for_timeout(200)
    assert chart.evaluate("region => region.scrollLeft") > 0
    assert errors == []
