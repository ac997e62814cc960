"""A visitor in Chromium: home page, switch to English, open a news item; no console errors."""

from wagtail.models import Locale

import pytest

from home.factories import ImageFactory, NewsIndexPageFactory, NewsPageFactory
from home.models import HomePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def site_in_two_languages():
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale__language_code="lv")
    index = publish(NewsIndexPageFactory(parent=home, show_in_menus=True))
    news = publish(NewsPageFactory(parent=index, title="Vasaras nometnes", slug="nometnes", image=ImageFactory()))
    home_en = publish(home.copy_for_translation(english))
    home_en.title = "Support for families"
    publish(home_en)
    index_en = index.copy_for_translation(english)
    index_en.title, index_en.slug = "News", "news"
    publish(index_en)
    news_en = news.copy_for_translation(english)
    news_en.title, news_en.summary = "Summer camps", "Twelve families went to camp."
    publish(news_en)
    return home


def test_visitor_switches_to_english_and_reads_news(page, live_server, site_in_two_languages):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert page.get_by_role("heading", name="Jaunākās ziņas").is_visible()

    # On a phone the menu is folded behind a button (added by JavaScript); open it.
    toggle = page.get_by_role("button", name="Izvēlne")
    assert not page.get_by_role("link", name="EN English").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.get_by_role("link", name="EN English").click()
    page.wait_for_load_state("load")
    assert page.url == live_server.url + "/en/"
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("link", name="Summer camps").click()
    page.wait_for_load_state("load")
    assert page.url == live_server.url + "/en/news/nometnes/"
    assert page.get_by_role("heading", level=1).inner_text() == "Summer camps"
    assert errors == []
