import datetime
import itertools

from django.utils import timezone

from wagtail.models import Locale

import pytest

from home.factories import ImageFactory, NewsIndexPageFactory, NewsPageFactory, StandardPageFactory


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPageFactory(parent=home_page, show_in_menus=True)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_news(news_index):
    numbers = itertools.count()

    def make(count, parent=None, with_image=True, tags=("labdarība",)):
        image = ImageFactory() if with_image else None
        today = timezone.localdate()
        pages = []
        for _ in range(count):
            number = next(numbers)
            page = NewsPageFactory(
                parent=parent or news_index,
                title=f"Ziņa {number}",
                slug=f"zina-{number}",
                date=today - datetime.timedelta(days=number),
                image=image,
            )
            page.tags.add(*tags)
            page.save_revision().publish()
            pages.append(page)
        return pages

    return make


def publish_standard_page(parent, title, slug):
    page = StandardPageFactory(parent=parent, title=title, slug=slug, show_in_menus=True)
    page.save_revision().publish()
    return page


@pytest.fixture
def about_page(home_page):
    return publish_standard_page(home_page, "Par centru", "par-centru")


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")
