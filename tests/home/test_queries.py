"""What the public pages cost in queries: pinned, and the same at 1 and at 30 news items."""

import pytest

from home.factories import ImageFactory, NewsPageFactory, SupporterFactory
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db

# Finding the page: Wagtail's site for the host, the active locale, the page, its ancestors'
# aliases and view restrictions (a page below the home page also needs the child by slug and
# its specific row).
SERVE_HOME = [("site, locale, home page, ancestors' aliases, view restrictions", 5)]
SERVE_CHILD = [("site, locale, home page, child by slug and its specific row, aliases, view restrictions", 7)]
# What the layout (base.html) costs on every page.
LAYOUT = [
    ("centre settings (title, footer)", 1),
    ("the home page in the active language, for the header (locale, page)", 2),
    ("the menu: view restrictions and the home page's children", 2),
    ("the news index, for the header's RSS link", 1),
    ("the language switcher: English locale and this page's translations", 2),
    ("footer: opening hours", 1),
    ("footer: supporters and their logo renditions", 2),
]
HOME = [
    *SERVE_HOME,
    *LAYOUT,
    ("running campaigns: view restrictions, locale, pages (campaigns_tags)", 3),
    ("latest news: the news index, view restrictions, the items", 3),
    ("latest news: their tags and image renditions", 2),
]
NEWS_INDEX = [
    *SERVE_CHILD,
    *LAYOUT,
    ("breadcrumbs: the ancestors", 1),
    ("the index's tag list", 1),
    ("news items: view restrictions, count (paginator), this page of items, their tags, image renditions", 5),
]
RSS = [
    *SERVE_CHILD,
    ("the 20 latest items: view restrictions, items, tags, image renditions", 4),
]


def add_news(index, start, count):
    for number in range(start, start + count):
        page = NewsPageFactory(parent=index, title=f"Ziņa {number}", slug=f"zina-{number}", image=ImageFactory())
        page.tags.add("labdarība", f"tēma {number}")
        page.save_revision().publish()


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/", HOME),
        ("/jaunumi/", NEWS_INDEX),
        ("/jaunumi/?tag=labdar%C4%ABba", NEWS_INDEX),
        ("/jaunumi/rss/", RSS),
    ],
)
def test_query_count_is_the_same_at_1_and_30_news_items(client, news_index, url, budget):
    SupporterFactory(logo=ImageFactory())
    SupporterFactory(logo=ImageFactory())
    add_news(news_index, 0, 1)
    assert_queries(client, url, budget)
    add_news(news_index, 1, 29)
    assert_queries(client, url, budget)
