"""Listings cost the same number of queries whatever their length."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.factories import ImageFactory, NewsPageFactory, SupporterFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # the first request renders the images; the count is of a page as visitors get it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_news(index, start, count):
    for number in range(start, start + count):
        page = NewsPageFactory(parent=index, title=f"Ziņa {number}", slug=f"zina-{number}", image=ImageFactory())
        page.tags.add("labdarība", f"tēma {number}")
        page.save_revision().publish()


@pytest.mark.parametrize("url", ["/", "/jaunumi/", "/jaunumi/?tag=labdar%C4%ABba", "/jaunumi/rss/"])
def test_query_count_is_the_same_at_1_and_30_news_items(client, news_index, url):
    SupporterFactory(logo=ImageFactory())
    SupporterFactory(logo=ImageFactory())
    add_news(news_index, 0, 1)
    with_one = count_queries(client, url)
    add_news(news_index, 1, 29)
    with_thirty = count_queries(client, url)
    assert with_thirty == with_one
