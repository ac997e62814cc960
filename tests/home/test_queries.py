"""What the public pages cost in queries: pinned, at most 12 (``PAGE_LIMIT``), and the same at 10 and
at 200 news items. The frame (settings, header, menu, switcher, footer, supporters) is kept between
requests (``home.layout``); ``assert_queries`` warms it with a first request, as a running server has."""

from wagtail.models import PageViewRestriction

import pytest

from home.factories import ImageFactory, NewsPageFactory, StandardPageFactory, SupporterFactory
from tests.queries import PAGE_LIMIT, assert_queries

pytestmark = pytest.mark.django_db

HOME = [
    ("running campaigns (campaigns_tags)", 1),
    ("latest news: the news index, the items, their tags, image renditions", 4),
]
FIND_SECTION = [("the section: the child by slug and its row", 2)]
NEWS_INDEX = [
    *FIND_SECTION,
    ("breadcrumbs: the ancestors", 1),
    ("the index's tag list", 1),
    ("news items: count (paginator), this page of items, their tags, image renditions", 4),
]
RSS = [*FIND_SECTION, ("the 20 latest items, their tags, image renditions", 3)]
# The news index on the way is passed by (none of its own sub-addresses matches), and the breadcrumbs
# take its title and address from the frame (home.layout).
NEWS_PAGE = [
    ("the pages on the address (one query), the news page's row", 2),
    ("its tags, its picture", 2),
]
STANDARD_PAGE = [*FIND_SECTION, ("its live, public children: view restrictions, the pages", 2)]
SEARCH = [("the active locale", 1), ("the matching pages: count, this page of them, their rows", 3)]


def add_news(index, start, count, image):
    """Live news items with tags, saved once each (no revisions: the pages only read them)."""
    for number in range(start, start + count):
        page = NewsPageFactory.build(title=f"Ziņa {number}", slug=f"zina-{number}", image=image, live=True)
        page.tags.add("labdarība", f"tēma {number}")  # kept with the page, saved with it once
        index.add_child(instance=page)


@pytest.mark.search_index  # searches the pages it made
def test_public_pages_cost_the_same_at_10_and_200_news_items(client, home_page, news_index):
    SupporterFactory(logo=ImageFactory())
    SupporterFactory(logo=ImageFactory())
    about = StandardPageFactory(parent=home_page, title="Par mums", slug="par-mums")
    about.save_revision().publish()
    # A private section costs the listings nothing more: its address is kept with the frame (home.layout).
    private = StandardPageFactory(parent=home_page, title="Slēgta", slug="slegta")
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    image = ImageFactory()
    add_news(news_index, 0, 10, image)
    pages = {
        "/": HOME,
        "/jaunumi/": NEWS_INDEX,
        "/jaunumi/?tag=labdar%C4%ABba": NEWS_INDEX,
        "/jaunumi/rss/": RSS,
        "/jaunumi/zina-3/": NEWS_PAGE,
        "/par-mums/": STANDARD_PAGE,
        "/search/?q=zi%C5%86a": SEARCH,
    }
    for url, budget in pages.items():
        assert_queries(client, url, budget, limit=PAGE_LIMIT)
    add_news(news_index, 10, 190, image)
    pages["/jaunumi/?page=12"] = NEWS_INDEX
    for url, budget in pages.items():
        assert_queries(client, url, budget, limit=PAGE_LIMIT)


# The news lists are kept under the frame's generation ({% cache %}, home.layout): a view that finds them
# reads neither the items nor their tags, pictures or the index's topics. The running campaigns are kept
# under the content's generation and the date (tests/campaigns/test_queries.py): the home page then costs
# no query at all.
HOME_KEPT: list[tuple[str, int]] = []
NEWS_INDEX_KEPT = [
    *FIND_SECTION,
    ("breadcrumbs: the ancestors", 1),
    ("news items: count (paginator)", 1),
]


def test_the_news_lists_are_kept_until_what_they_show_changes(client, home_page, news_index, english_home):
    from wagtail.models import Locale

    from home.models import TagName

    image = ImageFactory()
    add_news(news_index, 0, 12, image)
    assert_queries(client, "/", HOME_KEPT, fragments="kept")
    assert_queries(client, "/jaunumi/", NEWS_INDEX_KEPT, fragments="kept")
    assert_queries(client, "/jaunumi/?page=2", NEWS_INDEX_KEPT, fragments="kept")

    # Published: on the home page and at the top of the list at once.
    fresh = NewsPageFactory(parent=news_index, title="Svaiga ziņa", slug="svaiga-zina", image=image)
    fresh.save_revision().publish()
    assert "Svaiga ziņa" in client.get("/").content.decode()
    assert "Svaiga ziņa" in client.get("/jaunumi/").content.decode()
    # Unpublished: gone from both.
    fresh.unpublish()
    assert "Svaiga ziņa" not in client.get("/").content.decode()
    assert "Svaiga ziņa" not in client.get("/jaunumi/").content.decode()

    # A tag's English name, given after the English list was kept, shows on it.
    english = Locale.objects.get(language_code="en")
    index_en = news_index.copy_for_translation(english)
    index_en.title, index_en.slug = "News", "news"
    index_en.save_revision().publish()
    item = news_index.get_children().live().last().specific
    item_en = item.copy_for_translation(english)
    item_en.save_revision().publish()
    assert ">camps<" not in client.get("/en/news/").content.decode()
    TagName.objects.create(tag=item.tags.get(name="labdarība"), language="en", name="camps")
    assert ">camps<" in client.get("/en/news/").content.decode()
