from django.contrib.syndication.views import Feed

from home.links import page_url


class NewsFeed(Feed):
    """RSS of one news index's latest items, in the index's language."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return page_url(self.index_page, self.request)

    def description(self):
        return self.index_page.introduction or self.index_page.title

    def items(self):
        return self.index_page.news_pages()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return page_url(item, self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
