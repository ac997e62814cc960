"""The news feed as a document (RSS 2.0); ``NewsIndexPage`` serves it at ``rss/``.

A builder, not a view, so that the page model that serves it imports no view.
"""

from django.http import HttpRequest
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import get_language

from home.links import absolute_url, page_url

FEED_LENGTH = 20


def news_feed(index_page, request: HttpRequest) -> Rss201rev2Feed:
    """One news index's latest items, in the index's language, with links on the host asked."""
    feed = Rss201rev2Feed(
        title=index_page.title,
        link=page_url(index_page, request),
        description=index_page.introduction or index_page.title,
        language=get_language(),  # the index's own: its address carries the language
        feed_url=absolute_url(request.path, request),
    )
    for item in index_page.news_pages()[:FEED_LENGTH]:
        link = page_url(item, request)
        feed.add_item(
            title=item.title,
            link=link,
            description=item.summary,
            unique_id=link,
            pubdate=item.first_published_at,
            categories=[tagged.label for tagged in item.tagged_items.all()],
        )
    return feed
