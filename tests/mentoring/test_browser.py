"""A mentor on a phone logs a meeting and watches the month's progress move."""

import datetime
from decimal import Decimal

import pytest

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
    assert page.get_by_test_id("month-hours").locator("strong").inner_text() == "3,5"
    assert done_width(page) == 35.0 > before
    assert page.get_by_text("Skatījāmies filmu un runājām par skolu.").is_visible()
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []
