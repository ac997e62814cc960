"""The impact page and the home page's figures in the browser, at a phone's and a desktop's width,
in both languages: the charts fit (no page-wide horizontal scroll), screenshots for a person to look at."""

import datetime
import os
import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

import pytest

from campaigns import services as campaign_services
from mentoring import dates
from mentoring.factories import PairFactory
from mentoring.models import MonthReview
from tests.a11y.conftest import LANGUAGES
from tests.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path(os.environ.get("SHOTS_DIR") or Path(tempfile.gettempdir()) / "shots-figures")
# What sticks out of the page on the right, if anything does (the failure names it).
WIDER = """(w) => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > w)
  .slice(0, 5).map(e => e.tagName + ' ' + e.getAttribute('class') + ' ' + e.getBoundingClientRect().right)"""


def approved_months(pairs=6, months=12):
    """Pairs with a year of approved months, as a running programme has: the hours chart has columns."""
    today = timezone.localdate()
    for index in range(pairs):
        pair = PairFactory(start_date=today - datetime.timedelta(days=400))
        for back in range(2, months + 1):
            MonthReview.objects.create(
                pair=pair, month=dates.add_months(today, -back), hours=Decimal(6 + (index * 3 + back) % 9)
            )


def test_impact_and_home_figures_fit_phone_and_desktop(page, live_server, portal):
    SHOTS.mkdir(parents=True, exist_ok=True)
    approved_months()
    line = portal.pledge.lines.first()
    campaign_services.record_receipt(portal.pledge, {line.pk: line.quantity})
    for language in LANGUAGES:
        for width in (375, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            for name in ("impact", "home"):
                page.goto(live_server.url + portal.url(name, language))
                page.wait_for_load_state("load")
                assert page.evaluate("document.documentElement.scrollWidth") <= width, page.evaluate(WIDER, width)
                screenshot(page, SHOTS / f"{name}-{language}-{width}.png")
                if name == "impact":
                    # yearly risk rows, each campaign, each category, hours per month, months at target
                    assert page.locator("main figure").count() == 5
                else:
                    # The figures (the home page's body) line up with the sections above them.
                    lefts = [page.locator(s).bounding_box()["x"] for s in ("#news-title", ".figures-block h2")]
                    assert lefts[0] == lefts[1], (language, width, lefts)
