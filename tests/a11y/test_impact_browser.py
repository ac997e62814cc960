"""The impact page and the home page's figures in the browser, at a phone's and a desktop's width,
in both languages: the charts fit (no page-wide horizontal scroll), screenshots for a person to look at."""

import os
from pathlib import Path

import pytest

from tests.a11y.conftest import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots-figures"))


def test_impact_and_home_figures_fit_phone_and_desktop(page, live_server, portal):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        for width in (375, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            for name in ("impact", "home"):
                page.goto(live_server.url + portal.url(name, language))
                page.wait_for_load_state("load")
                wide = page.evaluate(
                    """(w) => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > w)
                    .slice(0, 5).map(e => e.tagName + '.' + e.className.baseVal + e.className + ' ' + e.getBoundingClientRect().right)""",
                    width,
                )
                assert page.evaluate("document.documentElement.scrollWidth") <= width, wide
                page.screenshot(path=str(SHOTS / f"{name}-{language}-{width}.png"), full_page=True)
            assert page.locator("main figure").count() >= 3 or name == "home"
